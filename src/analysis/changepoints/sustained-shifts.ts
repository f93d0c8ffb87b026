/**
 * Gauntlet's change-point pass: Otava's split step (E-divisive means in overlapping windows, see
 * `e-divisive.ts`) for candidate locations, then a merge step of our own with three corrections that CI
 * series (and generic annotated series such as TCPD's) need and Otava does not have.
 *
 * 1. Serial correlation, estimated once per series, two ways. The t test assumes independent points; on a
 *    drifting or smoothly trending series every split looks significant. The lag-1 autocorrelation ρ of an
 *    AR(1) noise around a piecewise-constant mean is estimated from the medians of the absolute lag-1 and
 *    lag-2 differences, ρ̂ = (med|x_{t+2} − x_t| / med|x_{t+1} − x_t|)² − 1 (Chakar, Lebarbier,
 *    Lévy-Leduc & Robin, "A robust approach for estimating change-points in the mean of an AR(1) process",
 *    Bernoulli 23(2), 2017): the few differences that straddle a level shift do not move the medians, so the
 *    shifts we are looking for do not inflate ρ̂. Each candidate's t test then uses the AR(1) effective sample
 *    sizes n·(1−ρ)/(1+ρ). That estimator is inefficient (see {@link robustLag1Autocorrelation}), so ρ is
 *    the larger of it and the ordinary lag-1 autocorrelation of the residuals around the split step's
 *    candidates (all of them, before any is dropped: the over-segmentation removes every shift, so the
 *    residuals see only noise; it under-estimates a random walk's ρ, which the robust estimator catches).
 *    Measured with the magnitude rule off (window 30, p 0.001, 100 seeded series each): AR(1) noise with
 *    ρ 0.5–0.9 gets a false change point in 15–30 % of 60- and 200-point series (53–100 % uncorrected), a
 *    random walk in 28–34 %, white noise in 1 % (60 points) and 12 % (200). Not handled: a linear trend plus
 *    white noise is not a piecewise-constant mean, and it is cut into steps (85–100 %, as by Otava and by the
 *    earlier version); trends are the trend module's job. (An earlier version took ρ from the residuals of
 *    the two segments around each candidate; an undetected shift inside a segment inflated that ρ, the
 *    candidate was dropped, the merged segment then held two shifts, and the drops cascaded — on TCPD's
 *    `well_log` 8 of its 10 annotated changes were lost.)
 * 2. A correct merge: after a drop both neighbours are re-tested (Otava re-tests the right one only, which
 *    `e-divisive.ts` keeps on purpose to reproduce its published expectations).
 * 3. Locations refined by least squares. E-divisive places a split from one window's view; once the
 *    neighbours are known, each change point moves (within half a window, keeping `minSegment` points on
 *    either side) to where the two-segment mean fit between its neighbours has the smallest squared error —
 *    equivalently where its pooled t statistic is largest — repeated until no point moves (coordinate descent
 *    on the piecewise-constant least-squares fit). This keeps a noisy short-window candidate a few points
 *    off a true change from surviving in its place (TCPD `quality_control_3`: 162 instead of 179).
 *
 * Then, as before: a regime shorter than `minSegment` points that returns to roughly where it came from is
 * a transient (both boundaries dropped), regimes shorter than `minSegment` at either end are not confirmed,
 * and every survivor must pass the corrected t test at `maxPValue` and the minimum relative magnitude.
 * The magnitude rule is scale-aware: a relative change (percent) only means something when the level is far
 * from zero compared with the noise. For a series whose median lies within 3 robust standard deviations
 * (1.4826·MAD) of 0 — values that hover around or cross zero, such as residuals or temperatures — there is no
 * meaningful percentage, so the rule does not apply and significance alone decides. The robust statistics
 * keep a CI metric with one bad negative value on the relative rule. A change from a level of exactly 0 to
 * anything else counts as infinitely large.
 *
 * Hand-written because no npm package offers E-divisive with these steps; the statistics come from
 * `../stats` (Student-t CDF).
 */
import { studentTTwoSidedP } from '../stats/distributions.js'
import { fillMissing, splitStep, type ChangePointOptions } from './e-divisive.js'

/** Options of {@link detectSustainedShifts}. */
export interface SustainedShiftOptions extends ChangePointOptions {
  /** Shortest regime that counts as sustained (default 3). */
  readonly minSegment?: number
  /** Apply the serial-correlation correction (default true). */
  readonly correctAutocorrelation?: boolean
}

/** A sustained shift: the regime starting at `index` differs from the one before it. */
export interface SustainedShift {
  readonly index: number
  readonly meanBefore: number
  readonly meanAfter: number
  /** Corrected two-sided p-value. */
  readonly pValue: number
  /** (after/before − 1); 0 when before is 0. */
  readonly forwardChange: number
  /**
   * Otava's relative magnitude max(|after/before − 1|, |before/after − 1|); `Infinity` when exactly one of
   * the means is 0, and when the series hovers around zero (median within 3 robust standard deviations of
   * 0: a percent change means nothing there and the minimum-magnitude rule does not apply).
   */
  readonly magnitude: number
}

