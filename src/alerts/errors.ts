/**
 * A failed send as the delivery policy sees it. Messages are built by the adapters from status codes and the
 * receiver's short error body, never from URLs, so a webhook URL or routing key cannot leak through them.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError'
  constructor(
    message: string,
    /** Network errors, timeouts, 5xx and 429 are worth another attempt; other 4xx are not. */
    readonly retryable: boolean,
    /** From a `Retry-After` header, when the receiver sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message)
  }
}

/** Maps an HTTP status to a ChannelError; `body` is shortened so a chatty receiver cannot flood the log. */
export function httpChannelError(status: number, body: string, retryAfter: string | null): ChannelError {
  const retryable = status === 429 || status >= 500
  const short = body.replace(/\s+/g, ' ').trim().slice(0, 200)
  return new ChannelError(
    `HTTP ${status}${short ? `: ${short}` : ''}`,
    retryable,
    parseRetryAfter(retryAfter),
  )
}

/** `Retry-After` as delay seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Replaces every registered secret in `text`; the last line of defence for messages from libraries. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***')
  return out
}
