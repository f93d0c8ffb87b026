import { describe, expect, it } from 'vitest'
import { detectSustainedShifts } from '../../../src/analysis/changepoints/sustained-shifts.js'
import {
  matchChanges,
  runSyntheticSuite,
  syntheticFamilies,
} from '../../../src/analysis/changepoints/synthetic-suite.js'
import { mulberry32 } from '../../../src/analysis/evaluation/aa-simulation.js'

/** Seeded standard normal draws (Box–Muller over mulberry32), so the noisy cases below are fixed data. */
function normals(seed: number): () => number {
  const rand = mulberry32(seed)
  return () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand())
}

/** level + slope·i + σ·noise, plus `shift` from index `at` on. */
function trendSeries(n: number, slope: number, seed: number, shift = 0, at = n): number[] {
  const g = normals(seed)
  return Array.from({ length: n }, (_, i) => 100 + slope * i + 3 * g() + (i >= at ? shift : 0))
}

const opts = { windowLen: 30, maxPValue: 0.001, minMagnitude: 0.05, minSegment: 3 }
const found = (series: readonly number[], o = opts) => detectSustainedShifts(series, o).map((s) => s.index)

describe('detectSustainedShifts: a trend is not a shift (trend null)', () => {
  it.each([
    { name: 'rising trend, 60 points, drift 10 σ', series: trendSeries(60, 0.5, 1) },
    { name: 'falling trend, 200 points, drift 10 σ', series: trendSeries(200, -0.15, 2) },
    { name: 'steep trend, 60 points, drift 20 σ', series: trendSeries(60, 1, 3) },
  ])('$name: no change point with the trend null, steps without it', ({ series }) => {
    expect(found(series)).toEqual([])
    // The same series is cut into steps when shifts are tested against a constant only.
    expect(found(series, { ...opts, trendNull: false } as typeof opts).length).toBeGreaterThan(0)
  })

  it.each([
    { name: 'shift with the trend, 60 points', series: trendSeries(60, 0.25, 4, 12, 30), at: 30 },
    { name: 'shift with the trend, 200 points', series: trendSeries(200, 0.075, 5, 12, 100), at: 100 },
    {
      // The two segment means differ by < 5 % (the trend cancels half the jump); the jump itself is 12 %.
      name: 'shift against a falling trend (magnitude of the jump, not of the means)',
      series: trendSeries(200, -0.075, 6, 12, 100),
      at: 100,
    },
  ])('$name: the real shift is found once', ({ series, at }) => {
    const got = found(series)
    expect(got).toHaveLength(1)
    expect(Math.abs(got[0]! - at)).toBeLessThanOrEqual(3)
  })

  it('a spike right on a step: the spike goes, the step stays', () => {
    const g = normals(8)
    const series = Array.from({ length: 90 }, (_, i) => (i < 45 ? 110 : 125) + 2 * g())
    series[44] = 74
    series[45] = 75
    expect(found(series)).toEqual([46])
  })

  it('a shift 10 points before the end of a flat log-normal series is still found', () => {
    const g = normals(7)
    const series = Array.from({ length: 90 }, (_, i) => 100 * (i >= 80 ? 1.15 : 1) * Math.exp(0.03 * g()))
    expect(found(series)).toEqual([80])
  })

  it('random walks: the trend null at least halves the series with false splits (40 walks of 200)', () => {
    const walks = Array.from({ length: 40 }, (_, seed) => {
      const g = normals(500 + seed)
      let x = 100
      return Array.from({ length: 200 }, () => (x += 1.5 * g()))
    })
    const flagged = (trendNull: boolean) =>
      walks.filter((w) => detectSustainedShifts(w, { ...opts, trendNull }).length > 0).length
    const off = flagged(false)
    expect(off).toBeGreaterThan(8)
    expect(flagged(true)).toBeLessThanOrEqual(off / 2)
  })
})

/** A random walk (increments σ 1.5) with drift `drift` per point from `at` on, plus `jump` at `jumpAt`. */
function walk(n: number, seed: number, drift = 0, at = n, jump = 0, jumpAt = -1): number[] {
  const g = normals(seed)
  let x = 100
  return Array.from(
    { length: n },
    (_, i) => (x += (i >= at ? drift : 0) + (i === jumpAt ? jump : 0) + 1.5 * g()),
  )
}