/** Largest ρ used: beyond it the effective sample size is ~0 anyway (a random walk or a smooth trend). */
const MAX_RHO = 0.95
/** Two standard deviations (≈ 3/√n each) of the robust ρ estimator on white noise, times √n. */
const WHITE_NOISE_SDS = 6

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort()
  const k = s.length >> 1
  return s.length % 2 === 1 ? s[k]! : (s[k - 1]! + s[k]!) / 2
}

/**
 * Robust lag-1 autocorrelation of the noise around a piecewise-constant mean (Chakar et al. 2017), clamped to
 * [0, 0.95]. The median-based estimator is inefficient: on Gaussian white noise its standard deviation is
 * about 3/√n (simulated, 2,000 series each: 0.62 at n = 30, 0.42 at 60, 0.32 at 90, 0.17 at 300), so only a
 * value beyond two of those, 6/√n, counts as evidence of correlation; otherwise 0. With a 30-run CI history
 * that means only a series that looks like a smooth drift or a random walk is corrected. A series whose lag-1
 * differences are mostly 0 while its lag-2 ones are not (steps of a smooth curve) gets the maximum.
 */
export function robustLag1Autocorrelation(xs: ArrayLike<number>): number {
  const n = xs.length
  if (n < 4) return 0
  const d1 = new Float64Array(n - 1)
  const d2 = new Float64Array(n - 2)
  for (let i = 0; i + 1 < n; i++) d1[i] = Math.abs(xs[i + 1]! - xs[i]!)
  for (let i = 0; i + 2 < n; i++) d2[i] = Math.abs(xs[i + 2]! - xs[i]!)
  const m1 = median(d1)
  const m2 = median(d2)
  if (m1 === 0) return m2 === 0 ? 0 : MAX_RHO
  const rho = (m2 / m1) ** 2 - 1
  return rho > WHITE_NOISE_SDS / Math.sqrt(n) ? Math.min(MAX_RHO, rho) : 0
}

/** Robust standard deviations (1.4826·MAD) within which a median counts as "near zero". */
const NEAR_ZERO_SDS = 3

/** Whether the series' median lies within {@link NEAR_ZERO_SDS} robust standard deviations of 0. */
export function hoversAroundZero(xs: Float64Array): boolean {
  if (xs.length === 0) return false
  const m = median(xs)
  const mad = median(xs.map((x) => Math.abs(x - m)))
  return mad > 0 && Math.abs(m) < NEAR_ZERO_SDS * 1.4826 * mad
}

/**
 * Lag-1 autocorrelation of the residuals around the piecewise-constant fit on the split step's candidates
 * (all of them, before any is dropped, so no undetected shift inflates it); counted beyond 2/√n.
 */
export function residualLag1Autocorrelation(xs: ArrayLike<number>, cuts: readonly number[]): number {
  const n = xs.length
  if (n < 4) return 0
  let ss = 0
  let lag = 0
  for (let k = 0; k <= cuts.length; k++) {
    const from = k === 0 ? 0 : cuts[k - 1]!
    const to = k === cuts.length ? n : cuts[k]!
    let sum = 0
    for (let i = from; i < to; i++) sum += xs[i]!
    const mean = sum / (to - from)
    for (let i = from; i < to; i++) {
      const r = xs[i]! - mean
      ss += r * r
      if (i + 1 < to) lag += r * (xs[i + 1]! - mean)
    }
  }
  const rho = ss > 0 ? lag / ss : 0
  return rho > 2 / Math.sqrt(n) ? Math.min(MAX_RHO, rho) : 0
}

function segmentStats(xs: Float64Array, from: number, to: number): { mean: number; ss: number; n: number } {
  let sum = 0
  for (let i = from; i < to; i++) sum += xs[i]!
  const n = to - from
  const mean = sum / n
  let ss = 0
  for (let i = from; i < to; i++) ss += (xs[i]! - mean) * (xs[i]! - mean)
  return { mean, ss, n }
}

function relativeMagnitude(before: number, after: number): number {
  if (before === after) return 0
  if (before === 0 || after === 0) return Infinity
  return Math.max(Math.abs(after / before - 1), Math.abs(before / after - 1))
}

function testAt(
  xs: Float64Array,
  from: number,
  at: number,
  to: number,
  rho: number,
  nearZero: boolean,
): SustainedShift {
  const l = segmentStats(xs, from, at)
  const r = segmentStats(xs, at, to)
  const shrink = (1 - rho) / (1 + rho)
  const n1 = Math.max(1, l.n * shrink)
  const n2 = Math.max(1, r.n * shrink)
  const df = Math.max(1, n1 + n2 - 2)
  const pooled = (l.ss + r.ss) / Math.max(1, l.n + r.n - 2)
  const t = (r.mean - l.mean) / Math.sqrt(pooled * (1 / n1 + 1 / n2))
  // 0/0 (two constant, equal segments) is no evidence; c/0 (two different constants) is certain.
  const p = l.n + r.n > 2 ? (Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df)) : 1
  return {
    index: at,
    meanBefore: l.mean,
    meanAfter: r.mean,
    pValue: p,
    forwardChange: l.mean === 0 ? 0 : r.mean / l.mean - 1,
    magnitude: nearZero ? Infinity : relativeMagnitude(l.mean, r.mean),
  }
}

