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
