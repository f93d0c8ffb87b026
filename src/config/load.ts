import { readFile, stat } from 'node:fs/promises'
import { LineCounter, parseDocument } from 'yaml'
import type { YAMLError } from 'yaml'
import { DEFAULT_CONFIG_PATH, Inputs } from './action-contract.js'
import { ConfigError } from './config-error.js'
import type { ConfigProblem } from './config-error.js'
import { deepFreeze } from './deep-freeze.js'
import { describeIssues, formatPath, issueSentinel } from './describe-issue.js'
import { configSchema } from './schema.js'
import type { Config } from './schema.js'
import { locatePath } from './yaml-locate.js'

/** Largest config file read; a real one is a few kilobytes, anything near this is a mistake or hostile. */
export const MAX_CONFIG_BYTES = 1024 * 1024

// Aliases expanded when converting to plain data; YAML's default (100) already stops "billion laughs".
const MAX_ALIAS_COUNT = 100

const STARTER = 'version: 1\nstages:\n  unit:\n    run: npm test\n    results: reports/junit.xml'

/** Top-level keys starting with this are ignored: a place for YAML anchors, as in docker-compose files. */
export const EXTENSION_KEY_PREFIX = 'x-'

function withoutExtensionKeys(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith(EXTENSION_KEY_PREFIX)))
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return a.line - b.line || a.col - b.col || a.path.localeCompare(b.path)
}

function syntaxProblem(file: string, err: YAMLError): ConfigProblem {
  const pos = err.linePos?.[0]
  // yaml appends " at line L, column C:" and a code frame; our position fields already say where.
  const text = err.message.split(/ at line \d+, column \d+/)[0] ?? err.message
  return {
    file,
    line: pos?.line ?? 1,
    col: pos?.col ?? 1,
    path: '',
    message: `YAML syntax error: ${text.trim()}`,
  }
}

/**
 * Parses and validates the text of a Gauntlet config. Pure: no file system. An empty document (or only comments)
 * gives the defaults; top-level `x-…` keys (anchor holders) are ignored. Throws {@link ConfigError} listing every
 * YAML syntax error or, if the YAML is well formed, every schema violation, each located by line and column.
 * The result is deeply frozen.
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    throw new ConfigError('syntax', doc.errors.map((e) => syntaxProblem(file, e)).sort(byPosition))
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new ConfigError('syntax', [{ file, line: 1, col: 1, path: '', message: `YAML error: ${message}` }])
  }
  const input = withoutExtensionKeys(data ?? {})
  const result = configSchema.safeParse(input, { error: issueSentinel, reportInput: true })
  // zod hands out its `.default()` values shallowly cloned, so nested defaults (`routes: []`) are shared between
  // parses; freezing them in place would freeze the schema's own defaults for every later caller.
  if (result.success) return deepFreeze(structuredClone(result.data))

  const problems = describeIssues(result.error.issues, input, configSchema).map((d): ConfigProblem => {
    const pos = locatePath(doc, lineCounter, d.path, d.on)
    return { file, line: pos.line, col: pos.col, path: formatPath(d.path), message: d.message }
  })
  throw new ConfigError('invalid', problems.sort(byPosition))
}

function fileProblem(file: string, message: string): ConfigProblem {
  return { file, line: 0, col: 0, path: '', message }
}

/**
 * Reads, parses and validates the config file at `path` (relative paths resolve against the process working
 * directory). Throws {@link ConfigError}: `not-found` with a starter config and how to point elsewhere,
 * `unreadable`, `too-large`, `syntax` or `invalid`.
 */
export async function loadConfig(path: string): Promise<Config> {
  let text: string
  try {
    const info = await stat(path)
    if (info.isDirectory()) {
      throw new ConfigError('unreadable', [
        fileProblem(path, `is a directory; the config must be a YAML file such as ${DEFAULT_CONFIG_PATH}`),
      ])
    }
    if (info.size > MAX_CONFIG_BYTES) {
      throw new ConfigError('too-large', [
        fileProblem(
          path,
          `is ${info.size} bytes; a Gauntlet config may be at most ${MAX_CONFIG_BYTES} bytes`,
        ),
      ])
    }
    text = await readFile(path, 'utf8')
  } catch (err) {
    if (err instanceof ConfigError) throw err
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ConfigError('not-found', [
        fileProblem(
          path,
          `Gauntlet config not found. Create it, for example:\n\n${STARTER}\n\n` +
            `or point to another file with the action input '${Inputs.Config}' or the CLI flag --config <path>.`,
        ),
      ])
    }
    const message = err instanceof Error ? err.message : String(err)
    throw new ConfigError('unreadable', [fileProblem(path, `cannot be read: ${message}`)])
  }
  return parseConfig(text, path)
}
