import { describe, expect, it } from 'vitest'
import { analyze, selectBaselineRuns } from '../../../src/analysis/analyze.js'
import { findingId } from '../../../src/analysis/input.js'
import type { RunRecord } from '../../../src/model/run-record.js'
import { DAY, RUNNER, T0, config, metric, nowAfter, run, seriesRuns, wobble } from './build-records.js'

const KEY = 'benchmark/kv/get/p95'

/** Analyses run `history.length` (carrying `current`) against `history`. */
function analyzeSeries(
  history: readonly (number | null)[],
  current: number,
  opts: { cfg?: Record<string, unknown>; pr?: boolean; unit?: string } = {},
) {
  const runs = seriesRuns(KEY, history)
  const i = history.length
  const cur = run(i, {
    metrics: [metric(KEY, current, opts.unit ? { unit: opts.unit } : {})],
    ...(opts.pr ? { pr: 7 } : {}),
  })
  return analyze({
    current: cur,
    baseline: runs,
    config: config(opts.cfg),
    now: nowAfter(i),
    retentionDays: 90,
    isPullRequest: opts.pr ?? false,
  })
}

function metricFinding(report: ReturnType<typeof analyze>, kind: string) {
  return report.findings.find((f) => f.kind === kind && f.subject.key.startsWith(KEY))
}

describe('few-samples ladder and edge cases', () => {
  it.each([
    {
      name: 'no history: new metric, info only',
      history: [],
      current: 50,
      verdict: 'new',
      kind: 'metric-new',
      severity: 'info',
    },
    {
      name: 'one point, small change: insufficient history',
      history: [10],
      current: 10.5,
      verdict: 'insufficient-history',
      kind: undefined,
      severity: undefined,
    },
    {
      name: 'one point, +100 % but unconfirmed on the default branch: info',
      history: [10],
      current: 20,
      verdict: 'regressed',
      kind: 'metric-regression',
      severity: 'info',
    },
    {
      name: 'all-equal history, tiny wobble: unchanged (σ floor)',
      history: Array<number>(20).fill(10),
      current: 10.05,
      verdict: 'unchanged',
      kind: undefined,
      severity: undefined,
    },
    {
      name: 'all-equal history, +20 %: flagged but unconfirmed',
      history: Array<number>(20).fill(10),
      current: 12,
      verdict: 'regressed',
      kind: 'metric-regression',
      severity: 'info',
    },
    {
      name: 'zero history and zero now: no relative verdict',
      history: Array<number>(10).fill(0),
      current: 0,
      verdict: 'unchanged',
      kind: undefined,
      severity: undefined,
    },
    {
      name: 'negative values: change measured against |median|',
      history: wobble(-100, 20),
      current: -100.5,
      verdict: 'unchanged',
      kind: undefined,
      severity: undefined,
    },
    {
      name: 'improvement is reported, never failed',
      history: wobble(100, 20),
      current: 70,
      verdict: 'improved',
      kind: 'metric-improvement',
      severity: 'info',
    },
  ])('$name', ({ history, current, verdict, kind, severity }) => {
    const report = analyzeSeries(history, current)
    const c = report.comparisons.find((x) => x.key === KEY)
    expect(c?.verdict).toBe(verdict)
    if (kind === undefined) expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([])
    else expect(metricFinding(report, kind)?.severity).toBe(severity)
  })

  it('a NaN current value is ignored, not compared', () => {
    const report = analyzeSeries(wobble(100, 10), Number.NaN)
    expect(report.comparisons[0]?.verdict).toBe('ignored')
    expect(report.findings).toEqual([])
  })

  it('a unit change starts a new history with an info finding', () => {
    const report = analyzeSeries(wobble(100, 10), 0.1, { unit: 's' })
    expect(report.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['metric-unit-changed', 'metric-new']),
    )
    expect(report.comparisons[0]?.verdict).toBe('new')
  })

  it('a metric that disappears and reappears is compared with the points it has', () => {
    const history = [...wobble(100, 8), null, null, null, ...wobble(100, 8)]
    const report = analyzeSeries(history, 100.4)
    expect(report.comparisons[0]?.baseline?.n).toBe(16)
    expect(report.comparisons[0]?.verdict).toBe('unchanged')
    expect(report.series[KEY]).toHaveLength(16)
  })
})

