/**
 * Per-metric analysis: baseline selection, robust comparison, change points, trends and leaks.
 * Rules and defaults: shared/research/benchmarking.md §3.2–3.7.
 */
import type { AnalysisConfig } from '../../config/sections/analysis.js'
import type { ComparisonVerdict, MetricComparison, SeriesPoint } from '../../model/analysis-report.js'
import type { Badge, Finding } from '../../model/finding.js'
import type { Direction, Metric } from '../../model/metric.js'
import type { RunRecord } from '../../model/run-record.js'
import type { Severity } from '../../model/severity.js'
import { detectSustainedShifts, type SustainedShift } from '../changepoints/sustained-shifts.js'
import { snapshotMetricColumns, type SnapshotMetricColumns } from '../../history/snapshot-codec.js'
import { findingId } from '../input.js'
import { normalSf } from '../stats/distributions.js'
import { medianOf, robustSummary, theilSenSlope, type RobustSummary } from '../stats/robust.js'
import { budgetFor, type Budget } from './budgets.js'
import {
  findOverride,
  fingerprintKey,
  memoryRateMbPerHour,
  minEffectFor,
  type Override,
} from './metric-rules.js'

const DAY_MS = 86_400_000

/** One historical observation of a metric. */
export interface HistoryPoint {
  readonly value: number
  readonly unit: string
  readonly fingerprint: string
  readonly timestamp: number
  readonly sha: string
  readonly runId: number
  readonly isoTime: string
}

/** Metric values by key across the baseline runs (oldest first). */
export type MetricHistory = Map<string, HistoryPoint[]>

/** Indexes every metric of the (already filtered and sorted) baseline runs. */
export function indexHistory(runs: readonly RunRecord[]): MetricHistory {
  const out: MetricHistory = new Map()
  for (const run of runs) {
    const fp = fingerprintKey(run.run.runner)
    const ts = Date.parse(run.run.timestamp)
    // A record decoded from the snapshot: read key, unit and value from its columns instead of
    // materialising its Metric objects (and their sample arrays), 2,000 per run for 90 runs.
    const columns = snapshotMetricColumns(run)
    if (columns !== undefined) {
      for (let k = 0; k < columns.count; k++) {
        const value = columns.value[k] as number
        if (!Number.isFinite(value)) continue
        const d = columns.defs[columns.def[k] as number] as SnapshotMetricColumns['defs'][number]
        let list = out.get(d[0])
        if (list === undefined) out.set(d[0], (list = []))
        list.push({
          value,
          unit: d[5],
          fingerprint: fp,
          timestamp: ts,
          sha: run.run.sha,
          runId: run.run.runId,
          isoTime: run.run.timestamp,
        })
      }
      continue
    }
    for (const m of run.metrics) {
      if (!Number.isFinite(m.value)) continue
      let list = out.get(m.key)
      if (list === undefined) out.set(m.key, (list = []))
      list.push({
        value: m.value,
        unit: m.unit,
        fingerprint: fp,
        timestamp: ts,
        sha: run.run.sha,
        runId: run.run.runId,
        isoTime: run.run.timestamp,
      })
    }
  }
  return out
}

/** What the comparison of one metric produced, before multiplicity control and severity capping. */
export interface MetricOutcome {
  readonly comparison: MetricComparison
  /** Two-sided p from the robust z, for Benjamini–Hochberg; NaN when no statistical test applies. */
  readonly p: number
  /** The regression/improvement candidate, still to pass BH. */
  readonly candidate?: {
    readonly kind: 'metric-regression' | 'metric-improvement'
    readonly severity: Severity
    readonly reason: string
    readonly score: number
    readonly badges: Badge[]
    readonly numbers: Finding['numbers']
    readonly suite: string
    readonly needsBh: boolean
  }
  readonly findings: Finding[]
  readonly series: SeriesPoint[]
  readonly changepoints: number[]
}

