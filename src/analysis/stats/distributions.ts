/**
 * Student-t and standard normal tail probabilities and the Student-t quantile.
 *
 * Hand-written because `simple-statistics` 7.12 has no Student-t distribution at all, and its
 * `cumulativeStdNormalProbability` is a 0.01-step table that cannot resolve the small tail probabilities
 * (1e-3 … 1e-7) that change-point significance and Benjamini–Hochberg work with. We do reuse its `gammaln`.
 * The incomplete beta function is the classic continued fraction (Lentz's method); accuracy is checked
 * against published t tables in `test/unit/analysis/distributions.test.ts`.
 */
import { gammaln } from 'simple-statistics'

const EPS = 1e-15
const TINY = 1e-300
const MAX_ITER = 300

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) break
  }
  return h
}

/** Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b)) return Number.NaN
  if (x <= 0) return 0
  if (x >= 1) return 1
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x)
  const front = Math.exp(lnFront)
  // The continued fraction converges fast only on one side of the mean; use the symmetry elsewhere.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** Upper tail P(T > t) of Student's t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN
  if (t === Infinity) return 0
  if (t === -Infinity) return 1
  const x = df / (df + t * t)
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5)
  return t >= 0 ? tail : 1 - tail
}

/** P(T ≤ t) of Student's t. */
export function studentTCdf(t: number, df: number): number {
  const sf = studentTSf(t, df)
  if (Number.isNaN(sf)) return sf
  if (t < 0) {
    const x = df / (df + t * t)
    return 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5)
  }
  return 1 - sf
}

/** Two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN
  return Math.min(1, 2 * studentTSf(Math.abs(t), df))
}

/** The quantile of Student's t: the t with P(T ≤ t) = p. Bisection, so it is monotone and never diverges. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    if (p === 0) return -Infinity
    if (p === 1) return Infinity
    return Number.NaN
  }
  if (p === 0.5) return 0
  let lo = -1
  let hi = 1
  while (studentTCdf(lo, df) > p) lo *= 2
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
    if (hi - lo <= 1e-13 * Math.max(1, Math.abs(mid))) break
  }
  return (lo + hi) / 2
}

/**
 * Complementary error function (Numerical Recipes `erfcc`, Chebyshev fit, fractional error < 1.2e-7
 * everywhere), which keeps relative precision far into the tail where `1 - erf(x)` would round to 0.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

/** Upper tail P(Z > z) of the standard normal. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN
  return 0.5 * erfc(z / Math.SQRT2)
}
