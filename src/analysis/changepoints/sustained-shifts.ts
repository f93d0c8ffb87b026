/**
 * Gauntlet's change-point pass: Otava's E-divisive + t test (see `e-divisive.ts`), then two filters that CI
 * series need and Otava does not have.
 *
 * 1. Serial-correlation correction. The t test assumes independent points; CI series drift (runner image
 *    updates, cache warm-up, slow creep), and on a drifting series every split looks significant. Each change
 *    point is re-tested with the segment residuals' lag-1 autocorrelation ρ shrinking both sample sizes to
 *    n·(1−ρ)/(1+ρ) (the AR(1) effective sample size); points no longer significant are dropped one at a time,
 *    weakest first, re-testing neighbours after each drop (the same shape as Otava's merge step).
 * 2. Transients. A regime shorter than `minSegment` points that returns to roughly where it came from is a
 *    spike, not a sustained shift: both of its boundaries are dropped.
 */
import { studentTTwoSidedP } from '../stats/distributions.js'
import { detectChangePoints, fillMissing, type ChangePointOptions } from './e-divisive.js'

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
  readonly magnitude: number
}

function segmentStats(
  xs: Float64Array,
  from: number,
  to: number,
): { mean: number; ss: number; lag: number; n: number } {
  let sum = 0
  for (let i = from; i < to; i++) sum += xs[i]!
  const n = to - from
  const mean = sum / n
  let ss = 0
  let lag = 0
  for (let i = from; i < to; i++) {
    const r = xs[i]! - mean
    ss += r * r
    if (i + 1 < to) lag += r * (xs[i + 1]! - mean)
  }
  return { mean, ss, lag, n }
}

function testAt(xs: Float64Array, from: number, at: number, to: number, correct: boolean): SustainedShift {
  const l = segmentStats(xs, from, at)
  const r = segmentStats(xs, at, to)
  const ss = l.ss + r.ss
  const rawRho = correct && ss > 0 ? (l.lag + r.lag) / ss : 0
  // Only an autocorrelation beyond what white noise shows (≈ 2/√n) shrinks the sample sizes.
  const rho = rawRho > 2 / Math.sqrt(l.n + r.n) ? Math.min(0.95, rawRho) : 0
  const shrink = (1 - rho) / (1 + rho)
  const n1 = Math.max(1, l.n * shrink)
  const n2 = Math.max(1, r.n * shrink)
  const df = Math.max(1, n1 + n2 - 2)
  const pooled = ss / Math.max(1, l.n + r.n - 2)
  const t = (r.mean - l.mean) / Math.sqrt(pooled * (1 / n1 + 1 / n2))
  const p = l.n + r.n > 2 ? (Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df)) : 1
  const forward = l.mean === 0 ? 0 : r.mean / l.mean - 1
  const backward = r.mean === 0 ? 0 : l.mean / r.mean - 1
  return {
    index: at,
    meanBefore: l.mean,
    meanAfter: r.mean,
    pValue: p,
    forwardChange: forward,
    magnitude: Math.max(Math.abs(forward), Math.abs(backward)),
  }
}

/**
 * Sustained level shifts of a series (null = missing observation), oldest first. Deterministic.
 */
export function detectSustainedShifts(
  values: readonly (number | null)[],
  options: SustainedShiftOptions,
): SustainedShift[] {
  const filled = fillMissing(values)
  if (filled.length === 0 || filled[0] === null) return []
  const xs = Float64Array.from(filled as number[])
  const minSegment = options.minSegment ?? 3
  const correct = options.correctAutocorrelation ?? true
  let idx = detectChangePoints(filled, options).map((c) => c.index)

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

  const stats = (list: number[]): SustainedShift[] =>
    list.map((at, k) =>
      testAt(xs, k === 0 ? 0 : list[k - 1]!, at, k + 1 < list.length ? list[k + 1]! : xs.length, correct),
    )
  let current = stats(idx)
  for (;;) {
    let worst = -1
    for (let k = 0; k < current.length; k++) {
      const c = current[k]!
      const bad = c.pValue > options.maxPValue || c.magnitude < options.minMagnitude
      if (bad && (worst < 0 || c.pValue > current[worst]!.pValue)) worst = k
    }
    if (worst < 0) return current
    idx.splice(worst, 1)
    current = stats(idx)
  }
}
