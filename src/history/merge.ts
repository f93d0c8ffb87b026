/**
 * Merging and pruning record lists. Pure, and idempotent: merging the same record twice (from the snapshot
 * and from its own artifact) keeps one copy, so concurrent writers never duplicate or lose a run.
 */
import type { RunRecord } from '../model/index.js'

const DAY_MS = 86_400_000

/** Identity of a record in history: run id and attempt. */
export function recordKey(record: RunRecord): string {
  return `${record.run.runId}#${record.run.attempt}`
}

function byTime(a: RunRecord, b: RunRecord): number {
  const ta = Date.parse(a.run.timestamp)
  const tb = Date.parse(b.run.timestamp)
  if (ta !== tb) return ta - tb
  if (a.run.runId !== b.run.runId) return a.run.runId - b.run.runId
  return a.run.attempt - b.run.attempt
}

/** Sorts records oldest first (by timestamp, then run id, then attempt), in a new array. */
export function sortByTime<T extends RunRecord>(records: readonly T[]): T[] {
  return [...records].sort(byTime)
}

/**
 * Merges record lists, keeping the first occurrence of each run id + attempt, sorted oldest first.
 */
export function mergeRecords(...lists: readonly (readonly RunRecord[])[]): RunRecord[] {
  const seen = new Map<string, RunRecord>()
  for (const list of lists) {
    for (const r of list) {
      const key = recordKey(r)
      if (!seen.has(key)) seen.set(key, r)
    }
  }
  return sortByTime([...seen.values()])
}

/** The earliest timestamp (ms) kept by a retention of `days` days at `now`. */
export function retentionCutoff(now: Date, days: number): number {
  return now.getTime() - days * DAY_MS
}

/** True when the record's own timestamp lies inside the retention window. */
export function withinRetention(record: RunRecord, now: Date, days: number): boolean {
  return Date.parse(record.run.timestamp) >= retentionCutoff(now, days)
}

/** Keeps only records whose own timestamps are within `days` days of `now` (never by artifact expiry). */
export function pruneRecords<T extends RunRecord>(records: readonly T[], now: Date, days: number): T[] {
  const cutoff = retentionCutoff(now, days)
  return records.filter((r) => Date.parse(r.run.timestamp) >= cutoff)
}
