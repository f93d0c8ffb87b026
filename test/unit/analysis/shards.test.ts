import { describe, expect, it } from 'vitest'
import { NO_SHARDS_KEY, shardFindings } from '../../../src/analysis/shards.js'
import type { ShardSummary } from '../../../src/model/index.js'

const EMPTY: ShardSummary = { present: [], missing: [], failed: [], duplicates: [], stale: [], notes: [] }

describe('shardFindings', () => {
  it.each([
    ['a clean merge', { ...EMPTY, present: ['a', 'b'] }, []],
    ['zero shards found', EMPTY, [`shard-missing:${NO_SHARDS_KEY}:error`]],
    [
      'zero shards of an expected list',
      { ...EMPTY, missing: ['a', 'b'] },
      ['shard-missing:a:error', 'shard-missing:b:error'],
    ],
    ['a failed shard', { ...EMPTY, present: ['a'], failed: ['a'] }, ['shard-failed:a:error']],
    ['a note', { ...EMPTY, present: ['a'], notes: ['stale: x'] }, ['shard-note:1:info']],
  ] as const)('%s', (_name, summary, expected) => {
    expect(shardFindings(summary).map((f) => `${f.id}:${f.severity}`)).toEqual(expected)
  })

  it('groups duplicates by kind and shard set: one warning per group, naming a few keys', () => {
    const duplicates = [
      ...Array.from({ length: 7 }, (_, i) => ({ kind: 'test' as const, key: `t${i}`, shards: ['a', 'b'] })),
      { kind: 'metric' as const, key: 'm', shards: ['a', 'b'] },
      { kind: 'test' as const, key: 'z', shards: ['a', 'c'] },
    ]
    const findings = shardFindings({ ...EMPTY, present: ['a', 'b', 'c'], duplicates })
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['shard-duplicate:test:a,b', 'warning'],
      ['shard-duplicate:metric:a,b', 'warning'],
      ['shard-duplicate:test:a,c', 'warning'],
    ])
    expect(findings[0]?.title).toBe('7 test results reported by several shards: a, b')
    expect(findings[0]?.reason).toContain('t0, t1, t2, t3, t4 and 2 more')
  })
})
