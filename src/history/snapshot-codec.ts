/**
 * The rolling snapshot's storage format: column-wise, so that 90 days of runs load within the time and memory
 * budget (2,000 runs x 500 metrics in well under 1.5 s, see `bench/history.bench.ts`).
 *
 * A gzipped container of:
 *   "GSNP" | u32 LE header length | header JSON | pad to 8 | binary sections (each padded to 8)
 * as one gzip member (`encodeSnapshot`) or two, the part before the sections and the sections
 * (`encodeSnapshotAsync`, which compresses the sections off the main thread); gunzip reads both alike.
 * The header holds everything textual: a table of metric definitions (key, stage, suite, name, measure,
 * unit, direction), a table of test definitions (id, stage, suite, classname, name) and, per run, its run info,
 * stages, chaos results, alerts and counts. The binary sections hold the numbers that dominate the size:
 * per metric occurrence its definition index, value, sample count; all samples; per test occurrence its
 * definition index, status, duration and a bit mask of the optional fields that are present and null
 * (`message: null` on every passing test; as sparse extras they were 900,000 objects to validate for 90 runs of
 * 10,000 tests, seconds of the action's time, see bench/overhead.bench.ts). Readers that predate the mask
 * section read such fields as absent. Fields outside those columns (range, tags, failure messages, and
 * any optional field added to the model later) ride along per occurrence in sparse "extras", so the format
 * is lossless. JSON of plain records was measured first: parsing it alone took several seconds and >1 GB.
 *
 * Hand-written rather than a library (protobuf, msgpack, arrow): none is installed, and the layout is ~200
 * lines with validation that a generic decoder would not do for us (indices in range, finite numbers).
 */
import { endianness } from 'node:os'
import { promisify } from 'node:util'
import { gzip, gzipSync } from 'node:zlib'
import { z } from 'zod'
import type { Metric, RunRecord, TestCase, TestStatus } from '../model/index.js'
import { RUN_RECORD_SCHEMA } from '../model/index.js'
import { MAX_SNAPSHOT_RAW_BYTES } from './constants.js'
import { HistoryArtifactError } from './errors.js'
import { gunzipBounded } from './record-codec.js'
import { describeIssues, recordPartSchemas } from './record-schema.js'

/** One record kept in a snapshot, with the id of the `gauntlet-run` artifact it came from (null if none). */
export interface SnapshotEntry {
  readonly record: RunRecord
  readonly artifactId: number | null
}

/** A decoded snapshot. */
export interface Snapshot {
  /** When the snapshot was written (ISO 8601). */
  readonly createdAt: string
  readonly entries: readonly SnapshotEntry[]
}

export const SNAPSHOT_FORMAT = 'gauntlet-snapshot'
export const SNAPSHOT_VERSION = 1
const MAGIC = Buffer.from('GSNP', 'latin1')
const gzipAsync = promisify(gzip)
const TEST_STATUSES: readonly TestStatus[] = ['passed', 'failed', 'errored', 'skipped', 'flaky']
const METRIC_COLUMNS = new Set([
  'key',
  'stage',
  'suite',
  'name',
  'measure',
  'unit',
  'direction',
  'value',
  'samples',
])
const TEST_COLUMNS = new Set(['id', 'stage', 'suite', 'classname', 'name', 'status', 'durationMs'])
/** Optional test fields whose `null` is kept as one bit each in the `tNul` column instead of as an extra. */
const NULLABLE_TEST_FIELDS = ['message', 'details', 'file', 'line'] as const
const ALL_NULL = (1 << NULLABLE_TEST_FIELDS.length) - 1
const RECORD_KEYS = new Set(['schema', 'run', 'stages', 'tests', 'metrics', 'chaos', 'alerts'])
const EMPTY_SAMPLES: readonly number[] = Object.freeze([])

const SECTION_NAMES = ['mDef', 'mVal', 'mCnt', 'mSmp', 'tDef', 'tSt', 'tDur', 'tNul'] as const
type SectionName = (typeof SECTION_NAMES)[number]

const metricExtraSchema = z
  .object({ range: z.string().optional(), tags: z.array(z.string()).optional() })
  .loose()
const testExtraSchema = z
  .object({
    message: z.string().nullable().optional(),
    details: z.string().nullable().optional(),
    file: z.string().nullable().optional(),
    line: z.number().int().nullable().optional(),
    attempts: recordPartSchemas.testAttempts.optional(),
  })
  .loose()
