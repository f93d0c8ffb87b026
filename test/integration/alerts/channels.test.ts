import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createChannels,
  createDryRunChannels,
  deliverAlerts,
  planAlerts,
  type DeliveryPolicy,
} from '../../../src/alerts/index.js'
import type { AlertStateEntry } from '../../../src/model/run-record.js'
import {
  startPagerDutyReceiver,
  startSlackReceiver,
  startSmtpServer,
  type HttpReceiver,
  type SmtpReceiver,
} from '../../fakes/alert-receivers.js'
import { ALL_CHANNELS, alertsConfig, finding, report } from '../../fixtures/alerts/reports.js'

const ROUTING_KEY = 'R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32'
const SMTP_PASS = 'sm7p-pa55-w0rd'
const SLACK_TOKEN = 'T0SECRET/B0SECRET/sl4cksecretpath'
const NOW = new Date('2026-11-23T10:00:00Z')

let slack: HttpReceiver
let pd: HttpReceiver
let smtp: SmtpReceiver
const logLines: string[] = []
const masked: string[] = []
const log = {
  warning: (s: string) => logLines.push(`warning: ${s}`),
  info: (s: string) => logLines.push(`info: ${s}`),
}
const sleeps: number[] = []
const policy: DeliveryPolicy = {
  // Generous: a cold first SMTP send can take ~1 s here, and a timed-out send that did arrive is re-sent.
  timeoutMs: 5_000,
  retries: 2,
  baseDelayMs: 10,
  maxDelayMs: 50,
  sleep: (ms) => {
    sleeps.push(ms)
    return Promise.resolve()
  },
  random: () => 0.5,
}

beforeEach(async () => {
  ;[slack, pd, smtp] = await Promise.all([
    startSlackReceiver({ path: `/services/${SLACK_TOKEN}` }),
    startPagerDutyReceiver({ routingKey: ROUTING_KEY }),
    startSmtpServer({ auth: { user: 'gauntlet', pass: SMTP_PASS } }),
  ])
  logLines.length = 0
  masked.length = 0
  sleeps.length = 0
})

afterEach(async () => {
  await Promise.all([slack.close(), pd.close(), smtp.close()])
})

function channels() {
  return createChannels(
    { slackWebhookUrl: slack.url, pagerdutyRoutingKey: ROUTING_KEY, smtpUrl: smtp.url },
    { pagerdutyUrl: pd.url, emailFrom: 'gauntlet@example.com', mask: (s) => masked.push(s) },
  )
}

function plan(findings = [finding('lat', 'critical')], previous: readonly AlertStateEntry[] = [], now = NOW) {
  return planAlerts({
    report: report(findings),
    config: alertsConfig({ email: { to: ['oncall@example.com', 'lead@example.com'] } }),
    previous,
    now,
    isPullRequest: false,
    isTrustedDefaultBranch: true,
    channelsAvailable: ALL_CHANNELS,
    links: {
      comment: 'https://github.com/acme/shop/pull/1#issuecomment-1',
      report: 'https://ci.example/report',
    },
  })
}

function expectNoSecrets(extra: string[] = []): void {
  const everything = [...logLines, ...extra].join('\n')
  for (const secret of [ROUTING_KEY, SMTP_PASS, 'sl4cksecretpath', slack.url, smtp.url]) {
    expect(everything).not.toContain(secret)
  }
}

