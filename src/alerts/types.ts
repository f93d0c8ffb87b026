import type { AlertChannelName } from '../config/sections/alerts.js'

/** Slack incoming-webhook body: fallback `text` plus Block Kit `blocks`. */
export interface SlackMessage {
  readonly text: string
  readonly blocks: readonly Record<string, unknown>[]
}

/** PagerDuty Events API v2 event without its `routing_key`, which the adapter adds (it is a secret). */
export interface PagerDutyEvent {
  readonly event_action: 'trigger' | 'resolve'
  readonly dedup_key: string
  readonly payload?: {
    readonly summary: string
    readonly source: string
    readonly severity: 'critical' | 'error' | 'warning' | 'info'
    readonly timestamp: string
    readonly component?: string
    readonly group?: string
    readonly class?: string
    readonly custom_details?: Record<string, unknown>
  }
  readonly links?: readonly { readonly href: string; readonly text: string }[]
}

/** An email whose fields are already header-safe and escaped. */
export interface EmailMessage {
  readonly to: readonly string[]
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** One message to one channel, fully rendered by the pure planner. */
export type Notification =
  | { readonly channel: 'slack'; readonly key: string; readonly message: SlackMessage }
  | { readonly channel: 'pagerduty'; readonly key: string; readonly event: PagerDutyEvent }
  | { readonly channel: 'email'; readonly key: string; readonly message: EmailMessage }

/** One adapter per external system; it throws {@link ChannelError} (or anything) when a send fails. */
export interface AlertChannel {
  send(notification: Notification, signal: AbortSignal): Promise<void>
}

/** The adapters by channel name; a missing one means the channel is not configured. */
export type AlertChannels = Partial<Record<AlertChannelName, AlertChannel>>

/** Links shown in messages: the PR comment, the workflow run and the full report. */
export interface AlertLinks {
  readonly comment?: string
  readonly run?: string
  readonly report?: string
}

/** How every channel is retried; `sleep` and `random` are injected so unit tests never wait. */
export interface DeliveryPolicy {
  readonly timeoutMs: number
  /** Attempts after the first. */
  readonly retries: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  sleep(ms: number): Promise<void>
  /** In [0, 1); jitter source. */
  random(): number
}