const extrasSchema = z.array(z.tuple([z.number().int().nonnegative(), z.record(z.string(), z.unknown())]))
const headerSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  recordSchema: z.literal(RUN_RECORD_SCHEMA),
  createdAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  metricDefs: z.array(
    z.tuple([
      z.string().min(1),
      recordPartSchemas.stage,
      z.string(),
      z.string(),
      z.string(),
      z.string(),
      recordPartSchemas.direction,
    ]),
  ),
  testDefs: z.array(z.tuple([z.string(), recordPartSchemas.stage, z.string(), z.string(), z.string()])),
  runs: z.array(
    z.object({
      artifactId: z.number().int().positive().nullable(),
      run: recordPartSchemas.run,
      stages: recordPartSchemas.stages,
      chaos: recordPartSchemas.chaos,
      alerts: recordPartSchemas.alerts,
      extra: z.record(z.string(), z.unknown()).optional(),
      metrics: z.number().int().nonnegative(),
      tests: z.number().int().nonnegative(),
      metricExtras: extrasSchema.optional(),
      testExtras: extrasSchema.optional(),
    }),
  ),
  sections: z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
})
type Header = z.output<typeof headerSchema>
// The definition tables hold one tuple per distinct metric and test (12,000 for the large project): checking
// them with zod was a third of decoding. They are checked by `definitionsValid` below instead, and only an
// invalid header goes through the full schema, for its message.
const headerShellSchema = headerSchema.extend({
  metricDefs: z.array(z.unknown()),
  testDefs: z.array(z.unknown()),
})
const STAGES: ReadonlySet<unknown> = new Set(recordPartSchemas.stage.options)
const DIRECTIONS: ReadonlySet<unknown> = new Set(recordPartSchemas.direction.options)

/** Same verdict as the header schema's `metricDefs` and `testDefs` tuples, without zod. */
function definitionsValid(metricDefs: readonly unknown[], testDefs: readonly unknown[]): boolean {
  for (const d of metricDefs) {
    if (!Array.isArray(d) || d.length !== 7) return false
    const [key, stage, suite, name, measure, unit, direction] = d as unknown[]
    if (typeof key !== 'string' || key.length < 1 || !STAGES.has(stage) || !DIRECTIONS.has(direction))
      return false
    if (typeof suite !== 'string' || typeof name !== 'string') return false
    if (typeof measure !== 'string' || typeof unit !== 'string') return false
  }
  for (const d of testDefs) {
    if (!Array.isArray(d) || d.length !== 5) return false
    const [id, stage, suite, classname, name] = d as unknown[]
    if (typeof id !== 'string' || !STAGES.has(stage) || typeof suite !== 'string') return false
    if (typeof classname !== 'string' || typeof name !== 'string') return false
  }
  return true
}

function assertLittleEndian(): void {
  // Typed-array views use the platform's byte order; every runner GitHub offers is little-endian.
  if (endianness() !== 'LE') throw new Error('the history snapshot format needs a little-endian machine')
}

function pad8(n: number): number {
  return (n + 7) & ~7
}

function pick(
  obj: object,
  skip: ReadonlySet<string>,
  skipNull: readonly string[] = [],
): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null
  // for-in instead of Object.entries: this runs once per metric of every run and must not allocate.
  for (const k in obj) {
    if (skip.has(k)) continue
    const v = (obj as Record<string, unknown>)[k]
    if (v === undefined || (v === null && skipNull.includes(k))) continue
    ;(out ??= {})[k] = v
  }
  return out
}

/** Bit i set: `NULLABLE_TEST_FIELDS[i]` is present and null. */
function nullMask(t: TestCase): number {
  let mask = 0
  for (let i = 0; i < NULLABLE_TEST_FIELDS.length; i++) {
    if ((t as unknown as Record<string, unknown>)[NULLABLE_TEST_FIELDS[i] as string] === null) mask |= 1 << i
  }
  return mask
}

/** A definition table of a decoded snapshot (`metricDefs` or `testDefs` of its header). */
type StoredDefs = readonly (readonly string[])[]

/** The test columns of one decoded run as stored, with what `SnapshotTestColumns` leaves out. */
interface StoredTests {
  readonly defs: Header['testDefs']
  readonly def: Uint32Array
  readonly status: Uint8Array
  readonly durationMs: Float64Array
  /** The `tNul` column; null in snapshots written before it. */
  readonly nulls: Uint8Array | null
  /** Validated extras by index in the run. */
  readonly extras: ReadonlyMap<number, Record<string, unknown>>
}

/** The metric columns of one decoded run as stored. */
interface StoredMetrics {
  readonly defs: Header['metricDefs']
  readonly def: Uint32Array
  readonly value: Float64Array
  readonly count: Uint32Array
  /** The run's samples, metric after metric. */
  readonly samples: Float64Array
  readonly extras: ReadonlyMap<number, Record<string, unknown>>
}

// What the encoder copies from, by decoded record; dropped with the public views when `tests`/`metrics` is
// assigned. Records are readonly data: an in-place edit of a materialised test would not be seen here, as it is
// not by the column views the analysis reads.
const storedTestsOf = new WeakMap<object, StoredTests>()
const storedMetricsOf = new WeakMap<object, StoredMetrics>()

/** A decoded snapshot's definition indices -> this snapshot's, filled as definitions are first met. */
interface Remap {
  /** -1 until met. */
  readonly map: Int32Array
  /** Entries of `map` still -1. */
  unseen: number
  /** Every entry met so far maps to itself. */
  identity: boolean
}

