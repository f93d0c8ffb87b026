/**
 * Alerts: 200 findings through routing, grouping and rendering (planAlerts, channels stubbed by design since
 * planning is pure), target ≤ 100 ms; also delivery overhead through stub channels, for information.
 */
import { deliverAlerts } from '../src/alerts/delivery.js'
import { planAlerts } from '../src/alerts/plan.js'
import type { AlertChannel } from '../src/alerts/types.js'
import type { Severity } from '../src/model/severity.js'
import { ALL_CHANNELS, alertsConfig, finding, report } from '../test/fixtures/alerts/reports.js'

const TARGET_MS = 100
const FINDINGS = 200
const REPEATS = 7
const SEVERITIES: Severity[] = ['critical', 'error', 'warning', 'info']

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Prints the figures and how they compare with the target. */
export async function run(): Promise<void> {
  const findings = Array.from({ length: FINDINGS }, (_, i) =>
    finding(`f${i}`, SEVERITIES[i % 4] ?? 'info', {
      title: `metric ${i} <regressed> & ${'x'.repeat(i % 300)}`,
    }),
  )
  const config = alertsConfig({
    email: { to: ['oncall@example.com'] },
    routes: [
      { match: { severity: '>=error', branch: 'main' }, channels: ['pagerduty'], continue: true },
      { match: { severity: 'critical' }, channels: ['slack', 'email'], continue: true },
      { match: { metric: 'benchmark/**' }, channels: ['slack'], 'group-by': 'finding', continue: true },
      { match: { severity: '>=warning' }, channels: ['email'] },
    ],
  })
  const input = {
    report: report(findings),
    config,
    previous: [],
    now: new Date('2026-11-23T10:00:00Z'),
    isPullRequest: false,
    isTrustedDefaultBranch: true,
    channelsAvailable: ALL_CHANNELS,
  }
  const times: number[] = []
  let count = 0
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now()
    count = planAlerts(input).notifications.length
    times.push(performance.now() - start)
  }
  const first = times[0] ?? Number.NaN
  const med = median(times)
  const stub: AlertChannel = { send: async () => {} }
  const plan = planAlerts(input)
  const dStart = performance.now()
  await deliverAlerts(
    plan.notifications,
    { slack: stub, pagerduty: stub, email: stub },
    {
      timeoutMs: 1_000,
      retries: 0,
      baseDelayMs: 0,
      maxDelayMs: 0,
      sleep: async () => {},
      random: () => 0,
    },
    { warning: () => {}, info: () => {} },
  )
  const deliverMs = performance.now() - dStart
  console.log(
    `alerts: ${FINDINGS} findings → ${count} notifications; plan first ${first.toFixed(1)} ms, median ${med.toFixed(1)} ms of ${REPEATS} (target ≤ ${TARGET_MS} ms, ratio ${(med / TARGET_MS).toFixed(2)}); stubbed delivery ${deliverMs.toFixed(1)} ms`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
