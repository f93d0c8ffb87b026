/**
 * Decides what to send: routing, grouping, repeat-interval, mute and resolves. Pure: the caller passes the
 * previous alert state and the clock, and stores `nextState` in the run record.
 */
import type { AlertChannelName, AlertRoute, AlertsConfig } from '../config/sections/alerts.js'
import type { AnalysisReport } from '../model/analysis-report.js'
import type { Finding } from '../model/finding.js'
import type { AlertStateEntry } from '../model/run-record.js'
import { effectiveRoutes, isMuted, matchRoutes } from './routing.js'
import { codeMessages, type AlertMessages } from './messages.js'
import { dedupKey, renderPagerDutyResolve, renderPagerDutyTrigger } from './render.js'
import type { AlertLinks, Notification } from './types.js'

export interface PlanAlertsInput {
  readonly report: AnalysisReport
  readonly config: AlertsConfig
  readonly previous: readonly AlertStateEntry[]
  readonly now: Date
  readonly isPullRequest: boolean
  readonly isTrustedDefaultBranch: boolean
  readonly channelsAvailable: Readonly<Record<AlertChannelName, boolean>>
  readonly links?: AlertLinks
  /** How messages are written; the code layouts when absent (the pipeline passes the template-backed ones). */
  readonly messages?: AlertMessages
}

export interface AlertPlan {
  readonly notifications: Notification[]
  readonly nextState: AlertStateEntry[]
}

interface Routed {
  readonly finding: Finding
  readonly key: string
  /** Channels of the unmuted matching routes. */
  readonly channels: Set<AlertChannelName>
  /** Smallest repeat interval of those routes. */
  readonly repeatMs: number
  /** True when some matching route was muted now: the alert stays open but sends nothing. */
  readonly muted: boolean
  /** Indices of the matching, unmuted routes. */
  readonly routes: readonly number[]
}

/**
 * Plans the notifications of one run. Pull requests never alert. Other runs that are not trusted default-branch
 * runs use only routes with a `branch` matcher, reach Slack and email but never PagerDuty, and leave the alert
 * state as it was; only trusted default-branch runs open, remind and resolve alerts.
 */
export function planAlerts(input: PlanAlertsInput): AlertPlan {
  const { report, config, previous, now } = input
  if (input.isPullRequest) return { notifications: [], nextState: [...previous] }
  const run = report.run
  const links: AlertLinks = { run: run.url, ...input.links }
  const messages = input.messages ?? codeMessages(run, links)
  const stateful = input.isTrustedDefaultBranch
  // Off the trusted default branch only routes that name a branch apply: feature-branch pushes stay quiet
  // unless a route asks for them (e.g. `branch: release/*`).
  const routes = stateful
    ? effectiveRoutes(config)
    : config.routes.filter((r) => r.match.branch !== undefined)
  const available = (c: AlertChannelName): boolean =>
    input.channelsAvailable[c] && (c !== 'pagerduty' || stateful)
  const prevByKey = new Map(previous.map((e) => [e.key, e]))

  const routeMuted = routes.map((r) => r.mute.some((m) => isMuted(m, now)))
  const routed: Routed[] = []
  for (const finding of report.findings) {
    const idx = matchRoutes(routes, finding, run)
    if (idx.length === 0) continue
    const channels = new Set<AlertChannelName>()
    let repeatMs = Infinity
    let muted = false
    const live: number[] = []
    for (const i of idx) {
      const route = routes[i] as AlertRoute
      if (routeMuted[i]) {
        muted = true
        continue
      }
      live.push(i)
      for (const c of route.channels) channels.add(c)
      repeatMs = Math.min(repeatMs, route['repeat-interval'])
    }
    if (channels.size === 0 && !muted) continue
    routed.push({
      finding,
      key: dedupKey(run.repository, run.branch, finding.id),
      channels,
      repeatMs,
      muted,
      routes: live,
    })
  }

  const notifications: Notification[] = []
  const nextState: AlertStateEntry[] = []
  // Findings to notify now, per route (for grouping); a finding is notified when new or its reminder is due.
  const due = new Set<string>()
  for (const r of routed) {
    const prev = stateful ? prevByKey.get(r.key) : undefined
    const isDue =
      !r.muted && (prev === undefined || now.getTime() - Date.parse(prev.lastNotifiedAt) >= r.repeatMs)
    if (isDue) due.add(r.key)
    if (!stateful) continue
    if (prev === undefined && (r.muted || !isDue)) continue
    nextState.push({
      key: r.key,
      findingId: r.finding.id,
      severity: r.finding.severity,
      openedAt: prev?.openedAt ?? now.toISOString(),
      lastNotifiedAt: isDue ? now.toISOString() : (prev?.lastNotifiedAt ?? now.toISOString()),
      channels: [...new Set([...(prev?.channels ?? []), ...[...r.channels].filter(available)])],
    })
  }

  // PagerDuty: one trigger per finding, so each dedup key maps to exactly one incident.
  for (const r of routed) {
    if (due.has(r.key) && r.channels.has('pagerduty') && available('pagerduty')) {
      notifications.push({
        channel: 'pagerduty',
        key: r.key,
        event: renderPagerDutyTrigger(run, r.finding, links, now, messages.pagerDutySummary(r.finding)),
      })
    }
  }

  // Slack and email: grouped per route and `group-by`.
  routes.forEach((route, i) => {
    const members = routed.filter((r) => due.has(r.key) && r.routes.includes(i))
    if (members.length === 0) return
    const groups: Finding[][] =
      route['group-by'] === 'finding' ? members.map((m) => [m.finding]) : [members.map((m) => m.finding)]
    for (const [g, findings] of groups.entries()) {
      const groupKey = `route${i}/${route['group-by'] === 'finding' ? (findings[0]?.id ?? g) : 'run'}`
      if (route.channels.includes('slack') && available('slack')) {
        notifications.push({ channel: 'slack', key: groupKey, message: messages.slack(findings) })
      }
      const to = route.to ?? config.email.to
      if (route.channels.includes('email') && available('email') && to.length > 0) {
        notifications.push({
          channel: 'email',
          key: groupKey,
          message: messages.email(findings, to),
        })
      }
    }
  })

  if (stateful) {
    const open = new Set(routed.map((r) => r.key))
    for (const prev of previous) {
      if (open.has(prev.key)) continue
      // Gone on a trusted default-branch run: close the page with the same dedup key.
      if (prev.channels.includes('pagerduty') && input.channelsAvailable.pagerduty) {
        notifications.push({ channel: 'pagerduty', key: prev.key, event: renderPagerDutyResolve(prev.key) })
      }
    }
  }
  return { notifications, nextState }
}
