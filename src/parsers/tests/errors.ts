/**
 * The one error type every test-report parser throws. Its message always names the file, the position when the
 * format gives one, and the reason, e.g. `file=reports/x.xml line 12 col 3: unclosed tag <testcase>`, so a user can
 * open the file at the right place without reading a stack trace.
 */
export class TestReportParseError extends Error {
  /** The report file as the caller named it. */
  readonly file: string
  /** 1-based line of the problem, when known. */
  readonly line?: number
  /** 1-based column (UTF-16 code units) of the problem, when known. */
  readonly column?: number
  /** The reason alone, without file and position. */
  readonly reason: string

  constructor(file: string, reason: string, position?: { readonly line: number; readonly column: number }) {
    const where = position ? ` line ${position.line} col ${position.column}` : ''
    super(`file=${file}${where}: ${reason}`)
    this.name = 'TestReportParseError'
    this.file = file
    this.reason = reason
    if (position) {
      this.line = position.line
      this.column = position.column
    }
  }
}
