/**
 * Findings about how a run's record was merged from matrix shards (`RunRecord.shards`), so the comment,
 * summary, alerts and verdict see an incomplete or inconsistent merge like any other problem. Pure.
 */
import type { Finding } from '../model/finding.js'
import type { ShardDuplicate, ShardSummary } from '../model/run-record.js'
import { findingId } from './input.js'

/** Keys named in one duplicate finding's reason; the rest are counted. */
const KEYS_PER_DUPLICATE_FINDING = 5
/** Subject key of the finding raised when no shard record was found at all. */
export const NO_SHARDS_KEY = '*'

/** Groups duplicates by kind and shard set: one finding per group, not one per key (there may be thousands). */
function groupDuplicates(duplicates: readonly ShardDuplicate[]): Map<string, ShardDuplicate[]> {
  const groups = new Map<string, ShardDuplicate[]>()
  for (const d of duplicates) {
    const id = `${d.kind}:${d.shards.join(',')}`
    const list = groups.get(id)
    if (list === undefined) groups.set(id, [d])
    else list.push(d)
  }
  return groups
}

/** Turns a shard summary into findings (`shard-missing`, `shard-failed`, `shard-duplicate`, `shard-note`). */
export function shardFindings(summary: ShardSummary): Finding[] {
  const findings: Finding[] = []
  if (summary.present.length === 0 && summary.missing.length === 0) {
    findings.push({
      id: findingId('shard-missing', NO_SHARDS_KEY),
      kind: 'shard-missing',
      severity: 'error',
      title: 'No shard results found',
      reason:
        'no usable gauntlet-shard-* record was uploaded for this run; the results are empty, check the collect jobs',
      subject: { type: 'run', key: NO_SHARDS_KEY },
    })
  }
  for (const shard of summary.missing) {
    findings.push({
      id: findingId('shard-missing', shard),
      kind: 'shard-missing',
      severity: 'error',
      title: `Shard missing: ${shard}`,
      reason: `expected shard ${shard} uploaded no usable record; the results are incomplete (did its collect job fail or get cancelled?)`,
      subject: { type: 'run', key: shard },
      labels: { shard },
    })
  }
  for (const shard of summary.failed) {
    findings.push({
      id: findingId('shard-failed', shard),
      kind: 'shard-failed',
      severity: 'error',
      title: `Shard failed: ${shard}`,
      reason: `a stage failed in shard ${shard}; its results may be partial`,
      subject: { type: 'run', key: shard },
      labels: { shard },
    })
  }
  for (const [group, list] of groupDuplicates(summary.duplicates)) {
    const first = list[0]!
    const named = list.slice(0, KEYS_PER_DUPLICATE_FINDING).map((d) => d.key)
    const more = list.length - named.length
    findings.push({
      id: findingId('shard-duplicate', group),
      kind: 'shard-duplicate',
      severity: 'warning',
      title: `${list.length} ${first.kind} result${list.length === 1 ? '' : 's'} reported by several shards: ${first.shards.join(', ')}`,
      reason: `kept once: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}; the shards overlap, so their split runs some work twice`,
      subject: { type: 'run', key: group },
    })
  }
  summary.notes.forEach((note, i) => {
    findings.push({
      id: findingId('shard-note', String(i + 1)),
      kind: 'shard-note',
      severity: 'info',
      title: 'Shard merge note',
      reason: note,
      subject: { type: 'run', key: String(i + 1) },
    })
  })
  return findings
}
