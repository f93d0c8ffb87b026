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
}