describe('confirmation, severity and pull requests', () => {
  const base = wobble(100, 30, 0.01)
  it.each([
    {
      name: 'first run of a +30 % shift: info, unconfirmed',
      history: base,
      current: 130,
      severity: 'info',
      badge: 'unconfirmed',
    },
    {
      name: 'second run: warning (confirmed by 2 runs)',
      history: [...base, 130],
      current: 131,
      severity: 'warning',
      badge: undefined,
    },
    {
      name: 'third run: error',
      history: [...base, 130, 131],
      current: 130.5,
      severity: 'error',
      badge: undefined,
    },
    {
      name: 'runs of a shift need not beat each other',
      history: [...base, 132, 129],
      current: 130.5,
      severity: 'error',
      badge: undefined,
    },
    {
      name: 'two unrelated spikes do not confirm each other',
      history: [...base, 190],
      current: 135,
      severity: undefined,
      badge: undefined,
    },
    {
      name: 'third run of a +60 % shift: critical',
      history: [...base, 160, 161],
      current: 160.5,
      severity: 'critical',
      badge: undefined,
    },
    {
      name: 'a +3 % shift is below the 5 % minimum effect',
      history: [...base, 103, 103],
      current: 103,
      severity: undefined,
      badge: undefined,
    },
  ])('$name', ({ history, current, severity, badge }) => {
    const f = metricFinding(analyzeSeries(history, current), 'metric-regression')
    expect(f?.severity).toBe(severity)
    if (badge) expect(f?.badges).toContain(badge)
    if (severity !== undefined) {
      expect(f?.numbers?.n).toBeGreaterThanOrEqual(28)
      expect(f?.numbers?.deltaPct).toBeGreaterThan(25)
      expect(f?.reason).toMatch(/robust z .* and Δ \+/)
      expect(f?.id).toBe(findingId('metric-regression', KEY))
    }
  })

  it('a pull request gets a warning for a single-run regression and never critical', () => {
    const single = metricFinding(analyzeSeries(base, 160, { pr: true }), 'metric-regression')
    expect(single?.severity).toBe('warning')
    expect(single?.badges).toContain('unconfirmed')
    const runs = seriesRuns(KEY, base)
    const earlier = run(30, { metrics: [metric(KEY, 161)], pr: 7, sha: 'pr-a' })
    const cur = run(31, { metrics: [metric(KEY, 160)], pr: 7, sha: 'pr-b' })
    const report = analyze({
      current: cur,
      baseline: [...runs, earlier],
      prRuns: [earlier],
      config: config(),
      now: nowAfter(31),
      retentionDays: 90,
      isPullRequest: true,
    })
    const f = metricFinding(report, 'metric-regression')
    expect(f?.severity).toBe('error')
    expect(report.comparisons[0]?.baseline?.n).toBe(30)
  })

  it('caps at warning below gate-samples and marks the different runner, doubling the minimum effect', () => {
    const other = { ...RUNNER, cpuModel: 'EPYC 7763' }
    const runs = wobble(100, 8).map((v, i) => run(i, { metrics: [metric(KEY, v)], runner: other }))
    const cur = run(8, { metrics: [metric(KEY, 108)] })
    const report = analyze({
      current: cur,
      baseline: runs,
      config: config(),
      now: nowAfter(8),
      retentionDays: 90,
      isPullRequest: false,
    })
    expect(report.comparisons[0]?.badges).toContain('different-runner')
    expect(report.comparisons[0]?.verdict).toBe('unchanged') // +8 % < 2 × 5 %
  })

  it('a noisy metric (CV > 25 %) is advisory only', () => {
    const noisy = Array.from({ length: 30 }, (_, i) => 100 * (1 + 0.5 * Math.sin(i * 2.399)))
    const report = analyzeSeries(noisy, 180)
    expect(report.comparisons[0]?.badges).toContain('noisy')
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([])
  })
})

