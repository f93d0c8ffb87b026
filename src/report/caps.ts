// How much of each section a report shows, per target, and the order in which sections shrink when a body
// exceeds its limit: least important first (unchanged metrics, fixed and flaky tests, chart style, chaos and
// other details, trends), then message lines, and only at the end the changed-metric and failure rows.

import type { ViewCaps } from './view-model.js'

/** GitHub rejects issue comments longer than this many characters. */
export const GITHUB_COMMENT_MAX_CHARS = 65_536
/** GitHub's job summary limit per step: 1024 KiB. */
export const GITHUB_SUMMARY_MAX_BYTES = 1024 * 1024
/** The default comment cap: a margin below GitHub's limit for anything appended later. */
export const DEFAULT_COMMENT_MAX_CHARS = 65_000
/** PagerDuty's Events API v2 `payload.summary` limit. */
export const PAGERDUTY_SUMMARY_MAX_CHARS = 1_024

/** Caps of the PR comment before any size pressure: what a reviewer can take in. */
export const COMMENT_CAPS: ViewCaps = {
  changed: 100,
  failures: 30,
  messageLines: 6,
  flaky: 30,
  fixed: 30,
  unchanged: 200,
  chaos: 30,
  other: 50,
  trends: 5,
  charts: 'mermaid',
}

/** Caps of the job summary: the same content, more of it. */
export const SUMMARY_CAPS: ViewCaps = {
  changed: 2_000,
  failures: 500,
  messageLines: 12,
  flaky: 500,
  fixed: 500,
  unchanged: 5_000,
  chaos: 200,
  other: 500,
  trends: 20,
  charts: 'mermaid',
}

/** Caps of alert messages (Slack, email, PagerDuty): the few lines an on-call engineer needs. */
export const ALERT_CAPS: ViewCaps = {
  changed: 10,
  failures: 10,
  messageLines: 3,
  flaky: 5,
  fixed: 0,
  unchanged: 0,
  chaos: 10,
  other: 10,
  trends: 3,
  charts: 'sparkline',
}

/** Caps used when probing user templates at load time: at least one row in every section. */
export const PROBE_CAPS: ViewCaps = { ...SUMMARY_CAPS, trends: 2 }

type Step = Partial<ViewCaps>

/** Each step lowers caps further (cumulatively); the renderer stops at the first body that fits. */
export const SHRINK_STEPS: readonly Step[] = [
  { unchanged: 50 },
  { unchanged: 0, fixed: 0 },
  { flaky: 10, charts: 'sparkline' },
  { flaky: 0, other: 20 },
  { chaos: 5 },
  { trends: 0, charts: 'none' },
  { messageLines: 2, failures: 20 },
  { changed: 50, failures: 10, other: 5, chaos: 0 },
  { changed: 20, failures: 5, other: 0, messageLines: 1 },
  { changed: 5, failures: 3, messageLines: 0 },
  { changed: 0, failures: 0 },
]

/** Applies `step` to `caps`, never raising a cap. */
export function lowerCaps(caps: ViewCaps, step: Step): ViewCaps {
  const out: Record<string, unknown> = { ...caps }
  for (const [key, value] of Object.entries(step)) {
    const current = out[key]
    if (typeof value === 'number' && typeof current === 'number') out[key] = Math.min(current, value)
    else if (key === 'charts') {
      const order = ['mermaid', 'sparkline', 'none']
      out[key] = order[Math.max(order.indexOf(String(current)), order.indexOf(String(value)))]
    }
  }
  return out as unknown as ViewCaps
}
