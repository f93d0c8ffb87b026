/**
 * Keeping secrets out of logs: tokens and the signatures of signed blob URLs. The shell passes
 * `core.setSecret` as `mask`; tests pass a recorder.
 */

/** Registers a secret with the log masker. */
export type MaskFn = (secret: string) => void

const SIGNED_QUERY_RE = /(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*/g

/** Registers a signed URL's `sig` value (raw and URL-encoded) and its whole query string as secrets. */
export function maskSignedUrl(url: string, mask: MaskFn): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return
  }
  const sig = parsed.searchParams.get('sig')
  if (sig) {
    mask(sig)
    mask(encodeURIComponent(sig))
  }
  if (parsed.search.length > 1) mask(parsed.search.slice(1))
}

/** Removes query strings from every URL in a message (error texts may quote signed URLs). */
export function redactUrlQueries(text: string): string {
  return text.replace(SIGNED_QUERY_RE, '$1?[redacted]')
}