describe('overrides', () => {
  const shifted = [...wobble(100, 30), 130, 131]
  it.each([
    {
      name: 'ignore drops the metric',
      override: { metric: 'kv/get/p95', ignore: true, reason: 'flaky box' },
      verdict: 'ignored',
      severity: undefined,
    },
    {
      name: 'quarantine caps at info with a badge',
      override: {
        metric: 'benchmark/kv/*/p95',
        quarantine: true,
        reason: 'JIT warm-up',
        expires: '2099-01-01',
      },
      verdict: 'regressed',
      severity: 'info',
    },
    {
      name: 'an expired quarantine no longer applies',
      override: { metric: 'p95', quarantine: true, reason: 'old', expires: '2020-01-01' },
      verdict: 'regressed',
      severity: 'error',
    },
    {
      name: 'a higher min-effect hides the change',
      override: { metric: 'p95', 'min-effect': 40 },
      verdict: 'unchanged',
      severity: undefined,
    },
    {
      name: 'direction higher makes the shift not a regression',
      override: { metric: 'p95', direction: 'higher' },
      verdict: 'unchanged',
      severity: undefined,
    },
    {
      name: 'critical tag pages on a confirmed error',
      override: { metric: 'p95', critical: true },
      verdict: 'regressed',
      severity: 'critical',
    },
  ])('$name', ({ override, verdict, severity }) => {
    const report = analyzeSeries(shifted, 130.5, { cfg: { overrides: [override] } })
    expect(report.comparisons[0]?.verdict).toBe(verdict)
    expect(metricFinding(report, 'metric-regression')?.severity).toBe(severity)
    if (override.quarantine === true && severity === 'info')
      expect(metricFinding(report, 'metric-regression')?.badges).toContain('quarantined')
  })

  it('rejects ignore/quarantine without a reason', () => {
    expect(() => config({ overrides: [{ metric: 'x', ignore: true }] })).toThrow(/reason/)
  })
})

describe('Benjamini–Hochberg across the metrics of a run', () => {
  it('keeps a strong regression and drops a marginal one among many metrics', () => {
    const keys = Array.from({ length: 40 }, (_, k) => `benchmark/s/m${k}/time`)
    const runs: RunRecord[] = Array.from({ length: 32 }, (_, i) =>
      run(i, {
        metrics: keys.map((key, k) =>
          metric(key, (i >= 30 && k === 0 ? 1.3 : 1) * 100 * (1 + 0.01 * Math.sin((i + k) * 2.399))),
        ),
      }),
    )
    const cur = run(32, { metrics: keys.map((key, k) => metric(key, k === 0 ? 130 : 100)) })
    const report = analyze({
      current: cur,
      baseline: runs,
      config: config(),
      now: nowAfter(32),
      retentionDays: 90,
      isPullRequest: false,
    })
    const f = report.findings.find((x) => x.kind === 'metric-regression')
    expect(f?.subject.key).toBe(keys[0])
    expect(f?.numbers?.q).toBeLessThan(0.05)
    expect(report.findings.filter((x) => x.kind === 'metric-regression')).toHaveLength(1)
  })
})

