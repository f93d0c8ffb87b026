/**
 * Change-point detection of the E-divisive family with a Student-t significance step, reproducing Apache
 * Otava's `compute_change_points` (Fleming et al., ICPE 2023, "Hunter"; Otava @ 1ceb153 `otava/analysis.py`
 * and `otava/change_point_divisive/*`). Re-implemented from the description and source reading, not copied.
 *
 * Algorithm, in Otava's terms:
 * 1. Split: slide a window of `windowLen` (step windowLen/2, jumping to the last change point found) over the
 *    series; inside each window run divisive E-divisive means (Matteson & James 2014, α = 1): repeatedly take
 *    the split τ (with κ) maximising the energy statistic Q̂ over all current segments, and keep it while a
 *    two-sided pooled t test between the two halves of its segment has p ≤ the first-pass p (10× the target
 *    when the target is < 0.05). The union over windows gives the "weak" change points.
 * 2. Merge: recompute every weak point's t test against its neighbours, then repeatedly drop the point with
 *    the largest p while that p ≥ target, else the point with the smallest relative magnitude while it is
 *    ≤ `minMagnitude`, recomputing the neighbours after each removal.
 *
 * Details kept on purpose so the published expectations reproduce exactly: standard deviations are population
 * (ddof 0) but fed into the pooled t formula as if sample; an arg-max over the Q̂ matrix includes its zero
 * lower triangle (first maximum in row-major order wins); after a removal Otava recomputes the point that
 * took the removed one's place and the one after it (not the left neighbour). Deterministic: no permutations.
 */
import { pooledTTestFromStats } from '../stats/hypothesis-tests.js'

/** Parameters of {@link detectChangePoints}. */
export interface ChangePointOptions {
  /** Window length of the split step (Otava `window_len`, ≥ 2). */
  readonly windowLen: number
  /** Target significance (Otava `max_pvalue`). */
  readonly maxPValue: number
  /** Minimum relative magnitude, as a fraction (Otava `min_magnitude`; 0.05 = 5 %). */
  readonly minMagnitude: number
}

/** Statistics of one change point: the segments before and after it (up to the neighbouring change points). */
export interface ChangePointStats {
  readonly meanBefore: number
  readonly meanAfter: number
  readonly stdBefore: number
  readonly stdAfter: number
  readonly pValue: number
  /** max(|after/before − 1|, |before/after − 1|), 0 when a mean is 0. */
  readonly magnitude: number
  /** (after/before − 1), 0 when before is 0. */
  readonly forwardChange: number
}

/** A detected change point: `index` is the first point of the new regime (0-based). */
export interface ChangePoint {
  readonly index: number
  readonly qhat: number
  readonly stats: ChangePointStats
}

/** Otava's defaults: window 50, p 0.001, magnitude 0. */
export const OTAVA_DEFAULTS: ChangePointOptions = { windowLen: 50, maxPValue: 0.001, minMagnitude: 0 }

interface Interval {
  readonly start: number
  readonly stop: number
}

function meanStd(xs: ArrayLike<number>, from: number, to: number): { mean: number; std: number } {
  const n = to - from
  let sum = 0
  for (let i = from; i < to; i++) sum += xs[i]!
  const mean = sum / n
  if (n < 2) return { mean, std: 0 }
  let ss = 0
  for (let i = from; i < to; i++) ss += (xs[i]! - mean) * (xs[i]! - mean)
  return { mean, std: Math.sqrt(ss / n) }
}

/** The t test Otava applies between `xs[from, mid)` and `xs[mid, to)`. */
function compareSegments(xs: ArrayLike<number>, from: number, mid: number, to: number): ChangePointStats {
  const l = meanStd(xs, from, mid)
  const r = meanStd(xs, mid, to)
  const n1 = mid - from
  const n2 = to - mid
  const p = n1 + n2 > 2 ? pooledTTestFromStats(l.mean, l.std, n1, r.mean, r.std, n2).p : 1
  const forward = l.mean === 0 ? 0 : r.mean / l.mean - 1
  const backward = r.mean === 0 ? 0 : l.mean / r.mean - 1
  return {
    meanBefore: l.mean,
    meanAfter: r.mean,
    stdBefore: l.std,
    stdAfter: r.std,
    pValue: p,
    magnitude: Math.max(Math.abs(forward), Math.abs(backward)),
    forwardChange: forward,
  }
}

