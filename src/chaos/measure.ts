/*
 * Measurements of an experiment from its probe rounds (pure): error rate and latency percentiles while the fault
 * was on, the steady-state verdicts, recovery time, the overall verdict and the metrics that enter the run record.
 */
import { quantileSorted } from 'simple-statistics'
import type { LatencySummary, SteadyStateVerdict } from '../model/chaos.js'
import type { Direction } from '../model/metric.js'

/** What one probe saw. `latencyMs` is null when no answer came (refused, reset, timed out). */
export interface ProbeOutcome {
  readonly probe: string
  readonly ok: boolean
  readonly latencyMs: number | null
  readonly detail: string
}

export type Phase = 'before' | 'during' | 'recovery' | 'after'

/** One round: every probe once, in parallel. The round passes when every probe passed. */
export interface ProbeRound {
  readonly phase: Phase
  /** Scheduler time (ms) when the round started and ended. */
  readonly startMs: number
  readonly endMs: number
  readonly outcomes: readonly ProbeOutcome[]
}

export function roundPassed(round: ProbeRound): boolean {
  return round.outcomes.every((o) => o.ok)
}

/** Fraction (0..1) of failed probes over the rounds; 0 when there were none. */
export function errorRate(rounds: readonly ProbeRound[]): number {
  const outcomes = rounds.flatMap((r) => r.outcomes)
  if (outcomes.length === 0) return 0
  return outcomes.filter((o) => !o.ok).length / outcomes.length
}

/** p50/p95/p99 of the probes that got an answer; null when none did. */
export function latencySummary(rounds: readonly ProbeRound[]): LatencySummary | null {
  const values = rounds
    .flatMap((r) => r.outcomes)
    .map((o) => o.latencyMs)
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (values.length === 0) return null
  const q = (p: number): number => Math.round(quantileSorted(values, p) * 100) / 100
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) }
}

/** Steady state before/after: holds when every round passed; `skipped` when no round ran. */
export function steadyVerdict(rounds: readonly ProbeRound[]): SteadyStateVerdict {
  if (rounds.length === 0) return 'skipped'
  return rounds.every(roundPassed) ? 'passed' : 'failed'
}

export interface Tolerance {
  readonly maxErrorRate?: number
  readonly maxP95Ms?: number
}

/** Steady state during the fault, judged against the tolerance; `skipped` without one. */
export function duringVerdict(
  rounds: readonly ProbeRound[],
  tolerance: Tolerance | undefined,
): SteadyStateVerdict {
  if (tolerance === undefined || (tolerance.maxErrorRate === undefined && tolerance.maxP95Ms === undefined)) {
    return 'skipped'
  }
  if (rounds.length === 0) return 'failed'
  if (tolerance.maxErrorRate !== undefined && errorRate(rounds) > tolerance.maxErrorRate) return 'failed'
  if (tolerance.maxP95Ms !== undefined) {
    const lat = latencySummary(rounds)
    if (lat === null || lat.p95 > tolerance.maxP95Ms) return 'failed'
  }
  return 'passed'
}

/**
 * Recovery time: from lifting the fault (`liftedAtMs`) to the end of the first round of the first run of
 * `consecutive` passing rounds; null when no such run exists.
 */
export function recoveryTime(
  rounds: readonly ProbeRound[],
  liftedAtMs: number,
  consecutive: number,
): number | null {
  let streak = 0
  let streakStart: ProbeRound | null = null
  for (const r of rounds) {
    if (roundPassed(r)) {
      if (streak === 0) streakStart = r
      streak++
      if (streak >= consecutive && streakStart !== null) {
        return Math.max(0, Math.round(streakStart.endMs - liftedAtMs))
      }
    } else {
      streak = 0
      streakStart = null
    }
  }
  return null
}

/** A metric as the stage runner takes it; the pipeline prefixes the stage (`chaos/<name>`). */
export interface ChaosMetric {
  /** `<experiment>/<measure>`. */
  readonly name: string
  /** The experiment, for pipelines that build `stage/suite/name/measure` keys. */
  readonly suite: string
  readonly measure: string
  readonly unit: string
  readonly value: number
  readonly direction: Direction
}

/**
 * Metrics of one experiment, named and scaled as the analysis reads chaos results (`budgetSubjects`):
 * `recovery_ms` (the bound when it did not recover, so a budget still fires), `error_rate` as a ratio 0..1, and
 * `p50_latency_ms`, `p95_latency_ms`, `p99_latency_ms` when probes answered.
 */
export function experimentMetrics(
  name: string,
  m: {
    errorRate: number
    latency: LatencySummary | null
    recoveryMs: number | null
    recoveryBoundMs: number
  },
): ChaosMetric[] {
  const metric = (measure: string, unit: string, value: number): ChaosMetric => ({
    name: `${name}/${measure}`,
    suite: name,
    measure,
    unit,
    value,
    direction: 'lower',
  })
  const out: ChaosMetric[] = [
    metric('recovery_ms', 'ms', m.recoveryMs ?? m.recoveryBoundMs),
    metric('error_rate', 'ratio', Math.round(m.errorRate * 10_000) / 10_000),
  ]
  if (m.latency !== null) {
    out.push(
      metric('p50_latency_ms', 'ms', m.latency.p50),
      metric('p95_latency_ms', 'ms', m.latency.p95),
      metric('p99_latency_ms', 'ms', m.latency.p99),
    )
  }
  return out
}
