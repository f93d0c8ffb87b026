/** Builds the real channel adapters from the secrets that are present; registers every secret for masking first. */
import { DEFAULT_PAGERDUTY_URL } from '../config/sections/alerts.js'
import { createEmailChannel } from './email.js'
import { createPagerDutyChannel } from './pagerduty.js'
import { createSlackChannel } from './slack.js'
import type { AlertChannels } from './types.js'

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

/** One adapter per configured secret; a channel without its secret is absent (and reported as such on use). */
export function createChannels(secrets: AlertSecrets, opts: CreateChannelsOptions): AlertChannels {
  const channels: AlertChannels = {}
  if (secrets.slackWebhookUrl) {
    opts.mask(secrets.slackWebhookUrl)
    channels.slack = createSlackChannel(secrets.slackWebhookUrl, opts.fetch)
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
    channels.email = createEmailChannel(secrets.smtpUrl, opts.emailFrom)
  }
  return channels
}
