// The analysis reads records decoded from a history snapshot through the snapshot's columns instead of their
// materialised tests/metrics (a speed-up). These cases check that both paths give the same report, including
// mixed baselines (snapshot records plus records read from their own artifacts) and tricky columns: null and
// non-finite durations, skipped tests, one test id under two definitions, a unit change, flaky flips.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/analysis/analyze.js'
import {
  decodeSnapshot,
  encodeSnapshot,
  snapshotMetricColumns,
  snapshotTestColumns,
} from '../../../src/history/snapshot-codec.js'
import type { RunRecord } from '../../../src/model/run-record.js'
import type { TestCase } from '../../../src/model/test-case.js'
import { config, metric, nowAfter, run, test, wobble } from './build-records.js'

const N = 24
const STATUSES: readonly TestCase['status'][] = ['passed', 'failed', 'skipped', 'errored', 'flaky']

function history(): RunRecord[] {
  const lat = wobble(100, N, 0.02)
  const mem = wobble(50, N, 0.01)
  return Array.from({ length: N }, (_, i) =>
    run(i, {
      metrics: [
        metric('benchmark/s/lat/mean', lat[i]!),
        // Unit change half-way and back now: only the older points compare.
        metric('benchmark/s/mem/rss', mem[i]!, { unit: i < N / 2 ? 'MB' : 'KB' }),
        ...(i % 5 === 0 ? [] : [metric('benchmark/s/sometimes/mean', 10 + (i % 3))]),
      ],
      tests: [
        test('s::c::stable', 'passed', { durationMs: 100 + i, message: null }),
        test('s::c::flip', i % 2 === 0 ? 'passed' : 'failed', { durationMs: 50 }),
        test('s::c::odd', STATUSES[i % STATUSES.length]!, {
          durationMs: i % 4 === 0 ? null : i % 7 === 0 ? Number.POSITIVE_INFINITY : 30 + i,
        }),
        // Same id, another suite on some runs: two snapshot definitions for one id.
        test('s::c::moved', 'passed', { suite: i % 3 === 0 ? 'other' : 's', durationMs: 20 }),
        ...(i === 0 ? [] : [test('s::c::removed-last', 'failed', { message: 'boom' })]),
        test('s::c::slowing', 'passed', { durationMs: 200, file: 'a.ts', line: 3 }),
      ],
    }),
  )
}

function current(): RunRecord {
  return run(N, {
    metrics: [
      metric('benchmark/s/lat/mean', 140),
      metric('benchmark/s/mem/rss', 50.2, { unit: 'MB' }),
      metric('benchmark/s/sometimes/mean', 11),
    ],
    tests: [
      test('s::c::stable', 'failed', { durationMs: 100, message: 'now broken' }),
      test('s::c::flip', 'passed', { durationMs: 50 }),
      test('s::c::odd', 'passed', { durationMs: 31 }),
      test('s::c::moved', 'passed', { durationMs: 20 }),
      test('s::c::slowing', 'passed', { durationMs: 2000 }),
      test('s::c::brand-new', 'passed', { durationMs: 1 }),
    ],
  })
}

function decoded(records: readonly RunRecord[]): RunRecord[] {
  const bytes = encodeSnapshot({
    createdAt: new Date(0).toISOString(),
    entries: records.map((record) => ({ record, artifactId: null })),
  })
  return decodeSnapshot(bytes, 'test').entries.map((e) => e.record)
}

function report(baseline: readonly RunRecord[], isPullRequest: boolean) {
  const cur = isPullRequest
    ? { ...current(), run: { ...current().run, prNumber: 7, event: 'pull_request' } }
    : current()
  return analyze({
    current: cur,
    baseline,
    prRuns: [],
    config: config(),
    now: nowAfter(N),
    retentionDays: 90,
    isPullRequest,
  })
}

describe('analysis over snapshot columns', () => {
  const plain = history()
  const fromSnapshot = decoded(plain)
  // The first half from the snapshot, the rest as plain records (read from their own artifacts).
  const mixed = [...fromSnapshot.slice(0, N / 2), ...plain.slice(N / 2)]

  it('decoded records carry column views and a reassigned field drops its view', () => {
    const r = decoded(plain.slice(0, 1))[0]!
    expect(snapshotTestColumns(r)?.count).toBe(plain[0]!.tests.length)
    expect(snapshotMetricColumns(r)?.count).toBe(plain[0]!.metrics.length)
    expect(snapshotTestColumns(plain[0]!)).toBeUndefined()
    ;(r as unknown as { tests: TestCase[] }).tests = []
    expect(snapshotTestColumns(r)).toBeUndefined()
    expect(snapshotMetricColumns(r)).toBeDefined()
  })

  it.each([
    { name: 'snapshot, default branch', baseline: fromSnapshot, pr: false },
    { name: 'snapshot, pull request', baseline: fromSnapshot, pr: true },
    { name: 'mixed, default branch', baseline: mixed, pr: false },
  ])('$name: same report as over plain records', ({ baseline, pr }) => {
    const expected = report(plain, pr)
    // The fixture must exercise the test and metric paths, or the equality below proves little.
    const kinds = new Set(expected.findings.map((f) => f.kind))
    for (const k of ['test-new-failure', 'test-slowed', 'test-new', 'test-removed', 'metric-unit-changed'])
      expect([...kinds], k).toContain(k)
    expect(JSON.parse(JSON.stringify(report(baseline, pr)))).toEqual(JSON.parse(JSON.stringify(expected)))
  })
})