describe('detectSustainedShifts: wandering series (jumps and slope changes in the increments)', () => {
  const noise = normals(21)
  it.each([
    {
      name: 'random walk, drift 0 → +3 at 60 of 120',
      series: walk(120, 11, 3, 60),
      at: 60,
      kind: 'slope',
      up: true,
    },
    {
      name: 'random walk, drift 0 → −2 at 100 of 200',
      series: walk(200, 12, -2, 100),
      at: 100,
      kind: 'slope',
      up: false,
    },
    {
      // A counter: +2 per run with little noise, then flat. Smooth, so the level test has no power there.
      name: 'a growth that stops at 40 of 80',
      series: Array.from({ length: 80 }, (_, i) => 100 + 2 * Math.min(i, 40) + 0.3 * noise()),
      at: 41,
      kind: 'slope',
      up: false,
    },
    {
      name: 'random walk that jumps by +20 at 70',
      series: walk(120, 13, 0, 120, 20, 70),
      at: 70,
      kind: 'jump',
      up: true,
    },
    {
      // A size metric growing 3 per run that grows by 600 at once (a dependency came in).
      name: 'a counter that jumps',
      series: Array.from({ length: 90 }, (_, i) => 5000 + 3 * i + (i >= 60 ? 600 : 0) + 2 * noise()),
      at: 60,
      kind: 'jump',
      up: true,
    },
  ])('$name: one $kind change at the turn, none with increments off', ({ series, at, kind, up }) => {
    const shifts = detectSustainedShifts(series, opts)
    expect(shifts).toHaveLength(1)
    expect(shifts[0]!.kind).toBe(kind)
    // A drift change is located less precisely than a step: the turn of a random walk shows slowly.
    expect(Math.abs(shifts[0]!.index - at)).toBeLessThanOrEqual(kind === 'jump' ? 0 : 7)
    expect(shifts[0]!.meanAfter > shifts[0]!.meanBefore).toBe(up)
    expect(shifts[0]!.pValue).toBeLessThanOrEqual(opts.maxPValue)
    expect(detectSustainedShifts(series, { ...opts, wandering: false })).toEqual([])
  })

  it('a spike on a random walk (one point out, then back) is not a jump', () => {
    const series = walk(120, 14)
    series[70]! += 20
    expect(detectSustainedShifts(series, opts)).toEqual([])
  })

  it('a jump and the end of a rise at the same point are reported once, as the jump', () => {
    const series = Array.from({ length: 100 }, (_, i) => (i < 50 ? 100 + 2 * i : 240) + 0.3 * noise())
    expect(detectSustainedShifts(series, opts).map((s) => [s.index, s.kind])).toEqual([[50, 'jump']])
  })

  it.each([
    { every: 8, jumps: 0 },
    { every: 26, jumps: 9 },
  ])(
    'an account balance with a deposit every $every steps: $jumps jumps (over 10 % large steps are its normal motion; below that each deposit is a jump, a known limit of the rule)',
    ({ every, jumps }) => {
      // A deposit of 1,000 spent in small withdrawals until the next one.
      const spend = 1000 / (every - 1)
      let x = 5000
      const series = Array.from(
        { length: 26 * 10 },
        (_, i) => (x += i % every === 0 ? 1000 : -spend + 2 * noise()),
      )
      expect(detectSustainedShifts(series, opts).filter((s) => s.kind === 'jump')).toHaveLength(jumps)
    },
  )

  it('random walks without a change: the increments pass adds at most 3 of 40 walks with a change point', () => {
    const walks = Array.from({ length: 40 }, (_, seed) => walk(200, 900 + seed))
    const flagged = (wandering: boolean) =>
      walks.filter((w) => detectSustainedShifts(w, { ...opts, wandering }).length > 0).length
    expect(flagged(true) - flagged(false)).toBeLessThanOrEqual(3)
  })

  it('white noise and plain trends never reach the increments pass', () => {
    for (const series of [
      trendSeries(200, 0.1, 31),
      trendSeries(90, 0, 32, 12, 45),
      trendSeries(60, 0.5, 33),
    ])
      expect(detectSustainedShifts(series, opts)).toEqual(
        detectSustainedShifts(series, { ...opts, wandering: false }),
      )
  })
})

describe('synthetic suite', () => {
  it.each([
    { truth: [30], detected: [32], margin: 5, matched: 1, falseSplits: 0 },
    { truth: [30], detected: [36], margin: 5, matched: 0, falseSplits: 1 },
    { truth: [30], detected: [28, 33], margin: 5, matched: 1, falseSplits: 1 },
    { truth: [30, 34], detected: [32], margin: 5, matched: 1, falseSplits: 0 },
    { truth: [], detected: [5, 9], margin: 5, matched: 0, falseSplits: 2 },
    { truth: [10, 40], detected: [], margin: 5, matched: 0, falseSplits: 0 },
  ])('matchChanges($truth, $detected)', ({ truth, detected, margin, matched, falseSplits }) => {
    expect(matchChanges(truth, detected, margin)).toEqual({ matched, falseSplits })
  })

  it('draws the same series for the same seed, and true changes inside the series', () => {
    for (const f of syntheticFamilies()) {
      const a = f.draw(mulberry32(9))
      const b = f.draw(mulberry32(9))
      expect(a).toEqual(b)
      expect(a.values).toHaveLength(f.length)
      expect(a.changes.length === 0).toBe(f.isNull)
      for (const c of a.changes) expect(c > 0 && c < f.length).toBe(true)
    }
  })

  it('scores detectors by family: none, always the middle', () => {
    const none = runSyntheticSuite(() => [], 3)
    for (const r of none) {
      expect(r.falseSplitRate).toBe(0)
      expect(Number.isNaN(r.detectionRate)).toBe(r.isNull)
      if (!r.isNull) expect(r.detectionRate).toBe(0)
    }
    const middle = runSyntheticSuite((v) => [v.length >> 1], 3)
    const mid = middle.find((r) => r.name === 'log-normal, +15 % mid' && r.length === 60)!
    expect(mid).toMatchObject({ falseSplitRate: 0, detectionRate: 1 })
    for (const r of middle.filter((x) => x.isNull)) expect(r.falseSplitRate).toBe(1)
  })
})
