/**
 * The analysis step: one run record and its history in, an {@link AnalysisReport} out. Pure: no I/O, the
 * clock is `input.now`, no randomness.
 */
import type { AnalysisReport, MetricComparison, SeriesPoint } from '../model/analysis-report.js'
import type { Finding } from '../model/finding.js'
import { LOCAL_EVENT, type RunRecord } from '../model/run-record.js'
import { severityRank, type Severity } from '../model/severity.js'
import { countTests } from '../model/test-case.js'
import { findingId, type AnalysisInput } from './input.js'
import { budgetSubjects, evaluateBudgets, parseBudgets } from './metrics/budgets.js'
import { compareMetric, indexHistory, type MetricOutcome } from './metrics/compare-metrics.js'
import { findOverride, fingerprintKey, isHostedRunner } from './metrics/metric-rules.js'
import { benjaminiHochberg } from './stats/hypothesis-tests.js'
import { shardFindings } from './shards.js'
import { analyzeTests, type SlowTest } from './tests/test-findings.js'

const DAY_MS = 86_400_000
const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** An {@link AnalysisReport} plus the slowest tests of the run (optional extra for the report). */
export type GauntletAnalysisReport = AnalysisReport & { readonly slowestTests: readonly SlowTest[] }

/** True for a run that must never be part of a baseline (pull requests). */
export function isPullRequestRun(run: RunRecord): boolean {
  return run.run.prNumber !== null || PR_EVENTS.has(run.run.event)
}

/**
 * Trusted baseline runs for `current`: no PR runs, inside the retention window, earlier than the current run,
 * not the current commit in CI (earlier attempts of the same commit are not a baseline), one record per run id
 * (the latest attempt), oldest first.
 */
export function selectBaselineRuns(
  current: RunRecord,
  runs: readonly RunRecord[],
  now: Date,
  retentionDays: number,
): RunRecord[] {
  const oldest = now.getTime() - retentionDays * DAY_MS
  const currentTs = Date.parse(current.run.timestamp)
  const byRun = new Map<number, RunRecord>()
  for (const r of runs) {
    if (isPullRequestRun(r)) continue
    const ts = Date.parse(r.run.timestamp)
    if (!Number.isFinite(ts) || ts < oldest || ts > now.getTime()) continue
    if (Number.isFinite(currentTs) && ts > currentTs) continue
    // Earlier CI attempts on the same commit are not independent baselines; local CLI runs are (each is a
    // fresh measurement of the working tree), so there only the run itself is left out.
    if (r.run.runId === current.run.runId) continue
    if (current.run.event !== LOCAL_EVENT && r.run.sha === current.run.sha) continue
    const prev = byRun.get(r.run.runId)
    if (prev === undefined || prev.run.attempt < r.run.attempt) byRun.set(r.run.runId, r)
  }
  return [...byRun.values()].sort(
    (a, b) => Date.parse(a.run.timestamp) - Date.parse(b.run.timestamp) || a.run.runId - b.run.runId,
  )
}

function cap(severity: Severity, max: Severity): Severity {
  return severityRank(severity) > severityRank(max) ? max : severity
}

