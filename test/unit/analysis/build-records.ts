// Builders for run records in analysis tests: every field explicit, defaults a default-branch push run.
import type { Metric } from '../../../src/model/metric.js'
import type { RunRecord, RunnerFingerprint } from '../../../src/model/run-record.js'
import type { TestCase } from '../../../src/model/test-case.js'
import { analysisSection, type AnalysisConfig } from '../../../src/config/sections/analysis.js'

export const DAY = 86_400_000
export const T0 = Date.UTC(2026, 9, 1)
export const RUNNER: RunnerFingerprint = { os: 'Linux', arch: 'X64', cpuModel: 'Xeon 8272CL', cores: 2 }

export function config(overrides: Record<string, unknown> = {}): AnalysisConfig {
  return analysisSection.parse(overrides)
}

export function metric(key: string, value: number, extra: Partial<Metric> = {}): Metric {
  const [stage = 'benchmark', suite = 's', name = 'n', measure = 'm'] = key.split('/')
  return {
    key,
    stage: stage as Metric['stage'],
    suite,
    name,
    measure,
    unit: 'ms',
    direction: 'lower',
    value,
    samples: [value],
    ...extra,
  }
}

export function test(id: string, status: TestCase['status'], extra: Partial<TestCase> = {}): TestCase {
  const [suite = 's', classname = 'c', name = 't'] = id.split('::')
  return { id, stage: 'unit', suite, classname, name, status, durationMs: 100, ...extra }
}

export interface RunOptions {
  readonly metrics?: readonly Metric[]
  readonly tests?: readonly TestCase[]
  readonly runner?: RunnerFingerprint
  readonly pr?: number
  readonly sha?: string
  readonly attempt?: number
}

/** Run number `i` (day i after T0). */
export function run(i: number, opts: RunOptions = {}): RunRecord {
  return {
    schema: 1,
    run: {
      repository: 'o/r',
      headRepository: 'o/r',
      sha: opts.sha ?? `sha${i}`,
      ref: opts.pr ? `refs/pull/${opts.pr}/merge` : 'refs/heads/main',
      branch: opts.pr ? 'feature' : 'main',
      event: opts.pr ? 'pull_request' : 'push',
      prNumber: opts.pr ?? null,
      baseBranch: opts.pr ? 'main' : null,
      runId: 1000 + i,
      attempt: opts.attempt ?? 1,
      timestamp: new Date(T0 + i * DAY).toISOString(),
      runner: opts.runner ?? RUNNER,
    },
    stages: [],
    tests: opts.tests ?? [],
    metrics: opts.metrics ?? [],
    chaos: [],
  }
}

/** A series of runs each carrying one value of `key`; `null` leaves the metric out of that run. */
export function seriesRuns(
  key: string,
  values: readonly (number | null)[],
  extra: Partial<Metric> = {},
  from = 0,
): RunRecord[] {
  return values.map((v, i) => run(from + i, { metrics: v === null ? [] : [metric(key, v, extra)] }))
}

/** Deterministic noise: values around `center` with ±`rel` relative wobble (no randomness). */
export function wobble(center: number, n: number, rel = 0.01): number[] {
  return Array.from({ length: n }, (_, i) => center * (1 + rel * Math.sin(i * 2.399)))
}

export function nowAfter(i: number): Date {
  return new Date(T0 + i * DAY + 3_600_000)
}