/**
 * Moves each change point to the least-squares optimum between its neighbours (within ±`radius`, keeping
 * `minSegment` points on each side); repeats until nothing moves (bounded).
 */
function refineLocations(xs: Float64Array, idx: number[], radius: number, minSegment: number): void {
  for (let pass = 0; pass < 10; pass++) {
    let moved = false
    for (let k = 0; k < idx.length; k++) {
      const a = k === 0 ? 0 : idx[k - 1]!
      const b = k + 1 < idx.length ? idx[k + 1]! : xs.length
      const lo = Math.max(a + minSegment, idx[k]! - radius)
      const hi = Math.min(b - minSegment, idx[k]! + radius)
      if (lo > hi) continue
      let total = 0
      for (let i = a; i < b; i++) total += xs[i]!
      let left = 0
      for (let i = a; i < lo; i++) left += xs[i]!
      let best = idx[k]!
      let bestScore = Number.NEGATIVE_INFINITY
      for (let t = lo; t <= hi; t++) {
        const n1 = t - a
        const n2 = b - t
        const d = left / n1 - (total - left) / n2
        // SSE of the two-segment fit = SST − d²·n1·n2/(n1+n2): maximising the second term minimises it.
        const score = (d * d * n1 * n2) / (n1 + n2)
        if (score > bestScore) {
          bestScore = score
          best = t
        }
        left += xs[t]!
      }
      if (best !== idx[k]) {
        idx[k] = best
        moved = true
      }
    }
    if (!moved) return
  }
}

/**
 * Sustained level shifts of a series (null = missing observation, filled forward like Otava does), oldest
 * first. Deterministic.
 */
export function detectSustainedShifts(
  values: readonly (number | null)[],
  options: SustainedShiftOptions,
): SustainedShift[] {
  const filled = fillMissing(values)
  if (filled.length === 0 || filled[0] === null) return []
  const xs = Float64Array.from(filled as number[])
  const minSegment = options.minSegment ?? 3
  let rho = (options.correctAutocorrelation ?? true) ? robustLag1Autocorrelation(xs) : 0
  const nearZero = hoversAroundZero(xs)
  const p = options.maxPValue
  const firstPass = p < 0.05 ? p * 10 : p < 0.5 ? p * 2 : p

  const stats = (list: readonly number[]): SustainedShift[] =>
    list.map((at, k) =>
      testAt(
        xs,
        k === 0 ? 0 : list[k - 1]!,
        at,
        k + 1 < list.length ? list[k + 1]! : xs.length,
        rho,
        nearZero,
      ),
    )
  /** Drops the weakest failing point (largest p, else smallest magnitude) until all pass; re-tests all. */
  const prune = (list: number[]): SustainedShift[] => {
    for (;;) {
      const current = stats(list)
      let worst = -1
      for (let k = 0; k < current.length; k++)
        if (current[k]!.pValue > p && (worst < 0 || current[k]!.pValue > current[worst]!.pValue)) worst = k
      if (worst < 0)
        for (let k = 0; k < current.length; k++) {
          const m = current[k]!.magnitude
          if (m < options.minMagnitude && (worst < 0 || m < current[worst]!.magnitude)) worst = k
        }
      if (worst < 0) return current
      list.splice(worst, 1)
    }
  }

  let idx = splitStep(xs, options.windowLen, firstPass).map((c) => c.index)
  if (options.correctAutocorrelation ?? true) rho = Math.max(rho, residualLag1Autocorrelation(xs, idx))
  prune(idx)

  // Transients: a short regime between two change points that comes back is a spike.
  for (let changed = true; changed;) {
    changed = false
    for (let k = 0; k + 1 < idx.length; k++) {
      const a = idx[k]!
      const b = idx[k + 1]!
      if (b - a >= minSegment) continue
      const before = segmentStats(xs, k === 0 ? 0 : idx[k - 1]!, a).mean
      const after = segmentStats(xs, b, k + 2 < idx.length ? idx[k + 2]! : xs.length).mean
      const inside = segmentStats(xs, a, b).mean
      if (Math.abs(after - before) < Math.abs(inside - before) / 2) {
        idx = [...idx.slice(0, k), ...idx.slice(k + 2)]
        changed = true
        break
      }
    }
  }
  // A regime shorter than minSegment at either end cannot be confirmed yet.
  idx = idx.filter((i) => i >= minSegment && xs.length - i >= minSegment)
  refineLocations(xs, idx, Math.max(1, Math.floor(options.windowLen / 2)), minSegment)
  idx = [...new Set(idx)].sort((a, b) => a - b)
  return prune(idx)
}
