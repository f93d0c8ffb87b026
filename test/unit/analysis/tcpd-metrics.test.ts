import { describe, expect, it } from 'vitest'
import { scoreTcpdSeries } from '../../../src/analysis/evaluation/tcpd-eval.js'
import {
  coverSingle,
  covering,
  fMeasure,
  overlapJaccard,
  partitionFromCps,
  truePositives,
} from '../../../src/analysis/evaluation/tcpd-metrics.js'
import { corpusAvailable, readCorpusJson } from './corpus.js'

// Hand vectors: the doctests of TCPDBench analysis/scripts/metrics.py, always available.
describe('TCPDBench metrics, hand vectors', () => {
  it.each([
    { T: [1, 10, 20, 23], X: [3, 8, 20], expected: [1, 10, 20] },
    { T: [1, 10, 20, 23], X: [1, 3, 5, 8, 20], expected: [1, 10, 20] },
    { T: [], X: [1, 2, 3], expected: [] },
    { T: [0, 10], X: [5], expected: [0] },
  ])('true positives of $T vs $X', ({ T, X, expected }) => {
    expect(truePositives(T, X).sort((a, b) => a - b)).toEqual(expected)
  })

  it.each([
    { annotations: { 1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5] }, predictions: [10, 20], expected: 1.0 },
    { annotations: { 1: [], 2: [10], 3: [50] }, predictions: [10], expected: 0.9090909090909091 },
    { annotations: { 1: [], 2: [10], 3: [50] }, predictions: [], expected: 0.8 },
  ] as { annotations: Record<string, number[]>; predictions: number[]; expected: number }[])(
    'F1 of $predictions',
    ({ annotations, predictions, expected }) => {
      expect(fMeasure(annotations, predictions).f1).toBeCloseTo(expected, 12)
    },
  )

  it('partitions, Jaccard and cover', () => {
    expect(partitionFromCps([3, 5], 8)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6, 7],
    ])
    expect(partitionFromCps([0, 4], 6)).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ])
    expect(overlapJaccard([1, 2, 3], [2, 5])).toBe(0.25)
    expect(overlapJaccard([], [])).toBe(0)
    expect(
      coverSingle(
        [[1, 2, 3], [4, 5], [6]],
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ),
    ).toBeCloseTo(0.8333333333333334, 12)
    expect(covering({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45)).toBeCloseTo(0.7962962962962963, 12)
    expect(covering({ 1: [], 2: [10], 3: [40] }, [], 45)).toBeCloseTo(0.8189300411522634, 12)
  })

  it('scores a two-dimensional series as the union of per-dimension detections', () => {
    const series = { name: 'x', n_obs: 6, series: [{ raw: [1, 1, 1, 2, 2, 2] }, { raw: [1, 1, 1, 1, 1, 3] }] }
    const s = scoreTcpdSeries(series, { a: [3], b: [5] }, (v) => (v[5] === 3 ? [5] : [3]))
    expect(s.predicted).toEqual([3, 5])
    expect(s.f1).toBeCloseTo(1, 12)
  })
})

describe.skipIf(!corpusAvailable)('TCPDBench metric_doctest_vectors.json from the corpus', () => {
  type V = Record<string, { [k: string]: unknown; expected: unknown }[]>
  const v = corpusAvailable ? readCorpusJson<V>('tcpdbench-metrics', 'metric_doctest_vectors.json') : {}
  it('every vector passes', () => {
    let checked = 0
    for (const c of v.true_positives ?? []) {
      expect(truePositives(c.T as number[], c.X as number[]).sort((a, b) => a - b)).toEqual(c.expected)
      checked++
    }
    for (const c of v.f_measure ?? []) {
      expect(fMeasure(c.annotations as Record<string, number[]>, c.predictions as number[]).f1).toBeCloseTo(
        c.expected as number,
        12,
      )
      checked++
    }
    for (const c of v.overlap_jaccard ?? []) {
      expect(overlapJaccard(c.A as number[], c.B as number[])).toBeCloseTo(c.expected as number, 12)
      checked++
    }
    for (const c of v.partition_from_cps ?? []) {
      expect(partitionFromCps(c.locations as number[], c.n_obs as number)).toEqual(c.expected)
      checked++
    }
    for (const c of v.cover_single ?? []) {
      expect(coverSingle(c.Sprime as number[][], c.S as number[][])).toBeCloseTo(c.expected as number, 12)
      checked++
    }
    for (const c of v.covering ?? []) {
      expect(
        covering(c.annotations as Record<string, number[]>, c.predictions as number[], c.n_obs as number),
      ).toBeCloseTo(c.expected as number, 12)
      checked++
    }
    expect(checked).toBe(23)
  })

  it('reproduces the published zero-method F1 and cover on every shared series', () => {
    const zero = readCorpusJson<{ datasets: Record<string, { f1: number; cover: number }> }>(
      'tcpdbench-metrics',
      'zero_method_scores.json',
    ).datasets
    const ann = readCorpusJson<Record<string, Record<string, number[]>>>('tcpd', 'annotations.json')
    for (const [name, a] of Object.entries(ann)) {
      const s = readCorpusJson<{ name: string; n_obs: number; series: { raw: (number | null)[] }[] }>(
        'tcpd',
        'series',
        `${name}.json`,
      )
      const score = scoreTcpdSeries(s, a, () => [])
      expect(score.f1, name).toBeCloseTo(zero[name]!.f1, 9)
      expect(score.cover, name).toBeCloseTo(zero[name]!.cover, 9)
    }
  })
})
