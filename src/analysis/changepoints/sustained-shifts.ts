/**
 * Gauntlet's change-point pass: Otava's split step (E-divisive means in overlapping windows, see
 * `e-divisive.ts`) for candidate locations, then a merge step of our own with four corrections that CI
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
 *    (An earlier version took ρ from the residuals of
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
 * 4. A trend is not a shift. A linear trend plus noise is not a piecewise-constant mean, and E-divisive cuts
 *    it into steps, each of which passes a t test against a constant (85–100 % of trending series got false
 *    change points). "No shift" therefore has two forms, a constant and a line, and a shift must reject both
 *    (an intersection–union test, so the level stays `maxPValue`): besides the t test between the two
 *    segments, δ in y = α + β·t + δ·[t ≥ τ] + ε over the stretch between the neighbours must be significant,
 *    with an AR(1) correction from that model's own residuals and a robust noise scale (see
 *    {@link shiftOnTrend}). This runs in the final prune only, once the
 *    split step's over-segmentation has been thinned by the plain test: on a stretch a few points long the
 *    step and the line are nearly collinear, and testing there first dropped real steps of a staircase and
 *    cascaded. The minimum-magnitude rule also waits for the final prune, and there the magnitude is that of
 *    the better-fitting model with a shift (BIC between two flat segments and line + jump), so a trend in the
 *    opposite direction does not hide a real jump. The price is power: the jump and the line are collinear,
 *    so a shift in the middle of a stretch needs about twice the size to be seen (a short stretch, strong
 *    seasonality or high ρ lose real shifts). Measured by `synthetic-suite.ts` (`npm run eval` prints it).
 *    On TCPD it gains `gdp_argentina` and loses `centralia` (15 points), `run_log` (ρ̂ 0.95) and
 *    `seatbelts` (seasonal noise): mean F1 at the defaults 0.779 → 0.757; `trendNull: false` turns it off.
 *
 * Then: a regime shorter than `minSegment` points that returns to roughly where it came from is
 * a transient (its boundaries are replaced by one change point after it, which survives only if the levels
 * on either side differ — a spike can sit on a real step), regimes shorter than `minSegment` at either end
 * are not confirmed,
 * and every survivor must pass the corrected t tests at `maxPValue` and the minimum relative magnitude.
 * The magnitude rule is scale-aware: a relative change (percent) only means something when the level is far
 * from zero compared with the noise. For a series whose median lies within 3 robust standard deviations
 * (1.4826·MAD) of 0 — values that hover around or cross zero, such as residuals or temperatures — there is no
 * meaningful percentage, so the rule does not apply and significance alone decides. The robust statistics
 * keep a CI metric with one bad negative value on the relative rule. A change from a level of exactly 0 to
 * anything else counts as infinitely large.
 *
 * A series that wanders (a random walk, a smooth curve) is also searched for jumps and changes of slope in
 * its increments, which the level test cannot see there: {@link detectSustainedShifts}.
 *
 * Hand-written because no npm package offers E-divisive with these steps; the statistics come from
 * `../stats` (Student-t CDF).
 */
import { normalSf, studentTTwoSidedP } from '../stats/distributions.js'
import { MAD_SCALE } from '../stats/robust.js'
import { fillMissing, splitStep, type ChangePointOptions } from './e-divisive.js'

/** Options of {@link detectSustainedShifts}. */
export interface SustainedShiftOptions extends ChangePointOptions {
  /** Shortest regime that counts as sustained (default 3). */
  readonly minSegment?: number
  /** Apply the serial-correlation correction (default true). */
  readonly correctAutocorrelation?: boolean
  /**
   * Require every shift to be significant on top of a linear trend over the stretch between its
   * neighbours, not only against a constant (default true; see the file header, item 4).
   */
  readonly trendNull?: boolean
  /**
   * On a series that wanders like a random walk or a smooth curve (ρ̂ ≥ {@link WANDERING_RHO}), also look
   * at its increments for jumps and changes of slope (default true; see {@link detectSustainedShifts}).
   */
  readonly wandering?: boolean
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
  /**
   * Absent for a level shift. On a wandering series (see {@link detectSustainedShifts}): `jump` for a single
   * step far outside the usual increments (`meanBefore`/`meanAfter` are the values on either side, `pValue`
   * the step's two-sided Gaussian tail on the robust scale), `slope` when the increments' mean changed (the
   * drift per point; `meanBefore`/`meanAfter` are the mean increments per point).
   */
  readonly kind?: 'jump' | 'slope'
}

