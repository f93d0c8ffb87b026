import { describe, expect, it } from 'vitest'
import {
  RUN_RECORD_SCHEMA,
  type ChaosResult,
  type Metric,
  type RunInfo,
  type RunRecord,
  type StageResult,
  type TestCase,
  type TestStatus,
} from '../../../src/model/index.js'
import { MAX_LISTED_DUPLICATES, mergeShards, type ShardInput } from '../../../src/record/merge-shards.js'

const RUNNER = { os: 'Linux', arch: 'X64', cpuModel: 'EPYC 7763', cores: 4 }

const SOURCE: RunInfo = {
  repository: 'acme/shop',
  headRepository: 'acme/shop',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  branch: 'main',
  event: 'push',
  prNumber: null,
  baseBranch: null,
  runId: 500,
  attempt: 2,
  timestamp: '2026-11-23T12:00:00.000Z',
  runner: { os: 'Linux', arch: 'X64', cpuModel: 'report job', cores: 2 },
}

function test(id: string, status: TestStatus = 'passed'): TestCase {
  return { id, stage: 'unit', suite: 'unit', classname: 'C', name: id, status, durationMs: 1 }
}

function metric(key: string, value = 10): Metric {
  return {
    key,
    stage: 'benchmark',
    suite: 's',
    name: key,
    measure: '',
    unit: 'ms',
    direction: 'lower',
    value,
    samples: [value],
  }
}

function chaos(experiment: string): ChaosResult {
  return {
    experiment,
    fault: 'latency 200ms',
    verdict: 'passed',
    steadyState: { before: 'passed', during: 'passed', after: 'passed' },
    errorRate: 0,
    latencyMs: null,
    recoveryMs: 10,
  }
}

function stage(
  name: StageResult['name'],
  status: StageResult['status'] = 'passed',
  extra: Partial<StageResult> = {},
): StageResult {
  return {
    name,
    status,
    exitCode: status === 'passed' ? 0 : 1,
    durationMs: 100,
    attempts: 1,
    resultFiles: [],
    errors: [],
    continueOnError: false,
    ...extra,
  }
}

interface ShardSpec {
  readonly runId?: number
  readonly attempt?: number
  readonly tests?: readonly TestCase[]
  readonly metrics?: readonly Metric[]
  readonly chaos?: readonly ChaosResult[]
  readonly stages?: readonly StageResult[]
  readonly cpu?: string
}

function shard(name: string, spec: ShardSpec = {}): ShardInput {
  const record: RunRecord = {
    schema: RUN_RECORD_SCHEMA,
    run: {
      ...SOURCE,
      runId: spec.runId ?? SOURCE.runId,
      attempt: spec.attempt ?? SOURCE.attempt,
      shard: name,
      timestamp: '2026-11-23T11:00:00.000Z',
      runner: { ...RUNNER, cpuModel: spec.cpu ?? RUNNER.cpuModel },
    },
    stages: spec.stages ?? [stage('unit')],
    tests: spec.tests ?? [test(`${name}-t1`)],
    metrics: spec.metrics ?? [],
    chaos: spec.chaos ?? [],
    alerts: [
      { key: 'k', findingId: 'f', severity: 'critical', openedAt: 'x', lastNotifiedAt: 'x', channels: [] },
    ],
  }
  return { shard: name, record }
}

interface Case {
  readonly name: string
  readonly shards: readonly ShardInput[]
  readonly expected: readonly string[]
  readonly present: readonly string[]
  readonly missing: readonly string[]
  readonly failed: readonly string[]
  readonly stale: readonly string[]
  readonly duplicates: readonly { kind: string; key: string; shards: readonly string[] }[]
  readonly tests: readonly string[]
  readonly notes?: readonly RegExp[]
}

