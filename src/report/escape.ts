// Escapers for every target a report reaches. Everything that comes from test output (test names, failure
// messages, metric keys) passes through one of these before it reaches a template; templates are compiled with
// `noEscape`, so the view model is the single place where escaping happens.
//
// Hand-written because no maintained library escapes GitHub-flavoured markdown including @mention and
// cross-reference neutralisation, or Slack mrkdwn; the mention trick (`@&#8203;`) is the one Renovate uses in
// its GitHub comments, which survives GitHub's HTML-level mention filter.

/**
 * Invisible characters that can hide or reorder text: zero-width spaces/joiners (except U+200D, which emoji
 * sequences need), LRM/RLM, bidi embeddings and overrides (the "Trojan Source" characters), word joiners,
 * bidi isolates and the BOM.
 */
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
/** C0/C1 control characters other than tab and newline (CR is handled by the newline rule). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
const NEWLINES = /\r\n|\r|\n|\u2028|\u2029/g

/** The longest name a report shows; longer names are cut with an ellipsis (the full name is in report.html). */
export const MAX_NAME_CHARS = 300

/**
 * Removes control and invisible characters; keeps newlines (normalised to `\n`) and tabs.
 * Used by every escaper, so no target ever sees a bidi override or a bare CR.
 */
export function cleanText(text: string): string {
  return text.replace(NEWLINES, '\n').replace(CONTROL, '').replace(INVISIBLE, '')
}

/** Cuts `text` to at most `max` code points, ending with `…` when cut; never splits a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const points = Array.from(text)
  if (points.length <= max) return text
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** One line: newlines and tabs become spaces, runs of whitespace collapse. */
function oneLine(text: string): string {
  return cleanText(text)
    .replace(/[\n\t]+/g, ' ')
    .trim()
}

const MARKDOWN_SPECIAL = /[\\`*_[\]|~<>&#]/g
const MARKDOWN_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' }

/**
 * Escapes text for inline GitHub-flavoured markdown: no emphasis, code, links, images, HTML tags, tables,
 * autolinks, @mentions or #references survive; newlines become spaces. The result renders as the literal text.
 */
export function escapeMarkdown(text: string, maxChars = MAX_NAME_CHARS): string {
  return (
    truncateText(oneLine(text), maxChars)
      .replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ENTITIES[c] ?? `\\${c}`)
      // GitHub's mention and reference filters run on the rendered HTML, so a backslash or an entity for `@`
      // would still ping; a zero-width space after `@`/`#` breaks the pattern and stays invisible.
      .replace(/#(?=\d)/g, '#&#8203;')
      .replace(/@(?=[\w-])/g, '@&#8203;')
      // Bare URLs are autolinked by GFM; an entity for the colon or dot stops the autolink extension.
      .replace(/:(?=\/\/)/g, '&#58;')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}&#46;`)
  )
}

/** Escapes text for one GFM table cell: {@link escapeMarkdown} (which already escapes `|`), never empty. */
export function escapeMarkdownTableCell(text: string, maxChars = MAX_NAME_CHARS): string {
  const escaped = escapeMarkdown(text, maxChars)
  return escaped === '' ? ' ' : escaped
}

/**
 * Wraps multi-line text (a failure message) in a fenced code block whose fence is longer than any backtick run
 * inside, so nothing in it is parsed as markdown or HTML, and mentions inside do not ping.
 */
export function markdownCodeBlock(text: string, maxLines = 10, maxChars = 2_000): string {
  const lines = cleanText(text).split('\n')
  let body = lines.slice(0, maxLines).join('\n')
  if (lines.length > maxLines) body += `\n… (${lines.length - maxLines} more lines)`
  body = truncateText(body, maxChars)
  let longest = 0
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${body}\n${fence}`
}

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities (so `<!channel>`, `<@U123>` and links
 * cannot be injected), and `@channel`/`@here`/`@everyone` get a zero-width space so they never notify.
 */
export function escapeSlackMrkdwn(text: string, maxChars = MAX_NAME_CHARS): string {
  return truncateText(oneLine(text), maxChars)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(channel|here|everyone)\b)/gi, '@\u200B')
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values; keeps newlines (use `white-space`). */
export function escapeHtml(text: string, maxChars = 10_000): string {
  return truncateText(cleanText(text), maxChars).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
}

/** Plain text for a text email or PagerDuty summary: control and invisible characters removed, one line. */
export function plainText(text: string, maxChars = MAX_NAME_CHARS): string {
  return truncateText(oneLine(text), maxChars)
}

/**
 * Makes a value safe for an email header (subject): CR/LF and other control characters become spaces (no
 * header injection), whitespace collapses, and the result stays within `maxChars`.
 */
export function sanitizeHeader(text: string, maxChars = 200): string {
  return truncateText(oneLine(text).replace(/\s+/g, ' '), maxChars)
}

/**
 * Returns `url` when it is an absolute http(s) URL without whitespace or quotes, else null: links in reports
 * come from config and the GitHub context, and a `javascript:` URL must never reach a template.
 */
export function safeUrl(url: string | undefined | null): string | null {
  if (url === undefined || url === null || url === '') return null
  if (/[\s"'<>`]/.test(url)) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}
