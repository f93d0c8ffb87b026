import { describe, expect, it } from 'vitest'
import {
  detectChangePoints,
  fillMissing,
  OTAVA_DEFAULTS,
} from '../../../src/analysis/changepoints/e-divisive.js'
import { detectSustainedShifts } from '../../../src/analysis/changepoints/sustained-shifts.js'
import { CHANGEPOINTS_DIR, corpusAvailable, readCorpusJson } from './corpus.js'

// apache/otava tests/analysis_test.py::test_single_series (values restated as data).
const OTAVA_INLINE = [
  1.02, 0.95, 0.99, 1.0, 1.12, 1.0, 1.01, 0.98, 1.01, 0.96, 0.5, 0.51, 0.48, 0.48, 0.55, 0.5, 0.49, 0.51, 0.5,
  0.49,
]
// apache/otava tests/resources/sample.csv, metric2.
const SAMPLE_METRIC2 = [10.43, 10.23, 10.29, 10.91, 10.34, 10.69, 9.23, 9.11, 9.13, 9.03]

describe('fillMissing (Otava fill_missing)', () => {
  it.each([
    { input: [null, null, 1.0, 1.2, 0.5], output: [1.0, 1.0, 1.0, 1.2, 0.5] },
    { input: [1.0, 1.2, null, null, 4.3], output: [1.0, 1.2, 1.2, 1.2, 4.3] },
    { input: [1.0, 1.2, 0.5, null, null], output: [1.0, 1.2, 0.5, 0.5, 0.5] },
    { input: [Number.NaN, 2], output: [2, 2] },
    { input: [null, null], output: [null, null] },
  ])('$input', ({ input, output }) => {
    expect(fillMissing(input)).toEqual(output)
  })
})

describe('detectChangePoints reproduces Otava', () => {
  it.each([
    {
      name: 'inline series, window 10, p 1e-4',
      series: OTAVA_INLINE,
      opts: { windowLen: 10, maxPValue: 0.0001, minMagnitude: 0 },
      expected: [10],
    },
    {
      name: 'sample.csv metric2 at the defaults, −12.9 %',
      series: SAMPLE_METRIC2,
      opts: OTAVA_DEFAULTS,
      expected: [6],
    },
    { name: 'constant series', series: [5, 5, 5, 5, 5, 5, 5, 5], opts: OTAVA_DEFAULTS, expected: [] },
    { name: 'one point', series: [1], opts: OTAVA_DEFAULTS, expected: [] },
    { name: 'empty', series: [], opts: OTAVA_DEFAULTS, expected: [] },
    { name: 'two points', series: [1, 100], opts: OTAVA_DEFAULTS, expected: [] },
    {
      name: 'missing values are filled',
      series: [1, null, 1, 1, 1, 1, 5, 5, null, 5, 5, 5],
      opts: { windowLen: 12, maxPValue: 0.01, minMagnitude: 0 },
      expected: [6],
    },
  ])('$name', ({ series, opts, expected }) => {
    expect(detectChangePoints(series, opts).map((c) => c.index)).toEqual(expected)
  })

  it('reports the segment statistics Otava prints (sample.csv: 10.48 → 9.125)', () => {
    const [cp] = detectChangePoints(SAMPLE_METRIC2, OTAVA_DEFAULTS)
    expect(cp?.stats.meanBefore).toBeCloseTo(10.48, 2)
    expect(cp?.stats.meanAfter).toBeCloseTo(9.125, 3)
    expect((cp?.stats.forwardChange ?? 0) * 100).toBeCloseTo(-12.93, 1)
  })

  it('rejects a window shorter than 2', () => {
    expect(() => detectChangePoints([1, 2, 3], { windowLen: 1, maxPValue: 0.01, minMagnitude: 0 })).toThrow(
      /window must be at least 2/,
    )
  })
})

describe.skipIf(!corpusAvailable)(
  `Otava and MongoDB expectations from the corpus (${CHANGEPOINTS_DIR})`,
  () => {
    type Tb = {
      series: number[]
      expectations: {
        test: string
        params: { window_len: number; max_pvalue: number; min_magnitude: number }
        expected_change_point_indexes: number[]
      }[]
    }
    const tb = corpusAvailable
      ? readCorpusJson<Tb>('perf-history', 'otava', 'tigerbeetle_series.json')
      : { series: [], expectations: [] }
    it.each(tb.expectations)('TigerBeetle $test', (e) => {
      const got = detectChangePoints(tb.series, {
        windowLen: e.params.window_len,
        maxPValue: e.params.max_pvalue,
        minMagnitude: e.params.min_magnitude,
      })
      expect(got.map((c) => c.index)).toEqual(e.expected_change_point_indexes)
    })

    it('MongoDB long_series has 4 change points at Otava defaults and with Gauntlet defaults', () => {
      const long = readCorpusJson<number[]>(
        'perf-history',
        'mongodb-signal-processing-algorithms',
        'long_series.json',
      )
      expect(detectChangePoints(long, OTAVA_DEFAULTS)).toHaveLength(4)
      expect(
        detectSustainedShifts(long, { windowLen: 30, maxPValue: 0.001, minMagnitude: 0.05, minSegment: 3 }),
      ).toHaveLength(4)
    })
  },
)

function steps(levels: [value: number, length: number][], rel = 0.01): number[] {
  const out: number[] = []
  for (const [v, len] of levels)
    for (let i = 0; i < len; i++) out.push(v * (1 + rel * Math.sin(out.length * 2.399)))
  return out
}

describe('detectSustainedShifts', () => {
  const opts = { windowLen: 30, maxPValue: 0.001, minMagnitude: 0.05, minSegment: 3 }
  it.each([
    {
      name: 'a sustained +20 % step',
      series: steps([
        [100, 30],
        [120, 30],
      ]),
      expected: [30],
    },
    {
      name: 'a one-point spike is a transient',
      series: [...steps([[100, 20]]), 200, ...steps([[100, 20]])],
      expected: [],
    },
    {
      name: 'a two-point spike is a transient',
      series: [...steps([[100, 20]]), 200, 210, ...steps([[100, 20]])],
      expected: [],
    },
    {
      name: 'a 2 % step is below the minimum magnitude',
      series: steps(
        [
          [100, 30],
          [102, 30],
        ],
        0.001,
      ),
      expected: [],
    },
    {
      name: 'a smooth ramp is not a change point',
      series: Array.from({ length: 60 }, (_, i) => 100 + i),
      expected: [],
    },
    {
      name: 'a change in the last 2 points is not yet sustained',
      series: [...steps([[100, 30]]), 130, 130],
      expected: [],
    },
  ])('$name', ({ series, expected }) => {
    expect(detectSustainedShifts(series, opts).map((s) => s.index)).toEqual(expected)
  })

  it('Otava alone splits the ramp and the spike, which is what the filters are for', () => {
    expect(
      detectChangePoints(
        Array.from({ length: 60 }, (_, i) => 100 + i),
        { windowLen: 30, maxPValue: 0.001, minMagnitude: 0.05 },
      ).length,
    ).toBeGreaterThan(0)
  })
})
