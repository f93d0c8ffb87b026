import type { ChaosResult } from './chaos.js'
import type { Metric } from './metric.js'
import type { StageResult } from './stage.js'
import type { TestCase } from './test-case.js'

/** Version of the run record format written by this build. Readers migrate older versions. */
export const RUN_RECORD_SCHEMA = 1

/** The `event` of runs made by the local CLI (`gauntlet run`), as opposed to a GitHub event name. */
export const LOCAL_EVENT = 'local'

/** What machine a run measured on; baselines prefer runs with the same fingerprint. */
export interface RunnerFingerprint {
  readonly os: string
  readonly arch: string
  readonly cpuModel: string
  readonly cores: number
  /** `ImageOS`/`ImageVersion` on hosted runners; absent elsewhere. */
  readonly imageVersion?: string
  readonly label?: string
}

export interface RunInfo {
  /** `owner/name`. */
  readonly repository: string
  /** `owner/name` of the head repository (differs from `repository` for fork pull requests). */
  readonly headRepository: string
  readonly sha: string
  readonly ref: string
  readonly branch: string
  /** GitHub event name (`push`, `pull_request`, `schedule`, …) or `local` for the CLI. */
  readonly event: string
  readonly prNumber: number | null
  /** Base branch of a pull request; null otherwise. */
  readonly baseBranch: string | null
  readonly runId: number
  readonly attempt: number
  /** ISO 8601 time the run started. */
  readonly timestamp: string
  readonly workflow?: string
  readonly job?: string
  /** Shard name when the run was collected by several matrix jobs. */
  readonly shard?: string | null
  readonly runner: RunnerFingerprint
  readonly url?: string
}

/** An alert that is open (paged and not yet resolved), kept in history so a regression pages once. */
export interface AlertStateEntry {
  /** Stable key: repository, branch and finding id. */
  readonly key: string
  readonly findingId: string
  readonly severity: string
  readonly openedAt: string
  readonly lastNotifiedAt: string
  readonly channels: readonly string[]
}

/** Everything one run produced; what history keeps. */
export interface RunRecord {
  readonly schema: typeof RUN_RECORD_SCHEMA
  readonly run: RunInfo
  readonly stages: readonly StageResult[]
  readonly tests: readonly TestCase[]
  readonly metrics: readonly Metric[]
  readonly chaos: readonly ChaosResult[]
  /** Alerts open after this run; only meaningful on trusted default-branch runs. */
  readonly alerts?: readonly AlertStateEntry[]
  /** How this record was merged from matrix shards (`mode: report`); absent for a single-job run. */
  readonly shards?: ShardSummary
}

/** Which kind of result a duplicate key belongs to. */
export type ShardDuplicateKind = 'test' | 'metric' | 'chaos'

/** A test id, metric key or chaos experiment reported by more than one shard (kept once). */
export interface ShardDuplicate {
  readonly kind: ShardDuplicateKind
  readonly key: string
  /** Shards that reported it, in name order; the result kept is described in `merge-shards.ts`. */
  readonly shards: readonly string[]
}

/** What merging a run's shard records found; the analysis turns it into `shard-*` findings. */
export interface ShardSummary {
  /** Shards whose records were merged, in name order. */
  readonly present: readonly string[]
  /** Expected shards (`shards` input) with no usable record. */
  readonly missing: readonly string[]
  /** Present shards with a stage that failed (not tolerated by `continue-on-error`). */
  readonly failed: readonly string[]
  readonly duplicates: readonly ShardDuplicate[]
  /** Shards whose record belongs to another run or attempt; not merged. */
  readonly stale: readonly string[]
  /** Things a reviewer should know about the merge itself (stale records, no expected list, mixed runners). */
  readonly notes: readonly string[]
}
