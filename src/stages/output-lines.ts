/**
 * Turns a process's output chunks into lines for live streaming, and keeps a bounded tail for error messages.
 *
 * Hand-written rather than `node:readline`: readline has no bound on line length (a process printing a 1 GB line
 * without a newline would be buffered whole), and we need the partial line flushed when the stream ends.
 */

/** Where each output line goes as soon as it is complete. */
export type OutputSink = (line: string, stream: OutputStream) => void
export type OutputStream = 'stdout' | 'stderr'

/** Longest line handed to a sink; longer runs without a newline are cut into pieces of this size. */
export const MAX_LINE_CHARS = 16 * 1024

/** Splits decoded text chunks into lines (LF or CRLF), bounding the length of a pending line. */
export class LineSplitter {
  private pending = ''

  constructor(private readonly emit: (line: string) => void) {}

  /** Feeds one decoded chunk; emits every line it completes. */
  push(chunk: string): void {
    let text = this.pending + chunk
    let start = 0
    for (;;) {
      const nl = text.indexOf('\n', start)
      if (nl === -1) break
      this.emitLine(text.slice(start, nl))
      start = nl + 1
    }
    text = text.slice(start)
    while (text.length > MAX_LINE_CHARS) {
      this.emit(text.slice(0, MAX_LINE_CHARS))
      text = text.slice(MAX_LINE_CHARS)
    }
    this.pending = text
  }

  /** Emits the unterminated last line, if any. */
  end(): void {
    if (this.pending.length > 0) this.emitLine(this.pending)
    this.pending = ''
  }

  private emitLine(line: string): void {
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line)
  }
}

/** Keeps the most recent lines whose total length stays within a character budget. */
export class TailBuffer {
  private lines: string[] = []
  private head = 0
  private chars = 0

  constructor(private readonly maxChars: number) {}

  add(line: string): void {
    // A single line longer than the whole budget keeps only its end, which is where errors usually are.
    const kept = line.length > this.maxChars ? line.slice(line.length - this.maxChars) : line
    this.lines.push(kept)
    // `chars` counts a newline after every line; the joined text has one fewer.
    this.chars += kept.length + 1
    while (this.chars - 1 > this.maxChars && this.head < this.lines.length) {
      this.chars -= (this.lines[this.head]?.length ?? 0) + 1
      this.head++
    }
    // Compact now and then so dropped lines do not accumulate in the array.
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head)
      this.head = 0
    }
  }

  /** The kept lines, oldest first. */
  toLines(): string[] {
    return this.lines.slice(this.head)
  }

  /** The last `n` kept lines. */
  lastLines(n: number): string[] {
    return this.lines.slice(Math.max(this.head, this.lines.length - n))
  }

  toString(): string {
    return this.toLines().join('\n')
  }
}
