/**
 * Two-sample tests and multiplicity control that `simple-statistics` lacks: its `tTestTwoSample` is
 * pooled-variance and returns only t, `wilcoxonRankSum` returns only the rank sum, and there is no
 * Benjamini–Hochberg. Each function here is small, pure and checked against published examples.
 */
import { normalSf, studentTTwoSidedP } from './distributions.js'

/** Result of a two-sample t test. */
export interface TTestResult {
  readonly t: number
  readonly df: number
  /** Two-sided p-value; NaN when both samples have zero spread and equal means. */
  readonly p: number
}

/**
 * Student's (pooled-variance) two-sample t test from summary statistics, as SciPy's
 * `ttest_ind_from_stats(..., equal_var=True)` computes it. `sd1`/`sd2` are used as given.
 */
export function pooledTTestFromStats(
  mean1: number,
  sd1: number,
  n1: number,
  mean2: number,
  sd2: number,
  n2: number,
): TTestResult {
  const df = n1 + n2 - 2
  const pooledVar = ((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / df
  const denom = Math.sqrt(pooledVar * (1 / n1 + 1 / n2))
  const t = (mean1 - mean2) / denom
  return { t, df, p: studentTTwoSidedP(t, df) }
}

function meanVar(xs: readonly number[]): { mean: number; variance: number } {
  let sum = 0
  for (const x of xs) sum += x
  const mean = sum / xs.length
  let ss = 0
  for (const x of xs) ss += (x - mean) * (x - mean)
  return { mean, variance: xs.length > 1 ? ss / (xs.length - 1) : 0 }
}

/** Welch's unequal-variance t test (Welch–Satterthwaite degrees of freedom). Needs ≥ 2 points per side. */
export function welchTTest(a: readonly number[], b: readonly number[]): TTestResult {
  if (a.length < 2 || b.length < 2) return { t: Number.NaN, df: Number.NaN, p: Number.NaN }
  const x = meanVar(a)
  const y = meanVar(b)
  const va = x.variance / a.length
  const vb = y.variance / b.length
  const t = (x.mean - y.mean) / Math.sqrt(va + vb)
  const df = ((va + vb) * (va + vb)) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1))
  return { t, df, p: studentTTwoSidedP(t, df) }
}

/** Result of a Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample. */
  readonly u: number
  readonly z: number
  /** Two-sided p-value, normal approximation with tie and continuity corrections. */
  readonly p: number
}

/**
 * Mann–Whitney U test, normal approximation with tie correction and continuity correction (SciPy's
 * `mannwhitneyu(method='asymptotic')`). Adequate from about 5 points per side; below that use it only as
 * extra evidence.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, z: Number.NaN, p: Number.NaN }
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((p, q) => p.v - q.v)
  const n = all.length
  let rankSumA = 0
  let tieTerm = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && all[j + 1]!.v === all[i]!.v) j++
    const rank = (i + j) / 2 + 1
    const t = j - i + 1
    tieTerm += t * t * t - t
    for (let k = i; k <= j; k++) if (all[k]!.g === 0) rankSumA += rank
    i = j + 1
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const mu = (n1 * n2) / 2
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  if (sigma === 0) return { u, z: 0, p: 1 }
  const diff = u - mu
  const z = (diff - Math.sign(diff) * 0.5) / sigma
  return { u, z, p: Math.min(1, 2 * normalSf(Math.abs(z))) }
}

/**
 * Benjamini–Hochberg adjusted p-values (R's `p.adjust(p, "BH")`), in the input order. NaN inputs stay NaN
 * and are not counted in m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => ({ p, i })).filter((e) => !Number.isNaN(e.p))
  const m = idx.length
  const out = pValues.map(() => Number.NaN)
  idx.sort((x, y) => x.p - y.p)
  let running = 1
  for (let k = m - 1; k >= 0; k--) {
    const e = idx[k]!
    running = Math.min(running, (e.p * m) / (k + 1))
    out[e.i] = running
  }
  return out
}
