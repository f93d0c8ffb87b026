import type { ChaosResult } from './chaos.js'
import type { Direction } from './metric.js'
import type { Badge, Finding } from './finding.js'
import type { RunInfo } from './run-record.js'
import type { Severity } from './severity.js'
import type { StageName, StageResult } from './stage.js'
import type { TestTotals } from './test-case.js'

export type ComparisonVerdict =
  'regressed' | 'improved' | 'unchanged' | 'new' | 'noisy' | 'insufficient-history' | 'ignored'

/** How one metric of this run compares with its baseline; one row per metric, changed or not. */
export interface MetricComparison {
  readonly key: string
  readonly stage: StageName
  readonly unit: string
  readonly direction: Direction
  readonly current: number
  /** Null when there is no usable history. */
  readonly baseline: {
    readonly n: number
    readonly window: number
    readonly center: number
    readonly spread: number
  } | null
  /** Relative change in percent, signed so that positive is worse; null without a baseline. */
  readonly deltaPct: number | null
  readonly z: number | null
  readonly verdict: ComparisonVerdict
  readonly severity: Severity | null
  readonly badges: readonly Badge[]
}

/** One point of a metric's history, oldest first in a series. */
export interface SeriesPoint {
  readonly timestamp: string
  readonly value: number
  readonly sha: string
  readonly runId: number
}

/** The thresholds that were applied, shown to reviewers so a verdict can be checked. */
export interface AppliedRules {
  readonly window: number
  readonly minSamples: number
  readonly minEffectPct: number
  readonly warnZ: number
  readonly failZ: number
  readonly fdrQ: number
  readonly retentionDays: number
}

/** Everything the reporting and alerting steps need: the analysis of one run against its history. */
export interface AnalysisReport {
  readonly run: RunInfo
  /** The most severe finding, or `pass` when there is none above `info`. */
  readonly verdict: Severity | 'pass'
  /** Sorted most severe first, then by score. */
  readonly findings: readonly Finding[]
  readonly comparisons: readonly MetricComparison[]
  readonly tests: TestTotals & {
    readonly flaky: number
    readonly newFailures: number
    readonly fixed: number
  }
  readonly stages: readonly StageResult[]
  readonly chaos: readonly ChaosResult[]
  readonly rules: AppliedRules
  /** History of each metric (trusted default-branch runs, oldest first), for charts. */
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>
  /** Change-point indices into `series[key]`, for charts. */
  readonly changepoints: Readonly<Record<string, readonly number[]>>
  /** Number of trusted baseline runs the analysis saw. */
  readonly historyRuns: number
}
