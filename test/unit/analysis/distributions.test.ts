import { describe, expect, it } from 'vitest'
import {
  erfc,
  normalSf,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
} from '../../../src/analysis/stats/distributions.js'

// Critical values from published Student-t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
const T_TABLE: [p: number, df: number, t: number][] = [
  [0.95, 1, 6.314],
  [0.975, 1, 12.706],
  [0.975, 2, 4.303],
  [0.995, 5, 4.032],
  [0.975, 10, 2.228],
  [0.95, 10, 1.812],
  [0.999, 20, 3.552],
  [0.975, 30, 2.042],
  [0.9995, 30, 3.646],
  [0.975, 100, 1.984],
  [0.99, 100, 2.364],
]

describe('Student-t quantile and CDF against published tables', () => {
  it.each(T_TABLE)('t(%s, df %s) = %s', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3)
    expect(studentTCdf(t, df)).toBeCloseTo(p, 4)
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 3)
  })

  it.each([
    // [t, df, two-sided p] (exact values: R 2*pt(-|t|, df), SciPy 2*t.sf(|t|, df))
    [2.0, 5, 0.1019394],
    [1.0, 1, 0.5],
    [3.0, 10, 0.01334366],
    [6.0, 30, 1.3942769e-6],
  ])('two-sided p of t %s with df %s', (t, df, p) => {
    expect(studentTTwoSidedP(t, df) / p).toBeCloseTo(1, 3)
  })

  it('is symmetric, monotone and handles infinities and bad input', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12)
    expect(studentTSf(Infinity, 3)).toBe(0)
    expect(studentTSf(-Infinity, 3)).toBe(1)
    expect(studentTSf(Number.NaN, 3)).toBeNaN()
    expect(studentTSf(1, 0)).toBeNaN()
    expect(studentTQuantile(0.5, 4)).toBe(0)
    expect(studentTQuantile(0, 4)).toBe(-Infinity)
    expect(studentTQuantile(1.5, 4)).toBeNaN()
    expect(studentTCdf(1.5, 4)).toBeGreaterThan(studentTCdf(1.4, 4))
  })
})

describe('normal tail and incomplete beta', () => {
  it.each([
    [0, 0.5],
    [1.959964, 0.025],
    [3.090232, 0.001],
    [5, 2.866516e-7],
    [-1.644854, 0.95],
  ])('P(Z > %s) = %s', (z, p) => {
    expect(normalSf(z) / p).toBeCloseTo(1, 5)
  })

  it('erfc and I_x(a, b) match closed forms', () => {
    expect(erfc(0)).toBeCloseTo(1, 6)
    expect(erfc(-1)).toBeCloseTo(2 - 0.157299207, 6)
    // I_x(1, 1) = x; I_x(a, 1) = x^a.
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12)
    expect(regularizedIncompleteBeta(0.5, 3, 1)).toBeCloseTo(0.125, 12)
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0)
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1)
  })
})