/** Writes `from` mapped through `remap` into `target` at `at`; `resolve` gives the index of a definition first met. */
function remapInto(
  target: Uint32Array,
  at: number,
  from: Uint32Array,
  remap: Remap,
  resolve: (def: number) => number,
): void {
  // The usual case, once the first run has met every definition: the new table is the old one (same tests in
  // the same order of first occurrence), so the column is copied as it is.
  if (remap.unseen === 0 && remap.identity) {
    target.set(from, at)
    return
  }
  const map = remap.map
  for (let k = 0; k < from.length; k++) {
    const source = from[k] as number
    let def = map[source] as number
    if (def === -1) {
      def = resolve(source)
      map[source] = def
      remap.unseen--
      if (def !== source) remap.identity = false
    }
    target[at + k] = def
  }
}

/** Extras by ascending index, the order the per-object path writes them in. */
function inOrder(extras: ReadonlyMap<number, Record<string, unknown>>): [number, Record<string, unknown>][] {
  return [...extras].sort((a, b) => a[0] - b[0])
}

/** Per run, what the header says about its columns. */
interface RunColumns {
  readonly metrics: number
  readonly tests: number
  readonly metricExtras: [number, Record<string, unknown>][]
  readonly testExtras: [number, Record<string, unknown>][]
}

/** The columns of a list of entries: everything but the per-run header fields that are not tests or metrics. */
interface BuiltColumns {
  readonly metricDefs: readonly (readonly string[])[]
  readonly testDefs: readonly (readonly string[])[]
  readonly runs: readonly RunColumns[]
  readonly sections: Record<string, [number, number]>
  /** The binary sections, each at its offset, padded to 8. */
  readonly body: Buffer
  /** Per entry, what its tests and its metrics were read from (stored columns or the array), for `sameSources`. */
  readonly sources: readonly unknown[]
}

function sourcesOf(entries: readonly SnapshotEntry[]): unknown[] {
  const sources: unknown[] = []
  for (const { record } of entries) {
    sources.push(storedTestsOf.get(record) ?? record.tests, storedMetricsOf.get(record) ?? record.metrics)
  }
  return sources
}

/** True when `entries` hold, in order, the tests and metrics the columns were built from. */
function sameSources(built: BuiltColumns, entries: readonly SnapshotEntry[]): boolean {
  const now = sourcesOf(entries)
  return now.length === built.sources.length && now.every((s, i) => s === built.sources[i])
}

