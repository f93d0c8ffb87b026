import { describe, expect, it } from 'vitest'
import { medianOf, robustSummary, theilSenSlope } from '../../../src/analysis/stats/robust.js'

describe('robustSummary', () => {
  it.each([
    {
      name: 'zero variance: the relative floor keeps σ > 0',
      values: [10, 10, 10, 10],
      center: 10,
      spread: 0.1,
    },
    { name: 'one point', values: [42], center: 42, spread: 0.42 },
    {
      name: 'negative values use |median| for the floor',
      values: [-10, -11, -9],
      center: -10,
      spread: Math.max(1.4826, 0.1),
    },
    { name: 'all zeros: σ is the absolute floor (0)', values: [0, 0, 0], center: 0, spread: 0 },
    {
      name: 'MAD scaled by 1.4826',
      values: [1, 2, 3, 4, 100],
      center: 3,
      spread: Math.max(1.4826 * 1, 2 / 1.349),
    },
  ])('$name', ({ values, center, spread }) => {
    const s = robustSummary(values, 0.01)
    expect(s.center).toBeCloseTo(center, 9)
    expect(s.spread).toBeCloseTo(spread, 6)
    expect(s.n).toBe(values.length)
  })

  it('uses the IQR when a minor mode holds a quarter or more of the runs (bimodal runners)', () => {
    const values = [...Array<number>(14).fill(100), ...Array<number>(6).fill(112)]
    const s = robustSummary(values, 0.01)
    expect(s.mad).toBe(0)
    expect(s.spread).toBeCloseTo(12 / 1.349, 6)
  })

  it('returns NaN for an empty sample', () => {
    expect(robustSummary([], 0.01).center).toBeNaN()
    expect(medianOf([])).toBeNaN()
  })
})

describe('theilSenSlope', () => {
  it.each([
    { xs: [0, 1, 2, 3], ys: [1, 3, 5, 7], slope: 2 },
    { xs: [0, 1, 2, 3, 4], ys: [0, 1, 2, 100, 4], slope: 1 },
    { xs: [0, 1, 2], ys: [5, 5, 5], slope: 0 },
    { xs: [1, 1], ys: [1, 2], slope: Number.NaN },
  ])('slope of $ys is $slope', ({ xs, ys, slope }) => {
    const got = theilSenSlope(xs, ys)
    if (Number.isNaN(slope)) expect(got).toBeNaN()
    else expect(got).toBeCloseTo(slope, 9)
  })
})
