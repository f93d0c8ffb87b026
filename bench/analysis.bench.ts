/**
 * Analysis throughput: `analyze()` on 2,000 metrics × 90 runs (change points included), target ≤ 2 s on the
 * 2-core CI machine; and the change-point pass on one series of 90, 500 and 2,000 points with a fixed window,
 * whose cost should grow about linearly in the length.
 */
import { analyze } from '../src/analysis/analyze.js'
import { detectSustainedShifts } from '../src/analysis/changepoints/sustained-shifts.js'
import { mulberry32, stationarySeries } from '../src/analysis/evaluation/aa-simulation.js'
import { analysisSection } from '../src/config/sections/analysis.js'
import type { Metric } from '../src/model/metric.js'
import type { RunRecord } from '../src/model/run-record.js'

const METRICS = 2000
const RUNS = 90
const TARGET_MS = 2000
const DAY = 86_400_000

function buildHistory(): RunRecord[] {
  const rand = mulberry32(42)
  const series = Array.from({ length: METRICS }, (_, m) =>
    stationarySeries(m % 2 === 0 ? 'log-normal' : 'spiky', RUNS + 1, rand),
  )
  // A few real shifts so that change points and regressions are exercised, not just quiet noise.
  for (let m = 0; m < METRICS; m += 50) for (let i = 60; i <= RUNS; i++) series[m]![i]! *= 1.3
  const day0 = Date.UTC(2026, 0, 1)
  return Array.from({ length: RUNS + 1 }, (_, i) => ({
    schema: 1,
    run: {
      repository: 'o/r',
      headRepository: 'o/r',
      sha: `c${i}`,
      ref: 'refs/heads/main',
      branch: 'main',
      event: 'push',
      prNumber: null,
      baseBranch: null,
      runId: i + 1,
      attempt: 1,
      timestamp: new Date(day0 + i * DAY).toISOString(),
      runner: { os: 'Linux', arch: 'X64', cpuModel: 'cpu', cores: 2 },
    },
    stages: [],
    tests: [],
    chaos: [],
    metrics: series.map((s, m): Metric => ({
      key: `benchmark/suite${m % 20}/bench${m}/time`,
      stage: 'benchmark',
      suite: `suite${m % 20}`,
      name: `bench${m}`,
      measure: 'time',
      unit: 'ms',
      direction: 'lower',
      value: s[i]!,
      samples: [s[i]!],
    })),
  }))
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Prints the figures and the ratio to the target. */
export async function run(): Promise<void> {
  await Promise.resolve()
  const config = analysisSection.parse(undefined)
  const runs = buildHistory()
  const current = runs[RUNS]!
  const baseline = runs.slice(0, RUNS)
  const now = new Date(Date.parse(current.run.timestamp) + 3_600_000)
  // CPU time is reported next to wall time: on a shared runner the wall clock mostly measures the neighbours.
  const wall: number[] = []
  const cpu: number[] = []
  let findings = 0
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const report = analyze({ current, baseline, config, now, retentionDays: 120, isPullRequest: false })
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
    findings = report.findings.length
  }
  const ms = median(wall)
  const cpuMs = median(cpu)
  console.log(
    `analysis: ${METRICS} metrics × ${RUNS} runs, change points included, ${findings} findings: wall median ${ms.toFixed(0)} ms (${wall.map((t) => t.toFixed(0)).join(', ')}), CPU median ${cpuMs.toFixed(0)} ms (${cpu.map((t) => t.toFixed(0)).join(', ')}); target ≤ ${TARGET_MS} ms → wall ratio ${(ms / TARGET_MS).toFixed(2)}, CPU ratio ${(cpuMs / TARGET_MS).toFixed(2)} ${Math.min(ms, cpuMs) <= TARGET_MS ? 'OK' : 'OVER'}`,
  )

  const rand = mulberry32(7)
  const perPoint: number[] = []
  for (const length of [90, 500, 2000]) {
    const reps = Math.max(3, Math.round(20_000 / length))
    const series = Array.from({ length: reps }, () => stationarySeries('spiky', length, rand))
    const t0 = performance.now()
    for (const s of series)
      detectSustainedShifts(s, {
        windowLen: config.changepoints.window,
        maxPValue: 0.001,
        minMagnitude: 0.05,
      })
    const each = (performance.now() - t0) / reps
    perPoint.push((each * 1000) / length)
    console.log(
      `change points, window ${config.changepoints.window}: ${length} points → ${each.toFixed(2)} ms per series (${((each * 1000) / length).toFixed(1)} µs/point)`,
    )
  }
  console.log(
    `change points: cost per point 2,000 vs 90 = ${(perPoint[2]! / perPoint[0]!).toFixed(2)}× (≈1 means linear in length)`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
