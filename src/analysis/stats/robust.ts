/**
 * Robust location/spread of a baseline and the Theil–Sen slope. Median and quantiles come from
 * `simple-statistics`; the combination rules (σ floors, IQR guard against bimodal noise) are ours.
 */
import { quantileSorted, quickselect } from 'simple-statistics'

/** 1.4826 · MAD estimates σ for normal data. */
export const MAD_SCALE = 1.4826
/** IQR / 1.349 estimates σ for normal data. */
export const IQR_SCALE = 1 / 1.349

/** Robust summary of a baseline sample. */
export interface RobustSummary {
  readonly n: number
  readonly center: number
  /** Robust σ after floors. */
  readonly spread: number
  readonly mad: number
  readonly iqr: number
  readonly min: number
  readonly max: number
}

function sortedCopy(values: readonly number[]): number[] {
  return Float64Array.from(values).sort() as unknown as number[]
}

/** Median of a non-empty array (NaN for an empty one). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  return quantileSorted(sortedCopy(values), 0.5)
}

/**
 * Median, MAD and IQR of `values`, with σ = max(1.4826·MAD, IQR/1.349, floorRel·|median|, floorAbs).
 *
 * Why the IQR term: CI runners are often bimodal (two CPU models behind one label); when the minor mode
 * holds 25–50 % of the runs the MAD still only sees the major mode, and every minor-mode run would look like
 * a 10σ regression. The IQR spans both modes in exactly that case. Why the floors: a perfectly stable
 * history (MAD 0) must not turn a 0.1 % wobble into an infinite z.
 */
export function robustSummary(values: readonly number[], floorRel: number, floorAbs = 0): RobustSummary {
  const n = values.length
  if (n === 0) {
    return {
      n: 0,
      center: Number.NaN,
      spread: Number.NaN,
      mad: Number.NaN,
      iqr: Number.NaN,
      min: Number.NaN,
      max: Number.NaN,
    }
  }
  const sorted = sortedCopy(values)
  const center = quantileSorted(sorted, 0.5)
  const dev = new Float64Array(n)
  for (let i = 0; i < n; i++) dev[i] = Math.abs(sorted[i]! - center)
  dev.sort()
  const mad = quantileSorted(dev as unknown as number[], 0.5)
  const iqr = n >= 4 ? quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25) : 0
  const spread = Math.max(MAD_SCALE * mad, IQR_SCALE * iqr, floorRel * Math.abs(center), floorAbs)
  return { n, center, spread, mad, iqr, min: sorted[0]!, max: sorted[n - 1]! }
}

/**
 * Theil–Sen slope: the median of all pairwise slopes (x distinct). O(n²) pairs, fine for windows ≤ 64.
 * Returns NaN with fewer than two distinct x.
 */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length)
  // One preallocated typed array instead of pushing to a list and letting quantile() copy it: this runs for
  // every metric of a run (2,000 x ~465 slopes for the large project). Same selection as quantile(x, 0.5):
  // quickselect of the order statistic(s) the median needs (O(n) instead of sorting all O(n²) slopes), then
  // the same interpolation, so the result is identical.
  const slopes = new Float64Array(n > 1 ? (n * (n - 1)) / 2 : 0)
  let count = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j]! - xs[i]!
      if (dx !== 0) slopes[count++] = (ys[j]! - ys[i]!) / dx
    }
  }
  if (count === 0) return Number.NaN
  const used = slopes.subarray(0, count) as unknown as number[]
  const idx = (count - 1) * 0.5
  const lower = Math.floor(idx)
  quickselect(used, lower, 0, count - 1)
  if (idx !== lower) quickselect(used, lower + 1, lower + 1, count - 1)
  return quantileSorted(used, 0.5)
}