function intervalsOf(indices: readonly number[], length: number): Interval[] {
  const out: Interval[] = []
  for (let i = 0; i <= indices.length; i++) {
    const start = i === 0 ? 0 : indices[i - 1]!
    const stop = i === indices.length ? length : indices[i]!
    if (start !== stop) out.push({ start, stop })
  }
  return out
}

/**
 * Pairwise |x_i − x_j| prefix sums over one window, so that every Q̂(τ, κ) is O(1):
 * `S[a*(L+1)+b]` = Σ_{i<a, j<b} |x_i − x_j|.
 */
class EnergyCalculator {
  private readonly len: number
  private readonly s: Float64Array

  /** `scratch` (≥ (L+1)² long) is reused across windows so a long series does not allocate per window. */
  constructor(xs: Float64Array, scratch?: Float64Array) {
    const L = xs.length
    this.len = L
    const w = L + 1
    const s = scratch !== undefined && scratch.length >= w * w ? scratch : new Float64Array(w * w)
    s.fill(0, 0, w * w)
    for (let a = 1; a <= L; a++) {
      const xa = xs[a - 1]!
      let row = 0
      for (let b = 1; b <= L; b++) {
        row += Math.abs(xa - xs[b - 1]!)
        s[a * w + b] = s[(a - 1) * w + b]! + row
      }
    }
    this.s = s
  }

  private rect(a0: number, a1: number, b0: number, b1: number): number {
    const w = this.len + 1
    const s = this.s
    return s[a1 * w + b1]! - s[a0 * w + b1]! - s[a1 * w + b0]! + s[a0 * w + b0]!
  }

  /** Best (τ, Q̂) inside [start, stop), arg-max taken like NumPy's over Otava's matrix (zeros below the diagonal). */
  candidate(start: number, stop: number): { index: number; qhat: number } {
    const m = stop - start - 1
    let bestI = 0
    let bestQ = Number.NEGATIVE_INFINITY
    for (let i = 0; i < m; i++) {
      const tau = start + i + 1
      const nX = tau - start
      const withinX = nX > 1 ? this.rect(start, tau, start, tau) / 2 : 0
      // Row i holds zeros for j < i; only the first of them can win (ties keep the first), so one check
      // stands for all of them and the loop starts at the diagonal (half the work, same arg-max).
      if (i > 0 && !Number.isNaN(bestQ) && 0 > bestQ) {
        bestQ = 0
        bestI = i
      }
      for (let j = i; j < m; j++) {
        const kappa = start + j + 2
        const nY = kappa - tau
        const total = kappa - start
        const cross = this.rect(start, tau, tau, kappa)
        const withinY = nY > 1 ? this.rect(tau, kappa, tau, kappa) / 2 : 0
        let q = (2 / total) * cross
        if (nX > 1) q -= ((2 * nY) / (total * (nX - 1))) * withinX
        if (nY > 1) q -= ((2 * nX) / (total * (nY - 1))) * withinY
        if (!Number.isNaN(bestQ) && (q > bestQ || Number.isNaN(q))) {
          bestQ = q
          bestI = i
        }
      }
    }
    return { index: start + bestI + 1, qhat: bestQ }
  }
}

/** Divisive E-divisive means on `xs[from, to)` with the t-test stop rule; indices returned are absolute. */
function divisiveInWindow(
  series: Float64Array,
  from: number,
  to: number,
  pValue: number,
  scratch: Float64Array,
): number[] {
  const xs = series.subarray(from, to)
  const calc = new EnergyCalculator(xs, scratch)
  const found: number[] = []
  for (;;) {
    const intervals = intervalsOf(found, xs.length)
    let best: { index: number; qhat: number; interval: Interval } | undefined
    for (const interval of intervals) {
      if (interval.stop - interval.start <= 1) continue
      const c = calc.candidate(interval.start, interval.stop)
      if (best === undefined || c.qhat > best.qhat) best = { ...c, interval }
    }
    if (best === undefined) break
    const stats = compareSegments(xs, best.interval.start, best.index, best.interval.stop)
    if (!(stats.pValue <= pValue)) break
    found.push(best.index)
    found.sort((a, b) => a - b)
  }
  return found.map((i) => i + from)
}