/** Analyses one run against its history. Pure and deterministic. */
export function analyze(input: AnalysisInput): GauntletAnalysisReport {
  const { current, config, now } = input
  const isPr = input.isPullRequest
  const baselineRuns = selectBaselineRuns(current, input.baseline, now, input.retentionDays)
  const prRuns = (input.prRuns ?? [])
    .filter(
      (r) =>
        r.run.runId !== current.run.runId && Date.parse(r.run.timestamp) <= Date.parse(current.run.timestamp),
    )
    .sort((a, b) => Date.parse(a.run.timestamp) - Date.parse(b.run.timestamp))
  const history = indexHistory(baselineRuns)
  const budgets = parseBudgets(config.budgets)
  const prIndex = indexHistory(prRuns)

  const ctx = {
    config,
    now,
    isPullRequest: isPr,
    currentFingerprint: fingerprintKey(current.run.runner),
    hosted: isHostedRunner(current.run.runner),
    currentTimestamp: Number.isFinite(Date.parse(current.run.timestamp))
      ? Date.parse(current.run.timestamp)
      : now.getTime(),
    currentSha: current.run.sha,
    budgets,
    retentionDays: input.retentionDays,
    prValues: (key: string) => (prIndex.get(key) ?? []).map((h) => h.value),
  }

  const findings: Finding[] = []
  const outcomes: MetricOutcome[] = []
  const seenKeys = new Set<string>()
  for (const m of current.metrics) {
    if (seenKeys.has(m.key)) continue
    seenKeys.add(m.key)
    const o = compareMetric(m, history.get(m.key) ?? [], ctx)
    outcomes.push(o)
    findings.push(...o.findings)
  }

  // Benjamini–Hochberg over every metric of the run that had a statistical test.
  const q = benjaminiHochberg(outcomes.map((o) => o.p))
  const regressedSuites = new Set<string>()
  const metricFindings: Finding[] = []
  const comparisons: MetricComparison[] = outcomes.map((o, i) => {
    const c = o.candidate
    if (c === undefined) return o.comparison
    const qi = q[i]!
    if (c.needsBh && !(qi <= config['fdr-q'])) {
      return { ...o.comparison, verdict: 'unchanged', severity: null }
    }
    if (c.kind === 'metric-regression' && severityRank(c.severity) >= severityRank('error'))
      regressedSuites.add(`${o.comparison.stage}/${c.suite}`)
    metricFindings.push({
      id: findingId(c.kind, o.comparison.key),
      kind: c.kind,
      severity: c.severity,
      title: `${c.kind === 'metric-regression' ? 'Regression' : 'Improvement'}: ${o.comparison.key}`,
      reason: c.needsBh ? `${c.reason} and BH q ${qi.toPrecision(2)} ≤ ${config['fdr-q']}` : c.reason,
      subject: { type: 'metric', key: o.comparison.key, stage: o.comparison.stage },
      numbers: { ...c.numbers, ...(Number.isFinite(qi) ? { q: qi } : {}) },
      ...(c.badges.length > 0 ? { badges: c.badges } : {}),
      labels: { score: c.score.toFixed(3) },
    })
    return o.comparison
  })
  // Three or more suites with confirmed errors in one run on the default branch: page.
  for (let i = 0; i < metricFindings.length; i++) {
    const f = metricFindings[i]!
    if (!isPr && regressedSuites.size >= 3 && f.kind === 'metric-regression' && f.severity === 'error') {
      metricFindings[i] = {
        ...f,
        severity: 'critical',
        reason: `${f.reason} and ${regressedSuites.size} suites regressed in this run`,
      }
    }
  }
  findings.push(...metricFindings)

  // Metrics that disappeared: in the latest baseline run, absent now although their stage ran.
  const ranStages = new Set(current.stages.filter((s) => s.status !== 'skipped').map((s) => s.name))
  for (const m of current.metrics) ranStages.add(m.stage)
  const latest = baselineRuns[baselineRuns.length - 1]
  if (latest !== undefined) {
    for (const m of latest.metrics) {
      if (seenKeys.has(m.key) || !ranStages.has(m.stage)) continue
      if (findOverride(config.overrides, m.key, now)?.ignore === true) continue
      findings.push({
        id: findingId('metric-missing', m.key),
        kind: 'metric-missing',
        severity: 'info',
        title: `Metric missing: ${m.key}`,
        reason: 'reported by the latest baseline run, not by this run',
        subject: { type: 'metric', key: m.key, stage: m.stage },
        numbers: { center: m.value, unit: m.unit },
      })
    }
  }

  // Budgets: independent of history, every stage including chaos.
  for (const b of evaluateBudgets(budgetSubjects(current.metrics, current.chaos), budgets)) {
    const override = findOverride(config.overrides, b.subject.key, now)
    if (override?.ignore === true) continue
    let severity: Severity = 'error'
    if (!isPr && (b.subject.stage === 'chaos' || override?.critical === true)) severity = 'critical'
    if (override?.quarantine === true) severity = 'info'
    const op = b.side === 'max' ? (b.budget.inclusive ? '≤' : '<') : b.budget.inclusive ? '≥' : '>'
    findings.push({
      id: findingId('budget', b.subject.key),
      kind: 'budget',
      severity,
      title: `Budget broken: ${b.subject.key}`,
      reason: `${b.subject.value} ${b.subject.unit} breaks budget "${b.budget.source}" (must be ${op} ${b.bound})`,
      subject: {
        type: b.subject.stage === 'chaos' && b.subject.key.startsWith('chaos/') ? 'chaos' : 'metric',
        key: b.subject.key,
        stage: b.subject.stage,
      },
      numbers: { current: b.subject.value, unit: b.subject.unit, threshold: b.bound },
      ...(override?.quarantine === true ? { badges: ['quarantined' as const] } : {}),
    })
  }

  // Stages and chaos experiments.
  for (const s of current.stages) {
    if ((s.status === 'failed' || s.status === 'timed-out') && !s.continueOnError) {
      findings.push({
        id: findingId('stage-failed', s.name),
        kind: 'stage-failed',
        severity: 'error',
        title: `Stage ${s.name} ${s.status}`,
        reason: `exit code ${s.exitCode ?? 'none'} after ${s.attempts} attempt(s)${s.errors.length > 0 ? `: ${s.errors[0]}` : ''}`,
        subject: { type: 'stage', key: s.name, stage: s.name },
        numbers: { durationMs: s.durationMs },
      })
    }
  }
  for (const c of current.chaos) {
    if (c.verdict !== 'failed') continue
    findings.push({
      id: findingId('chaos-failed', c.experiment),
      kind: 'chaos-failed',
      severity: isPr ? 'error' : 'critical',
      title: `Chaos experiment failed: ${c.experiment}`,
      reason: `steady state before/during/after: ${c.steadyState.before}/${c.steadyState.during}/${c.steadyState.after} under ${c.fault}`,
      subject: { type: 'chaos', key: c.experiment, stage: 'chaos' },
      numbers: { current: c.errorRate, ...(c.recoveryMs !== null ? { durationMs: c.recoveryMs } : {}) },
    })
  }

  const tests = analyzeTests(current, baselineRuns, prRuns, config, now)
  findings.push(...tests.findings)

  // A record merged from matrix shards: missing, failed or overlapping shards make the results incomplete.
  if (current.shards !== undefined) findings.push(...shardFindings(current.shards))

  // Quarantine caps; pull requests never page.
  const final = findings.map((f) => {
    let severity = f.severity
    const o = f.subject.type === 'metric' ? findOverride(config.overrides, f.subject.key, now) : undefined
    if (o?.quarantine === true) severity = 'info'
    if (isPr) severity = cap(severity, 'error')
    if (severity === f.severity) return f
    const badges =
      o?.quarantine === true && !(f.badges ?? []).includes('quarantined')
        ? [...(f.badges ?? []), 'quarantined' as const]
        : f.badges
    return {
      ...f,
      severity,
      ...(badges ? { badges } : {}),
      ...(o?.reason && o.quarantine ? { reason: `${f.reason} (quarantined: ${o.reason})` } : {}),
    }
  })
  final.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Number(b.labels?.score ?? 0) - Number(a.labels?.score ?? 0) ||
      a.id.localeCompare(b.id),
  )

  let top: Severity | 'pass' = 'pass'
  for (const f of final)
    if (f.severity !== 'info' && (top === 'pass' || severityRank(f.severity) > severityRank(top)))
      top = f.severity

  const series: Record<string, readonly SeriesPoint[]> = {}
  const changepoints: Record<string, readonly number[]> = {}
  for (const o of outcomes) {
    series[o.comparison.key] = o.series
    if (o.changepoints.length > 0) changepoints[o.comparison.key] = o.changepoints
  }
  return {
    run: current.run,
    verdict: top,
    findings: final,
    comparisons,
    tests: {
      ...countTests(current.tests),
      flaky: tests.flaky,
      newFailures: tests.newFailures,
      fixed: tests.fixed,
    },
    stages: current.stages,
    chaos: current.chaos,
    rules: {
      window: config.window,
      minSamples: config['min-samples'],
      minEffectPct: config['min-effect'],
      warnZ: config['warn-z'],
      failZ: config['fail-z'],
      fdrQ: config['fdr-q'],
      retentionDays: input.retentionDays,
    },
    series,
    changepoints,
    historyRuns: baselineRuns.length,
    slowestTests: tests.slowest,
  }
}