function buildColumns(entries: readonly SnapshotEntry[]): BuiltColumns {
  assertLittleEndian()
  const metricDefs: [string, string, string, string, string, string, string][] = []
  const testDefs: [string, string, string, string, string][] = []
  // The first definition per metric key / test id, by that key alone: its string is shared across runs (hash
  // cached), while a joined full key is a fresh ~150-character string to hash per occurrence: 2 s of a 90-run x
  // 10,000-test snapshot (bench/overhead.bench.ts, push run). Later definitions that share a key but differ
  // elsewhere (rare) are found by the joined full key.
  const metricDefByKey = new Map<string, number>()
  const moreMetricDefs = new Map<string, number>()
  const testDefById = new Map<string, number>()
  const moreTestDefs = new Map<string, number>()
  const sameMetric = (
    def: number,
    stage: string,
    suite: string,
    name: string,
    measure: string,
    unit: string,
    direction: string,
  ): boolean => {
    const known = metricDefs[def] as (typeof metricDefs)[number]
    return (
      known[1] === stage &&
      known[2] === suite &&
      known[3] === name &&
      known[4] === measure &&
      known[5] === unit &&
      known[6] === direction
    )
  }
  /** Index of the first definition equal to this one, added when there is none. */
  const metricDefFor = (
    key: string,
    stage: string,
    suite: string,
    name: string,
    measure: string,
    unit: string,
    direction: string,
  ): number => {
    const first = metricDefByKey.get(key)
    if (first === undefined) {
      metricDefByKey.set(key, metricDefs.length)
    } else {
      if (sameMetric(first, stage, suite, name, measure, unit, direction)) return first
      const fullKey = [key, stage, suite, name, measure, unit, direction].join('\u0000')
      const known = moreMetricDefs.get(fullKey)
      if (known !== undefined) return known
      moreMetricDefs.set(fullKey, metricDefs.length)
    }
    metricDefs.push([key, stage, suite, name, measure, unit, direction])
    return metricDefs.length - 1
  }
  const sameTest = (def: number, stage: string, suite: string, classname: string, name: string): boolean => {
    const known = testDefs[def] as (typeof testDefs)[number]
    return known[1] === stage && known[2] === suite && known[3] === classname && known[4] === name
  }
  /** Index of the first definition equal to this one, added when there is none. */
  const testDefFor = (id: string, stage: string, suite: string, classname: string, name: string): number => {
    const first = testDefById.get(id)
    if (first === undefined) {
      testDefById.set(id, testDefs.length)
    } else {
      if (sameTest(first, stage, suite, classname, name)) return first
      const fullKey = [id, stage, suite, classname, name].join('\u0000')
      const known = moreTestDefs.get(fullKey)
      if (known !== undefined) return known
      moreTestDefs.set(fullKey, testDefs.length)
    }
    testDefs.push([id, stage, suite, classname, name])
    return testDefs.length - 1
  }
  // Decoded records whose columns are still theirs are copied column to column: materialising their ~1 million
  // tests to read them back field by field was 1.5 s of a 90-run x 10,000-test push (bench/overhead.bench.ts).
  const storedTests = entries.map((e) => storedTestsOf.get(e.record))
  const storedMetrics = entries.map((e) => storedMetricsOf.get(e.record))
  let totalMetrics = 0
  let totalSamples = 0
  let totalTests = 0
  entries.forEach(({ record }, i) => {
    const tests = storedTests[i]
    const metrics = storedMetrics[i]
    totalTests += tests ? tests.def.length : record.tests.length
    if (metrics) {
      totalMetrics += metrics.def.length
      totalSamples += metrics.samples.length
    } else {
      totalMetrics += record.metrics.length
      for (const m of record.metrics) totalSamples += m.samples.length
    }
  })
  // Per definition table of a decoded snapshot: its index -> the index in this snapshot's table, -1 until seen.
  // Filled in order of first occurrence, so the tables come out as the per-object path would build them.
  const testRemaps = new Map<StoredDefs, Remap>()
  const metricRemaps = new Map<StoredDefs, Remap>()
  const remapOf = (remaps: Map<StoredDefs, Remap>, defs: StoredDefs): Remap => {
    let remap = remaps.get(defs)
    if (!remap) {
      remap = { map: new Int32Array(defs.length).fill(-1), unseen: defs.length, identity: true }
      remaps.set(defs, remap)
    }
    return remap
  }
  // The columns are views of the one buffer the sections are written from, at their offsets: no copying.
  const sizes: Record<SectionName, number> = {
    mDef: 4 * totalMetrics,
    mVal: 8 * totalMetrics,
    mCnt: 4 * totalMetrics,
    mSmp: 8 * totalSamples,
    tDef: 4 * totalTests,
    tSt: totalTests,
    tDur: 8 * totalTests,
    tNul: totalTests,
  }
  const sections: Record<string, [number, number]> = {}
  let offset = 0
  for (const name of SECTION_NAMES) {
    sections[name] = [offset, sizes[name]]
    offset += pad8(sizes[name])
  }
  const buffer = new ArrayBuffer(offset)
  const at = (name: SectionName): number => (sections[name] as [number, number])[0]
  const mDef = new Uint32Array(buffer, at('mDef'), totalMetrics)
  const mVal = new Float64Array(buffer, at('mVal'), totalMetrics)
  const mCnt = new Uint32Array(buffer, at('mCnt'), totalMetrics)
  const mSmp = new Float64Array(buffer, at('mSmp'), totalSamples)
  const tDef = new Uint32Array(buffer, at('tDef'), totalTests)
  const tSt = new Uint8Array(buffer, at('tSt'), totalTests)
  const tDur = new Float64Array(buffer, at('tDur'), totalTests)
  const tNul = new Uint8Array(buffer, at('tNul'), totalTests)
  let mi = 0
  let si = 0
  let ti = 0
  const runs: RunColumns[] = []
  entries.forEach(({ record }, entry) => {
    const metricExtras: [number, Record<string, unknown>][] = []
    const storedM = storedMetrics[entry]
    if (storedM) {
      const count = storedM.def.length
      remapInto(mDef, mi, storedM.def, remapOf(metricRemaps, storedM.defs), (from) => {
        const d = storedM.defs[from] as Header['metricDefs'][number]
        return metricDefFor(d[0], d[1], d[2], d[3], d[4], d[5], d[6])
      })
      mVal.set(storedM.value, mi)
      mCnt.set(storedM.count, mi)
      mSmp.set(storedM.samples, si)
      mi += count
      si += storedM.samples.length
      // The per-object path stores `pick(metric, METRIC_COLUMNS)`; a decoded metric is its columns plus its extra.
      for (const [local, e] of inOrder(storedM.extras)) {
        const extra = pick(e, METRIC_COLUMNS)
        if (extra) metricExtras.push([local, extra])
      }
    } else
      record.metrics.forEach((m, local) => {
        mDef[mi] = metricDefFor(m.key, m.stage, m.suite, m.name, m.measure, m.unit, m.direction)
        mVal[mi] = m.value
        mCnt[mi] = m.samples.length
        for (const s of m.samples) mSmp[si++] = s
        mi++
        const extra = pick(m, METRIC_COLUMNS)
        if (extra) metricExtras.push([local, extra])
      })
    const testExtras: [number, Record<string, unknown>][] = []
    const storedT = storedTests[entry]
    if (storedT) {
      const count = storedT.def.length
      remapInto(tDef, ti, storedT.def, remapOf(testRemaps, storedT.defs), (from) => {
        const d = storedT.defs[from] as Header['testDefs'][number]
        return testDefFor(d[0], d[1], d[2], d[3], d[4])
      })
      tSt.set(storedT.status, ti)
      tDur.set(storedT.durationMs, ti)
      if (storedT.nulls) tNul.set(storedT.nulls, ti)
      // A decoded test is its columns, the nulls of its mask, then its extra spread over them: an extra's own
      // value for a nullable field decides that field's bit, as `nullMask` of the materialised test would.
      for (const [local, e] of inOrder(storedT.extras)) {
        let mask = storedT.nulls ? (storedT.nulls[local] as number) : 0
        for (let b = 0; b < NULLABLE_TEST_FIELDS.length; b++) {
          const field = NULLABLE_TEST_FIELDS[b] as string
          if (!Object.hasOwn(e, field)) continue
          if (e[field] === null) mask |= 1 << b
          else mask &= ~(1 << b)
        }
        tNul[ti + local] = mask
        const extra = pick(e, TEST_COLUMNS, NULLABLE_TEST_FIELDS)
        if (extra) testExtras.push([local, extra])
      }
      ti += count
    } else
      record.tests.forEach((t, local) => {
        tDef[ti] = testDefFor(t.id, t.stage, t.suite, t.classname, t.name)
        tSt[ti] = TEST_STATUSES.indexOf(t.status)
        tDur[ti] = t.durationMs ?? Number.NaN
        tNul[ti] = nullMask(t)
        ti++
        const extra = pick(t, TEST_COLUMNS, NULLABLE_TEST_FIELDS)
        if (extra) testExtras.push([local, extra])
      })
    runs.push({
      // Counts from the columns where there are some: `record.tests` would materialise them.
      metrics: storedM ? storedM.def.length : record.metrics.length,
      tests: storedT ? storedT.def.length : record.tests.length,
      metricExtras,
      testExtras,
    })
  })
  return { metricDefs, testDefs, runs, sections, body: Buffer.from(buffer), sources: sourcesOf(entries) }
}

