/**
 * Merges the partial records of one run's matrix shards (`mode: collect`) into the run's one record
 * (`mode: report`). Pure: the records come in, one record and a {@link ShardSummary} go out.
 *
 * Shard records are input from other jobs (and, for a `workflow_run` source, from a fork): they have passed the
 * record schema, but their shard names, counts and keys are still treated as hostile: names are checked against
 * the shard-name rule, listed duplicates are bounded, and nothing of a shard's own `run`, `alerts` or `shards`
 * fields is trusted.
 */
import { isShardName } from '../history/shard-name.js'
import {
  RUN_RECORD_SCHEMA,
  STAGE_NAMES,
  type ChaosResult,
  type Metric,
  type RunInfo,
  type RunRecord,
  type ShardDuplicate,
  type ShardDuplicateKind,
  type ShardSummary,
  type StageResult,
  type StageStatus,
  type TestCase,
  type TestStatus,
} from '../model/index.js'
import { stageFailsRun } from '../stages/run-stages.js'
import { fingerprintKey } from './runner-fingerprint.js'

/** Duplicate keys listed in the summary; the rest are counted in a note (a hostile shard can repeat 100k ids). */
export const MAX_LISTED_DUPLICATES = 100
/** Stage errors kept per merged stage (each shard's are prefixed with its name). */
export const MAX_MERGED_STAGE_ERRORS = 50
/** Characters of a rejected shard name quoted in a note. */
const MAX_QUOTED_NAME = 60
/** Shard names listed in one note; a hostile run can upload hundreds of shard artifacts. */
const MAX_NAMES_IN_NOTE = 20

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_NOTE).join(', ')
  return names.length > MAX_NAMES_IN_NOTE ? `${shown} and ${names.length - MAX_NAMES_IN_NOTE} more` : shown
}

/** One shard's record as loaded from its artifact. */
export interface ShardInput {
  readonly shard: string
  readonly record: RunRecord
}

export interface MergeShardsInput {
  /** The source run (the run whose shards these are); the merged record carries its info. */
  readonly run: RunInfo
  readonly shards: readonly ShardInput[]
  /** Shard names the report expects (`shards` input); empty when unknown. */
  readonly expected: readonly string[]
}

export interface MergeShardsResult {
  readonly record: RunRecord
  readonly summary: ShardSummary
}

// Most severe first: when shards disagree about a test, the reviewer must see the worst outcome.
const TEST_SEVERITY: Readonly<Record<TestStatus, number>> = {
  errored: 4,
  failed: 3,
  flaky: 2,
  passed: 1,
  skipped: 0,
}

const STAGE_SEVERITY: Readonly<Record<StageStatus, number>> = {
  failed: 4,
  'timed-out': 3,
  cancelled: 2,
  passed: 1,
  skipped: 0,
}

