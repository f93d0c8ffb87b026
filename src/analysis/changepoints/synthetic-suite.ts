/**
 * A seeded synthetic validation suite for the change-point pass, independent of the TCPD series: families of
 * series whose true change points are known by construction, so that false splits (a change point where the
 * mean has no step) and missed shifts can be counted per family. It exists so that robustness on trends,
 * random walks and serially correlated noise is measured on data we did not tune on.
 *
 * Families (level 100 unless noted; σ is the noise standard deviation):
 * - white noise (control), AR(1) noise with ρ 0.5 and 0.9 (marginal σ 3);
 * - linear trend + white noise σ 3, the trend's total drift over the series 2, 5, 10 and 20 σ;
 * - random walk (increments σ 1.5);
 * - trend (drift 5 σ) with one real level shift of +4 σ in the middle;
 * - a staircase of 7 steps (8–15 %) with 2 % noise and 3 % of points dropping to 70 % (spikes);
 * - CI-like log-normal noise (σ 5 %) with a +15 % step in the middle, and one 10 points before the end.
 * - a random walk whose drift turns in the middle (0 → ±1 increment σ per point): a change of slope, which
 *   only the increments pass of `detectSustainedShifts` can see; a random walk that jumps by 10 increment σ
 *   in the middle; a random walk with heavy-tailed (Student t, 3 df) increments, whose large single steps
 *   are not changes.
 * Each family is drawn at 60 and 200 points (the staircase has its own length, 280), `count` series each.
 * A detected change point matches a true one within `margin` points (one-to-one, nearest first); every
 * unmatched detection is a false split.
 */
import { mulberry32 } from '../evaluation/aa-simulation.js'

/** A family of synthetic series with known change points. */
export interface SyntheticFamily {
  readonly name: string
  readonly length: number
  /** Whether the mean has no steps at all (only the false-split rate is meaningful). */
  readonly isNull: boolean
  /** Draws one series and its true change points (0-based first index of each new regime). */
  readonly draw: (rand: () => number) => { values: number[]; changes: number[] }
}

/** Outcome of one family. */
export interface SyntheticFamilyScore {
  readonly name: string
  readonly length: number
  readonly isNull: boolean
  readonly series: number
  /** Share of series with at least one false split. */
  readonly falseSplitRate: number
  /** False splits per series. */
  readonly falsePerSeries: number
  /** Share of the true change points found within the margin (NaN for null families). */
  readonly detectionRate: number
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
}

const SIGMA = 3
const LEVEL = 100

function white(n: number, rand: () => number): number[] {
  return Array.from({ length: n }, () => LEVEL + SIGMA * gaussian(rand))
}

function ar1(n: number, rho: number, rand: () => number): number[] {
  const innov = SIGMA * Math.sqrt(1 - rho * rho)
  let e = SIGMA * gaussian(rand)
  return Array.from({ length: n }, (_, i) => {
    if (i > 0) e = rho * e + innov * gaussian(rand)
    return LEVEL + e
  })
}

/** A walk from LEVEL: point i is the previous one plus `step(i)` (point 0 already takes one step). */
function walk(n: number, step: (i: number) => number): number[] {
  let x = LEVEL
  return Array.from({ length: n }, (_, i) => (x += step(i)))
}

function trend(n: number, driftSds: number, rand: () => number): number[] {
  const slope = (driftSds * SIGMA) / n
  // The sign is drawn so both directions are covered.
  const dir = rand() < 0.5 ? -1 : 1
  return Array.from({ length: n }, (_, i) => LEVEL + dir * slope * i + SIGMA * gaussian(rand))
}

function families(length: number): SyntheticFamily[] {
  const n = length
  const none = (values: number[]) => ({ values, changes: [] as number[] })
  const out: SyntheticFamily[] = [
    { name: 'white noise', length: n, isNull: true, draw: (r) => none(white(n, r)) },
    { name: 'AR(1) ρ 0.5', length: n, isNull: true, draw: (r) => none(ar1(n, 0.5, r)) },
    { name: 'AR(1) ρ 0.9', length: n, isNull: true, draw: (r) => none(ar1(n, 0.9, r)) },
  ]
  for (const drift of [2, 5, 10, 20])
    out.push({
      name: `trend, drift ${drift} σ`,
      length: n,
      isNull: true,
      draw: (r) => none(trend(n, drift, r)),
    })
  out.push(
    {
      name: 'random walk',
      length: n,
      isNull: true,
      draw: (r) => none(walk(n, () => 1.5 * gaussian(r))),
    },
    {
      name: 'trend 5 σ + shift 4 σ',
      length: n,
      isNull: false,
      draw: (r) => {
        const at = n >> 1
        return { values: trend(n, 5, r).map((v, i) => v + (i >= at ? 4 * SIGMA : 0)), changes: [at] }
      },
    },
    {
      name: 'log-normal, +15 % mid',
      length: n,
      isNull: false,
      draw: (r) => {
        const at = n >> 1
        return {
          values: Array.from(
            { length: n },
            (_, i) => LEVEL * (i >= at ? 1.15 : 1) * Math.exp(0.05 * gaussian(r)),
          ),
          changes: [at],
        }
      },
    },
    {
      name: 'log-normal, +15 % 10 before end',
      length: n,
      isNull: false,
      draw: (r) => {
        const at = n - 10
        return {
          values: Array.from(
            { length: n },
            (_, i) => LEVEL * (i >= at ? 1.15 : 1) * Math.exp(0.05 * gaussian(r)),
          ),
          changes: [at],
        }
      },
    },
  )
  return out
}