/** "GSNP", the header's length, the header and its padding: the part before the sections. */
function headOf(createdAt: string, entries: readonly SnapshotEntry[], built: BuiltColumns): Buffer {
  const runs: Header['runs'] = entries.map(({ record, artifactId }, i) => {
    const columns = built.runs[i] as RunColumns
    const extra = pick(record, RECORD_KEYS)
    return {
      artifactId,
      run: record.run,
      stages: [...record.stages],
      chaos: [...record.chaos],
      ...(record.alerts ? { alerts: [...record.alerts] } : {}),
      ...(extra ? { extra } : {}),
      metrics: columns.metrics,
      tests: columns.tests,
      ...(columns.metricExtras.length > 0 ? { metricExtras: columns.metricExtras } : {}),
      ...(columns.testExtras.length > 0 ? { testExtras: columns.testExtras } : {}),
    } as Header['runs'][number]
  })
  const header = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    recordSchema: RUN_RECORD_SCHEMA,
    createdAt,
    metricDefs: built.metricDefs,
    testDefs: built.testDefs,
    runs,
    sections: built.sections,
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const head = Buffer.alloc(pad8(8 + headerBytes.length))
  MAGIC.copy(head, 0)
  head.writeUInt32LE(headerBytes.length, 4)
  headerBytes.copy(head, 8)
  return head
}

// Level 1: the float columns barely compress further at higher levels (measured 18.6 MB vs 18.2 MB for
// 2,000 runs x 500 metrics) while level 6 took almost twice as long to write.
const GZIP_LEVEL = 1

/**
 * Gzips on libuv's thread pool in one pass: with the default 16 KB output chunk, every chunk comes back to the
 * main thread before the next is compressed, so while the main thread is busy (analysis) compression stalls.
 */
function gzipInBackground(bytes: Buffer): Promise<Buffer> {
  return gzipAsync(bytes, { level: GZIP_LEVEL, chunkSize: Math.max(64 * 1024, bytes.length + 64 * 1024) })
}

/** Encodes a snapshot as gzipped bytes. */
export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const built = buildColumns(snapshot.entries)
  return gzipSync(Buffer.concat([headOf(snapshot.createdAt, snapshot.entries, built), built.body]), {
    level: GZIP_LEVEL,
  })
}

/** Columns built ahead of `encodeSnapshotAsync`, their sections already compressing off the main thread. */
export interface PreparedSnapshot {
  readonly columns: BuiltColumns
  readonly body: Promise<Buffer>
}

/**
 * Builds the columns of `entries` now and starts compressing them on libuv's thread pool, so that the work
 * overlaps with whatever the caller does next (the action: analysis and the report, before it saves).
 */
export function prepareSnapshot(entries: readonly SnapshotEntry[]): PreparedSnapshot {
  const columns = buildColumns(entries)
  const body = gzipInBackground(columns.body)
  // Observed here so that a preparation nobody encodes from never becomes an unhandled rejection.
  body.catch(() => undefined)
  return { columns, body }
}

