import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg,
  mannWhitneyU,
  pooledTTestFromStats,
  welchTTest,
} from '../../../src/analysis/stats/hypothesis-tests.js'

describe('Welch t test', () => {
  it('matches the Wikipedia worked example (A1 vs A2: t −2.46, ν 25.0, p 0.021)', () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
    const r = welchTTest(a1, a2)
    expect(r.t).toBeCloseTo(-2.46, 2)
    expect(r.df).toBeCloseTo(25.0, 0)
    expect(r.p).toBeCloseTo(0.021, 3)
  })

  it('needs two points per side', () => {
    expect(welchTTest([1], [2, 3]).p).toBeNaN()
  })
})

describe('pooled t test from summary statistics (SciPy ttest_ind_from_stats)', () => {
  it.each([
    // Otava's significance-tester test: no change → p ≈ 1; a 20 % drop → p < 0.001.
    { l: [1.0, 1.02, 1.05, 0.95, 0.98], r: [1.0, 1.02, 1.05, 0.95, 0.98], lo: 0.99, hi: 1.01 },
    { l: [1.0, 1.02, 1.05, 0.95, 0.98], r: [0.8, 0.82, 0.85, 0.79, 0.77], lo: 0, hi: 0.001 },
  ])('p in [$lo, $hi]', ({ l, r, lo, hi }) => {
    const ms = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length
      return { m, s: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) }
    }
    const a = ms(l)
    const b = ms(r)
    const { p } = pooledTTestFromStats(a.m, a.s, l.length, b.m, b.s, r.length)
    expect(p).toBeGreaterThanOrEqual(lo)
    expect(p).toBeLessThanOrEqual(hi)
  })

  it('gives NaN for two constant equal samples and 0 for two constant different ones', () => {
    expect(pooledTTestFromStats(1, 0, 3, 1, 0, 3).p).toBeNaN()
    expect(pooledTTestFromStats(1, 0, 3, 2, 0, 3).p).toBe(0)
  })
})

describe('Mann–Whitney U', () => {
  it.each([
    // SciPy mannwhitneyu(method="asymptotic") values.
    { a: [1, 2, 3, 4, 5], b: [6, 7, 8, 9, 10], u: 0, p: 0.01219 },
    { a: [1, 2, 3], b: [1, 2, 3], u: 4.5, p: 1 },
  ])('U $u, p $p', ({ a, b, u, p }) => {
    const r = mannWhitneyU(a, b)
    expect(r.u).toBe(u)
    expect(r.p).toBeCloseTo(p, 4)
  })

  it('returns NaN for an empty side', () => {
    expect(mannWhitneyU([], [1]).p).toBeNaN()
  })
})

describe('Benjamini–Hochberg', () => {
  it.each([
    { p: [0.01, 0.02, 0.03, 0.04, 0.05], q: [0.05, 0.05, 0.05, 0.05, 0.05] },
    // R: p.adjust(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06), "BH")
    { p: [0.001, 0.008, 0.039, 0.041, 0.042, 0.06], q: [0.006, 0.024, 0.0504, 0.0504, 0.0504, 0.06] },
    { p: [0.5, 0.001], q: [0.5, 0.002] },
    { p: [Number.NaN, 0.02], q: [Number.NaN, 0.02] },
  ])('adjusts $p', ({ p, q }) => {
    const got = benjaminiHochberg(p)
    got.forEach((v, i) => (Number.isNaN(q[i]!) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(q[i]!, 4)))
  })
})