/** Largest ρ used: beyond it the effective sample size is ~0 anyway (a random walk or a smooth trend). */
const MAX_RHO = 0.95
/** Two standard deviations (≈ 3/√n each) of the robust ρ estimator on white noise, times √n. */
const WHITE_NOISE_SDS = 6
/**
 * ρ̂ from which a series counts as wandering (a random walk, or a smooth curve whose consecutive points are
 * nearly equal): the level test's effective sample size is then ≤ 14 % of the points, so it sees little,
 * and the increments are looked at as well. Below 0.95 (the cap, where a random walk's ρ̂ lands) because
 * the estimator is noisy: of 2,000 simulated 200-point Gaussian random walks 39 % come out under 0.9
 * and 23 % under 0.75 (the jump family of `synthetic-suite.ts` found 67 % of its jumps at 0.9, 84 % at 0.75;
 * the AR(1) families are unchanged).
 */
const WANDERING_RHO = 0.75
/**
 * Robust standard deviations beyond which one increment of a wandering series is a jump: 5 is about p 6·10⁻⁷
 * per step for Gaussian increments, ~10⁻³ over a 1,000-point series.
 */
const JUMP_SDS = 5
/** Share of increments beyond {@link JUMP_SDS} above which large steps are the series' normal way of moving. */
const MAX_JUMP_SHARE = 0.1

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

/** A level shift estimated on top of a line: y = α + β·t + δ·[t ≥ at] + ε over one stretch. */
interface ShiftOnTrend {
  /** Two-sided p-value of δ (AR(1)-corrected, robust scale). */
  readonly p: number
  /** Fitted level just before the shift, and the shift δ. */
  readonly levelBefore: number
  readonly delta: number
  /** Squared error of the three-parameter fit. */
  readonly sse: number
}

/**
 * A level shift at `at` on top of a linear trend over `xs[from, to)`: the t statistic of δ in
 * y = α + β·t + δ·[t ≥ at] + ε. Computed by partialling out (1, t): δ̂ = Σ ỹ·D / Σ D̃², Var δ̂ = s² / Σ D̃²,
 * where ỹ and D̃ are the residuals of y and of the step indicator D after a least-squares line.
 * - The noise scale s is robust (1.4826·MAD of the three-parameter fit's residuals, times √(n/(n−3)); the
 *   classical one only when the MAD is 0): the jump and the line are collinear, so δ̂ already has about
 *   twice the standard error of a plain step, and a few CI spikes inflating s² on top of that lost real
 *   steps of the staircase family in `synthetic-suite.ts`.
 * - Serial correlation: the AR(1) effective sample size n·(1−ρ)/(1+ρ) with ρ the lag-1 autocorrelation of
 *   those residuals (counted beyond 2/√n). The series-wide ρ of the constant-mean test is the wrong one
 *   here: its robust estimator assumes a piecewise-constant mean, which a trend inflates, and on white
 *   noise it exceeds its threshold by chance in a few % of short series — with the trend test's lower
 *   power that lost real shifts (one of the 40 shifted metrics of `bench/analysis.bench.ts`). A random
 *   walk's local wandering, on the other hand, shows up in these residuals (its false splits 21 % → 5 %).
 */