function quote(name: string): string {
  const shown = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}…` : name
  return JSON.stringify(shown)
}

/** Collects keys seen in more than one shard, bounded for the listing but counted in full. */
class DuplicateLog {
  private readonly byKey = new Map<string, { kind: ShardDuplicateKind; key: string; shards: string[] }>()
  total = 0

  add(kind: ShardDuplicateKind, key: string, firstShard: string, shard: string): void {
    const id = `${kind}\u0000${key}`
    const entry = this.byKey.get(id)
    if (entry !== undefined) {
      if (!entry.shards.includes(shard)) entry.shards.push(shard)
      return
    }
    this.total++
    if (this.byKey.size < MAX_LISTED_DUPLICATES)
      this.byKey.set(id, { kind, key, shards: [firstShard, shard] })
  }

  list(): ShardDuplicate[] {
    return [...this.byKey.values()]
  }
}

/**
 * Merges results keyed by `keyOf` across shards: within one shard everything is kept as reported; a key a
 * later shard repeats is a duplicate, kept once (the first shard's, unless `prefer` says the later one wins).
 */
function mergeKeyed<T>(
  shards: readonly ShardInput[],
  kind: ShardDuplicateKind,
  itemsOf: (r: RunRecord) => readonly T[],
  keyOf: (item: T) => string,
  duplicates: DuplicateLog,
  prefer?: (candidate: T, kept: T) => boolean,
): T[] {
  const out: T[] = []
  const owner = new Map<string, { shard: string; index: number }>()
  for (const { shard, record } of shards) {
    const claimed: [string, number][] = []
    for (const item of itemsOf(record)) {
      const key = keyOf(item)
      const first = owner.get(key)
      if (first === undefined) {
        claimed.push([key, out.length])
        out.push(item)
        continue
      }
      duplicates.add(kind, key, first.shard, shard)
      const kept = out[first.index] as T
      if (prefer?.(item, kept) === true) out[first.index] = item
    }
    // Claimed only after the shard: repeats inside one shard (parametrised tests) are not duplicates.
    for (const [key, index] of claimed) if (!owner.has(key)) owner.set(key, { shard, index })
  }
  return out
}

function mergeStage(parts: readonly { shard: string; stage: StageResult }[]): StageResult {
  let worst = parts[0]!.stage
  for (const { stage } of parts)
    if (STAGE_SEVERITY[stage.status] > STAGE_SEVERITY[worst.status]) worst = stage
  const errors: string[] = []
  const files = new Set<string>()
  let repeats: number | undefined
  for (const { shard, stage } of parts) {
    for (const e of stage.errors) if (errors.length < MAX_MERGED_STAGE_ERRORS) errors.push(`[${shard}] ${e}`)
    for (const f of stage.resultFiles) files.add(f)
    if (stage.repeats !== undefined) repeats = Math.max(repeats ?? 0, stage.repeats)
  }
  return {
    name: worst.name,
    status: worst.status,
    exitCode: worst.exitCode,
    durationMs: Math.max(...parts.map((p) => p.stage.durationMs)),
    attempts: Math.max(...parts.map((p) => p.stage.attempts)),
    ...(repeats === undefined ? {} : { repeats }),
    resultFiles: [...files],
    errors,
    // Tolerated only when every shard tolerates it: one shard's strict config must not be overridden.
    continueOnError: parts.every((p) => p.stage.continueOnError),
  }
}

/**
 * Merges one run's shard records. Per shard, the record of the newest attempt up to the source run's attempt is
 * used (an older one is noted as carried over); records of another run, of a later attempt, or superseded by a
 * newer attempt are left out as `stale`; shards with an invalid name are left out with a note. Tests are keyed
 * by id, metrics by key, chaos results by experiment; stage outcomes are combined per stage (the worst status, the longest duration). Never throws:
 * zero shards give an empty record whose summary names every expected shard as missing.
 */
export function mergeShards(input: MergeShardsInput): MergeShardsResult {
  const notes: string[] = []
  const stale: string[] = []
  const carried: string[] = []
  // Per shard name, the record of the newest attempt up to the source's: "Re-run failed jobs" re-runs only
  // the failed shards, and the shards that passed keep their earlier attempt's artifact.
  const chosen = new Map<string, ShardInput>()
  const sorted = [...input.shards].sort((a, b) => (a.shard < b.shard ? -1 : a.shard > b.shard ? 1 : 0))
  for (const s of sorted) {
    if (!isShardName(s.shard)) {
      notes.push(`A shard record with the invalid name ${quote(s.shard)} was ignored.`)
      continue
    }
    const r = s.record.run
    if (r.runId !== input.run.runId || r.attempt > input.run.attempt) {
      stale.push(s.shard)
      continue
    }
    const held = chosen.get(s.shard)
    if (held === undefined) chosen.set(s.shard, s)
    else if (r.attempt > held.record.run.attempt) {
      stale.push(s.shard)
      chosen.set(s.shard, s)
    } else if (r.attempt < held.record.run.attempt) stale.push(s.shard)
    else
      notes.push(
        `Shard ${s.shard} was uploaded more than once in attempt ${r.attempt}; the first record was used.`,
      )
  }
  const usable = [...chosen.values()]
  const seen = new Set(chosen.keys())
  for (const s of usable)
    if (s.record.run.attempt < input.run.attempt) carried.push(`${s.shard} (attempt ${s.record.run.attempt})`)
  const staleNames = [...new Set(stale)]
  if (staleNames.length > 0) {
    notes.push(
      `Not merged, from another run, a later attempt or an attempt superseded by a newer upload of the same shard (stale): ${nameList(staleNames)}.`,
    )
  }
  if (carried.length > 0) {
    notes.push(
      `Carried over from an earlier attempt of run ${input.run.runId} (this is attempt ${input.run.attempt}; a re-run of failed jobs keeps the passed shards' records): ${nameList(carried)}.`,
    )
  }

  const expected: string[] = []
  for (const name of input.expected) {
    if (!isShardName(name)) notes.push(`The expected shard name ${quote(name)} is invalid and was ignored.`)
    else if (!expected.includes(name)) expected.push(name)
  }
  if (input.expected.length === 0)
    notes.push('No expected shard list (input `shards`) was given, so missing shards cannot be named.')

  const present = usable.map((s) => s.shard)
  const missing = expected.filter((name) => !seen.has(name)).sort()
  const failed = usable.filter((s) => s.record.stages.some(stageFailsRun)).map((s) => s.shard)

  const duplicates = new DuplicateLog()
  const tests = mergeKeyed<TestCase>(
    usable,
    'test',
    (r) => r.tests,
    (t) => t.id,
    duplicates,
    (candidate, kept) => TEST_SEVERITY[candidate.status] > TEST_SEVERITY[kept.status],
  )
  const metrics = mergeKeyed<Metric>(
    usable,
    'metric',
    (r) => r.metrics,
    (m) => m.key,
    duplicates,
  )
  const chaos = mergeKeyed<ChaosResult>(
    usable,
    'chaos',
    (r) => r.chaos,
    (c) => c.experiment,
    duplicates,
  )
  const listed = duplicates.list()
  if (duplicates.total > listed.length)
    notes.push(`${duplicates.total - listed.length} more duplicate keys are not listed.`)

  const stages: StageResult[] = []
  for (const name of STAGE_NAMES) {
    const parts = usable.flatMap(({ shard, record }) =>
      record.stages.filter((st) => st.name === name).map((stage) => ({ shard, stage })),
    )
    if (parts.length > 0) stages.push(mergeStage(parts))
  }

  const first = usable[0]
  let runner = input.run.runner
  if (first !== undefined) {
    runner = first.record.run.runner
    const others = usable.filter((s) => fingerprintKey(s.record.run.runner) !== fingerprintKey(runner))
    if (others.length > 0) {
      notes.push(
        `Shards ran on different machines (${nameList(others.map((s) => s.shard))} differ from ${first.shard}); metrics are compared as if measured on ${first.shard}'s runner.`,
      )
    }
  }

  const summary: ShardSummary = { present, missing, failed, duplicates: listed, stale: staleNames, notes }
  const record: RunRecord = {
    schema: RUN_RECORD_SCHEMA,
    run: { ...input.run, runner },
    stages,
    tests,
    metrics,
    chaos,
    shards: summary,
  }
  return { record, summary }
}
