/**
 * Text hygiene for values read from benchmark output. Names stay data (pipes, backticks, HTML and newlines
 * are the renderer's business to escape), but C0/C1 control characters other than newline and tab, and
 * Unicode bidi overrides, are removed: they corrupt terminals and logs and can hide text in a PR comment.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

/** Removes control characters except `\n` and `\t`. */
export function stripControlChars(text: string): string {
  // A char-code scan first: almost no input has control characters, and a regex test over this class is
  // ~20x slower in V8 (it dominated parsing time for large Go outputs).
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) return text.replace(CONTROL_CHARS, '')
  }
  return text
}

/** The first `max` characters of `text` on one line, for quoting input in error messages. */
export function excerpt(text: string, max = 120): string {
  // Only the start is needed; never scan a 100 MB input to quote 120 characters of it.
  const flat = stripControlChars(text.slice(0, max * 4))
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