function shiftOnTrend(
  xs: Float64Array,
  from: number,
  at: number,
  to: number,
  correctAutocorrelation: boolean,
): ShiftOnTrend {
  const n = to - from
  const tMean = (n - 1) / 2
  const sct = (n * (n * n - 1)) / 12
  let sy = 0
  let sty = 0
  for (let i = from; i < to; i++) {
    sy += xs[i]!
    sty += (i - from - tMean) * xs[i]!
  }
  const a = sy / n
  const b = sty / sct
  let yOnStep = 0
  let cOnStep = 0
  for (let i = at; i < to; i++) {
    const c = i - from - tMean
    yOnStep += xs[i]! - a - b * c
    cOnStep += c
  }
  const n2 = to - at
  const dBar = n2 / n
  const gamma = cOnStep / sct
  const dd = n2 - n2 * dBar - cOnStep * gamma
  const cAt = at - from - tMean
  if (n < 5 || !(dd > 1e-9)) return { p: 1, levelBefore: a + b * cAt, delta: 0, sse: Infinity }
  const delta = yOnStep / dd
  const res = new Float64Array(n)
  let sse = 0
  let lag = 0
  let prev = 0
  for (let i = from; i < to; i++) {
    const c = i - from - tMean
    const r = xs[i]! - a - b * c - delta * ((i >= at ? 1 : 0) - dBar - gamma * c)
    res[i - from] = Math.abs(r)
    sse += r * r
    if (i > from) lag += r * prev
    prev = r
  }
  // Serial correlation of the noise around this model, not the series-wide ρ: the robust estimator assumes
  // a piecewise-constant mean, which a trend inflates, and a random walk's local wandering shows up here.
  const localRho = sse > 0 ? lag / sse : 0
  const rho = correctAutocorrelation && localRho > 2 / Math.sqrt(n) ? Math.min(MAX_RHO, localRho) : 0
  const shrink = (1 - rho) / (1 + rho)
  const mad = MAD_SCALE * median(res)
  // n/(n − 3): the residuals of a three-parameter fit are smaller than the noise by that much on average.
  const s2 = mad > 0 ? (mad * mad * n) / (n - 3) : sse / (n - 3)
  const t = delta / Math.sqrt(s2 / (dd * shrink))
  const df = Math.max(1, n * shrink - 3)
  return {
    p: Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df),
    levelBefore: a + b * cAt - delta * (dBar + gamma * cAt),
    delta,
    sse,
  }
}

