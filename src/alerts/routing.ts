/**
 * Route matching, Alertmanager style: routes are tried top-down, the first match wins unless it says
 * `continue`. Pure; globs use picomatch so `release/*` means what it means in a workflow's `branches:`.
 */
import picomatch from 'picomatch'
import type { AlertMute, AlertRoute, AlertsConfig } from '../config/sections/alerts.js'
import type { Finding } from '../model/finding.js'
import type { RunInfo } from '../model/run-record.js'
import { isAtLeast, type Severity } from '../model/severity.js'

/** Routes used when the config has none (issue 6): critical pages everywhere, error goes to Slack. */
export const DEFAULT_ROUTES: readonly AlertRoute[] = [
  {
    match: { severity: 'critical' },
    channels: ['slack', 'pagerduty', 'email'],
    continue: false,
    'group-by': 'run',
    'repeat-interval': 4 * 3_600_000,
    mute: [],
  },
  {
    match: { severity: 'error' },
    channels: ['slack'],
    continue: false,
    'group-by': 'run',
    'repeat-interval': 4 * 3_600_000,
    mute: [],
  },
]

/** The configured routes, or {@link DEFAULT_ROUTES} when there are none. */
export function effectiveRoutes(config: AlertsConfig): readonly AlertRoute[] {
  return config.routes.length > 0 ? config.routes : DEFAULT_ROUTES
}

const globCache = new Map<string, (s: string) => boolean>()
function glob(pattern: string, value: string): boolean {
  let m = globCache.get(pattern)
  if (!m) {
    m = picomatch(pattern, { dot: true })
    globCache.set(pattern, m)
  }
  return m(value)
}

function severityMatches(spec: string, severity: Severity): boolean {
  return spec.startsWith('>=') ? isAtLeast(severity, spec.slice(2) as Severity) : spec === severity
}

/** True when every matcher of `route` holds for this finding in this run. */
export function routeMatches(route: AlertRoute, finding: Finding, run: RunInfo): boolean {
  const m = route.match
  if (m.severity !== undefined && !severityMatches(m.severity, finding.severity)) return false
  if (m.stage !== undefined && finding.subject.stage !== m.stage) return false
  if (m.branch !== undefined && !glob(m.branch, run.branch)) return false
  if (m.event !== undefined && run.event !== m.event) return false
  if (m.kind !== undefined && finding.kind !== m.kind) return false
  if (m.metric !== undefined && (finding.subject.type !== 'metric' || !glob(m.metric, finding.subject.key)))
    return false
  if (m.test !== undefined && (finding.subject.type !== 'test' || !glob(m.test, finding.subject.key)))
    return false
  if (m.labels !== undefined) {
    for (const [k, v] of Object.entries(m.labels)) if (finding.labels?.[k] !== v) return false
  }
  return true
}

/** The routes a finding takes: top-down, stopping after the first match without `continue`. */
export function matchRoutes(routes: readonly AlertRoute[], finding: Finding, run: RunInfo): number[] {
  const out: number[] = []
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]
    if (!route || !routeMatches(route, finding, run)) continue
    out.push(i)
    if (!route.continue) break
  }
  return out
}

const WEEKDAY_INDEX = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const

/** True when `now` lies in the mute window; weekday/hour windows are in UTC and `hours` may wrap midnight. */
export function isMuted(mute: AlertMute, now: Date): boolean {
  if ('from' in mute) return now.getTime() >= Date.parse(mute.from) && now.getTime() < Date.parse(mute.to)
  if (mute.weekdays && !mute.weekdays.some((d) => WEEKDAY_INDEX[d] === now.getUTCDay())) return false
  if (mute.hours) {
    const h = now.getUTCHours()
    const { from, to } = mute.hours
    return from <= to ? h >= from && h < to : h >= from || h < to
  }
  return true
}
