import { describe, expect, it } from 'vitest'
import { planAlerts } from '../../../src/alerts/plan.js'
import type { Notification } from '../../../src/alerts/types.js'
import type { AlertStateEntry } from '../../../src/model/run-record.js'
import { ALL_CHANNELS, alertsConfig, finding, report } from '../../fixtures/alerts/reports.js'

const NOW = new Date('2026-11-23T10:00:00Z') // a Monday
const HOUR = 3_600_000

function channelsOf(ns: readonly Notification[]): string[] {
  return ns.map((n) => n.channel).sort()
}

function plan(findings = [finding('a', 'critical')], over: Partial<Parameters<typeof planAlerts>[0]> = {}) {
  return planAlerts({
    report: report(findings),
    config: alertsConfig(),
    previous: [],
    now: NOW,
    isPullRequest: false,
    isTrustedDefaultBranch: true,
    channelsAvailable: ALL_CHANNELS,
    ...over,
  })
}

describe('planAlerts default routes', () => {
  it.each([
    ['critical', ['email', 'pagerduty', 'slack']],
    ['error', ['slack']],
    ['warning', []],
    ['info', []],
  ] as const)('%s reaches %j', (severity, expected) => {
    const cfg = alertsConfig({ email: { to: ['oncall@example.com'] } })
    expect(channelsOf(plan([finding('a', severity)], { config: cfg }).notifications)).toEqual(expected)
  })

  it('never alerts from a pull request and keeps the state', () => {
    const prev: AlertStateEntry[] = [
      {
        key: 'k',
        findingId: 'x',
        severity: 'critical',
        openedAt: '',
        lastNotifiedAt: '',
        channels: ['pagerduty'],
      },
    ]
    const out = plan([finding('a', 'critical')], { isPullRequest: true, previous: prev })
    expect(out.notifications).toEqual([])
    expect(out.nextState).toEqual(prev)
  })

  it('other branches use only routes naming a branch, never page and do not touch state', () => {
    expect(plan([finding('a', 'critical')], { isTrustedDefaultBranch: false }).notifications).toEqual([])
    const cfg = alertsConfig({
      routes: [{ match: { branch: 'release/*' }, channels: ['slack', 'pagerduty'] }, { channels: ['slack'] }],
    })
    const out = plan([finding('a', 'critical')], {
      config: cfg,
      isTrustedDefaultBranch: false,
      report: report([finding('a', 'critical')], { branch: 'release/1.2', ref: 'refs/heads/release/1.2' }),
    })
    expect(channelsOf(out.notifications)).toEqual(['slack'])
    expect(out.nextState).toEqual([])
  })

  it('skips channels without a secret', () => {
    const out = plan([finding('a', 'critical')], {
      channelsAvailable: { slack: false, pagerduty: true, email: false },
    })
    expect(channelsOf(out.notifications)).toEqual(['pagerduty'])
    expect(out.nextState[0]?.channels).toEqual(['pagerduty'])
  })
})

