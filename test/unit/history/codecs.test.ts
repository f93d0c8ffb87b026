import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FutureSchemaError, HistoryArtifactError } from '../../../src/history/errors.js'
import { decodeRecord, encodeRecord, gunzipBounded } from '../../../src/history/record-codec.js'
import { migrateRecord, parseRunRecord } from '../../../src/history/record-schema.js'
import {
  decodeSnapshot,
  encodeSnapshot,
  encodeSnapshotAsync,
  prepareSnapshot,
} from '../../../src/history/snapshot-codec.js'
import { makeRecord } from '../../fixtures/history/records.js'

const record = makeRecord({ runId: 7, timestamp: '2026-05-01T00:00:00Z', metrics: 12, tests: 6 })
const reason = (fn: () => unknown): string => {
  try {
    fn()
  } catch (err) {
    if (err instanceof HistoryArtifactError) return err.reason
    throw err
  }
  return 'none'
}

describe('record codec', () => {
  it('round-trips a record', () => {
    expect(decodeRecord(encodeRecord(record), 'x')).toEqual(record)
  })
  it.each([
    ['truncated gzip', encodeRecord(record).subarray(0, 40), 'truncated'],
    ['not gzip', Buffer.from('hello'), 'corrupt'],
    ['not JSON', gzipSync('{nope'), 'corrupt'],
    ['wrong shape', gzipSync('{"schema":1,"run":{}}'), 'invalid'],
    [
      'non-finite value smuggled as a string',
      gzipSync(JSON.stringify({ ...record, metrics: [{ ...record.metrics[0], value: 'NaN' }] })),
      'invalid',
    ],
    ['future schema', gzipSync(JSON.stringify({ ...record, schema: 2 })), 'future-schema'],
  ])('%s is skipped as %s', (_n, bytes, expected) => {
    expect(reason(() => decodeRecord(bytes, 'artifact gauntlet-run #1'))).toBe(expected)
  })
  it('stops a gzip bomb at the bound', () => {
    expect(reason(() => gunzipBounded(gzipSync(Buffer.alloc(1_000_000)), 'x', 1000))).toBe('oversized')
  })
  it('names the source and the offending field', () => {
    expect(() =>
      parseRunRecord({ ...record, run: { ...record.run, attempt: 0 } }, 'artifact gauntlet-run #9'),
    ).toThrow(/artifact gauntlet-run #9: skipped \(invalid\): run\.attempt/)
  })
  it('refuses newer schemas with FutureSchemaError and migrates version 0', () => {
    expect(() => migrateRecord({ schema: 3 }, 's')).toThrow(FutureSchemaError)
    const { schema: _s, ...v0 } = record
    expect(migrateRecord(v0, 's')).toMatchObject({ schema: 1 })
  })
  it('keeps unknown optional fields (added to the model later)', () => {
    const extended = { ...record, extra: { a: 1 }, run: { ...record.run, newField: 'x' } }
    expect(parseRunRecord(JSON.parse(JSON.stringify(extended)), 's')).toMatchObject({
      extra: { a: 1 },
      run: { newField: 'x' },
    })
  })
})

type E = { readonly record: typeof record; readonly artifactId: number | null }

interface Defs {
  metricDefs: unknown[][]
  testDefs: unknown[][]
}

/** Decompresses a snapshot, lets `edit` change its header JSON, and packs it again. */
function rewriteHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
  const raw = gunzipSync(bytes)
  const headerLength = raw.readUInt32LE(4)
  const header = JSON.parse(raw.toString('utf8', 8, 8 + headerLength)) as Record<string, unknown>
  edit(header)
  const newHeader = Buffer.from(JSON.stringify(header), 'utf8')
  const pad8 = (n: number) => (n + 7) & ~7
  const data = raw.subarray(pad8(8 + headerLength))
  const out = Buffer.alloc(pad8(8 + newHeader.length) + data.length)
  raw.copy(out, 0, 0, 4)
  out.writeUInt32LE(newHeader.length, 4)
  newHeader.copy(out, 8)
  data.copy(out, pad8(8 + newHeader.length))
  return gzipSync(out)
}