/** Context shared by every metric of a run. */
export interface CompareContext {
  readonly config: AnalysisConfig
  readonly now: Date
  readonly isPullRequest: boolean
  readonly currentFingerprint: string
  readonly hosted: boolean
  readonly currentTimestamp: number
  readonly currentSha: string
  readonly budgets: readonly Budget[]
  readonly retentionDays: number
  /** Earlier values of this metric in the same pull request, oldest first (confirmation). */
  readonly prValues: (key: string) => readonly number[]
}

function signOf(direction: Direction): 1 | -1 | 0 {
  return direction === 'lower' ? 1 : direction === 'higher' ? -1 : 0
}

/** Worse-is-positive relative change (percent) and robust z of `x` against a summary. */
function score(x: number, s: RobustSummary, sign: 1 | -1 | 0): { delta: number | null; z: number } {
  const diff = x - s.center
  const signed = sign === 0 ? Math.abs(diff) : sign * diff
  const delta = s.center === 0 ? null : (signed / Math.abs(s.center)) * 100
  const z = s.spread > 0 ? signed / s.spread : signed === 0 ? 0 : signed > 0 ? Infinity : -Infinity
  return { delta, z }
}

/** Rules a single value must meet to count as "flagged" against a reference sample. */
interface FlagRules {
  readonly warnZ: number
  readonly minEffect: number
  readonly minSamples: number
}

/**
 * Whether `x` is a regression against `ref` (summary `s`): with fewer than `minSamples` reference points,
 * Δ ≥ 3·min-effect; otherwise robust z ≥ warn-z and Δ ≥ min-effect. Always also the empirical rank: `x` must
 * be worse than all but 5 % of the reference (i.e. worse than every point of a window shorter than 39).
 */
function flagged(
  x: number,
  ref: readonly number[],
  s: RobustSummary,
  sign: 1 | -1 | 0,
  rules: FlagRules,
): boolean {
  const { delta, z } = score(x, s, sign)
  if (delta === null) return false
  const enough = ref.length >= rules.minSamples
  if (enough ? !(z >= rules.warnZ && delta >= rules.minEffect) : !(delta >= 3 * rules.minEffect)) return false
  return rankP(x, ref, s.center, sign) <= Math.max(0.05, 1 / (ref.length + 1))
}

/** (#{reference points at least as bad as x} + 1) / (n + 1). */
function rankP(x: number, ref: readonly number[], center: number, sign: 1 | -1 | 0): number {
  let worse = 0
  for (const h of ref) {
    const bad = sign === 0 ? Math.abs(h - center) >= Math.abs(x - center) : sign * h >= sign * x
    if (bad) worse++
  }
  return (worse + 1) / (ref.length + 1)
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : String(v))

/**
 * Compares one metric of the current run with its history.
 * `history` holds the metric's trusted default-branch points, oldest first, already inside the retention window.
 */
