/**
 * The `History` every later step reads, and its assembly from a snapshot plus newer records. Pure.
 */
import type { AlertStateEntry, RunRecord } from '../model/index.js'
import { mergeRecords, pruneRecords, recordKey, sortByTime } from './merge.js'
import type { SnapshotEntry } from './snapshot-codec.js'

/** Which snapshot a history was built on. */
export interface SnapshotWatermark {
  /** Where it came from: `artifact gauntlet-history #id (run N)` or a file path. */
  readonly source: string
  readonly artifactId: number | null
  /** When the snapshot was written. */
  readonly createdAt: string
  /** Records it held (after trust filtering and pruning). */
  readonly records: number
  /** Timestamp of its newest record; records after it are read from their own artifacts. */
  readonly newestRecordAt: string | null
}

/** What history offers analysis, reporting and alerting. */
export interface History {
  /** Trusted baseline records, oldest first, within the retention window. */
  readonly baseline: readonly RunRecord[]
  /** Earlier records of the current pull request (its own trend only, never the baseline), oldest first. */
  readonly pullRequest: readonly RunRecord[]
  readonly watermark: SnapshotWatermark | null
  /** One line per skipped artifact or file, naming it and saying why. */
  readonly warnings: readonly string[]
  /** Alerts open after the newest trusted run (its `alerts` field); empty when none. */
  readonly openAlerts: readonly AlertStateEntry[]
  /**
   * Bookkeeping for the next snapshot: the `gauntlet-run` artifact id of each baseline record, by
   * `recordKey` (run id + attempt). Readers use it to skip records a snapshot already holds.
   */
  readonly artifactIds: ReadonlyMap<string, number>
}

/** A history with nothing in it (first run, or history unavailable), carrying the reasons as warnings. */
export function emptyHistory(warnings: readonly string[] = []): History {
  return { baseline: [], pullRequest: [], watermark: null, warnings, openAlerts: [], artifactIds: new Map() }
}

/** A record together with the artifact it was read from (null for files and snapshots without one). */
export interface SourcedRecord {
  readonly record: RunRecord
  readonly artifactId: number | null
}

export interface AssembleInput {
  /** Trusted entries of the chosen snapshot (already trust-filtered). */
  readonly snapshot: readonly SnapshotEntry[]
  readonly watermark: SnapshotWatermark | null
  /** Trusted records read after the snapshot. */
  readonly newer: readonly SourcedRecord[]
  /** Records of the current pull request. */
  readonly pullRequest: readonly RunRecord[]
  readonly warnings: readonly string[]
  readonly now: Date
  readonly retentionDays: number
}

/** Merges snapshot and newer records (idempotently, by run id + attempt), prunes by retention, sorts. */
export function assembleHistory(input: AssembleInput): History {
  const artifactIds = new Map<string, number>()
  for (const e of [...input.snapshot, ...input.newer]) {
    if (e.artifactId !== null && !artifactIds.has(recordKey(e.record)))
      artifactIds.set(recordKey(e.record), e.artifactId)
  }
  const merged = mergeRecords(
    input.snapshot.map((e) => e.record),
    input.newer.map((e) => e.record),
  )
  const baseline = pruneRecords(merged, input.now, input.retentionDays)
  const kept = new Set(baseline.map(recordKey))
  for (const key of [...artifactIds.keys()]) if (!kept.has(key)) artifactIds.delete(key)
  const latest = baseline[baseline.length - 1]
  const pullRequest = sortByTime(
    pruneRecords(mergeRecords(input.pullRequest), input.now, input.retentionDays),
  )
  return {
    baseline,
    pullRequest,
    watermark: input.watermark,
    warnings: input.warnings,
    openAlerts: latest?.alerts ?? [],
    artifactIds,
  }
}

/**
 * The entries of the next snapshot: the loaded baseline plus this run's record (when trusted), pruned.
 * @param own this run's record and the id of the `gauntlet-run` artifact it was just uploaded as
 */
export function nextSnapshotEntries(
  history: History,
  own: SourcedRecord | null,
  now: Date,
  retentionDays: number,
): SnapshotEntry[] {
  const records = own ? mergeRecords(history.baseline, [own.record]) : [...history.baseline]
  const ids = new Map(history.artifactIds)
  if (own?.artifactId != null) ids.set(recordKey(own.record), own.artifactId)
  return pruneRecords(records, now, retentionDays).map((record) => ({
    record,
    artifactId: ids.get(recordKey(record)) ?? null,
  }))
}
