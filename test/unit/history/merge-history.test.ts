import { describe, expect, it } from 'vitest'
import { assembleHistory, emptyHistory, nextSnapshotEntries } from '../../../src/history/history.js'
import { mergeRecords, pruneRecords, recordKey } from '../../../src/history/merge.js'
import { daysAgo, makeRecord } from '../../fixtures/history/records.js'

const now = new Date('2026-06-01T00:00:00Z')
const r = (runId: number, days: number, attempt = 1) =>
  makeRecord({ runId, attempt, timestamp: daysAgo(now, days) })

describe('mergeRecords', () => {
  it('keeps one copy per run id + attempt, sorted by time', () => {
    const a = r(1, 3)
    const merged = mergeRecords([r(2, 1), a], [a, r(1, 3, 2), r(2, 1)])
    expect(merged.map(recordKey)).toEqual(['1#1', '1#2', '2#1'])
  })
  it('is idempotent', () => {
    const once = mergeRecords([r(1, 2), r(2, 1)])
    expect(mergeRecords(once, once)).toEqual(once)
  })
})

describe('pruneRecords', () => {
  it.each([
    [89, true],
    [90, true],
    [91, false],
  ])('a record %i days old is kept: %s', (days, kept) => {
    expect(pruneRecords([r(1, days)], now, 90)).toHaveLength(kept ? 1 : 0)
  })
})

describe('assembleHistory and nextSnapshotEntries', () => {
  it('merges snapshot and newer records, prunes, and exposes the newest alerts and artifact ids', () => {
    const alerts = [
      {
        key: 'k',
        findingId: 'f',
        severity: 'error',
        openedAt: daysAgo(now, 1),
        lastNotifiedAt: daysAgo(now, 1),
        channels: [],
      },
    ]
    const latest = { ...r(3, 1), alerts }
    const h = assembleHistory({
      snapshot: [
        { record: r(1, 100), artifactId: 11 },
        { record: r(2, 2), artifactId: 12 },
      ],
      watermark: null,
      newer: [
        { record: r(2, 2), artifactId: 12 },
        { record: latest, artifactId: 13 },
      ],
      pullRequest: [],
      warnings: ['w'],
      now,
      retentionDays: 90,
    })
    expect(h.baseline.map(recordKey)).toEqual(['2#1', '3#1'])
    expect(h.openAlerts).toEqual(alerts)
    expect([...h.artifactIds]).toEqual([
      ['2#1', 12],
      ['3#1', 13],
    ])
    const next = nextSnapshotEntries(h, { record: r(4, 0), artifactId: 14 }, now, 90)
    expect(next.map((e) => [recordKey(e.record), e.artifactId])).toEqual([
      ['2#1', 12],
      ['3#1', 13],
      ['4#1', 14],
    ])
  })
  it('an empty history carries its warnings', () => {
    expect(emptyHistory(['x'])).toMatchObject({ baseline: [], warnings: ['x'], watermark: null })
  })
})
