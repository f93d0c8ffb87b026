/**
 * Slack adapter on `@slack/webhook`. The SDK's own retries are off (it does not honour Retry-After, and the
 * delivery policy retries all channels alike); a small fetch wrapper passes our abort signal and captures
 * the `Retry-After` header the SDK does not expose.
 */
import { IncomingWebhook, IncomingWebhookHTTPError } from '@slack/webhook'
import { ChannelError, httpChannelError, redactSecrets } from './errors.js'
import type { AlertChannel, Notification } from './types.js'

export function createSlackChannel(
  webhookUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): AlertChannel {
  return {
    async send(n: Notification, signal: AbortSignal): Promise<void> {
      if (n.channel !== 'slack')
        throw new ChannelError(`slack channel got a ${n.channel} notification`, false)
      let retryAfter: string | null = null
      const wrapped: typeof fetch = async (url, init) => {
        const res = await fetchImpl(url, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
        })
        retryAfter = res.headers.get('retry-after')
        return res
      }
      const hook = new IncomingWebhook(webhookUrl, { fetch: wrapped, retryConfig: { retries: 0 } })
      try {
        await hook.send({ text: n.message.text, blocks: n.message.blocks as never })
      } catch (error) {
        if (error instanceof IncomingWebhookHTTPError) {
          throw httpChannelError(
            error.statusCode,
            redactSecrets(String(error.body ?? ''), [webhookUrl]),
            retryAfter,
          )
        }
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
        const what = cause instanceof Error ? `${cause.name}${codeOf(cause)}` : 'unknown error'
        throw new ChannelError(`network error (${what})`, true)
      }
    },
  }
}

function codeOf(e: Error): string {
  const code = (e as { code?: unknown }).code ?? (e.cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? ` ${code}` : ''
}
