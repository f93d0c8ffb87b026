/**
 * Turning bytes into JSON values with errors that name the file, line and column, for the JSON test formats.
 */
import { TestReportParseError } from './errors.js'

/** Decodes bytes as UTF-8 (dropping a BOM); strings pass through without their BOM. */
export function decodeText(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Line/column (1-based) of a UTF-16 offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++
    lineStart = nl + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * `JSON.parse` with a `TestReportParseError` on failure. V8 reports either "at position N" (Node 20) or
 * "(line L column C)" (Node 22+); both become a line and column.
 */
export function parseJson(file: string, text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    const lc = /line (\d+) column (\d+)/.exec(reason)
    const pos = /position (\d+)/.exec(reason)
    const at = lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : pos
        ? lineColumnAt(text, Number(pos[1]))
        : text.trim() === ''
          ? undefined
          : lineColumnAt(text, text.length)
    const position = at ? { line: at.line + lineOffset, column: at.column } : undefined
    throw new TestReportParseError(
      file,
      `malformed JSON: ${reason.replace(/\s*\(line \d+ column \d+\)/, '')}`,
      position,
    )
  }
}

/** Narrows to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string field or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A finite number field or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
