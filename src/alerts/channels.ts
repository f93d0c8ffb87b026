/** Builds the real channel adapters from the secrets that are present; registers every secret for masking first. */
import { DEFAULT_PAGERDUTY_URL } from '../config/sections/alerts.js'
import { createPagerDutyChannel } from './pagerduty.js'
import type { AlertChannel, AlertChannels, Notification } from './types.js'

export interface AlertSecrets {
  readonly slackWebhookUrl?: string
  readonly pagerdutyRoutingKey?: string
  readonly smtpUrl?: string
}

export interface CreateChannelsOptions {
  readonly pagerdutyUrl?: string
  readonly emailFrom?: string
  /** `core.setSecret` in the action. */
  mask(secret: string): void
  readonly fetch?: typeof fetch
}

/**
 * An adapter whose module is imported on its first send. The Slack and email adapters pull in @slack/webhook
 * and nodemailer, which most runs never use (no alert, or no such secret); importing them lazily keeps them
 * out of the action's start-up (issue 8) and lets the bundle put them in chunks of their own. The adapters'
 * constructors are pure, so building one later changes nothing but when its module is parsed.
 */
function lazyChannel(load: () => Promise<AlertChannel>): AlertChannel {
  let channel: Promise<AlertChannel> | undefined
  return {
    async send(notification: Notification, signal: AbortSignal): Promise<void> {
      await (await (channel ??= load())).send(notification, signal)
    },
  }
}

/** One adapter per configured secret; a channel without its secret is absent (and reported as such on use). */
export function createChannels(secrets: AlertSecrets, opts: CreateChannelsOptions): AlertChannels {
  const channels: AlertChannels = {}
  if (secrets.slackWebhookUrl) {
    opts.mask(secrets.slackWebhookUrl)
    const url = secrets.slackWebhookUrl
    channels.slack = lazyChannel(async () => (await import('./slack.js')).createSlackChannel(url, opts.fetch))
  }
  if (secrets.pagerdutyRoutingKey) {
    opts.mask(secrets.pagerdutyRoutingKey)
    channels.pagerduty = createPagerDutyChannel(
      secrets.pagerdutyRoutingKey,
      opts.pagerdutyUrl ?? DEFAULT_PAGERDUTY_URL,
      opts.fetch,
    )
  }
  if (secrets.smtpUrl) {
    opts.mask(secrets.smtpUrl)
    try {
      const pass = new URL(secrets.smtpUrl).password
      if (pass) {
        opts.mask(pass)
        opts.mask(decodeURIComponent(pass))
      }
    } catch {
      // A malformed URL is reported by the adapter on first send, without echoing it.
    }
    const url = secrets.smtpUrl
    channels.email = lazyChannel(async () =>
      (await import('./email.js')).createEmailChannel(url, opts.emailFrom),
    )
  }
  return channels
}
