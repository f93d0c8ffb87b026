/**
 * The rolling snapshot's storage format: column-wise, so that 90 days of runs load within the time and memory
 * budget (2,000 runs x 500 metrics in well under 1.5 s, see `bench/history.bench.ts`).
 *
 * A gzipped container of:
 *   "GSNP" | u32 LE header length | header JSON | pad to 8 | binary sections (each padded to 8)
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
import { gzipSync } from 'node:zlib'
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

/** Encodes a snapshot as gzipped bytes. */
export function encodeSnapshot(snapshot: Snapshot): Buffer {
  assertLittleEndian()
  const metricDefIndex = new Map<string, number>()
  const metricDefs: [string, string, string, string, string, string, string][] = []
  const testDefIndex = new Map<string, number>()
  const testDefs: [string, string, string, string, string][] = []
  // First definition seen per metric key / test id. The key alone almost always decides the definition, and
  // its string is shared across runs (hash cached), while the joined full key is a fresh ~150-character string
  // to hash per occurrence: 2 s of a 90-run x 10,000-test snapshot (bench/overhead.bench.ts, push run).
  const metricDefByKey = new Map<string, number>()
  const testDefById = new Map<string, number>()
  const metricDef = (m: Metric): number => {
    const defKey = [m.key, m.stage, m.suite, m.name, m.measure, m.unit, m.direction].join('\u0000')
    let def = metricDefIndex.get(defKey)
    if (def === undefined) {
      def = metricDefs.length
      metricDefIndex.set(defKey, def)
      metricDefs.push([m.key, m.stage, m.suite, m.name, m.measure, m.unit, m.direction])
      if (!metricDefByKey.has(m.key)) metricDefByKey.set(m.key, def)
    }
    return def
  }
  const testDef = (t: TestCase): number => {
    const defKey = [t.id, t.stage, t.suite, t.classname, t.name].join('\u0000')
    let def = testDefIndex.get(defKey)
    if (def === undefined) {
      def = testDefs.length
      testDefIndex.set(defKey, def)
      testDefs.push([t.id, t.stage, t.suite, t.classname, t.name])
      if (!testDefById.has(t.id)) testDefById.set(t.id, def)
    }
    return def
  }
  let totalMetrics = 0
  let totalSamples = 0
  let totalTests = 0
  for (const { record } of snapshot.entries) {
    totalMetrics += record.metrics.length
    totalTests += record.tests.length
    for (const m of record.metrics) totalSamples += m.samples.length
  }
  const mDef = new Uint32Array(totalMetrics)
  const mVal = new Float64Array(totalMetrics)
  const mCnt = new Uint32Array(totalMetrics)
  const mSmp = new Float64Array(totalSamples)
  const tDef = new Uint32Array(totalTests)
  const tSt = new Uint8Array(totalTests)
  const tDur = new Float64Array(totalTests)
  const tNul = new Uint8Array(totalTests)
  let mi = 0
  let si = 0
  let ti = 0
  const runs: Header['runs'] = []
  for (const { record, artifactId } of snapshot.entries) {
    const metricExtras: [number, Record<string, unknown>][] = []
    record.metrics.forEach((m, local) => {
      const candidate = metricDefByKey.get(m.key)
      const known = candidate === undefined ? undefined : metricDefs[candidate]
      const def =
        candidate !== undefined &&
        known !== undefined &&
        known[1] === m.stage &&
        known[2] === m.suite &&
        known[3] === m.name &&
        known[4] === m.measure &&
        known[5] === m.unit &&
        known[6] === m.direction
          ? candidate
          : metricDef(m)
      mDef[mi] = def
      mVal[mi] = m.value
      mCnt[mi] = m.samples.length
      for (const s of m.samples) mSmp[si++] = s
      mi++
      const extra = pick(m, METRIC_COLUMNS)
      if (extra) metricExtras.push([local, extra])
    })
    const testExtras: [number, Record<string, unknown>][] = []
    record.tests.forEach((t, local) => {
      const candidate = testDefById.get(t.id)
      const known = candidate === undefined ? undefined : testDefs[candidate]
      const def =
        candidate !== undefined &&
        known !== undefined &&
        known[1] === t.stage &&
        known[2] === t.suite &&
        known[3] === t.classname &&
        known[4] === t.name
          ? candidate
          : testDef(t)
      tDef[ti] = def
      tSt[ti] = TEST_STATUSES.indexOf(t.status)
      tDur[ti] = t.durationMs ?? Number.NaN
      tNul[ti] = nullMask(t)
      ti++
      const extra = pick(t, TEST_COLUMNS, NULLABLE_TEST_FIELDS)
      if (extra) testExtras.push([local, extra])
    })
    const extra = pick(record, RECORD_KEYS)
    runs.push({
      artifactId,
      run: record.run,
      stages: [...record.stages],
      chaos: [...record.chaos],
      ...(record.alerts ? { alerts: [...record.alerts] } : {}),
      ...(extra ? { extra } : {}),
      metrics: record.metrics.length,
      tests: record.tests.length,
      ...(metricExtras.length > 0 ? { metricExtras } : {}),
      ...(testExtras.length > 0 ? { testExtras } : {}),
    } as Header['runs'][number])
  }
  const arrays: Record<SectionName, ArrayBufferView> = { mDef, mVal, mCnt, mSmp, tDef, tSt, tDur, tNul }
  const sections: Record<string, [number, number]> = {}
  let offset = 0
  for (const name of SECTION_NAMES) {
    sections[name] = [offset, arrays[name].byteLength]
    offset += pad8(arrays[name].byteLength)
  }
  const header = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    recordSchema: RUN_RECORD_SCHEMA,
    createdAt: snapshot.createdAt,
    metricDefs,
    testDefs,
    runs,
    sections,
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const dataStart = pad8(8 + headerBytes.length)
  const out = Buffer.alloc(dataStart + offset)
  MAGIC.copy(out, 0)
  out.writeUInt32LE(headerBytes.length, 4)
  headerBytes.copy(out, 8)
  for (const name of SECTION_NAMES) {
    const view = arrays[name]
    const [at] = sections[name] as [number, number]
    Buffer.from(view.buffer, view.byteOffset, view.byteLength).copy(out, dataStart + at)
  }
  // Level 1: the float columns barely compress further at higher levels (measured 18.6 MB vs 18.2 MB for
  // 2,000 runs x 500 metrics) while level 6 took almost twice as long to write.
  return gzipSync(out, { level: 1 })
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
    defineLazy(record, 'tests', materializeTests, () => testColumnsOf.delete(record))
    defineLazy(record, 'metrics', materializeMetrics, () => metricColumnsOf.delete(record))
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