export function compareMetric(
  metric: Metric,
  history: readonly HistoryPoint[],
  ctx: CompareContext,
): MetricOutcome {
  const cfg = ctx.config
  const override: Override | undefined = findOverride(cfg.overrides, metric.key, ctx.now)
  const direction: Direction = override?.direction ?? metric.direction
  const sign = signOf(direction)
  const findings: Finding[] = []
  const badges: Badge[] = []
  const base = { key: metric.key, stage: metric.stage, unit: metric.unit, direction, current: metric.value }
  const subject = { type: 'metric' as const, key: metric.key, stage: metric.stage }

  if (override?.ignore === true || !Number.isFinite(metric.value)) {
    const comparison: MetricComparison = {
      ...base,
      baseline: null,
      deltaPct: null,
      z: null,
      verdict: 'ignored',
      severity: null,
      badges: [],
    }
    return { comparison, p: Number.NaN, findings, series: [], changepoints: [] }
  }

  // Unit change: only points in the current unit are comparable.
  const sameUnit = history.filter((h) => h.unit === metric.unit)
  const lastPoint = history[history.length - 1]
  if (lastPoint !== undefined && lastPoint.unit !== metric.unit) {
    findings.push({
      id: findingId('metric-unit-changed', metric.key),
      kind: 'metric-unit-changed',
      severity: 'info',
      title: `Unit changed: ${metric.key}`,
      reason: `unit was ${JSON.stringify(lastPoint.unit)}, now ${JSON.stringify(metric.unit)}; only ${sameUnit.length} earlier point(s) in the new unit are compared`,
      subject,
      numbers: { current: metric.value, unit: metric.unit, n: sameUnit.length },
    })
  }

  // Leak: memory growth per hour above the threshold (needs no history).
  const rate = memoryRateMbPerHour(metric.value, metric.unit)
  if (rate !== undefined && rate > cfg.trends['leak-mb-per-hour']) {
    findings.push({
      id: findingId('leak', metric.key),
      kind: 'leak',
      severity: override?.quarantine === true ? 'info' : 'warning',
      title: `Memory leak suspected: ${metric.key}`,
      reason: `memory grows ${fmt(rate, 2)} MB/h > ${cfg.trends['leak-mb-per-hour']} MB/h`,
      subject,
      numbers: { current: rate, unit: 'MB/h', threshold: cfg.trends['leak-mb-per-hour'] },
    })
  }

  // Same runner fingerprint when enough such points exist; otherwise all, with the minimum effect doubled.
  let minEffect = minEffectFor(cfg, metric.unit, ctx.hosted, override)
  const sameRunner = sameUnit.filter((h) => h.fingerprint === ctx.currentFingerprint)
  let pool = sameUnit
  if (sameRunner.length >= cfg['min-samples']) pool = sameRunner
  else if (sameRunner.length < sameUnit.length) {
    minEffect *= 2
    badges.push('different-runner')
  }

  const series: SeriesPoint[] = pool.map((h) => ({
    timestamp: h.isoTime,
    value: h.value,
    sha: h.sha,
    runId: h.runId,
  }))

  // Change points over the history (plus the current run on the default branch).
  const cpCfg = cfg.changepoints
  const minMagnitude = (cpCfg['min-magnitude'] ?? minEffect) / 100
  const cpValues = ctx.isPullRequest ? pool.map((h) => h.value) : [...pool.map((h) => h.value), metric.value]
  let shifts: SustainedShift[] = []
  if (cpCfg.enabled && cpValues.length >= 2 * cpCfg['min-segment']) {
    shifts = detectSustainedShifts(cpValues, {
      windowLen: cpCfg.window,
      maxPValue: cpCfg['p-value'],
      minMagnitude,
      minSegment: cpCfg['min-segment'],
      wandering: cpCfg.wandering,
    })
  }
  const changepoints = shifts.map((s) => s.index).filter((i) => i < pool.length)
  // Accepted = the new regime has at least min-samples baseline points; the baseline starts there.
  let segmentStart = 0
  for (const s of shifts) if (pool.length - s.index >= cfg['min-samples']) segmentStart = s.index
  for (const s of shifts) {
    if (s.index >= pool.length || s.index === 0) continue
    const worse = sign === 0 ? s.magnitude : sign * (s.meanAfter - s.meanBefore)
    const from = pool[s.index - 1]!
    const to = pool[s.index]!
    const changePct = s.forwardChange * 100
    const recent = s.index >= pool.length + 1 - cfg.window
    if (s.kind === 'slope') {
      // A change of drift on a wandering series: context for the reviewer (where the baseline restarts), not
      // a verdict; the trend finding says whether the new slope crosses a budget.
      const perRun = (x: number): string => `${x >= 0 ? '+' : ''}${fmt(x, 3)}`
      findings.push({
        id: findingId('changepoint', `${metric.key}@${to.sha}`),
        kind: 'changepoint',
        severity: 'info',
        title: `Slope change in ${metric.key}`,
        reason: `change point in the run-to-run increments (the series wanders, so its level is not compared; E-divisive + t test, p ${s.pValue.toExponential(1)} ≤ ${cpCfg['p-value']}): drift ${perRun(s.meanBefore)} → ${perRun(s.meanAfter)} ${metric.unit} per run, began between ${from.sha.slice(0, 12)} and ${to.sha.slice(0, 12)}`,
        subject,
        numbers: { p: s.pValue, center: s.meanBefore, current: s.meanAfter, unit: metric.unit },
        commits: { from: from.sha, to: to.sha },
        ...(badges.length > 0 ? { badges: [...badges] } : {}),
      })
      continue
    }
    const regression = worse > 0 && s.magnitude * 100 >= minEffect
    findings.push({
      id: findingId('changepoint', `${metric.key}@${to.sha}`),
      kind: 'changepoint',
      severity:
        regression && recent && !ctx.isPullRequest && cpValues.length - s.index === cfg['min-samples']
          ? 'warning'
          : 'info',
      title: `${regression ? 'Sustained regression' : worse > 0 ? 'Sustained shift' : 'Sustained improvement'} in ${metric.key}`,
      reason: `${s.kind === 'jump' ? `jump (one run-to-run step far outside the usual ones on a wandering series, p ${s.pValue.toExponential(1)} per step)` : `change point (E-divisive + t test, p ${s.pValue.toExponential(1)} ≤ ${cpCfg['p-value']})`}: mean ${fmt(s.meanBefore, 3)} → ${fmt(s.meanAfter, 3)} (${changePct >= 0 ? '+' : ''}${fmt(changePct)} %), began between ${from.sha.slice(0, 12)} and ${to.sha.slice(0, 12)}`,
      subject,
      numbers: {
        p: s.pValue,
        deltaPct: sign === -1 ? -changePct : changePct,
        center: s.meanBefore,
        current: s.meanAfter,
        unit: metric.unit,
        minEffectPct: minEffect,
      },
      commits: { from: from.sha, to: to.sha },
      ...(badges.length > 0 ? { badges: [...badges] } : {}),
    })
  }

  // Baseline: the current segment, last `window` points.
  let windowPts = pool.slice(segmentStart).slice(-cfg.window)
  const floorRel = cfg['spread-floor'] / 100
  const warnZ = override?.['warn-z'] ?? cfg['warn-z']
  const failZ = override?.['fail-z'] ?? cfg['fail-z']

  // Reverted spikes are outliers, not baseline — unless they recur (then they are a mode of the noise).
  if (windowPts.length >= 3) {
    const s0 = robustSummary(
      windowPts.map((h) => h.value),
      floorRel,
    )
    const z = windowPts.map((h) => Math.abs(h.value - s0.center) / (s0.spread || Infinity))
    const curZ = Math.abs(metric.value - s0.center) / (s0.spread || Infinity)
    const spikes: number[] = []
    for (let i = 0; i < z.length; i++) {
      const nextZ = i + 1 < z.length ? z[i + 1]! : curZ
      const prevZ = i > 0 ? z[i - 1]! : 0
      if (z[i]! >= failZ && nextZ < warnZ && prevZ < warnZ) spikes.push(i)
    }
    if (spikes.length > 0 && spikes.length <= Math.max(1, Math.floor(0.05 * windowPts.length))) {
      const drop = new Set(spikes)
      windowPts = windowPts.filter((_, i) => !drop.has(i))
    }
  }

  const n = windowPts.length
  if (n === 0) {
    badges.push('new')
    findings.push({
      id: findingId('metric-new', metric.key),
      kind: 'metric-new',
      severity: 'info',
      title: `New metric: ${metric.key}`,
      reason: 'no comparable history; only absolute budgets apply',
      subject,
      numbers: { current: metric.value, unit: metric.unit, n: 0 },
      badges: [...badges],
    })
    const comparison: MetricComparison = {
      ...base,
      baseline: null,
      deltaPct: null,
      z: null,
      verdict: 'new',
      severity: 'info',
      badges,
    }
    return { comparison, p: Number.NaN, findings, series, changepoints }
  }

  // Confirmation ("persistence"). When the last runs were flagged themselves they may be the start of a
  // shift, so they leave the reference and the current run is judged against what came before them. On the
  // default branch a regression warns once `required` consecutive runs (this one included) are flagged: 2
  // normally, 3 when the window has shown outliers before (two spikes in a row are not rare there), 4 when the
  // reference is shorter than gate-samples (a short history has not shown its modes yet); it becomes an error
  // (pageable) only with one more. A PR is confirmed by its own
  // previous run.
  const rules: FlagRules = { warnZ, minEffect, minSamples: cfg['min-samples'] }
  let values = windowPts.map((h) => h.value)
  let summary = robustSummary(values, floorRel)
  let trailing = 0
  if (!ctx.isPullRequest) {
    for (let t = 1; t <= 3 && t < values.length; t++) {
      const ref = values.slice(0, values.length - t)
      const s = robustSummary(ref, floorRel)
      const tail = values.slice(values.length - t)
      // Not `break` on failure: the last two runs of a shift may not beat each other, only the old level.
      // A level shift is a level: the flagged runs must agree with each other (range ≤ half the shift), which
      // two unrelated spikes of random height rarely do.
      const level = [...tail, metric.value]
      const shift = Math.abs(medianOf(level) - s.center)
      const consistent = Math.max(...level) - Math.min(...level) <= 0.5 * shift
      if (consistent && tail.every((v) => flagged(v, ref, s, sign, rules))) trailing = t
    }
    if (trailing > 0) {
      values = values.slice(0, values.length - trailing)
      summary = robustSummary(values, floorRel)
    }
  }
  // Outliers in the reference (after the trailing flagged runs left it) mean spikes happen on this metric.
  let hadOutliers = false
  for (const v of values)
    if (Math.abs(v - summary.center) >= warnZ * summary.spread && summary.spread > 0) hadOutliers = true
  const required = values.length < cfg['gate-samples'] ? 4 : hadOutliers ? 3 : 2
  let confirmed = false
  if (ctx.isPullRequest) {
    const earlier = ctx.prValues(metric.key)
    const last = earlier[earlier.length - 1]
    if (last !== undefined) confirmed = flagged(last, values, summary, sign, rules)
  } else confirmed = trailing + 1 >= required && flagged(metric.value, values, summary, sign, rules)
  const confirmedForError = ctx.isPullRequest ? confirmed : confirmed && trailing + 1 >= required + 1

  const nUsed = values.length
  const { delta, z } = score(metric.value, summary, sign)
  const rankPWorse = rankP(metric.value, values, summary.center, sign)
  let betterOrEqual = 0
  if (sign !== 0) for (const h of values) if (sign * h <= sign * metric.value) betterOrEqual++
  const rankPImprove = (betterOrEqual + 1) / (nUsed + 1)
  const rankLimit = Math.max(0.05, 1 / (nUsed + 1))
  const p = Number.isFinite(z) ? Math.min(1, 2 * normalSf(Math.abs(z))) : Number.isNaN(z) ? 1 : 0
  const cv = summary.center !== 0 ? summary.spread / Math.abs(summary.center) : Infinity
  const noisy = nUsed >= cfg['min-samples'] && cv * 100 > cfg['noisy-cv']
  if (noisy) badges.push('noisy')
  if (nUsed < cfg['min-samples']) badges.push('insufficient-history')

  const baselineInfo = { n: nUsed, window: cfg.window, center: summary.center, spread: summary.spread }
  const numbers: Finding['numbers'] = {
    current: metric.value,
    unit: metric.unit,
    n: nUsed,
    window: cfg.window,
    center: summary.center,
    spread: summary.spread,
    ...(delta !== null ? { deltaPct: delta } : {}),
    ...(Number.isFinite(z) ? { z } : {}),
    p,
    rank: rankPWorse,
    minEffectPct: minEffect,
    threshold: warnZ,
  }

  let verdict: ComparisonVerdict = nUsed < cfg['min-samples'] ? 'insufficient-history' : 'unchanged'
  let candidate: MetricOutcome['candidate']
  const suite = metric.suite
  const ratioScore = (d: number, zz: number) =>
    (d / Math.max(minEffect, 1e-9)) *
    Math.min(Math.abs(zz) / warnZ, 3) *
    (override?.critical ? 2 : noisy ? 0.5 : 1)

  if (delta !== null) {
    if (nUsed < cfg['min-samples']) {
      if (delta >= 3 * minEffect && rankPWorse <= rankLimit) {
        verdict = 'regressed'
        const ok = confirmed || ctx.isPullRequest
        candidate = {
          kind: 'metric-regression',
          severity: ok ? 'warning' : 'info',
          reason: `Δ +${fmt(delta)} % ≥ 3 × ${fmt(minEffect)} % with only ${nUsed} baseline point(s) (insufficient history: at most a warning)${ok ? '' : ' and unconfirmed: needs more flagged runs before it alerts'}`,
          score: ratioScore(delta, 3),
          badges: ok ? [...badges] : [...badges, 'unconfirmed'],
          numbers,
          suite,
          needsBh: false,
        }
      }
    } else {
      const regress = z >= warnZ && delta >= minEffect && rankPWorse <= rankLimit
      const improve = sign !== 0 && z <= -warnZ && delta <= -minEffect && rankPImprove <= rankLimit
      if (regress) {
        if (noisy && delta < 3 * minEffect) verdict = 'noisy'
        else {
          verdict = 'regressed'
          const fails = z >= failZ && delta >= 2 * minEffect
          let severity: Severity = fails ? 'error' : 'warning'
          const why: string[] = [
            `robust z ${fmt(z)} ≥ ${warnZ}`,
            `Δ +${fmt(delta)} % ≥ ${fmt(minEffect)} %`,
            `rank p ${fmt(rankPWorse, 3)}`,
          ]
          if (fails) why[0] = `robust z ${fmt(z)} ≥ ${failZ}`
          const b = [...badges]
          if (!confirmed) {
            b.push('unconfirmed')
            // One run is not a shift: on the default branch it waits for the next run; a PR gets a warning.
            severity = ctx.isPullRequest ? 'warning' : 'info'
            why.push(
              ctx.isPullRequest
                ? 'unconfirmed (single run): at most a warning'
                : `unconfirmed: needs ${required} consecutive flagged runs before it alerts`,
            )
          } else {
            why.push(
              ctx.isPullRequest
                ? 'confirmed by the previous run of this pull request'
                : `confirmed by ${trailing + 1} consecutive flagged runs`,
            )
            if (severity === 'error' && !confirmedForError) {
              severity = 'warning'
              why.push(`an error needs ${required + 1} consecutive flagged runs`)
            }
          }
          if (severity === 'error' && nUsed < cfg['gate-samples']) {
            severity = 'warning'
            why.push(`only ${nUsed} < ${cfg['gate-samples']} baseline points: capped at warning`)
          }
          if (noisy && severity === 'error') {
            severity = 'warning'
            why.push(`noisy (CV ${fmt(cv * 100)} %): capped at warning`)
          }
          if (
            severity === 'error' &&
            !ctx.isPullRequest &&
            (override?.critical === true || delta >= 50 || metric.stage === 'chaos')
          ) {
            severity = 'critical'
            why.push(
              override?.critical === true
                ? 'metric tagged critical'
                : delta >= 50
                  ? 'Δ ≥ 50 %'
                  : 'chaos-stage SLO metric',
            )
          }
          candidate = {
            kind: 'metric-regression',
            severity,
            reason: why.join(' and '),
            score: ratioScore(delta, z),
            badges: b,
            numbers,
            suite,
            needsBh: true,
          }
        }
      } else if (improve) {
        verdict = 'improved'
        candidate = {
          kind: 'metric-improvement',
          severity: 'info',
          reason: `robust z ${fmt(z)} ≤ −${warnZ} and Δ ${fmt(delta)} % ≤ −${fmt(minEffect)} % (improvements are reported, never failed)`,
          score: ratioScore(-delta, z),
          badges: [...badges],
          numbers,
          suite,
          needsBh: true,
        }
      } else if (noisy) verdict = 'noisy'
    }
  }

  // Trend: Theil–Sen slope over the window plus the current run; projected crossing of a max/min budget.
  const trendPts = [
    ...windowPts.map((h) => ({ t: h.timestamp, v: h.value })),
    { t: ctx.currentTimestamp, v: metric.value },
  ]
  if (trendPts.length >= Math.max(cfg['min-samples'], 3)) {
    const t0 = trendPts[0]!.t
    const slope = theilSenSlope(
      trendPts.map((p2) => (p2.t - t0) / DAY_MS),
      trendPts.map((p2) => p2.v),
    )
    const budget = budgetFor(ctx.budgets, metric.key)
    if (Number.isFinite(slope) && slope !== 0) {
      let crossing: number | null = null
      if (budget?.max !== undefined && slope > 0 && metric.value < budget.max)
        crossing = (budget.max - metric.value) / slope
      if (budget?.min !== undefined && slope < 0 && metric.value > budget.min)
        crossing = (metric.value - budget.min) / -slope
      const spanDays = (ctx.currentTimestamp - t0) / DAY_MS
      const driftPct =
        summary.center !== 0
          ? ((sign === 0 ? Math.abs(slope) : sign * slope) * spanDays * 100) / Math.abs(summary.center)
          : 0
      const horizon = cfg.trends['horizon-days']
      if (crossing !== null && crossing <= ctx.retentionDays) {
        const date = new Date(ctx.now.getTime() + crossing * DAY_MS).toISOString()
        findings.push({
          id: findingId('trend', metric.key),
          kind: 'trend',
          severity: crossing <= horizon ? 'warning' : 'info',
          title: `Trending towards its budget: ${metric.key}`,
          reason: `Theil–Sen slope ${slope.toPrecision(3)} ${metric.unit}/day reaches budget ${budget?.source ?? ''} in ${fmt(crossing)} days`,
          subject,
          numbers: {
            current: metric.value,
            unit: metric.unit,
            slopePerDay: slope,
            projectedCrossing: date,
            n: trendPts.length,
          },
        })
      } else if (driftPct >= 2 * minEffect && spanDays > 0) {
        findings.push({
          id: findingId('trend', metric.key),
          kind: 'trend',
          severity: 'info',
          title: `Slow drift: ${metric.key}`,
          reason: `Theil–Sen slope ${slope.toPrecision(3)} ${metric.unit}/day, ${fmt(driftPct)} % worse over ${fmt(spanDays)} days (≥ 2 × ${fmt(minEffect)} %)`,
          subject,
          numbers: {
            current: metric.value,
            unit: metric.unit,
            slopePerDay: slope,
            projectedCrossing: null,
            n: trendPts.length,
            deltaPct: driftPct,
          },
        })
      }
    }
  }

  const comparison: MetricComparison = {
    ...base,
    baseline: baselineInfo,
    deltaPct: delta,
    z: Number.isFinite(z) ? z : null,
    verdict,
    severity: candidate?.severity ?? null,
    badges,
  }
  return {
    comparison,
    p: nUsed >= cfg['min-samples'] ? p : Number.NaN,
    ...(candidate ? { candidate } : {}),
    findings,
    series,
    changepoints,
  }
}
