/** One thing wrong with a config file, located as precisely as the YAML allows. */
export interface ConfigProblem {
  /** The config file as the user named it. */
  readonly file: string
  /** 1-based line; 0 when the problem concerns the whole file (missing, unreadable, too large). */
  readonly line: number
  /** 1-based column; 0 with `line` 0. */
  readonly col: number
  /** Dotted key path such as `stages.unit.services[0].name`; empty for file-level problems. */
  readonly path: string
  /** `<what was found>; expected <what is accepted>`, or a file-level explanation. */
  readonly message: string
}

/** Why the config could not be used; lets a caller treat a missing default file differently from a broken one. */
export type ConfigErrorCode = 'not-found' | 'unreadable' | 'too-large' | 'syntax' | 'invalid'

/**
 * Problems spelled out in the error message; a broken file (say, thousands of unclosed brackets) can produce
 * hundreds, and the first few are what the user needs. `problems` keeps them all.
 */
export const MAX_PROBLEMS_IN_MESSAGE = 50

/**
 * `file:line:col: path: message` (the path is left out for syntax errors and top-level problems), the shape editors
 * and GitHub problem matchers understand.
 */
export function formatProblem(p: ConfigProblem): string {
  if (p.line === 0) return `${p.file}: ${p.message}`
  return `${p.file}:${p.line}:${p.col}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`
}

/**
 * A config file that cannot be used. `problems` lists every problem found (not just the first), sorted by
 * position, so a user fixes them all in one round; the message repeats them one per line.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'

  constructor(
    readonly code: ConfigErrorCode,
    readonly problems: readonly ConfigProblem[],
  ) {
    const lines = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).map(formatProblem)
    if (problems.length > MAX_PROBLEMS_IN_MESSAGE) {
      lines.push(`… and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more (fix these first)`)
    }
    const only = problems.length === 1 ? problems[0] : undefined
    super(
      only !== undefined && only.line === 0
        ? lines.join('')
        : [`Invalid Gauntlet config (${problems.length} problem${problems.length === 1 ? '' : 's'}):`]
            .concat(lines.map((l) => `  ${l}`))
            .join('\n'),
    )
  }

  /** The problems as `file:line:col: path: message` lines. */
  lines(): string[] {
    return this.problems.map(formatProblem)
  }
}
