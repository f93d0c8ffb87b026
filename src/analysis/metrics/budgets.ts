/** Absolute budgets (SLOs) from the config: parsing and evaluation. They need no history. */
import type { AnalysisConfig } from '../../config/sections/analysis.js'
import type { ChaosResult } from '../../model/chaos.js'
import type { Metric } from '../../model/metric.js'
import type { StageName } from '../../model/stage.js'
import { keyMatches } from './metric-rules.js'

/** One parsed budget. */
export interface Budget {
  readonly pattern: string
  readonly max?: number
  readonly min?: number
  /** Whether the bound itself is allowed (`<=`/`>=`) or not (`<`/`>`). */
  readonly inclusive: boolean
  /** The budget as written, for messages. */
  readonly source: string
}

/** A budget entry the analysis could not read; the message names the entry and says what to write. */
export class BudgetSyntaxError extends Error {
  constructor(
    readonly index: number,
    readonly entry: string,
  ) {
    super(
      `analysis.budgets[${index}]: cannot read ${JSON.stringify(entry)}; write "<metric glob or suffix> <= <number>" (or <, >=, >), e.g. "benchmark/kv/get/p95 <= 20"`,
    )
    this.name = 'BudgetSyntaxError'
  }
}

const BUDGET_RE = /^\s*(\S+)\s*(<=|<|>=|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i

/** Parses the config's budget list; throws {@link BudgetSyntaxError} for an unreadable string entry. */
export function parseBudgets(entries: AnalysisConfig['budgets']): Budget[] {
  return entries.map((entry, index) => {
    if (typeof entry !== 'string') {
      return {
        pattern: entry.metric,
        max: entry.max,
        min: entry.min,
        inclusive: true,
        source: JSON.stringify(entry),
      }
    }
    const m = BUDGET_RE.exec(entry)
    if (m === null) throw new BudgetSyntaxError(index, entry)
    const value = Number(m[3])
    const op = m[2]!
    const upper = op.startsWith('<')
    return {
      pattern: m[1]!,
      ...(upper ? { max: value } : { min: value }),
      inclusive: op.length === 2,
      source: entry.trim(),
    }
  })
}

/** A value a budget can be checked against: a metric, or a number a chaos experiment measured. */
export interface BudgetSubject {
  readonly key: string
  readonly stage: StageName
  readonly value: number
  readonly unit: string
}

/**
 * The metrics of a run plus its chaos results as `chaos/<experiment>/<measure>` subjects. The pipeline also
 * records chaos measurements as metrics under the same keys (for history and trends); a key is checked once.
 */
export function budgetSubjects(metrics: readonly Metric[], chaos: readonly ChaosResult[]): BudgetSubject[] {
  const out: BudgetSubject[] = metrics.map((m) => ({
    key: m.key,
    stage: m.stage,
    value: m.value,
    unit: m.unit,
  }))
  const seen = new Set(out.map((s) => s.key))
  const chaosSubjects: BudgetSubject[] = []
  for (const c of chaos) {
    const base = `chaos/${c.experiment}`
    chaosSubjects.push({ key: `${base}/error_rate`, stage: 'chaos', value: c.errorRate, unit: 'ratio' })
    if (c.latencyMs !== null) {
      chaosSubjects.push({
        key: `${base}/p50_latency_ms`,
        stage: 'chaos',
        value: c.latencyMs.p50,
        unit: 'ms',
      })
      chaosSubjects.push({
        key: `${base}/p95_latency_ms`,
        stage: 'chaos',
        value: c.latencyMs.p95,
        unit: 'ms',
      })
      chaosSubjects.push({
        key: `${base}/p99_latency_ms`,
        stage: 'chaos',
        value: c.latencyMs.p99,
        unit: 'ms',
      })
    }
    if (c.recoveryMs !== null)
      chaosSubjects.push({ key: `${base}/recovery_ms`, stage: 'chaos', value: c.recoveryMs, unit: 'ms' })
  }
  for (const s of chaosSubjects) if (!seen.has(s.key)) out.push(s)
  return out
}

/** One broken budget. */
export interface BudgetBreach {
  readonly subject: BudgetSubject
  readonly budget: Budget
  readonly bound: number
  readonly side: 'max' | 'min'
}

/** Whether `value` breaks the budget; NaN always breaks it (a missing measurement cannot prove an SLO). */
export function breaks(budget: Budget, value: number): { side: 'max' | 'min'; bound: number } | undefined {
  if (budget.max !== undefined) {
    if (Number.isNaN(value) || (budget.inclusive ? value > budget.max : value >= budget.max))
      return { side: 'max', bound: budget.max }
  }
  if (budget.min !== undefined) {
    if (Number.isNaN(value) || (budget.inclusive ? value < budget.min : value <= budget.min))
      return { side: 'min', bound: budget.min }
  }
  return undefined
}

/** Every (subject, budget) pair that is broken; at most one breach per subject (the first budget that breaks). */
export function evaluateBudgets(
  subjects: readonly BudgetSubject[],
  budgets: readonly Budget[],
): BudgetBreach[] {
  const out: BudgetBreach[] = []
  for (const s of subjects) {
    for (const b of budgets) {
      if (!keyMatches(b.pattern, s.key)) continue
      const hit = breaks(b, s.value)
      if (hit !== undefined) {
        out.push({ subject: s, budget: b, bound: hit.bound, side: hit.side })
        break
      }
    }
  }
  return out
}

/** The first budget that applies to `key`, for trend projections. */
export function budgetFor(budgets: readonly Budget[], key: string): Budget | undefined {
  return budgets.find((b) => keyMatches(b.pattern, key))
}