describe('snapshot codec', () => {
  const rich = {
    ...makeRecord({ runId: 8, timestamp: '2026-05-02T00:00:00Z', metrics: 3, tests: 3, samples: 0 }),
    alerts: [
      {
        key: 'k',
        findingId: 'f',
        severity: 'warning',
        openedAt: '2026-05-01T00:00:00Z',
        lastNotifiedAt: '2026-05-01T00:00:00Z',
        channels: ['email'],
      },
    ],
    custom: { kept: true },
  }
  const withExtras = {
    ...rich,
    metrics: rich.metrics.map((m, i) => (i === 1 ? { ...m, tags: ['x'], future: 1 } : m)),
    tests: rich.tests.map((t, i) =>
      i === 0
        ? {
            ...t,
            durationMs: null,
            attempts: ['failed' as const, 'passed' as const],
            status: 'flaky' as const,
          }
        : t,
    ),
  }
  const entries = [
    { record, artifactId: 3 },
    { record: withExtras, artifactId: null },
  ]
  it('round-trips losslessly (values, samples, nulls, extras, alerts, unknown fields)', () => {
    const back = decodeSnapshot(encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries }), 's')
    expect(back.createdAt).toBe('2026-05-03T00:00:00Z')
    expect(back.entries.map((e) => e.artifactId)).toEqual([3, null])
    expect(JSON.parse(JSON.stringify(back.entries.map((e) => e.record)))).toEqual(
      JSON.parse(JSON.stringify([record, withExtras])),
    )
  })
  it('keeps null optional test fields in the null-mask column, not as per-test extras', () => {
    const nulls = {
      ...record,
      tests: record.tests.map((t, i) => ({
        ...t,
        message: null,
        ...(i === 0 ? { details: null, file: null, line: null } : {}),
      })),
    }
    const bytes = encodeSnapshot({
      createdAt: '2026-05-03T00:00:00Z',
      entries: [{ record: nulls, artifactId: 1 }],
    })
    const raw = gunzipSync(bytes)
    const header = JSON.parse(raw.toString('utf8', 8, 8 + raw.readUInt32LE(4))) as {
      runs: { testExtras?: unknown[] }[]
      sections: Record<string, unknown>
    }
    expect(header.runs[0]!.testExtras).toBeUndefined()
    expect(header.sections.tNul).toBeDefined()
    const back = decodeSnapshot(bytes, 's')
    expect(JSON.parse(JSON.stringify(back.entries[0]!.record.tests))).toEqual(
      JSON.parse(JSON.stringify(nulls.tests)),
    )
  })
  it('reads snapshots written before the null-mask column (fields absent instead of null)', () => {
    const bytes = encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries })
    const old = rewriteHeader(bytes, (header) => {
      delete (header.sections as Record<string, unknown>).tNul
    })
    const back = decodeSnapshot(old, 's')
    expect(JSON.parse(JSON.stringify(back.entries.map((e) => e.record)))).toEqual(
      JSON.parse(JSON.stringify([record, withExtras])),
    )
  })
  it('keeps definitions apart that share a test id or metric key but differ elsewhere', () => {
    const other = {
      ...record,
      run: { ...record.run, runId: 99 },
      tests: record.tests.map((t) => ({ ...t, classname: `${t.classname}-moved` })),
      metrics: record.metrics.map((m) => ({ ...m, unit: 's' })),
    }
    const both = [
      { record, artifactId: 1 },
      { record: other, artifactId: 2 },
      { record, artifactId: 3 },
      { record: { ...other, run: { ...other.run, runId: 100 } }, artifactId: 4 },
    ]
    const bytes = encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries: both })
    const back = decodeSnapshot(bytes, 's')
    expect(JSON.parse(JSON.stringify(back.entries.map((e) => e.record)))).toEqual(
      JSON.parse(JSON.stringify(both.map((e) => e.record))),
    )
    // One definition per distinct tuple, however often it recurs; re-encoding from columns keeps them apart too.
    const header = (b: Buffer) => {
      const raw = gunzipSync(b)
      return JSON.parse(raw.toString('utf8', 8, 8 + raw.readUInt32LE(4))) as Defs
    }
    expect(header(bytes).testDefs).toHaveLength(2 * record.tests.length)
    expect(header(bytes).metricDefs).toHaveLength(2 * record.metrics.length)
    expect(encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries: back.entries }).equals(bytes)).toBe(
      true,
    )
  })
  it('re-encodes a decoded snapshot to the same content', () => {
    const once = decodeSnapshot(
      encodeSnapshot({ createdAt: 'x'.length ? '2026-05-03T00:00:00Z' : '', entries }),
      's',
    )
    const twice = decodeSnapshot(encodeSnapshot(once), 's')
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once))
  })
  // Records decoded from a snapshot are re-encoded from their columns (no materialised objects); the bytes must
  // be those the per-object path writes for the same records as plain data.
  describe('re-encoding decoded records from their columns', () => {
    const plain = (e: { record: unknown; artifactId: number | null }) => ({
      record: JSON.parse(JSON.stringify(e.record)) as typeof record,
      artifactId: e.artifactId,
    })
    const masks = {
      ...makeRecord({ runId: 9, timestamp: '2026-05-02T12:00:00Z', metrics: 4, tests: 5 }),
    }
    const mixedNulls = {
      ...masks,
      tests: masks.tests.map((t, i) =>
        i === 0
          ? { ...t, message: null }
          : i === 1
            ? { ...t, message: null, details: null, file: null, line: null }
            : i === 2
              ? { ...t, file: null, line: 12 }
              : i === 3
                ? { ...t, status: 'failed' as const, message: 'boom', details: null }
                : t,
      ),
    }
    const fresh = makeRecord({ runId: 10, timestamp: '2026-05-03T00:00:00Z', metrics: 5, tests: 4 })
    const source = [...entries, { record: mixedNulls, artifactId: 5 }]
    const at = '2026-05-04T00:00:00Z'
    it.each([
      ['every entry decoded', (d: readonly E[]) => d],
      [
        'the oldest pruned and a fresh record added',
        (d: readonly E[]) => [...d.slice(1), { record: fresh, artifactId: 6 }],
      ],
      [
        'a fresh record first, decoded ones after',
        (d: readonly E[]) => [{ record: fresh, artifactId: 6 }, ...d],
      ],
      ['decoded entries reordered and repeated', (d: readonly E[]) => [d[2]!, d[0]!, d[2]!]],
    ])('%s: same bytes as plain records', (_n, select) => {
      const decoded = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: source }), 's').entries
      const chosen = select(decoded)
      expect(
        encodeSnapshot({ createdAt: at, entries: chosen }).equals(
          encodeSnapshot({ createdAt: at, entries: chosen.map(plain) }),
        ),
      ).toBe(true)
    })
    it('reads the records from a snapshot of a second decoded snapshot (definition tables differ)', () => {
      const a = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: [entries[1]!] }), 'a').entries
      const b = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: source }), 'b').entries
      const both = [...a, ...b]
      const bytes = encodeSnapshot({ createdAt: at, entries: both })
      expect(bytes.equals(encodeSnapshot({ createdAt: at, entries: both.map(plain) }))).toBe(true)
      expect(JSON.parse(JSON.stringify(decodeSnapshot(bytes, 's').entries))).toEqual(
        JSON.parse(JSON.stringify(both)),
      )
    })
    it('folds the null fields of a snapshot written before the null-mask column the same way', () => {
      const old = rewriteHeader(encodeSnapshot({ createdAt: at, entries: source }), (h) => {
        delete (h.sections as Record<string, unknown>).tNul
        const runs = h.runs as { testExtras?: [number, Record<string, unknown>][] }[]
        // As the encoder before the mask wrote them: nulls among the extras, in no particular order.
        runs[2]!.testExtras = [
          [3, { message: null, file: 'a.ts' }],
          [0, { message: null }],
          [1, { message: null, details: null, file: null, line: null }],
        ]
      })
      const decoded = decodeSnapshot(old, 's').entries
      const bytes = encodeSnapshot({ createdAt: at, entries: decoded })
      expect(bytes.equals(encodeSnapshot({ createdAt: at, entries: decoded.map(plain) }))).toBe(true)
      const tests = decodeSnapshot(bytes, 's').entries[2]!.record.tests
      expect(tests[0]).toMatchObject({ message: null })
      expect(tests[3]).toMatchObject({ message: null, file: 'a.ts' })
    })
    it('never materialises the tests or metrics of a decoded record', () => {
      const decoded = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: source }), 's').entries
      for (const { record: r } of decoded) {
        for (const key of ['tests', 'metrics']) {
          // Replaces the lazy getter without going through its setter, so the columns stay attached.
          Object.defineProperty(r, key, {
            enumerable: true,
            get: () => {
              throw new Error(`${key} read`)
            },
          })
        }
      }
      const bytes = encodeSnapshot({ createdAt: at, entries: [...decoded, { record: fresh, artifactId: 6 }] })
      expect(decodeSnapshot(bytes, 's').entries).toHaveLength(source.length + 1)
    })
    it('writes the tests and metrics assigned to a decoded record, not its old columns', () => {
      const decoded = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: source }), 's').entries
      const edited = decoded[0]!.record as { tests: unknown; metrics: unknown }
      edited.tests = fresh.tests
      edited.metrics = fresh.metrics
      const back = decodeSnapshot(encodeSnapshot({ createdAt: at, entries: decoded }), 's').entries
      expect(JSON.parse(JSON.stringify(back[0]!.record.tests))).toEqual(
        JSON.parse(JSON.stringify(fresh.tests)),
      )
      expect(JSON.parse(JSON.stringify(back[0]!.record.metrics))).toEqual(
        JSON.parse(JSON.stringify(fresh.metrics)),
      )
    })
  })
  describe('encoding without blocking (header and sections as two gzip members)', () => {
    const at = '2026-05-04T00:00:00Z'
    const decodedEntries = () =>
      decodeSnapshot(encodeSnapshot({ createdAt: at, entries }), 's').entries.map((e) => ({ ...e }))
    const fresh = makeRecord({ runId: 11, timestamp: '2026-05-03T00:00:00Z', metrics: 4, tests: 3 })
    it('gunzips to the bytes of the synchronous encoder, unprepared', async () => {
      const next = [...decodedEntries(), { record: fresh, artifactId: 12 }]
      const bytes = await encodeSnapshotAsync({ createdAt: at, entries: next })
      expect(gunzipSync(bytes).equals(gunzipSync(encodeSnapshot({ createdAt: at, entries: next })))).toBe(
        true,
      )
    })
    it('uses a preparation made before the artifact id and the alerts were known', async () => {
      const base = decodedEntries()
      const prepared = prepareSnapshot([...base, { record: fresh, artifactId: null }])
      const alerts = [
        {
          key: 'k2',
          findingId: 'f2',
          severity: 'critical' as const,
          openedAt: at,
          lastNotifiedAt: at,
          channels: ['slack' as const],
        },
      ]
      // As the pipeline saves it: a new object with the same tests and metrics, plus the alert state.
      const next = [...base, { record: { ...fresh, alerts }, artifactId: 12 }]
      const bytes = await encodeSnapshotAsync({ createdAt: at, entries: next }, prepared)
      expect(gunzipSync(bytes).equals(gunzipSync(encodeSnapshot({ createdAt: at, entries: next })))).toBe(
        true,
      )
      const back = decodeSnapshot(bytes, 's').entries
      expect(back.map((e) => e.artifactId)).toEqual([3, null, 12])
      expect(back[2]!.record.alerts).toEqual(alerts)
    })
    it.each([
      ['a record dropped', (b: E[]) => b.slice(1)],
      ['a record with other tests', (b: E[]) => [b[0]!, { ...b[1]!, record: { ...fresh, tests: [] } }]],
      ['the records reordered', (b: E[]) => [b[1]!, b[0]!]],
    ])('builds anew when the entries differ from the prepared ones: %s', async (_n, change) => {
      const base = decodedEntries()
      const prepared = prepareSnapshot(base)
      const next = change(base)
      const bytes = await encodeSnapshotAsync({ createdAt: at, entries: next }, prepared)
      expect(gunzipSync(bytes).equals(gunzipSync(encodeSnapshot({ createdAt: at, entries: next })))).toBe(
        true,
      )
    })
    it('is read as one stream of two gzip members', async () => {
      const bytes = await encodeSnapshotAsync({ createdAt: at, entries })
      // Each member starts with the gzip magic; the second one follows the header's.
      expect(bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), 1)).toBeGreaterThan(0)
      expect(JSON.stringify(decodeSnapshot(bytes, 's'))).toBe(
        JSON.stringify(decodeSnapshot(encodeSnapshot({ createdAt: at, entries }), 's')),
      )
    })
  })
  // The definition tables are checked without zod when valid; an invalid one must still be refused, naming it.
  it.each([
    [
      'a test definition with an unknown stage',
      (h: Defs) => (h.testDefs[0]![1] = 'nightly'),
      /testDefs\.0\.1/,
    ],
    ['a test definition with a field missing', (h: Defs) => h.testDefs[1]!.pop(), /testDefs\.1/],
    ['a test definition with an extra field', (h: Defs) => h.testDefs[1]!.push('x'), /testDefs\.1/],
    ['a metric definition with an empty key', (h: Defs) => (h.metricDefs[0]![0] = ''), /metricDefs\.0\.0/],
    [
      'a metric definition with a bad direction',
      (h: Defs) => (h.metricDefs[2]![6] = 'up'),
      /metricDefs\.2\.6/,
    ],
    [
      'a metric definition with a number for a unit',
      (h: Defs) => (h.metricDefs[1]![5] = 3),
      /metricDefs\.1\.5/,
    ],
    ['definitions that are not a list', (h: Defs) => (h.testDefs = {} as never), /testDefs/],
  ])('refuses %s as invalid, naming the field', (_n, mutate, field) => {
    const bytes = encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries })
    const tampered = rewriteHeader(bytes, (h) => {
      mutate(h as unknown as Defs)
    })
    expect(reason(() => decodeSnapshot(tampered, 's'))).toBe('invalid')
    expect(() => decodeSnapshot(tampered, 's')).toThrow(field)
  })
  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 30), 'truncated'],
    ['not a snapshot', () => gzipSync('GSNX0000'), 'corrupt'],
    ['garbage', () => Buffer.from('garbage'), 'corrupt'],
  ])('%s is rejected as %s', (_n, mutate, expected) => {
    const bytes = encodeSnapshot({ createdAt: '2026-05-03T00:00:00Z', entries })
    expect(reason(() => decodeSnapshot(mutate(bytes), 'artifact gauntlet-history #1'))).toBe(expected)
  })
})
