import { describe, expect, it } from 'vitest'
import { MAX_SHARD_DOWNLOADS } from '../../../src/history/constants.js'
import { selectShards } from '../../../src/history/shard-name.js'

const found = (...names: string[]) => names.map((shard) => ({ shard }))

describe('selectShards', () => {
  it.each([
    {
      name: 'no list: everything, in name order',
      found: ['c', 'a', 'b'],
      expected: [],
      max: 10,
      selected: ['a', 'b', 'c'],
      warn: null,
    },
    {
      name: 'a list keeps only its shards',
      found: ['a', 'evil', 'b'],
      expected: ['a', 'b'],
      max: 10,
      selected: ['a', 'b'],
      warn: /1 shard record\(s\) not listed in shards: were ignored \(evil\)/,
    },
    {
      name: 'a listed shard that is absent is simply not there (the merge names it missing)',
      found: ['a'],
      expected: ['a', 'b'],
      max: 10,
      selected: ['a'],
      warn: null,
    },
    {
      name: 'the cap keeps the first by name and says how many were skipped',
      found: ['s3', 's1', 's2', 's4'],
      expected: [],
      max: 2,
      selected: ['s1', 's2'],
      warn: /4 shard records found; only the first 2 by name were downloaded \(skipped s3, s4\)/,
    },
    {
      name: 'long lists are previewed, not dumped',
      found: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'ok'],
      expected: ['ok'],
      max: 10,
      selected: ['ok'],
      warn: /7 shard record\(s\).*\(x1, x2, x3, x4, x5, and 2 more\)/,
    },
  ])('$name', ({ found: names, expected, max, selected, warn }) => {
    const r = selectShards(found(...names), expected, max)
    expect(r.selected.map((x) => x.shard)).toEqual(selected)
    if (warn === null) expect(r.warnings).toEqual([])
    else expect(r.warnings.join('\n')).toMatch(warn)
  })

  it('a hostile run with thousands of shard artifacts downloads at most the matrix limit', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ({ shard: `s${String(i).padStart(5, '0')}` }))
    const r = selectShards(many, [])
    expect(r.selected).toHaveLength(MAX_SHARD_DOWNLOADS)
    expect(r.warnings).toHaveLength(1)
  })
})
