/**
 * PagerDuty Events API v2 adapter: a direct `fetch` with a typed payload. Neither npm client fits:
 * node-pagerduty pulls in deprecated `request@2.88.0` and `npm@7`; `@pagerduty/pdjs` hard-codes https (no
 * loopback receiver), its request timeout never aborts, and it retries 429 for 20 s on its own.
 */
import { ChannelError, httpChannelError } from './errors.js'
import type { AlertChannel, Notification } from './types.js'

export function createPagerDutyChannel(
  routingKey: string,
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): AlertChannel {
  return {
    async send(n: Notification, signal: AbortSignal): Promise<void> {
      if (n.channel !== 'pagerduty')
        throw new ChannelError(`pagerduty channel got a ${n.channel} notification`, false)
      let res: Response
      try {
        res = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ routing_key: routingKey, ...n.event }),
          redirect: 'error',
          signal,
        })
      } catch (error) {
        const e = error instanceof Error ? error : new Error('unknown')
        const code = (e.cause as { code?: unknown } | undefined)?.code
        throw new ChannelError(`network error (${e.name}${typeof code === 'string' ? ` ${code}` : ''})`, true)
      }
      const body = await res.text().catch(() => '')
      if (res.status !== 202 && !res.ok) {
        throw httpChannelError(res.status, body.split(routingKey).join('***'), res.headers.get('retry-after'))
      }
    },
  }
}
