/**
 * Pure merging of what several runs of one stage produced: tests across retries (flaky detection) and metrics
 * across benchmark repeats (one sample per run, value = median).
 */
import { median } from 'simple-statistics'
import type { ParsedMetric } from '../model/metric.js'
import type { StageName } from '../model/stage.js'
import { testId, type ParsedTestCase, type ParsedTestStatus, type TestCase } from '../model/test-case.js'

/** A metric as the collector hands it over: a parsed metric plus the suite it belongs to. */
export interface CollectedMetric extends ParsedMetric {
  readonly suite: string
}

/** A metric of a stage outcome: always with samples (one per repeat, or the parser's). */
export interface StageMetric extends CollectedMetric {
  readonly samples: readonly number[]
}

/** Most samples kept per metric (the newest), so a long repeat or a sample-rich format cannot bloat a record. */
export const MAX_METRIC_SAMPLES = 100

/**
 * Merges the tests of successive runs of a stage, oldest first.
 *
 * - One run: tests are passed through unchanged (no `attempts`).
 * - Several runs: each test gets `attempts` (its status in every run it appeared in). A test that both passed and
 *   failed (or errored) is `flaky`, keeping the message of its last failure so a reviewer sees why it flaked;
 *   otherwise it keeps the status and data of its last run.
 *
 * Two tests with the same id inside one run (parametrized tests some reporters name alike) stay two tests: they
 * are matched across runs by id and occurrence.
 */
export function mergeTestAttempts(
  stage: StageName,
  runs: readonly (readonly ParsedTestCase[])[],
): TestCase[] {
  interface Entry {
    last: ParsedTestCase
    lastFailure: ParsedTestCase | null
    statuses: ParsedTestStatus[]
  }
  // Per id: its occurrences, and how many were seen in the current run (one map lookup per test).
  const byId = new Map<string, { entries: Entry[]; run: number; seen: number }>()
  const ordered: Entry[] = []
  runs.forEach((tests, run) => {
    for (const t of tests) {
      const id = testId(t.suite, t.classname, t.name)
      let slot = byId.get(id)
      if (slot === undefined) byId.set(id, (slot = { entries: [], run, seen: 0 }))
      if (slot.run !== run) {
        slot.run = run
        slot.seen = 0
      }
      const entry = slot.entries[slot.seen++]
      const failure = t.status === 'failed' || t.status === 'errored' ? t : null
      if (entry === undefined) {
        const created: Entry = { last: t, lastFailure: failure, statuses: [t.status] }
        slot.entries.push(created)
        ordered.push(created)
      } else {
        entry.last = t
        entry.lastFailure = failure ?? entry.lastFailure
        entry.statuses.push(t.status)
      }
    }
  })
  const several = runs.length > 1
  return ordered.map(({ last, lastFailure, statuses }) => {
    const flaky = statuses.includes('passed') && lastFailure !== null
    const source = flaky ? lastFailure : last
    const out: TestCase = {
      id: testId(last.suite, last.classname, last.name),
      stage,
      suite: last.suite,
      classname: last.classname,
      name: last.name,
      status: flaky ? 'flaky' : last.status,
      durationMs: last.durationMs,
      message: source.message,
      ...(source.details !== undefined ? { details: source.details } : {}),
      ...(last.file !== undefined ? { file: last.file } : {}),
      ...(last.line !== undefined ? { line: last.line } : {}),
      ...(several ? { attempts: statuses } : {}),
    }
    return out
  })
}

/**
 * Merges the metrics of a stage's repeats (one list per repeat, oldest first) by suite, name and unit.
 *
 * - One repeat: metrics keep their value; `samples` are the parser's samples or `[value]`.
 * - Several repeats: each repeat contributes its value as one sample and the value is the median of the samples;
 *   the other fields come from the newest repeat. A metric missing from some repeats just has fewer samples.
 */
export function mergeRepeatMetrics(runs: readonly (readonly CollectedMetric[])[]): StageMetric[] {
  const bound = (xs: readonly number[]): number[] => xs.slice(Math.max(0, xs.length - MAX_METRIC_SAMPLES))
  if (runs.length === 1) {
    return (runs[0] ?? []).map((m) => ({ ...m, samples: bound(m.samples ?? [m.value]) }))
  }
  const merged = new Map<string, { latest: CollectedMetric; samples: number[] }>()
  for (const metrics of runs) {
    for (const m of metrics) {
      const key = `${m.suite}\u0000${m.name}\u0000${m.unit}`
      const entry = merged.get(key)
      if (entry === undefined) merged.set(key, { latest: m, samples: [m.value] })
      else {
        entry.latest = m
        entry.samples.push(m.value)
      }
    }
  }
  return [...merged.values()].map(({ latest, samples }) => {
    const kept = bound(samples)
    return { ...latest, value: median(kept), samples: kept }
  })
}