describe('baseline selection', () => {
  it('drops PR runs, runs outside retention, later runs, the same commit, and keeps the latest attempt', () => {
    const cur = run(100, { metrics: [metric(KEY, 1)] })
    const runs = [
      run(5), // 95 days old: outside 90-day retention
      run(20),
      run(30, { pr: 3 }),
      run(40, { sha: cur.run.sha }),
      { ...run(50), run: { ...run(50).run, attempt: 1 } },
      { ...run(50), run: { ...run(50).run, attempt: 2 } },
      run(101),
    ]
    const selected = selectBaselineRuns(cur, runs, new Date(T0 + 100 * DAY + 1000), 90)
    expect(selected.map((r) => [r.run.runId, r.run.attempt])).toEqual([
      [1020, 1],
      [1050, 2],
    ])
  })

  it('restarts the baseline after an accepted change point', () => {
    const history = [...wobble(100, 30), ...wobble(130, 12)]
    const report = analyzeSeries(history, 130.2)
    expect(report.changepoints[KEY]).toEqual([30])
    expect(report.comparisons[0]?.baseline?.n).toBe(12)
    expect(report.comparisons[0]?.verdict).toBe('unchanged')
    const cp = report.findings.find((f) => f.kind === 'changepoint')
    expect(cp?.commits).toEqual({ from: 'sha29', to: 'sha30' })
    expect(cp?.id).toBe(findingId('changepoint', `${KEY}@sha30`))
  })

  it.each([
    {
      // A size that grows by ~2 per run and then stops growing: its level test is blind (it wanders).
      name: 'a growth that stops: an info slope-change finding with the drift per run',
      history: Array.from({ length: 40 }, (_, i) => 1000 + 2 * Math.min(i, 20) + 0.2 * Math.sin(3.7 * i)),
      at: 21,
      title: `Slope change in ${KEY}`,
      reason: /increments .* drift \+1\.99\d → \+0\.0\d\d ms per run, began between sha20 and sha21$/,
    },
    {
      name: 'a counter that jumps: a jump finding',
      history: Array.from(
        { length: 40 },
        (_, i) => 1000 + 3 * i + (i >= 25 ? 300 : 0) + 0.5 * Math.sin(3.7 * i),
      ),
      at: 25,
      title: `Sustained regression in ${KEY}`,
      reason: /^jump \(one run-to-run step far outside the usual ones on a wandering series/,
    },
  ])('$name', ({ history, at, title, reason }) => {
    const report = analyzeSeries(history, history.at(-1)!, { unit: 'ms' })
    expect(report.changepoints[KEY]).toEqual([at])
    const cp = report.findings.find((f) => f.kind === 'changepoint')
    expect(cp).toMatchObject({ title, severity: 'info', commits: { from: `sha${at - 1}`, to: `sha${at}` } })
    expect(cp?.reason).toMatch(reason)
  })

  it('changepoints.wandering: false leaves a wandering series to the level test (no jump)', () => {
    const history = Array.from(
      { length: 40 },
      (_, i) => 1000 + 3 * i + (i >= 25 ? 300 : 0) + 0.5 * Math.sin(3.7 * i),
    )
    const report = analyzeSeries(history, history.at(-1)!, { cfg: { changepoints: { wandering: false } } })
    expect(report.changepoints[KEY] ?? []).toEqual([])
    expect(report.findings.filter((f) => f.kind === 'changepoint')).toEqual([])
  })

  it('excludes a reverted spike from the baseline', () => {
    const history = wobble(100, 30)
    history[15] = 300
    const report = analyzeSeries(history, 100)
    expect(report.comparisons[0]?.baseline?.n).toBe(29)
  })
})

describe('budgets, trends and leaks', () => {
  it.each([
    { budgets: ['benchmark/kv/get/p95 <= 20'], value: 25, severity: 'error' },
    { budgets: ['p95 < 25'], value: 25, severity: 'error' },
    { budgets: ['p95 <= 25'], value: 25, severity: undefined },
    { budgets: [{ metric: 'benchmark/**', max: 10 }], value: 25, severity: 'error' },
    { budgets: ['p95 >= 30'], value: 25, severity: 'error' },
  ])('$budgets with value $value (first run, no history)', ({ budgets, value, severity }) => {
    const report = analyzeSeries([], value, { cfg: { budgets } })
    expect(report.findings.find((f) => f.kind === 'budget')?.severity).toBe(severity)
  })

  it('breaks a chaos SLO budget as critical on the default branch and error on a PR', () => {
    const cur: RunRecord = {
      ...run(1),
      chaos: [
        {
          experiment: 'latency',
          fault: 'latency 200ms',
          steadyState: { before: 'passed', during: 'passed', after: 'passed' },
          errorRate: 0.05,
          latencyMs: { p50: 5, p95: 30, p99: 50 },
          recoveryMs: 1200,
          verdict: 'passed',
        },
      ],
    }
    const cfg = config({ budgets: ['error_rate <= 0.01', 'p95_latency_ms <= 20'] })
    const main = analyze({
      current: cur,
      baseline: [],
      config: cfg,
      now: nowAfter(1),
      retentionDays: 90,
      isPullRequest: false,
    })
    expect(main.findings.filter((f) => f.kind === 'budget').map((f) => [f.subject.key, f.severity])).toEqual([
      ['chaos/latency/error_rate', 'critical'],
      ['chaos/latency/p95_latency_ms', 'critical'],
    ])
    const pr = analyze({
      current: { ...cur, run: { ...cur.run, prNumber: 2, event: 'pull_request' } },
      baseline: [],
      config: cfg,
      now: nowAfter(1),
      retentionDays: 90,
      isPullRequest: true,
    })
    expect(pr.findings.every((f) => f.severity !== 'critical')).toBe(true)
  })

  it('projects when a rising metric crosses its budget', () => {
    const history = Array.from({ length: 20 }, (_, i) => 10 + 0.2 * i)
    const report = analyzeSeries(history, 14, { cfg: { budgets: ['p95 <= 16'] } })
    const t = report.findings.find((f) => f.kind === 'trend')
    expect(t?.severity).toBe('warning')
    expect(t?.numbers?.slopePerDay).toBeCloseTo(0.2, 6)
    expect(t?.numbers?.projectedCrossing).toBe(new Date(nowAfter(20).getTime() + 10 * DAY).toISOString())
  })

  it.each([
    { unit: 'MB/h', value: 12, leak: true },
    { unit: 'KiB/min', value: 100, leak: false },
    { unit: 'MB/h', value: 9, leak: false },
    { unit: 'MB/s', value: 500, leak: false },
  ])('memory growth $value $unit → leak $leak', ({ unit, value, leak }) => {
    const report = analyzeSeries([], value, { unit })
    expect(report.findings.some((f) => f.kind === 'leak')).toBe(leak)
  })
})

describe('report shape', () => {
  it('sorts by severity, reports rules, series and verdict', () => {
    const report = analyzeSeries([...wobble(100, 30), 130, 131], 130.5, { cfg: { budgets: ['p95 <= 1000'] } })
    expect(report.verdict).toBe('error')
    expect(report.findings[0]?.severity).toBe('error')
    expect(report.rules).toMatchObject({
      window: 30,
      minSamples: 5,
      minEffectPct: 5,
      warnZ: 3.5,
      failZ: 5,
      fdrQ: 0.05,
      retentionDays: 90,
    })
    expect(report.historyRuns).toBe(32)
    expect(report.series[KEY]?.[0]).toEqual({
      timestamp: new Date(T0).toISOString(),
      value: 100,
      sha: 'sha0',
      runId: 1000,
    })
  })

  it('a metric missing from this run is reported when its stage ran', () => {
    const runs = [run(0, { metrics: [metric(KEY, 1), metric('benchmark/kv/put/p95', 2)] })]
    const report = analyze({
      current: run(1, { metrics: [metric(KEY, 1)] }),
      baseline: runs,
      config: config(),
      now: nowAfter(1),
      retentionDays: 90,
      isPullRequest: false,
    })
    expect(report.findings.find((f) => f.kind === 'metric-missing')?.subject.key).toBe('benchmark/kv/put/p95')
  })
})