function statsAt(series: Float64Array, indices: readonly number[], k: number): ChangePointStats {
  const from = k === 0 ? 0 : indices[k - 1]!
  const to = k === indices.length - 1 ? series.length : indices[k + 1]!
  return compareSegments(series, from, indices[k]!, to)
}

/** Split step: the weak change points (sorted) with their stats against neighbouring weak points. */
export function splitStep(series: Float64Array, windowLen: number, pValue: number): ChangePoint[] {
  if (windowLen < 2) throw new RangeError(`change-point window must be at least 2, got ${windowLen}`)
  const step = Math.floor(windowLen / 2)
  const found = new Set<number>()
  const side = Math.min(windowLen, series.length) + 1
  const scratch = new Float64Array(side * side)
  let start = 0
  while (start < series.length) {
    const end = Math.min(start + windowLen, series.length)
    const cps = divisiveInWindow(series, start, end, pValue, scratch)
    const last = cps.length > 0 ? cps[cps.length - 1]! : 0
    start = Math.max(last, start + step)
    for (const c of cps) found.add(c)
  }
  const indices = [...found].sort((a, b) => a - b)
  return indices.map((index, k) => ({ index, qhat: 0, stats: statsAt(series, indices, k) }))
}

/** Merge step: drops weak change points until all are significant and large enough. */
export function mergeStep(
  series: Float64Array,
  weak: readonly ChangePoint[],
  maxPValue: number,
  minMagnitude: number,
): ChangePoint[] {
  const cps = [...weak]
  while (cps.length > 0) {
    // Python's max/min keep the first of equal keys and never replace a NaN; the loops below do the same.
    let weakest = 0
    for (let i = 1; i < cps.length; i++) if (cps[i]!.stats.pValue > cps[weakest]!.stats.pValue) weakest = i
    if (cps[weakest]!.stats.pValue < maxPValue) {
      weakest = 0
      for (let i = 1; i < cps.length; i++)
        if (cps[i]!.stats.magnitude < cps[weakest]!.stats.magnitude) weakest = i
      if (cps[weakest]!.stats.magnitude > minMagnitude) return cps
    }
    cps.splice(weakest, 1)
    const indices = cps.map((c) => c.index)
    for (const k of [weakest, weakest + 1]) {
      if (k >= 0 && k < cps.length) cps[k] = { ...cps[k]!, stats: statsAt(series, indices, k) }
    }
  }
  return cps
}

/**
 * Forward-fills missing observations (null/NaN) with the previous value and back-fills leading ones, as
 * Otava's `fill_missing` does. An all-missing series stays missing.
 */
export function fillMissing(values: readonly (number | null)[]): (number | null)[] {
  const out = values.map((v) => (v === null || Number.isNaN(v) ? null : v))
  let prev: number | null = null
  for (let i = 0; i < out.length; i++) {
    if (out[i] === null && prev !== null) out[i] = prev
    prev = out[i] ?? null
  }
  prev = null
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === null && prev !== null) out[i] = prev
    prev = out[i] ?? null
  }
  return out
}

/**
 * Otava's `compute_change_points`: split at a relaxed p, then merge at the target p and magnitude.
 * Missing values (null/NaN) are filled first; an empty or all-missing series has no change points.
 */
export function detectChangePoints(
  values: readonly (number | null)[],
  options: ChangePointOptions,
): ChangePoint[] {
  const filled = fillMissing(values)
  if (filled.length === 0 || filled[0] === null) return []
  const series = Float64Array.from(filled as number[])
  const p = options.maxPValue
  const firstPass = p < 0.05 ? p * 10 : p < 0.5 ? p * 2 : p
  const weak = splitStep(series, options.windowLen, firstPass)
  return mergeStep(series, weak, p, options.minMagnitude)
}