function testAt(
  xs: Float64Array,
  from: number,
  at: number,
  to: number,
  rho: number,
  nearZero: boolean,
  againstTrend: boolean,
  correctAutocorrelation: boolean,
): SustainedShift & { readonly pAgainstConstant: number } {
  const l = segmentStats(xs, from, at)
  const r = segmentStats(xs, at, to)
  const shrink = (1 - rho) / (1 + rho)
  const n1 = Math.max(1, l.n * shrink)
  const n2 = Math.max(1, r.n * shrink)
  const df = Math.max(1, n1 + n2 - 2)
  const pooled = (l.ss + r.ss) / Math.max(1, l.n + r.n - 2)
  const t = (r.mean - l.mean) / Math.sqrt(pooled * (1 / n1 + 1 / n2))
  // 0/0 (two constant, equal segments) is no evidence; c/0 (two different constants) is certain.
  const pAgainstConstant = l.n + r.n > 2 ? (Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df)) : 1
  let p = pAgainstConstant
  let magnitude = nearZero ? Infinity : relativeMagnitude(l.mean, r.mean)
  if (againstTrend && p < 1) {
    // Intersection–union test: "no shift" is either a constant or a line, so the shift must reject both.
    const onTrend = shiftOnTrend(xs, from, at, to, correctAutocorrelation)
    p = Math.max(p, onTrend.p)
    // The size of the shift comes from the better model that has one (BIC: the line costs one parameter
    // more than two flat segments): on a trending stretch it is the jump on top of the line, not the
    // difference of two trending means, which a trend in the opposite direction can cancel.
    const n = to - from
    if (!nearZero && n * Math.log((l.ss + r.ss) / onTrend.sse) > Math.log(n))
      magnitude = relativeMagnitude(onTrend.levelBefore, onTrend.levelBefore + onTrend.delta)
  }
  return {
    index: at,
    meanBefore: l.mean,
    meanAfter: r.mean,
    pValue: p,
    pAgainstConstant,
    forwardChange: l.mean === 0 ? 0 : r.mean / l.mean - 1,
    magnitude,
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
 * Sustained shifts of a series (null = missing observation, filled forward like Otava does), oldest first.
 * Deterministic.
 *
 * Level shifts first (the file header). A wandering series — ρ̂ ≥ {@link WANDERING_RHO}: a random walk, or a
 * smooth curve such as a counter, a binary size or a yearly economic series — leaves the level test almost
 * no power after the serial-correlation correction, rightly so: a random walk's excursions look like shifts
 * and are not. What can still be seen there is in its increments x[i+1] − x[i], which are close to white
 * noise (see {@link wanderingShifts}): a single step far outside their usual size (a jump, `kind: 'jump'`),
 * and a sustained change of their mean (the drift or slope changed, `kind: 'slope'`).
 */
export function detectSustainedShifts(
  values: readonly (number | null)[],
  options: SustainedShiftOptions,
): SustainedShift[] {
  const filled = fillMissing(values)
  if (filled.length === 0 || filled[0] === null) return []
  const xs = Float64Array.from(filled as number[])
  const correct = options.correctAutocorrelation ?? true
  const robustRho = correct ? robustLag1Autocorrelation(xs) : 0
  const levels = detectLevelShifts(xs, options, robustRho)
  if (!(options.wandering ?? true) || robustRho < WANDERING_RHO || xs.length < 8) return levels
  return wanderingShifts(xs, options, levels)
}

/**
 * Jumps and slope changes of a wandering series, added to its level shifts (a point within `minSegment` of
 * one already kept is the same change and is dropped; levels, then jumps, then slopes).
 *
 * - Jumps: increments more than {@link JUMP_SDS} robust standard deviations (1.4826·MAD) from their median;
 *   consecutive ones form one jump, reported at its first point. Measured on the robust scale so the jumps
 *   themselves do not hide each other. Not when over {@link MAX_JUMP_SHARE} of the increments are that
 *   large (then large steps are how the series moves, as in an account balance's deposits and withdrawals),
 *   not when the series comes back within `minSegment` points (a spike), not within `minSegment` points
 *   of either end (unconfirmed), and not below the minimum relative magnitude. The price, measured by
 *   `synthetic-suite.ts`: a random walk whose increments are heavy-tailed (Student t, 3 df) has single
 *   steps that large, and three quarters of 200-point ones get a false jump (a third of 60-point ones).
 *   Guarding against that (a jump must also be 2× the largest other step) halves it but gives back half of
 *   the gain on TCPD's held-out series, whose annotated changes are exactly such large steps (a crash, a
 *   strike); CI series that wander are mostly counters and sizes, where a large single step is a change.
 * - Slopes: the level pass itself on the increments, winsorised at the jump threshold first so a jump
 *   neither hides a slope change nor makes one. It sees nothing extra on a random walk (its increments are
 *   white noise: 2–6 % of series get a change point with or without this pass).
 */
function wanderingShifts(
  xs: Float64Array,
  options: SustainedShiftOptions,
  levels: readonly SustainedShift[],
): SustainedShift[] {
  const minSegment = options.minSegment ?? 3
  const n = xs.length
  const steps = new Float64Array(n - 1)
  for (let i = 0; i + 1 < n; i++) steps[i] = xs[i + 1]! - xs[i]!
  const center = median(steps)
  const scale = MAD_SCALE * median(steps.map((d) => Math.abs(d - center)))
  const limit = JUMP_SDS * scale
  const isJump = (i: number): boolean => scale > 0 && Math.abs(steps[i]! - center) > limit

  const kept: SustainedShift[] = [...levels]
  const keep = (shift: SustainedShift): void => {
    if (kept.every((k) => Math.abs(k.index - shift.index) >= minSegment)) kept.push(shift)
  }

  let jumps = 0
  for (let i = 0; i < steps.length; i++) if (isJump(i)) jumps++
  if (jumps > 0 && jumps <= MAX_JUMP_SHARE * steps.length) {
    const nearZero = hoversAroundZero(xs)
    for (let i = 0; i < steps.length; i++) {
      if (!isJump(i) || (i > 0 && isJump(i - 1))) continue
      let end = i + 1
      while (end < steps.length && isJump(end) && Math.sign(steps[end]!) === Math.sign(steps[i]!)) end++
      // Point i+1 is the first of the new level; point `end` the first after the jump's last step.
      const before = xs[i]!
      const after = xs[end]!
      if (i + 1 < minSegment || n - (i + 1) < minSegment) continue
      let spike = false
      for (let j = end; j < Math.min(n, end + minSegment); j++)
        if (Math.abs(xs[j]! - before) < Math.abs(after - before) / 2) spike = true
      if (spike) continue
      const magnitude = nearZero ? Infinity : relativeMagnitude(before, after)
      if (magnitude < options.minMagnitude) continue
      const z = Math.abs(steps[i]! - center) / scale
      keep({
        index: i + 1,
        meanBefore: before,
        meanAfter: after,
        pValue: 2 * normalSf(z),
        forwardChange: before === 0 ? 0 : after / before - 1,
        magnitude,
        kind: 'jump',
      })
    }
  }

  const clipped = scale > 0 ? steps.map((d) => Math.min(center + limit, Math.max(center - limit, d))) : steps
  const correct = options.correctAutocorrelation ?? true
  // Increment i is x[i+1] − x[i]: a new slope from increment j on means x[j+1] is its first point.
  for (const s of detectLevelShifts(clipped, options, correct ? robustLag1Autocorrelation(clipped) : 0))
    keep({ ...s, index: s.index + 1, kind: 'slope' })
  return kept.sort((a, b) => a.index - b.index)
}

/** Level shifts of a gap-free series whose robust ρ̂ is `robustRho` (0 with the correction off). */
function detectLevelShifts(
  xs: Float64Array,
  options: SustainedShiftOptions,
  robustRho: number,
): SustainedShift[] {
  const minSegment = options.minSegment ?? 3
  const correct = options.correctAutocorrelation ?? true
  let rho = robustRho
  const nearZero = hoversAroundZero(xs)
  const trendNull = options.trendNull ?? true
  const p = options.maxPValue
  const firstPass = p < 0.05 ? p * 10 : p < 0.5 ? p * 2 : p

  type Tested = ReturnType<typeof testAt>
  // A drop changes the stretches of its two neighbours only; the other tests are reused.
  const cache = new Map<string, Tested>()
  const stats = (list: readonly number[], againstTrend: boolean): Tested[] =>
    list.map((at, k) => {
      const from = k === 0 ? 0 : list[k - 1]!
      const to = k + 1 < list.length ? list[k + 1]! : xs.length
      const key = `${from},${at},${to},${againstTrend}`
      let r = cache.get(key)
      if (r === undefined) {
        r = testAt(xs, from, at, to, rho, nearZero, againstTrend, correct)
        cache.set(key, r)
      }
      return r
    })
  /**
   * Drops the weakest failing point until all pass, re-testing the neighbours after each drop. Among points
   * that fail a test, the one with the weakest evidence against a constant goes first (with the trend null
   * off that is the largest p): a real shift can fail the trend test only because a spurious neighbour
   * shortens its stretch, and dropping it first would leave two stretches with no shift and cascade. Then,
   * in the final prune only, the smallest magnitude below the minimum.
   */
  const prune = (list: number[], final: boolean): SustainedShift[] => {
    for (;;) {
      const current = stats(list, final && trendNull)
      let worst = -1
      for (let k = 0; k < current.length; k++)
        if (
          current[k]!.pValue > p &&
          (worst < 0 || current[k]!.pAgainstConstant > current[worst]!.pAgainstConstant)
        )
          worst = k
      if (worst < 0 && final)
        for (let k = 0; k < current.length; k++) {
          const m = current[k]!.magnitude
          if (m < options.minMagnitude && (worst < 0 || m < current[worst]!.magnitude)) worst = k
        }
      if (worst < 0) return current.map(({ pAgainstConstant: _, ...shift }) => shift)
      list.splice(worst, 1)
    }
  }

  let idx = splitStep(xs, options.windowLen, firstPass).map((c) => c.index)
  if (correct) rho = Math.max(rho, residualLag1Autocorrelation(xs, idx))
  prune(idx, false)

  // Transients: a short regime between two change points that comes back is a spike. Its two boundaries
  // go; a spike can also sit right on a real step (the level after it differs from the one before), so
  // one change point stays after it and the final tests decide (without it, the step was lost and the
  // stretch around it, now holding an untested step, made its neighbours fail in turn).
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
        idx = [...idx.slice(0, k), b, ...idx.slice(k + 2)]
        changed = true
        break
      }
    }
  }
  // A regime shorter than minSegment at either end cannot be confirmed yet.
  idx = idx.filter((i) => i >= minSegment && xs.length - i >= minSegment)
  refineLocations(xs, idx, Math.max(1, Math.floor(options.windowLen / 2)), minSegment)
  idx = [...new Set(idx)].sort((a, b) => a - b)
  return prune(idx, true)
}
