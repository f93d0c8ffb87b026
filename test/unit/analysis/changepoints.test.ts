import { describe, expect, it } from 'vitest'
import {
  detectChangePoints,
  fillMissing,
  OTAVA_DEFAULTS,
} from '../../../src/analysis/changepoints/e-divisive.js'
import {
  detectSustainedShifts,
  hoversAroundZero,
  robustLag1Autocorrelation,
} from '../../../src/analysis/changepoints/sustained-shifts.js'
import { mulberry32 } from '../../../src/analysis/evaluation/aa-simulation.js'
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

/** Seeded standard normal draws (Box–Muller over mulberry32), so the noisy cases below are fixed data. */
function normals(seed: number): () => number {
  const rand = mulberry32(seed)
  return () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand())
}
function ar1(n: number, rho: number, seed: number): number[] {
  const g = normals(seed)
  let e = 0
  return Array.from({ length: n }, () => (e = rho * e + g()))
}

describe('robustLag1Autocorrelation (Chakar et al. 2017, counted beyond 6/√n)', () => {
  const g = normals(11)
  const white = Array.from({ length: 300 }, () => g())
  const stepped = white.map((x, i) => x + (i >= 150 ? 8 : 0) + (i >= 220 ? -5 : 0))
  it.each([
    { name: 'empty', series: [], check: (r: number) => r === 0 },
    { name: 'three points', series: [1, 2, 3], check: (r: number) => r === 0 },
    { name: 'constant', series: Array<number>(20).fill(4), check: (r: number) => r === 0 },
    { name: 'white noise', series: white, check: (r: number) => r === 0 },
    {
      name: 'white noise with two level shifts (shifts do not inflate ρ)',
      series: stepped,
      check: (r: number) => r === 0,
    },
    {
      name: 'a smooth ramp is as correlated as it gets',
      series: Array.from({ length: 60 }, (_, i) => i),
      check: (r: number) => r === 0.95,
    },
    { name: 'AR(1) with ρ = 0.8', series: ar1(300, 0.8, 5), check: (r: number) => r > 0.5 && r <= 0.95 },
    { name: 'a random walk (ρ̂ → 1 in expectation)', series: ar1(200, 1, 6), check: (r: number) => r > 0.5 },
  ])('$name', ({ series, check }) => {
    const r = robustLag1Autocorrelation(series)
    expect(check(r), `ρ̂ = ${r}`).toBe(true)
  })
})

describe('hoversAroundZero (when a percent change means nothing)', () => {
  const g = normals(3)
  it.each([
    { name: 'noise around 0', series: Array.from({ length: 50 }, () => g()), expected: true },
    { name: 'noise around 100', series: Array.from({ length: 50 }, () => 100 + g()), expected: false },
    {
      name: 'around 100 with one bad negative value',
      series: [...Array.from({ length: 50 }, () => 100 + g()), -50],
      expected: false,
    },
    { name: 'all zeros', series: Array<number>(10).fill(0), expected: false },
    { name: 'empty', series: [], expected: false },
  ])('$name', ({ series, expected }) => {
    expect(hoversAroundZero(Float64Array.from(series))).toBe(expected)
  })
})

describe('detectSustainedShifts: magnitude, serial correlation and locations', () => {
  const opts = { windowLen: 30, maxPValue: 0.001, minMagnitude: 0.05, minSegment: 3 }
  const g = normals(21)
  const aroundZero = [
    ...Array.from({ length: 30 }, () => -0.5 + 0.2 * g()),
    ...Array.from({ length: 30 }, () => 0.5 + 0.2 * g()),
  ]
  it.each([
    {
      name: 'a series around zero: the minimum magnitude (even 1000 %) does not apply',
      series: aroundZero,
      opts: { ...opts, minMagnitude: 10 },
      expected: [30],
    },
    {
      name: 'a count going from exactly 0 to 5 is a change of infinite magnitude',
      series: [...Array<number>(30).fill(0), ...Array<number>(30).fill(5)],
      opts: { ...opts, minMagnitude: 10 },
      expected: [30],
    },
    {
      name: 'a random walk has no level shifts',
      series: ar1(90, 1, 8).map((x) => 100 + x),
      opts,
      expected: [],
    },
  ])('$name', ({ series, opts: o, expected }) => {
    expect(detectSustainedShifts(series, o).map((s) => s.index)).toEqual(expected)
  })

  it('the serial-correlation correction removes most false splits of AR(1) noise (ρ 0.7, 40 series)', () => {
    // Measured on the test against a constant alone: the trend null removes some of these splits too.
    const flagged = (correctAutocorrelation: boolean) =>
      Array.from({ length: 40 }, (_, seed) => ar1(60, 0.7, 1000 + seed).map((x) => 100 + x)).filter(
        (series) =>
          detectSustainedShifts(series, {
            ...opts,
            minMagnitude: 0,
            correctAutocorrelation,
            trendNull: false,
          }).length > 0,
      ).length
    const without = flagged(false)
    const withCorrection = flagged(true)
    expect(without).toBeGreaterThan(20)
    expect(withCorrection).toBeLessThanOrEqual(without / 2)
  })

  it('finds every step of a staircase with spikes (no cascade of drops)', () => {
    const h = normals(1)
    const rand = mulberry32(101)
    const levels = [100, 112, 104, 118, 108, 121, 110, 125]
    const series = levels.flatMap((l) =>
      Array.from({ length: 35 }, () => l * (1 + 0.02 * h()) * (rand() < 0.03 ? 0.7 : 1)),
    )
    const got = detectSustainedShifts(series, opts).map((s) => s.index)
    expect(got).toHaveLength(7)
    got.forEach((at, k) => expect(Math.abs(at - 35 * (k + 1))).toBeLessThanOrEqual(3))
  })

  it('puts a mean-and-variance change where it is (least-squares refinement)', () => {
    const h = normals(9)
    const series = [
      ...Array.from({ length: 179 }, () => h()),
      ...Array.from({ length: 187 }, () => 2 + 2 * h()),
    ]
    const got = detectSustainedShifts(series, opts).map((s) => s.index)
    expect(got).toHaveLength(1)
    expect(Math.abs(got[0]! - 179)).toBeLessThanOrEqual(2)
  })

  it('fills missing values forward: the change shows at the first observed point of the new level', () => {
    const series: (number | null)[] = [...steps([[100, 30]]), null, null, ...steps([[130, 28]])]
    expect(detectSustainedShifts(series, opts).map((s) => s.index)).toEqual([32])
  })
})
