/**
 * The one error type every benchmark parser throws. `reason` says what is wrong, `hint` what to do; the
 * message joins them with the file (and line when known) so a log line alone is actionable.
 */
export class BenchmarkParseError extends Error {
  override readonly name = 'BenchmarkParseError'
  /** Path of the file being parsed, as the caller gave it. */
  readonly file: string
  /** 1-based line number where the problem was seen, when the format is line-oriented or JSON is malformed. */
  readonly line?: number
  /** What is wrong, without file or hint (stable text: tests and callers match on it). */
  readonly reason: string
  /** What the user can do about it. */
  readonly hint?: string

  constructor(file: string, reason: string, options: { line?: number; hint?: string; cause?: unknown } = {}) {
    const where = options.line === undefined ? file : `${file}:${options.line}`
    super(`${where}: ${reason}${options.hint === undefined ? '' : `. ${options.hint}`}`, {
      cause: options.cause,
    })
    this.file = file
    this.reason = reason
    if (options.line !== undefined) this.line = options.line
    if (options.hint !== undefined) this.hint = options.hint
  }
}
