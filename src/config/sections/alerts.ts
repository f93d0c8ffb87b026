import { z } from 'zod'
import { durationMs } from './duration.js'

/** Where PagerDuty Events API v2 events go unless `pagerduty-url` says otherwise. */
export const DEFAULT_PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue'

/** The channels an alert route can send to. */
export const ALERT_CHANNEL_NAMES = ['slack', 'pagerduty', 'email'] as const
export type AlertChannelName = (typeof ALERT_CHANNEL_NAMES)[number]

const SEVERITY_MATCH_RE = /^(>=)?(info|warning|error|critical)$/
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const email = z.string().email({ error: 'an email address such as oncall@example.com' })

const matchSchema = z
  .object({
    severity: z
      .string()
      .regex(SEVERITY_MATCH_RE, { error: 'a severity (`error`) or a minimum (`>=error`)' })
      .optional()
      .describe('`error` matches exactly that severity; `>=error` matches error and critical.'),
    stage: z
      .string()
      .min(1)
      .optional()
      .describe('Stage of the finding: unit, integration, benchmark or chaos.'),
    branch: z
      .string()
      .min(1)
      .optional()
      .describe('Glob on the branch of the run, e.g. `main` or `release/*`.'),
    event: z.string().min(1).optional().describe('GitHub event name of the run, e.g. `push` or `schedule`.'),
    kind: z
      .string()
      .min(1)
      .optional()
      .describe('Finding kind, e.g. `metric-regression` or `test-new-failure`.'),
    metric: z.string().min(1).optional().describe('Glob on the metric key (`stage/suite/name/measure`).'),
    test: z.string().min(1).optional().describe('Glob on the test id (`suite::classname::name`).'),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe('Finding labels that must all be equal to these values.'),
  })
  .strict()
  .describe('All given matchers must hold; an empty match matches every finding.')

const muteSchema = z.union([
  z
    .object({
      from: z.iso.datetime({ offset: true }).describe('Start of a one-off mute window (ISO 8601).'),
      to: z.iso.datetime({ offset: true }).describe('End of a one-off mute window (ISO 8601), exclusive.'),
    })
    .strict(),
  z
    .object({
      weekdays: z
        .array(z.enum(WEEKDAYS))
        .min(1)
        .optional()
        .describe('UTC weekdays the mute applies to; every day when absent.'),
      hours: z
        .object({
          from: z.number().int().min(0).max(23).describe('First muted UTC hour.'),
          to: z
            .number()
            .int()
            .min(1)
            .max(24)
            .describe('UTC hour the mute ends (exclusive); may wrap past midnight.'),
        })
        .strict()
        .optional()
        .describe(
          'UTC hours the mute applies to; the whole day when absent. `{from: 22, to: 6}` wraps midnight.',
        ),
    })
    .strict(),
])

const routeSchema = z
  .object({
    match: matchSchema.default({}),
    channels: z.array(z.enum(ALERT_CHANNEL_NAMES)).default([]).describe('Channels this route sends to.'),
    to: z.array(email).optional().describe('Email recipients of this route; `alerts.email.to` when absent.'),
    continue: z
      .boolean()
      .default(false)
      .describe('Keep evaluating the following routes after this one matched (Alertmanager `continue`).'),
    'group-by': z
      .enum(['run', 'finding'])
      .default('run')
      .describe(
        '`run`: one Slack/email message per run and route; `finding`: one per finding. PagerDuty is per finding.',
      ),
    'repeat-interval': durationMs
      .prefault('4h')
      .describe('Re-notify a still-open alert at most this often (default 4h).'),
    mute: z.array(muteSchema).default([]).describe('Windows in which this route sends nothing.'),
  })
  .strict()

/** Alert settings (issue 6): routes evaluated top-down like Alertmanager's routing tree. */
export const alertsSection = z
  .object({
    'dry-run': z
      .boolean()
      .default(false)
      .describe('Write every message to <report dir>/alerts/ instead of sending it.'),
    'fail-on-alert-error': z
      .boolean()
      .default(false)
      .describe('Fail the run when a channel still fails after retries (default: a warning).'),
    'pagerduty-url': z
      .url()
      .default(DEFAULT_PAGERDUTY_URL)
      .describe('PagerDuty Events API v2 endpoint; change only for tests or a proxy.'),
    email: z
      .object({
        from: email.optional().describe('Sender address of alert emails.'),
        to: z.array(email).default([]).describe('Default recipients of alert emails.'),
      })
      .strict()
      .default({ to: [] }),
    routes: z
      .array(routeSchema)
      .default([])
      .describe(
        'Evaluated top-down; the first matching route wins unless it has `continue: true`. Empty: critical → slack, pagerduty, email; error → slack; warning and below → PR comment only.',
      ),
  })
  .strict()
  .default({
    'dry-run': false,
    'fail-on-alert-error': false,
    'pagerduty-url': DEFAULT_PAGERDUTY_URL,
    email: { to: [] },
    routes: [],
  })
export type AlertsConfig = z.output<typeof alertsSection>
export type AlertRoute = AlertsConfig['routes'][number]
export type AlertMute = AlertRoute['mute'][number]