/**
 * Encodes a snapshot as gzipped bytes without blocking on compression: two gzip members, the header and the
 * sections, which gunzip to exactly the bytes of `encodeSnapshot` (gzip readers, `decodeSnapshot` among them,
 * read concatenated members as one stream). Uses `prepared` when it was built from the same tests and metrics
 * in the same order (artifact ids, run info and alerts may differ: they are in the header); else builds anew.
 */
export async function encodeSnapshotAsync(
  snapshot: Snapshot,
  prepared: PreparedSnapshot | null = null,
): Promise<Buffer> {
  const ready =
    prepared && sameSources(prepared.columns, snapshot.entries) ? prepared : prepareSnapshot(snapshot.entries)
  const head = await gzipInBackground(headOf(snapshot.createdAt, snapshot.entries, ready.columns))
  return Buffer.concat([head, await ready.body])
}

/**
 * The test columns of one run of a decoded snapshot, for readers that need ids, statuses and durations of
 * every test of every run (the test analysis: 90 runs x 10,000 tests) without materialising ~1 million
 * `TestCase` objects. Fields outside these columns (messages, attempts, ...) are only on `record.tests`.
 */
export interface SnapshotTestColumns {
  readonly count: number
  /** Test definitions of the whole snapshot (shared by all its runs): `[id, stage, suite, classname, name]`. */
  readonly defs: readonly (readonly [string, string, string, string, string])[]
  /** Per test of the run, in `record.tests` order: index into `defs`. */
  readonly def: Uint32Array
  /** Per test: index into {@link SNAPSHOT_TEST_STATUSES}. */
  readonly status: Uint8Array
  /** Per test: duration in ms, NaN where `durationMs` is null. */
  readonly durationMs: Float64Array
}

/** The metric columns of one run of a decoded snapshot (see {@link SnapshotTestColumns}). */
export interface SnapshotMetricColumns {
  readonly count: number
  /** Metric definitions of the whole snapshot: `[key, stage, suite, name, measure, unit, direction]`. */
  readonly defs: readonly (readonly [string, string, string, string, string, string, string])[]
  /** Per metric of the run, in `record.metrics` order: index into `defs`. */
  readonly def: Uint32Array
  /** Per metric: its value (always finite: the decoder rejects others). */
  readonly value: Float64Array
}

/** Status of a test column code. */
export const SNAPSHOT_TEST_STATUSES = TEST_STATUSES

// Column views of decoded records, by record object. A WeakMap rather than a property so that records stay
// plain data (JSON, spreading, equality in tests); dropped when `tests`/`metrics` is assigned, so a view never
// disagrees with the array it stands for.
const testColumnsOf = new WeakMap<object, SnapshotTestColumns>()
const metricColumnsOf = new WeakMap<object, SnapshotMetricColumns>()

/** The test columns behind a record decoded from a snapshot; undefined for any other record. */
export function snapshotTestColumns(record: RunRecord): SnapshotTestColumns | undefined {
  return testColumnsOf.get(record)
}

/** The metric columns behind a record decoded from a snapshot; undefined for any other record. */
export function snapshotMetricColumns(record: RunRecord): SnapshotMetricColumns | undefined {
  return metricColumnsOf.get(record)
}

/** An enumerable property computed once on first read, so JSON.stringify and spreading see plain data. */
function defineLazy<T>(
  target: Record<string, unknown>,
  key: string,
  compute: () => T,
  onSet?: () => void,
): void {
  let value: T | undefined
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= compute()),
    set: (v: T) => {
      value = v
      onSet?.()
    },
  })
}

function fail(source: string, detail: string): never {
  throw new HistoryArtifactError(source, 'corrupt', detail)
}

/** Copies a section into a fresh, aligned buffer and views it with the given typed-array type. */
function section<T>(
  raw: Buffer,
  dataStart: number,
  header: Header,
  name: SectionName,
  elementBytes: number,
  make: (buf: ArrayBuffer, byteOffset: number, length: number) => T,
  source: string,
): T {
  const where = header.sections[name]
  if (!where) fail(source, `section ${name} is missing`)
  const [at, len] = where
  if (len % elementBytes !== 0 || dataStart + at + len > raw.length)
    fail(source, `section ${name} is out of bounds`)
  const start = raw.byteOffset + dataStart + at
  // Large gunzip outputs own their ArrayBuffer, so the view is free; a pooled (unaligned) buffer is copied.
  if (start % elementBytes === 0) return make(raw.buffer as ArrayBuffer, start, len / elementBytes)
  const copy = new Uint8Array(len)
  copy.set(raw.subarray(dataStart + at, dataStart + at + len))
  return make(copy.buffer, 0, len / elementBytes)
}

/**
 * Decodes and validates snapshot bytes.
 * @throws HistoryArtifactError naming `source` (corrupt, truncated, oversized or invalid)
 */