const STAIRCASE_LEVELS = [100, 112, 104, 118, 108, 121, 110, 125]
const STAIR = 35

/** A random walk (increments σ 1.5) whose drift turns from 0 to ±1.5 per point in the middle. */
function turningWalk(n: number): SyntheticFamily {
  return {
    name: 'random walk, drift turns',
    length: n,
    isNull: false,
    draw: (r) => {
      const at = n >> 1
      const drift = r() < 0.5 ? -1.5 : 1.5
      // Point i follows the new slope from i = at on: x[at] − x[at − 1] is the first drifting increment.
      return { values: walk(n, (i) => (i >= at ? drift : 0) + 1.5 * gaussian(r)), changes: [at] }
    },
  }
}

/** Student-t draw with 3 degrees of freedom, scaled to unit variance (a heavy tail, as in daily prices). */
function t3(rand: () => number): number {
  const z = gaussian(rand)
  const chi2 = gaussian(rand) ** 2 + gaussian(rand) ** 2 + gaussian(rand) ** 2
  return z / Math.sqrt(chi2 / 3) / Math.sqrt(3)
}

/** A random walk with heavy-tailed increments (Student t, 3 df, σ 1.5): no change, but large single steps. */
function heavyWalk(n: number): SyntheticFamily {
  return {
    name: 'random walk, heavy tails',
    length: n,
    isNull: true,
    draw: (r) => ({ values: walk(n, () => 1.5 * t3(r)), changes: [] }),
  }
}

/** A random walk (increments σ 1.5) that jumps by ±10 increment σ in the middle. */
function jumpingWalk(n: number): SyntheticFamily {
  return {
    name: 'random walk + jump 10 σ',
    length: n,
    isNull: false,
    draw: (r) => {
      const at = n >> 1
      const jump = (r() < 0.5 ? -10 : 10) * 1.5
      return { values: walk(n, (i) => (i === at ? jump : 0) + 1.5 * gaussian(r)), changes: [at] }
    },
  }
}

/**
 * The suite's families: each at 60 and 200 points, the staircase with spikes (280 points), then the turning
 * random walk, the jumping walk and the heavy-tailed walk at 60 and 200 (last, so the earlier families keep
 * their seeds).
 */
export function syntheticFamilies(): SyntheticFamily[] {
  return [
    ...families(60),
    ...families(200),
    {
      name: 'staircase with spikes',
      length: STAIRCASE_LEVELS.length * STAIR,
      isNull: false,
      draw: (r) => ({
        values: STAIRCASE_LEVELS.flatMap((l) =>
          Array.from({ length: STAIR }, () => l * (1 + 0.02 * gaussian(r)) * (r() < 0.03 ? 0.7 : 1)),
        ),
        changes: STAIRCASE_LEVELS.slice(1).map((_, k) => STAIR * (k + 1)),
      }),
    },
    turningWalk(60),
    turningWalk(200),
    jumpingWalk(60),
    jumpingWalk(200),
    heavyWalk(60),
    heavyWalk(200),
  ]
}

/** True changes matched by detections within `margin` (one-to-one, each true change takes the nearest free one). */
export function matchChanges(
  truth: readonly number[],
  detected: readonly number[],
  margin: number,
): { matched: number; falseSplits: number } {
  const used = new Set<number>()
  let matched = 0
  for (const t of truth) {
    let best = -1
    for (let k = 0; k < detected.length; k++) {
      if (used.has(k) || Math.abs(detected[k]! - t) > margin) continue
      if (best < 0 || Math.abs(detected[k]! - t) < Math.abs(detected[best]! - t)) best = k
    }
    if (best >= 0) {
      used.add(best)
      matched++
    }
  }
  return { matched, falseSplits: detected.length - used.size }
}

/**
 * Runs `detect` over `count` seeded series of every family (seed fixed per family, so the series do not
 * depend on which families run) and scores it.
 */
export function runSyntheticSuite(
  detect: (values: readonly number[]) => readonly number[],
  count = 100,
  seed = 2024,
  margin = 5,
): SyntheticFamilyScore[] {
  return syntheticFamilies().map((f, fi) => {
    const rand = mulberry32(seed + 7919 * fi)
    let withFalse = 0
    let falseTotal = 0
    let truthTotal = 0
    let matchedTotal = 0
    for (let s = 0; s < count; s++) {
      const { values, changes } = f.draw(rand)
      const m = matchChanges(changes, detect(values), margin)
      if (m.falseSplits > 0) withFalse++
      falseTotal += m.falseSplits
      truthTotal += changes.length
      matchedTotal += m.matched
    }
    return {
      name: f.name,
      length: f.length,
      isNull: f.isNull,
      series: count,
      falseSplitRate: withFalse / count,
      falsePerSeries: falseTotal / count,
      detectionRate: truthTotal > 0 ? matchedTotal / truthTotal : Number.NaN,
    }
  })
}
