/**
 * Reading JSON benchmark files: syntax errors become `BenchmarkParseError`s with a line number, and shape
 * errors (zod) name the JSON path of the first problems (`$.benchmarks[2].stats.ops`).
 */
import type { z } from 'zod'
import { excerpt } from './clean-text.js'
import { BenchmarkParseError } from './errors.js'

/** Parses JSON; on a syntax error throws `<reason>: <syntax error>` with the line when it can be worked out. */
export function parseJsonInput(file: string, content: string, reason: string, hint: string): unknown {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const line = lineOfJsonError(text, message)
    // V8 quotes part of the input in its message: keep it short and on one line.
    throw new BenchmarkParseError(file, `${reason}: ${excerpt(message, 200)}`, {
      hint,
      cause: err,
      ...(line === undefined ? {} : { line }),
    })
  }
}

/** Node 20 reports `at position N`, Node 22+ `(line L column C)`; both are mapped to a 1-based line. */
function lineOfJsonError(text: string, message: string): number | undefined {
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message)
  if (lineMatch?.[1] !== undefined) return Number(lineMatch[1])
  const posMatch = /at position (\d+)/.exec(message)
  if (posMatch?.[1] !== undefined) {
    return lineAt(text, Number(posMatch[1]))
  }
  if (text.trim() === '') return 1
  if (/Unexpected end of JSON input/.test(message)) return lineAt(text, text.trimEnd().length)
  // Node 20 names the token but no position when the input does not start like JSON at all.
  const token = /Unexpected token '(.)'/u.exec(message)?.[1]
  const first = /\S/u.exec(text)
  if (token !== undefined && first !== null && first[0] === token) return lineAt(text, first.index)
  return undefined
}

function lineAt(text: string, pos: number): number {
  let line = 1
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** `$.a.b[3]["odd key"]` from a zod issue path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$'
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out
}

/** Validates parsed JSON against a schema; on failure throws `<reason>: <path>: <problem>; …` (first 3). */
export function validateJson<S extends z.ZodType>(
  file: string,
  data: unknown,
  schema: S,
  reason: string,
  hint: string,
): z.output<S> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issues = result.error.issues
  const shown = issues.slice(0, 3).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`)
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : ''
  throw new BenchmarkParseError(file, `${reason}: ${shown.join('; ')}${more}`, { hint })
}