export function decodeSnapshot(
  bytes: Buffer,
  source: string,
  maxRawBytes = MAX_SNAPSHOT_RAW_BYTES,
): Snapshot {
  assertLittleEndian()
  const raw = gunzipBounded(bytes, source, maxRawBytes)
  if (raw.length < 8 || !raw.subarray(0, 4).equals(MAGIC)) fail(source, 'not a Gauntlet snapshot (bad magic)')
  const headerLength = raw.readUInt32LE(4)
  if (8 + headerLength > raw.length) fail(source, 'header runs past the end of the data')
  let parsedJson: unknown
  try {
    parsedJson = JSON.parse(raw.toString('utf8', 8, 8 + headerLength))
  } catch (err) {
    fail(source, `header is not JSON (${(err as Error).message})`)
  }
  const shell = headerShellSchema.safeParse(parsedJson)
  let header: Header
  if (shell.success && definitionsValid(shell.data.metricDefs, shell.data.testDefs)) {
    header = shell.data as Header
  } else {
    const parsed = headerSchema.safeParse(parsedJson)
    if (!parsed.success) throw new HistoryArtifactError(source, 'invalid', describeIssues(parsed.error))
    header = parsed.data
  }
  const dataStart = pad8(8 + headerLength)
  const u32 = (b: ArrayBuffer, o: number, n: number): Uint32Array => new Uint32Array(b, o, n)
  const f64 = (b: ArrayBuffer, o: number, n: number): Float64Array => new Float64Array(b, o, n)
  const mDef = section(raw, dataStart, header, 'mDef', 4, u32, source)
  const mVal = section(raw, dataStart, header, 'mVal', 8, f64, source)
  const mCnt = section(raw, dataStart, header, 'mCnt', 4, u32, source)
  const mSmp = section(raw, dataStart, header, 'mSmp', 8, f64, source)
  const tDef = section(raw, dataStart, header, 'tDef', 4, u32, source)
  const tSt = section(raw, dataStart, header, 'tSt', 1, (b, o, n) => new Uint8Array(b, o, n), source)
  const tDur = section(raw, dataStart, header, 'tDur', 8, f64, source)
  const tNul = header.sections.tNul
    ? section(raw, dataStart, header, 'tNul', 1, (b, o, n) => new Uint8Array(b, o, n), source)
    : null

  let totalMetrics = 0
  let totalTests = 0
  for (const r of header.runs) {
    totalMetrics += r.metrics
    totalTests += r.tests
  }
  if (mDef.length !== totalMetrics || mVal.length !== totalMetrics || mCnt.length !== totalMetrics) {
    fail(source, `metric columns hold ${mDef.length} entries, runs declare ${totalMetrics}`)
  }
  if (
    tDef.length !== totalTests ||
    tSt.length !== totalTests ||
    tDur.length !== totalTests ||
    (tNul !== null && tNul.length !== totalTests)
  ) {
    fail(source, `test columns hold ${tDef.length} entries, runs declare ${totalTests}`)
  }
  let totalSamples = 0
  for (let i = 0; i < totalMetrics; i++) {
    if ((mDef[i] as number) >= header.metricDefs.length) fail(source, `metric definition index out of range`)
    if (!Number.isFinite(mVal[i])) fail(source, `metric value is not finite`)
    totalSamples += mCnt[i] as number
  }
  if (totalSamples !== mSmp.length)
    fail(source, `sample column holds ${mSmp.length}, counts sum to ${totalSamples}`)
  for (let i = 0; i < mSmp.length; i++) if (!Number.isFinite(mSmp[i])) fail(source, 'sample is not finite')
  for (let i = 0; i < totalTests; i++) {
    if ((tDef[i] as number) >= header.testDefs.length) fail(source, `test definition index out of range`)
    if ((tSt[i] as number) >= TEST_STATUSES.length) fail(source, `test status code out of range`)
    if (tNul !== null && (tNul[i] as number) >> NULLABLE_TEST_FIELDS.length !== 0)
      fail(source, `test null mask out of range`)
  }

  const metricDefs = header.metricDefs
  const testDefs = header.testDefs
  const entries: SnapshotEntry[] = []
  let mi = 0
  let si = 0
  let ti = 0
  for (const r of header.runs) {
    const metricExtras = new Map<number, Record<string, unknown>>()
    for (const [local, extra] of r.metricExtras ?? []) {
      if (local >= r.metrics) fail(source, `metric extra index ${local} out of range`)
      const checked = metricExtraSchema.safeParse(pick(extra, METRIC_COLUMNS) ?? {})
      if (!checked.success)
        fail(source, `run ${r.run.runId} metric ${local}: ${describeIssues(checked.error)}`)
      metricExtras.set(local, checked.data)
    }
    const testExtras = new Map<number, Record<string, unknown>>()
    for (const [local, extra] of r.testExtras ?? []) {
      if (local >= r.tests) fail(source, `test extra index ${local} out of range`)
      const checked = testExtraSchema.safeParse(pick(extra, TEST_COLUMNS) ?? {})
      if (!checked.success) fail(source, `run ${r.run.runId} test ${local}: ${describeIssues(checked.error)}`)
      testExtras.set(local, checked.data)
    }
    const mStart = mi
    const sStart = si
    const tStart = ti
    const mCount = r.metrics
    const tCount = r.tests
    for (let k = 0; k < mCount; k++) si += mCnt[mStart + k] as number
    mi += mCount
    ti += tCount
    // Materialised on first access: most consumers read the metrics of the last few runs only, and a million
    // small objects built eagerly cost seconds of garbage collection (measured in bench/history.bench.ts).
    const materializeMetrics = (): Metric[] => {
      const metrics: Metric[] = new Array<Metric>(mCount)
      let sp = sStart
      for (let local = 0; local < mCount; local++) {
        const at = mStart + local
        const d = metricDefs[mDef[at] as number] as Header['metricDefs'][number]
        const count = mCnt[at] as number
        let samples: readonly number[] = EMPTY_SAMPLES
        if (count > 0) {
          const s: number[] = []
          for (let k = 0; k < count; k++) s.push(mSmp[sp + k] as number)
          samples = s
          sp += count
        }
        const m: Metric = {
          key: d[0],
          stage: d[1],
          suite: d[2],
          name: d[3],
          measure: d[4],
          unit: d[5],
          direction: d[6],
          value: mVal[at] as number,
          samples,
        }
        const extra = metricExtras.get(local)
        metrics[local] = extra ? { ...m, ...extra } : m
      }
      return metrics
    }
    const materializeTests = (): TestCase[] => {
      const tests: TestCase[] = new Array<TestCase>(tCount)
      for (let local = 0; local < tCount; local++) {
        const at = tStart + local
        const d = testDefs[tDef[at] as number] as Header['testDefs'][number]
        const dur = tDur[at] as number
        const mask = tNul === null ? 0 : (tNul[at] as number)
        const status = TEST_STATUSES[tSt[at] as number] as TestStatus
        const durationMs = Number.isNaN(dur) ? null : dur
        // The two common shapes get their own literals (`message: null` alone; all four null, as the JUnit parser
        // writes every passing test): adding properties afterwards would give each of ~1 million objects an
        // out-of-object property store.
        const t: TestCase =
          mask === 0
            ? { id: d[0], stage: d[1], suite: d[2], classname: d[3], name: d[4], status, durationMs }
            : mask === 1
              ? {
                  id: d[0],
                  stage: d[1],
                  suite: d[2],
                  classname: d[3],
                  name: d[4],
                  status,
                  durationMs,
                  message: null,
                }
              : mask === ALL_NULL
                ? {
                    id: d[0],
                    stage: d[1],
                    suite: d[2],
                    classname: d[3],
                    name: d[4],
                    status,
                    durationMs,
                    message: null,
                    details: null,
                    file: null,
                    line: null,
                  }
                : { id: d[0], stage: d[1], suite: d[2], classname: d[3], name: d[4], status, durationMs }
        if (mask > 1 && mask !== ALL_NULL) {
          const nulls = t as unknown as Record<string, null>
          for (let b = 0; b < NULLABLE_TEST_FIELDS.length; b++)
            if ((mask & (1 << b)) !== 0) nulls[NULLABLE_TEST_FIELDS[b] as string] = null
        }
        const extra = testExtras.get(local)
        tests[local] = extra ? { ...t, ...extra } : t
      }
      return tests
    }
    const record: Record<string, unknown> = {
      ...(r.extra ?? {}),
      schema: RUN_RECORD_SCHEMA,
      run: r.run,
      stages: r.stages,
    }
    defineLazy(record, 'tests', materializeTests, () => {
      testColumnsOf.delete(record)
      storedTestsOf.delete(record)
    })
    defineLazy(record, 'metrics', materializeMetrics, () => {
      metricColumnsOf.delete(record)
      storedMetricsOf.delete(record)
    })
    storedTestsOf.set(record, {
      defs: testDefs,
      def: tDef.subarray(tStart, tStart + tCount),
      status: tSt.subarray(tStart, tStart + tCount),
      durationMs: tDur.subarray(tStart, tStart + tCount),
      nulls: tNul === null ? null : tNul.subarray(tStart, tStart + tCount),
      extras: testExtras,
    })
    storedMetricsOf.set(record, {
      defs: metricDefs,
      def: mDef.subarray(mStart, mStart + mCount),
      value: mVal.subarray(mStart, mStart + mCount),
      count: mCnt.subarray(mStart, mStart + mCount),
      samples: mSmp.subarray(sStart, si),
      extras: metricExtras,
    })
    testColumnsOf.set(record, {
      count: tCount,
      defs: testDefs,
      def: tDef.subarray(tStart, tStart + tCount),
      status: tSt.subarray(tStart, tStart + tCount),
      durationMs: tDur.subarray(tStart, tStart + tCount),
    })
    metricColumnsOf.set(record, {
      count: mCount,
      defs: metricDefs,
      def: mDef.subarray(mStart, mStart + mCount),
      value: mVal.subarray(mStart, mStart + mCount),
    })
    record.chaos = r.chaos
    if (r.alerts) record.alerts = r.alerts
    entries.push({ record: record as unknown as RunRecord, artifactId: r.artifactId })
  }
  return { createdAt: header.createdAt, entries }
}
