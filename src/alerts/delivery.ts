/**
 * One delivery policy for every channel: a timeout per attempt, retries with exponential backoff and full
 * jitter on retryable failures (network, 5xx, 429 honouring Retry-After), none on other 4xx. A channel that
 * still fails is reported once and never stops the others.
 */
import { ChannelError } from './errors.js'
import type { AlertChannels, DeliveryPolicy, Notification } from './types.js'

/** Defaults sized for an Action step: a dead channel costs at most about 3 × 10 s plus ~3 s of backoff. */
export function defaultDeliveryPolicy(): DeliveryPolicy {
  return {
    timeoutMs: 10_000,
    retries: 2,
    baseDelayMs: 500,
    maxDelayMs: 5_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  }
}

/** Longest Retry-After we wait for; a receiver asking for more gets its failure reported instead. */
export const MAX_RETRY_AFTER_MS = 30_000

export interface DeliveryLog {
  warning(message: string): void
  info(message: string): void
}

export interface DeliveryResult {
  delivered: number
  failed: { channel: string; reason: string }[]
}

/** The delay before attempt `attempt + 1`: Retry-After when given (capped), else full-jitter backoff. */
export function backoffDelay(
  policy: DeliveryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.round(cap / 2 + (policy.random() * cap) / 2)
}

function reasonOf(error: unknown): { reason: string; retryable: boolean; retryAfterMs?: number } {
  if (error instanceof ChannelError) {
    return { reason: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs }
  }
  // Anything else came from below the adapter (a bug or an abort); adapters redact, so keep only the class name.
  const name = error instanceof Error ? error.name : typeof error
  return { reason: `unexpected ${name}`, retryable: false }
}

/**
 * Sends every notification through its channel. Failures of one channel are collected (one warning per
 * channel, naming it and the last reason), and the rest are still sent.
 */
export async function deliverAlerts(
  notifications: readonly Notification[],
  channels: AlertChannels,
  policy: DeliveryPolicy,
  log: DeliveryLog,
): Promise<DeliveryResult> {
  let delivered = 0
  const failedByChannel = new Map<string, string>()
  for (const n of notifications) {
    const channel = channels[n.channel]
    if (!channel) {
      failedByChannel.set(n.channel, 'channel not configured')
      continue
    }
    let attempt = 0
    for (;;) {
      try {
        await channel.send(n, AbortSignal.timeout(policy.timeoutMs))
        delivered++
        break
      } catch (error) {
        const r = reasonOf(error)
        if (!r.retryable || attempt >= policy.retries) {
          failedByChannel.set(
            n.channel,
            `${r.reason} (after ${attempt + 1} attempt${attempt === 0 ? '' : 's'})`,
          )
          break
        }
        const delay = backoffDelay(policy, attempt, r.retryAfterMs)
        log.info(`Alert to ${n.channel} failed (${r.reason}); retrying in ${delay} ms`)
        await policy.sleep(delay)
        attempt++
      }
    }
  }
  const failed = [...failedByChannel].map(([channel, reason]) => ({ channel, reason }))
  for (const f of failed) log.warning(`Alert channel ${f.channel} failed: ${f.reason}`)
  if (notifications.length > 0) log.info(`Alerts: ${delivered} delivered, ${failed.length} channel(s) failed`)
  return { delivered, failed }
}