const CASES: readonly Case[] = [
  {
    name: 'four shards, all present, merged in name order whatever order they arrive in',
    shards: [shard('s3'), shard('s1'), shard('s4'), shard('s2')],
    expected: ['s1', 's2', 's3', 's4'],
    present: ['s1', 's2', 's3', 's4'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['s1-t1', 's2-t1', 's3-t1', 's4-t1'],
  },
  {
    name: 'a missing shard is named',
    shards: [shard('s1'), shard('s2'), shard('s4')],
    expected: ['s1', 's2', 's3', 's4'],
    present: ['s1', 's2', 's4'],
    missing: ['s3'],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['s1-t1', 's2-t1', 's4-t1'],
  },
  {
    name: 'zero shards: every expected shard missing, empty results',
    shards: [],
    expected: ['s1', 's2'],
    present: [],
    missing: ['s1', 's2'],
    failed: [],
    stale: [],
    duplicates: [],
    tests: [],
  },
  {
    name: 'zero shards and no expected list: nothing to name, a note says why',
    shards: [],
    expected: [],
    present: [],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: [],
    notes: [/missing shards cannot be named/],
  },
  {
    name: 'after "re-run failed jobs" a passed shard keeps its earlier attempt’s record, with a note',
    shards: [shard('s1'), shard('s2', { attempt: 1 })],
    expected: ['s1', 's2'],
    present: ['s1', 's2'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['s1-t1', 's2-t1'],
    notes: [/Carried over from an earlier attempt of run 500 \(this is attempt 2.*\): s2 \(attempt 1\)/],
  },
  {
    name: 'a record of a later attempt than the report’s is stale',
    shards: [shard('s1'), shard('s2', { attempt: 3 })],
    expected: ['s1', 's2'],
    present: ['s1'],
    missing: ['s2'],
    failed: [],
    stale: ['s2'],
    duplicates: [],
    tests: ['s1-t1'],
    notes: [/\(stale\): s2\./],
  },
  {
    name: 'a record of another run is stale',
    shards: [shard('s1'), shard('s2', { runId: 499 })],
    expected: [],
    present: ['s1'],
    missing: [],
    failed: [],
    stale: ['s2'],
    duplicates: [],
    tests: ['s1-t1'],
  },
  {
    name: 'the newest attempt of a shard wins; the superseded one is stale',
    shards: [shard('s1'), shard('s1', { attempt: 1, tests: [test('old')] })],
    expected: ['s1'],
    present: ['s1'],
    missing: [],
    failed: [],
    stale: ['s1'],
    duplicates: [],
    tests: ['s1-t1'],
  },
  {
    name: 'a shard with a failed stage is named as failed',
    shards: [shard('s1', { stages: [stage('unit', 'failed')] }), shard('s2')],
    expected: ['s1', 's2'],
    present: ['s1', 's2'],
    missing: [],
    failed: ['s1'],
    stale: [],
    duplicates: [],
    tests: ['s1-t1', 's2-t1'],
  },
  {
    name: 'a tolerated stage failure (continue-on-error) does not fail the shard',
    shards: [shard('s1', { stages: [stage('unit', 'failed', { continueOnError: true })] })],
    expected: ['s1'],
    present: ['s1'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['s1-t1'],
  },
  {
    name: 'duplicate test ids, metric keys and chaos experiments are kept once and reported',
    shards: [
      shard('s2', { tests: [test('dup'), test('b')], metrics: [metric('m', 2)], chaos: [chaos('x')] }),
      shard('s1', { tests: [test('dup'), test('a')], metrics: [metric('m', 1)], chaos: [chaos('x')] }),
      shard('s3', { tests: [test('dup')] }),
    ],
    expected: ['s1', 's2', 's3'],
    present: ['s1', 's2', 's3'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [
      { kind: 'test', key: 'dup', shards: ['s1', 's2', 's3'] },
      { kind: 'metric', key: 'm', shards: ['s1', 's2'] },
      { kind: 'chaos', key: 'x', shards: ['s1', 's2'] },
    ],
    tests: ['dup', 'a', 'b'],
  },
  {
    name: 'repeats of an id inside one shard (parametrised tests) are not duplicates',
    shards: [shard('s1', { tests: [test('p'), test('p')] }), shard('s2')],
    expected: [],
    present: ['s1', 's2'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['p', 'p', 's2-t1'],
  },
  {
    name: 'hostile shard names are ignored with a quoted, bounded note',
    shards: [
      shard('s1'),
      shard('../../etc/passwd'),
      shard('<img src=x onerror=alert(1)>'),
      shard(''),
      shard('x'.repeat(500)),
      shard('..'),
    ],
    expected: ['s1', '../up', '*'],
    present: ['s1'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['s1-t1'],
    notes: [
      /invalid name "\.\.\/\.\.\/etc\/passwd"/,
      /"x{60}…"/,
      /expected shard name "\.\.\/up" is invalid/,
    ],
  },
  {
    name: 'a shard uploaded twice in the same attempt counts once',
    shards: [shard('s1', { tests: [test('first')] }), shard('s1', { tests: [test('second')] })],
    expected: ['s1'],
    present: ['s1'],
    missing: [],
    failed: [],
    stale: [],
    duplicates: [],
    tests: ['first'],
    notes: [/uploaded more than once in attempt 2/],
  },
]

describe('mergeShards', () => {
  it.each(CASES)('$name', (c) => {
    const { record, summary } = mergeShards({ run: SOURCE, shards: c.shards, expected: c.expected })
    expect(summary.present).toEqual(c.present)
    expect(summary.missing).toEqual(c.missing)
    expect(summary.failed).toEqual(c.failed)
    expect(summary.stale).toEqual(c.stale)
    expect(summary.duplicates).toEqual(c.duplicates)
    expect(record.tests.map((t) => t.id)).toEqual(c.tests)
    for (const note of c.notes ?? [])
      expect(
        summary.notes.some((n) => note.test(n)),
        String(note),
      ).toBe(true)
    for (const n of summary.notes) expect(n.length).toBeLessThan(400)
    expect(record.shards).toEqual(summary)
  })

  it('carries the source run info, never a shard’s, with the first shard’s runner', () => {
    const { record } = mergeShards({ run: SOURCE, shards: [shard('b'), shard('a')], expected: [] })
    expect(record.run).toEqual({ ...SOURCE, runner: RUNNER })
    expect(record.run.shard).toBeUndefined()
    // A shard's alert state is never trusted: only the report's own analysis may set it.
    expect(record.alerts).toBeUndefined()
    expect(record.schema).toBe(RUN_RECORD_SCHEMA)
  })

  it('keeps the source runner when there is no shard, and notes mixed runners', () => {
    expect(mergeShards({ run: SOURCE, shards: [], expected: [] }).record.run.runner).toEqual(SOURCE.runner)
    const { summary } = mergeShards({
      run: SOURCE,
      shards: [shard('a'), shard('b', { cpu: 'Xeon 8370C' })],
      expected: [],
    })
    expect(summary.notes.join('\n')).toMatch(/different machines \(b differ from a\)/)
  })

  it.each([
    ['errored', 'failed', 'errored'],
    ['passed', 'failed', 'failed'],
    ['flaky', 'passed', 'flaky'],
    ['skipped', 'passed', 'passed'],
    ['failed', 'errored', 'errored'],
  ] as const)('a test %s in one shard and %s in another is kept as %s', (first, second, kept) => {
    const { record } = mergeShards({
      run: SOURCE,
      shards: [shard('a', { tests: [test('t', first)] }), shard('b', { tests: [test('t', second)] })],
      expected: [],
    })
    expect(record.tests).toHaveLength(1)
    expect(record.tests[0]?.status).toBe(kept)
  })

  it('keeps the first shard’s metric value on a duplicate key', () => {
    const { record } = mergeShards({
      run: SOURCE,
      shards: [shard('b', { metrics: [metric('m', 2)] }), shard('a', { metrics: [metric('m', 1)] })],
      expected: [],
    })
    expect(record.metrics.map((m) => m.value)).toEqual([1])
  })

  it('combines stage outcomes: failed in any shard fails it, the longest duration, errors prefixed', () => {
    const { record } = mergeShards({
      run: SOURCE,
      shards: [
        shard('a', {
          stages: [
            stage('unit', 'passed', { durationMs: 300 }),
            stage('benchmark', 'skipped', { durationMs: 0 }),
          ],
        }),
        shard('b', {
          stages: [
            stage('unit', 'failed', { durationMs: 100, errors: ['boom'], attempts: 2 }),
            stage('benchmark', 'passed', { durationMs: 50 }),
          ],
        }),
        shard('c', { stages: [stage('unit', 'timed-out', { durationMs: 900, continueOnError: true })] }),
      ],
      expected: [],
    })
    expect(record.stages.map((s) => [s.name, s.status, s.durationMs, s.attempts])).toEqual([
      ['unit', 'failed', 900, 2],
      ['benchmark', 'passed', 50, 1],
    ])
    expect(record.stages[0]?.errors).toEqual(['[b] boom'])
    expect(record.stages[0]?.continueOnError).toBe(false)
  })

  it('bounds the shard names a note lists', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      shard(`old${String(i).padStart(3, '0')}`, { runId: 1 }),
    )
    const { summary } = mergeShards({ run: SOURCE, shards: many, expected: ['x'] })
    expect(summary.stale).toHaveLength(300)
    const note = summary.notes.find((n) => n.includes('(stale)'))
    expect(note).toMatch(/old019 and 280 more\.$/)
    expect(note!.length).toBeLessThan(400)
  })

  it('bounds the listed duplicates and counts the rest in a note', () => {
    const many = Array.from({ length: MAX_LISTED_DUPLICATES + 25 }, (_, i) => test(`t${i}`))
    const { summary, record } = mergeShards({
      run: SOURCE,
      shards: [shard('a', { tests: many }), shard('b', { tests: many })],
      expected: [],
    })
    expect(summary.duplicates).toHaveLength(MAX_LISTED_DUPLICATES)
    expect(summary.notes.join('\n')).toContain('25 more duplicate keys are not listed')
    expect(record.tests).toHaveLength(many.length)
  })
})