describe('alert channels against loopback receivers', () => {
  it('a critical regression on push reaches Slack, PagerDuty and email with valid payloads; secrets masked', async () => {
    const { notifications } = plan([
      finding('lat', 'critical', { title: 'p95 <!channel>\r\nBcc: evil@example.com' }),
    ])
    const out = await deliverAlerts(notifications, channels(), policy, log)
    expect(out).toEqual({ delivered: 3, failed: [] })
    expect(slack.received).toHaveLength(1)
    expect(slack.received[0]?.problems).toEqual([])
    expect(JSON.stringify(slack.received[0]?.body)).not.toContain('<!channel>')
    expect(pd.received).toHaveLength(1)
    expect(pd.received[0]?.problems).toEqual([])
    expect(pd.received[0]?.body).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'gauntlet/acme/shop/main/lat',
      payload: { severity: 'critical', source: 'acme/shop', class: 'metric-regression' },
    })
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]
    expect(mail?.rcptTo.sort()).toEqual(['lead@example.com', 'oncall@example.com'])
    expect(mail?.mail.subject).toMatch(/^\[Gauntlet\] Critical regression: acme\/shop main/)
    expect(mail?.mail.text).toContain('Δ +12.0 %')
    expect(mail?.mail.html).toContain('&lt;!channel&gt;')
    expect(mail?.mail.headers.has('bcc')).toBe(false)
    expect(masked).toEqual(expect.arrayContaining([slack.url, ROUTING_KEY, smtp.url, SMTP_PASS]))
    expectNoSecrets()
  })

  it('an error finding reaches Slack only', async () => {
    const out = await deliverAlerts(plan([finding('e', 'error')]).notifications, channels(), policy, log)
    expect(out.delivered).toBe(1)
    expect([slack.received.length, pd.received.length, smtp.received.length]).toEqual([1, 0, 0])
  })

  it('a 429 with Retry-After then 202 delivers exactly one PagerDuty event and waits as asked', async () => {
    pd.setBehaviour({ kind: 'status', status: 429, body: '{"status":"throttle"}', retryAfter: '2' })
    const ns = plan().notifications.filter((n) => n.channel === 'pagerduty')
    const out = await deliverAlerts(ns, channels(), policy, log)
    expect(out.delivered).toBe(1)
    expect(pd.attempts()).toBe(2)
    expect(pd.received).toHaveLength(1)
    expect(sleeps).toEqual([2_000])
  })

  it.each([
    ['500', { kind: 'status', status: 500, body: 'rollup_error' } as const, 2],
    ['reset', { kind: 'reset' } as const, 2],
    ['slow past the timeout', { kind: 'slow', delayMs: 1_500 } as const, 2],
  ])('Slack %s then ok is retried and delivered once', async (_n, behaviour, attempts) => {
    slack.setBehaviour(behaviour)
    const ns = plan([finding('e', 'error')]).notifications
    const out = await deliverAlerts(ns, channels(), { ...policy, timeoutMs: 300 }, log)
    expect(out).toEqual({ delivered: 1, failed: [] })
    expect(slack.attempts()).toBe(attempts)
    expectNoSecrets()
  })

  it('a 4xx other than 429 is not retried', async () => {
    slack.setBehaviour({ kind: 'status', status: 404, body: 'no_service' })
    const out = await deliverAlerts(plan([finding('e', 'error')]).notifications, channels(), policy, log)
    expect(out.failed).toEqual([{ channel: 'slack', reason: 'HTTP 404: no_service (after 1 attempt)' }])
    expect(slack.attempts()).toBe(1)
  })

  it('a dead channel does not stop the others and gives one warning without secrets', async () => {
    const chans = channels()
    await slack.close()
    const out = await deliverAlerts(plan().notifications, chans, policy, log)
    expect(out.delivered).toBe(2)
    expect(out.failed.map((f) => f.channel)).toEqual(['slack'])
    expect(out.failed[0]?.reason).toMatch(/^network error/)
    expect(logLines.filter((l) => l.startsWith('warning:'))).toHaveLength(1)
    expect(pd.received).toHaveLength(1)
    expect(smtp.received).toHaveLength(1)
    expectNoSecrets(out.failed.map((f) => f.reason))
  })

  it('SMTP 451 is retried, 550 is not; wrong password fails without printing it', async () => {
    const email = () => plan().notifications.filter((n) => n.channel === 'email')
    smtp.setBehaviour({ kind: 'reject', code: 451 })
    expect((await deliverAlerts(email(), channels(), policy, log)).delivered).toBe(1)
    smtp.setBehaviour({ kind: 'reject', code: 550 })
    const rejected = await deliverAlerts(email(), channels(), policy, log)
    expect(rejected.failed[0]?.reason).toMatch(/^SMTP 550/)
    expect(smtp.received).toHaveLength(1)
    const bad = createChannels(
      { smtpUrl: smtp.url.replace(SMTP_PASS, 'wrong-pa55') },
      { mask: (s) => masked.push(s) },
    )
    const denied = await deliverAlerts(email(), bad, policy, log)
    expect(denied.failed).toHaveLength(1)
    expectNoSecrets(denied.failed.map((f) => f.reason))
    expect(denied.failed[0]?.reason).not.toContain('wrong-pa55')
  })

  it('trigger → same finding next run (no page) → recovery resolves with the same dedup_key', async () => {
    const chans = channels()
    const first = plan()
    await deliverAlerts(first.notifications, chans, policy, log)
    const second = plan(undefined, first.nextState, new Date(NOW.getTime() + 3_600_000))
    expect(second.notifications).toEqual([])
    const third = plan([], second.nextState, new Date(NOW.getTime() + 7_200_000))
    const out = await deliverAlerts(third.notifications, chans, policy, log)
    expect(out.delivered).toBe(1)
    const actions = pd.received.map((r) => r.body as { event_action: string; dedup_key: string })
    expect(actions.map((a) => a.event_action)).toEqual(['trigger', 'resolve'])
    expect(actions[1]?.dedup_key).toBe(actions[0]?.dedup_key)
    expect(pd.received.every((r) => r.problems.length === 0)).toBe(true)
    expect(third.nextState).toEqual([])
  })
})

describe('dry run', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-alerts-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes every message to <dir>/alerts instead of sending', async () => {
    const { notifications } = plan()
    const out = await deliverAlerts(notifications, createDryRunChannels(dir), policy, log)
    expect(out.delivered).toBe(3)
    const files = (await readdir(join(dir, 'alerts'))).sort()
    expect(files).toEqual(['001-pagerduty.json', '002-slack.json', '003-email.eml'])
    const eml = await readFile(join(dir, 'alerts', '003-email.eml'), 'utf8')
    expect(eml).toMatch(/^Subject: \[Gauntlet\] Critical regression/m)
    const pdEvent = JSON.parse(await readFile(join(dir, 'alerts', '001-pagerduty.json'), 'utf8')) as object
    expect(pdEvent).not.toHaveProperty('routing_key')
  })
})
