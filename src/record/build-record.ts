import type { ChaosResult, Metric, RunInfo, RunRecord } from '../model/index.js'
import { RUN_RECORD_SCHEMA, metricKey } from '../model/index.js'
import type { StageOutcome } from '../stages/index.js'

/**
 * Chaos measurements as metrics (`chaos/<experiment>/<measure>`), so history, trends and budgets treat them like
 * any metric. An experiment that did not recover records its recovery bound, so a budget still fires.
 */
export function chaosMetrics(results: readonly ChaosResult[]): Metric[] {
  const out: Metric[] = []
  const add = (experiment: string, measure: string, unit: string, value: number): void => {
    if (!Number.isFinite(value)) return
    out.push({
      key: metricKey('chaos', experiment, measure),
      stage: 'chaos',
      suite: experiment,
      name: measure,
      measure: '',
      unit,
      direction: 'lower',
      value,
      samples: [value],
    })
  }
  for (const c of results) {
    add(c.experiment, 'error_rate', 'ratio', c.errorRate)
    if (c.latencyMs !== null) {
      add(c.experiment, 'p50_latency_ms', 'ms', c.latencyMs.p50)
      add(c.experiment, 'p95_latency_ms', 'ms', c.latencyMs.p95)
      add(c.experiment, 'p99_latency_ms', 'ms', c.latencyMs.p99)
    }
    const recovery = c.recoveryMs ?? c.recoveryBoundMs
    if (recovery !== undefined) add(c.experiment, 'recovery_ms', 'ms', recovery)
  }
  return out
}

/** Turns the stage outcomes of one run into its record. Metric keys are unique: a later duplicate is dropped. */
export function buildRunRecord(run: RunInfo, outcomes: readonly StageOutcome[]): RunRecord {
  const metrics = new Map<string, Metric>()
  for (const o of outcomes) {
    for (const m of o.metrics) {
      const key = metricKey(o.stage.name, m.suite, m.name)
      if (metrics.has(key)) continue
      metrics.set(key, {
        key,
        stage: o.stage.name,
        suite: m.suite,
        name: m.name,
        measure: '',
        unit: m.unit,
        direction: m.direction,
        value: m.value,
        samples: m.samples,
        ...(m.range === undefined ? {} : { range: m.range }),
        ...(m.tags === undefined ? {} : { tags: m.tags }),
      })
    }
  }
  const chaos = outcomes.flatMap((o) => o.chaos)
  for (const m of chaosMetrics(chaos)) if (!metrics.has(m.key)) metrics.set(m.key, m)
  return {
    schema: RUN_RECORD_SCHEMA,
    run,
    stages: outcomes.map((o) => o.stage),
    tests: outcomes.flatMap((o) => o.tests),
    metrics: [...metrics.values()],
    chaos,
  }
}
