/**
 * The one interface the rest of Gauntlet sees for history. Two backends implement it:
 * `artifacts-store.ts` (GitHub Actions artifacts, the default inside Actions) and `directory-store.ts`
 * (a local folder, the CLI's default and the tests').
 */
import type { RunRecord } from '../model/index.js'
import type { History } from './history.js'
import type { TrustPolicy } from './trust.js'

/** The pull request a run belongs to, whose own earlier records are loaded for its trend. */
export interface PullRequestRef {
  readonly number: number
  /** Head branch of the pull request (as the artifact listing reports `workflow_run.head_branch`). */
  readonly headBranch: string
  /** Id of the head repository (a fork's id for fork PRs); null when unknown, then only the branch matches. */
  readonly headRepositoryId: number | null
}

/** What to load. */
export interface HistoryQuery {
  readonly policy: TrustPolicy
  /** Records older than this many days (by their own timestamps) are left out. */
  readonly retentionDays: number
  readonly pullRequest: PullRequestRef | null
}

/** How to save. */
export interface SaveOptions {
  /** The history loaded earlier in this run; the new snapshot is built from it plus the new record. */
  readonly history: History
  readonly policy: TrustPolicy
  readonly retentionDays: number
}

/** What saving did. Saving never throws for quota, conflicts or network trouble: it reports warnings. */
export interface SaveResult {
  readonly recordSaved: boolean
  readonly snapshotSaved: boolean
  readonly warnings: readonly string[]
}

/** Partial records of one run's shards (`mode: collect`), for `mode: report` to merge. */
export interface ShardRecords {
  /** Shard name and its record, ordered by shard name. */
  readonly shards: readonly { readonly shard: string; readonly record: RunRecord }[]
  readonly warnings: readonly string[]
}

/** History storage. */
export interface HistoryStore {
  readonly kind: 'artifacts' | 'directory'
  /** Loads the trusted baseline (and the current PR's records) within the retention window. */
  load(query: HistoryQuery): Promise<History>
  /**
   * Optional: starts work `save` will need for this record and history (the artifacts backend builds the next
   * snapshot's columns and compresses them off the main thread), so that it overlaps with analysis and the
   * report. Never throws; `save` checks that the record's tests and metrics are still the ones prepared and
   * otherwise does the work itself. Calling it changes nothing `save` writes.
   */
  prepareSave?(record: RunRecord, options: SaveOptions): void
  /** Saves this run's record and, when the run is trusted, a new rolling snapshot. */
  save(record: RunRecord, options: SaveOptions): Promise<SaveResult>
  /** Saves a shard's partial record in the current run (`gauntlet-shard-<name>`). */
  saveShard(shard: string, record: RunRecord, retentionDays: number): Promise<SaveResult>
  /**
   * Loads the shard records of the given run: only the `expected` shards when given, at most
   * `MAX_SHARD_DOWNLOADS` of them (see `selectShards` in ./shard-name.ts).
   */
  loadShards(runId: number, expected?: readonly string[]): Promise<ShardRecords>
}