describe('planAlerts routes', () => {
  it.each([
    [{ severity: '>=error' }, 'error', true],
    [{ severity: '>=error' }, 'warning', false],
    [{ severity: 'error' }, 'critical', false],
    [{ stage: 'benchmark' }, 'info', true],
    [{ stage: 'unit' }, 'critical', false],
    [{ branch: 'ma*' }, 'info', true],
    [{ branch: 'release/*' }, 'critical', false],
    [{ event: 'schedule' }, 'critical', false],
    [{ metric: 'benchmark/api/**' }, 'critical', true],
    [{ test: '**' }, 'critical', false],
    [{ labels: { team: 'db' } }, 'critical', true],
    [{ labels: { team: 'web' } }, 'critical', false],
  ])('match %j on a %s finding → %s', (match, severity, hit) => {
    const cfg = alertsConfig({ routes: [{ match, channels: ['slack'] }] })
    const f = finding('a', severity as 'info', { labels: { team: 'db' } })
    expect(plan([f], { config: cfg }).notifications.length).toBe(hit ? 1 : 0)
  })

  it('first match wins unless continue', () => {
    const routes = [
      { match: { severity: '>=error' }, channels: ['pagerduty'] },
      { match: {}, channels: ['slack'] },
    ]
    expect(channelsOf(plan(undefined, { config: alertsConfig({ routes }) }).notifications)).toEqual([
      'pagerduty',
    ])
    const cont = [{ ...routes[0], continue: true }, routes[1]]
    expect(channelsOf(plan(undefined, { config: alertsConfig({ routes: cont }) }).notifications)).toEqual([
      'pagerduty',
      'slack',
    ])
  })

  it('group-by run sends one Slack message; group-by finding one per finding; PagerDuty is always per finding', () => {
    const fs = [finding('a', 'critical'), finding('b', 'critical'), finding('c', 'critical')]
    const byRun = plan(fs, { config: alertsConfig({ routes: [{ channels: ['slack', 'pagerduty'] }] }) })
    expect(channelsOf(byRun.notifications)).toEqual(['pagerduty', 'pagerduty', 'pagerduty', 'slack'])
    const byFinding = plan(fs, {
      config: alertsConfig({ routes: [{ channels: ['slack'], 'group-by': 'finding' }] }),
    })
    expect(channelsOf(byFinding.notifications)).toEqual(['slack', 'slack', 'slack'])
  })

  it('route `to` overrides the default recipients; no recipients means no email', () => {
    const cfg = alertsConfig({
      email: { to: ['all@example.com'] },
      routes: [{ channels: ['email'], to: ['db@example.com'] }],
    })
    const n = plan(undefined, { config: cfg }).notifications[0]
    expect(n?.channel === 'email' && n.message.to).toEqual(['db@example.com'])
    expect(
      plan(undefined, { config: alertsConfig({ routes: [{ channels: ['email'] }] }) }).notifications,
    ).toEqual([])
  })

  it.each([
    [{ from: '2026-11-23T09:00:00Z', to: '2026-11-23T11:00:00Z' }, true],
    [{ from: '2026-11-23T10:00:01Z', to: '2026-11-23T11:00:00Z' }, false],
    [{ weekdays: ['mon'] }, true],
    [{ weekdays: ['sat', 'sun'] }, false],
    [{ hours: { from: 22, to: 11 } }, true],
    [{ hours: { from: 11, to: 22 } }, false],
  ])('mute %j muted=%s', (mute, muted) => {
    const out = plan(undefined, { config: alertsConfig({ routes: [{ channels: ['slack'], mute: [mute] }] }) })
    expect(out.notifications.length).toBe(muted ? 0 : 1)
    expect(out.nextState.length).toBe(muted ? 0 : 1)
  })
})

describe('planAlerts state: page once, remind, resolve', () => {
  const cfg = alertsConfig({ routes: [{ channels: ['pagerduty', 'slack'], 'repeat-interval': '4h' }] })

  it('trigger → same finding an hour later (silent) → after 4h (reminder) → gone (resolve with the same key)', () => {
    const first = plan(undefined, { config: cfg })
    const trigger = first.notifications.find((n) => n.channel === 'pagerduty')
    expect(trigger?.channel === 'pagerduty' && trigger.event.event_action).toBe('trigger')
    const key = trigger?.channel === 'pagerduty' ? trigger.event.dedup_key : ''
    expect(key).toBe('gauntlet/acme/shop/main/a')
    expect(first.nextState).toHaveLength(1)

    const second = plan(undefined, {
      config: cfg,
      previous: first.nextState,
      now: new Date(NOW.getTime() + HOUR),
    })
    expect(second.notifications).toEqual([])
    expect(second.nextState[0]?.lastNotifiedAt).toBe(NOW.toISOString())

    const third = plan(undefined, {
      config: cfg,
      previous: second.nextState,
      now: new Date(NOW.getTime() + 4 * HOUR),
    })
    expect(channelsOf(third.notifications)).toEqual(['pagerduty', 'slack'])
    expect(third.nextState[0]?.openedAt).toBe(NOW.toISOString())

    const fourth = plan([], {
      config: cfg,
      previous: third.nextState,
      now: new Date(NOW.getTime() + 5 * HOUR),
    })
    expect(fourth.notifications).toEqual([
      { channel: 'pagerduty', key, event: { event_action: 'resolve', dedup_key: key } },
    ])
    expect(fourth.nextState).toEqual([])
  })

  it('a muted open alert stays open without notifying', () => {
    const first = plan(undefined, { config: cfg })
    const muted = alertsConfig({ routes: [{ channels: ['pagerduty'], mute: [{ weekdays: ['mon'] }] }] })
    const out = plan(undefined, {
      config: muted,
      previous: first.nextState,
      now: new Date(NOW.getTime() + 5 * HOUR),
    })
    expect(out.notifications).toEqual([])
    expect(out.nextState.map((e) => e.key)).toEqual(['gauntlet/acme/shop/main/a'])
  })
})
