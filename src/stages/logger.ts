/**
 * Where the stage runner writes its log. The shell maps it to @actions/core groups inside GitHub Actions and to
 * plain prefixed lines in the CLI ({@link createLineLogger}).
 */
export interface Logger {
  /** Opens a collapsible group (one per stage). Groups do not nest. */
  startGroup(name: string): void
  endGroup(): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
}

/**
 * A logger writing plain lines, each prefixed with the current group name (`[unit] …`) so that interleaved output
 * stays attributable in a terminal or a log file.
 */
export function createLineLogger(write: (line: string) => void): Logger {
  let group: string | null = null
  const prefix = (): string => (group === null ? '' : `[${group}] `)
  return {
    startGroup(name) {
      group = name
      write(`==> ${name}`)
    },
    endGroup() {
      group = null
    },
    info: (m) => write(`${prefix()}${m}`),
    warning: (m) => write(`${prefix()}warning: ${m}`),
    error: (m) => write(`${prefix()}error: ${m}`),
  }
}

/** A logger that drops everything (for callers that do not want output). */
export const silentLogger: Logger = {
  startGroup: () => undefined,
  endGroup: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
}
