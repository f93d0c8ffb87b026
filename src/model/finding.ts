import type { Severity } from './severity.js'
import type { StageName } from './stage.js'

/** Every kind of finding the analysis can produce. */
export const FINDING_KINDS = [
  'stage-failed',
  'test-new-failure',
  'test-still-failing',
  'test-fixed',
  'test-new',
  'test-removed',
  'test-flaky',
  'test-slowed',
  'metric-regression',
  'metric-improvement',
  'metric-new',
  'metric-missing',
  'metric-unit-changed',
  'changepoint',
  'trend',
  'leak',
  'budget',
  'chaos-failed',
  'shard-missing',
  'shard-failed',
  'shard-duplicate',
  'shard-note',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

/** Badges shown next to a finding so a reviewer knows how far to trust it. */
export type Badge =
  'noisy' | 'new' | 'insufficient-history' | 'different-runner' | 'quarantined' | 'unconfirmed'

/** The numbers behind a verdict, so a reviewer can check it. All optional: each kind fills what applies. */
export interface FindingNumbers {
  readonly current?: number
  readonly unit?: string
  /** Baseline sample size and the window it was drawn from. */
  readonly n?: number
  readonly window?: number
  readonly center?: number
  readonly spread?: number
  /** Relative change in percent, signed so that positive is worse. */
  readonly deltaPct?: number
  /** Robust z, signed so that positive is worse. */
  readonly z?: number
  readonly p?: number
  /** Benjamini–Hochberg adjusted p. */
  readonly q?: number
  /** Empirical rank p-value. */
  readonly rank?: number
  readonly threshold?: number
  readonly minEffectPct?: number
  /** Flip count and rate for flaky tests. */
  readonly flips?: number
  readonly flipRate?: number
  /** Trend slope per day and projected crossing date (ISO) of a budget. */
  readonly slopePerDay?: number
  readonly projectedCrossing?: string | null
  readonly durationMs?: number
  readonly baselineDurationMs?: number
}

/** One thing worth telling a reviewer or an on-call engineer. */
export interface Finding {
  /** Stable across runs for the same subject and kind; alert dedup keys derive from it. */
  readonly id: string
  readonly kind: FindingKind
  readonly severity: Severity
  /** Raw, unescaped: renderers escape for their target. */
  readonly title: string
  /** Which rule fired and why, in words, e.g. `z 6.1 ≥ 5 and Δ +12.0 % ≥ 10 %`. */
  readonly reason: string
  readonly subject: {
    readonly type: 'test' | 'metric' | 'stage' | 'chaos' | 'run'
    /** Test id or metric key. */
    readonly key: string
    readonly stage?: StageName
  }
  readonly numbers?: FindingNumbers
  readonly badges?: readonly Badge[]
  /** Free-form labels alert routes can match on. */
  readonly labels?: Readonly<Record<string, string>>
  readonly location?: { readonly file: string; readonly line?: number }
  /** Test failure message (bounded), raw. */
  readonly message?: string
  /** Commit range where a change point began. */
  readonly commits?: { readonly from: string; readonly to: string }
}
