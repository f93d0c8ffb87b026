import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeMessages, templateMessages } from '../../../src/alerts/messages.js'
import { planAlerts } from '../../../src/alerts/plan.js'
import type { Notification } from '../../../src/alerts/types.js'
import { loadTemplates, type LoadedTemplates } from '../../../src/report/templates.js'
import { ALL_CHANNELS, alertsConfig, finding, report } from '../../fixtures/alerts/reports.js'

const NOW = new Date('2026-11-23T10:00:00Z')
const LINKS = { run: 'https://github.com/o/r/actions/runs/1' }

let defaults: LoadedTemplates
let custom: LoadedTemplates

beforeAll(async () => {
  const fail = (m: string): never => {
    throw new Error(m)
  }
  defaults = await loadTemplates({}, fail)
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-alert-templates-'))
  await writeFile(join(dir, 'slack.hbs'), 'CUSTOM slack for {{run.repository}}: {{verdict.headline}}\n')
  await writeFile(join(dir, 'pd.hbs'), 'CUSTOM page {{run.repository}}')
  await writeFile(join(dir, 'mail.txt.hbs'), 'CUSTOM mail {{run.repository}}')
  custom = await loadTemplates(
    { slack: 'slack.hbs', pagerduty: 'pd.hbs', 'email-text': 'mail.txt.hbs' },
    fail,
    {
      baseDir: dir,
    },
  )
})

function plan(templates: LoadedTemplates, warnings: string[] = []): Notification[] {
  const r = report([finding('a', 'critical')])
  return planAlerts({
    report: r,
    config: alertsConfig({ email: { to: ['oncall@example.com'] } }),
    previous: [],
    now: NOW,
    isPullRequest: false,
    isTrustedDefaultBranch: true,
    channelsAvailable: ALL_CHANNELS,
    messages: templateMessages({
      report: r,
      templates,
      links: LINKS,
      id: 'default',
      fallback: codeMessages(r.run, LINKS),
      warn: (m) => warnings.push(m),
    }),
  }).notifications
}

function byChannel<C extends Notification['channel']>(ns: Notification[], channel: C) {
  const n = ns.find((x) => x.channel === channel)
  if (n === undefined) throw new Error(`no ${channel} notification`)
  return n as Extract<Notification, { channel: C }>
}

describe('alert messages from templates', () => {
  it('a user override shapes what Slack, PagerDuty and email receive', () => {
    const ns = plan(custom)
    const slack = byChannel(ns, 'slack').message
    expect(slack.text).toMatch(/^CUSTOM slack for /)
    expect(JSON.stringify(slack.blocks)).toContain('CUSTOM slack for')
    expect(byChannel(ns, 'pagerduty').event.payload?.summary).toMatch(/^CUSTOM page /)
    expect(byChannel(ns, 'email').message.text).toMatch(/^CUSTOM mail /)
  })

  it.each([
    [
      'slack section',
      (ns: Notification[]) => JSON.stringify(byChannel(ns, 'slack').message.blocks).length,
      4_000,
    ],
    [
      'pagerduty summary',
      (ns: Notification[]) => byChannel(ns, 'pagerduty').event.payload?.summary.length ?? 0,
      1_024,
    ],
  ] as const)('the default templates keep the %s within its limit', (_name, size, limit) => {
    const n = size(plan(defaults))
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThanOrEqual(limit)
  })

  it('a template that throws while rendering falls back to the built-in layout, with a warning naming it', () => {
    const throwing: LoadedTemplates = {
      templates: Object.fromEntries(
        Object.entries(defaults.templates).map(([name, t]) => [
          name,
          {
            ...t,
            render: () => {
              throw new Error('boom')
            },
          },
        ]),
      ) as unknown as LoadedTemplates['templates'],
    }
    const warnings: string[] = []
    const ns = plan(throwing, warnings)
    expect(channelsOf(ns)).toEqual(['email', 'pagerduty', 'slack'])
    expect(byChannel(ns, 'slack').message.blocks[0]).toMatchObject({ type: 'header' })
    expect(warnings.some((w) => w.includes('slack alert template failed (boom)'))).toBe(true)
    expect(warnings.some((w) => w.includes('pagerduty alert template failed'))).toBe(true)
  })
})

function channelsOf(ns: readonly Notification[]): string[] {
  return ns.map((n) => n.channel).sort()
}
