/**
 * The TCPDBench evaluation metrics (van den Burg & Williams, arXiv:2003.06222; TCPDBench
 * `analysis/scripts/metrics.py`): F1 with a margin over several annotators, and segmentation cover.
 * Re-implemented from the definitions; unit-tested against the doctest vectors of that file.
 * All change-point indices are 0-based positions where a new regime starts; 0 is always added.
 */

/** Default TCPDBench margin: a prediction within 5 points of an annotation counts. */
export const TCPD_MARGIN = 5

/**
 * True positives: for each annotated τ (ascending), the nearest unused prediction within the margin
 * (the smaller index on a tie) is consumed and τ counts once.
 */
export function truePositives(
  annotated: Iterable<number>,
  predicted: Iterable<number>,
  margin = TCPD_MARGIN,
): number[] {
  const remaining = new Set(predicted)
  const tp: number[] = []
  for (const tau of [...new Set(annotated)].sort((a, b) => a - b)) {
    let best: number | undefined
    let bestDist = Infinity
    for (const x of remaining) {
      const dist = Math.abs(tau - x)
      if (dist <= margin && (dist < bestDist || (dist === bestDist && x < (best ?? Infinity)))) {
        best = x
        bestDist = dist
      }
    }
    if (best === undefined) continue
    tp.push(tau)
    remaining.delete(best)
  }
  return tp
}

/** Precision, recall and F1 (α = 0.5) of `predictions` against every annotator at once. */
export function fMeasure(
  annotations: Readonly<Record<string, readonly number[]>>,
  predictions: readonly number[],
  margin = TCPD_MARGIN,
): { precision: number; recall: number; f1: number } {
  const sets = Object.values(annotations).map((cps) => new Set([0, ...cps]))
  const x = new Set([0, ...predictions])
  const union = new Set<number>()
  for (const s of sets) for (const c of s) union.add(c)
  const precision = truePositives(union, x, margin).length / x.size
  let recallSum = 0
  for (const s of sets) recallSum += truePositives(s, x, margin).length / s.size
  const recall = sets.length === 0 ? 0 : recallSum / sets.length
  const denom = 0.5 * recall + 0.5 * precision
  return { precision, recall, f1: denom === 0 ? 0 : (precision * recall) / denom }
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function overlapJaccard(a: Iterable<number>, b: Iterable<number>): number {
  const sa = new Set(a)
  const sb = new Set(b)
  let inter = 0
  for (const v of sa) if (sb.has(v)) inter++
  const union = sa.size + sb.size - inter
  return union === 0 ? 0 : inter / union
}

/** The partition of {0 … nObs−1} that the change points induce (0 and duplicates change nothing). */
export function partitionFromCps(locations: readonly number[], nObs: number): number[][] {
  const cps = new Set(locations)
  const parts: number[][] = []
  let current: number[] = []
  for (let i = 0; i < nObs; i++) {
    if (cps.has(i) && current.length > 0) {
      parts.push(current)
      current = []
    }
    current.push(i)
  }
  parts.push(current)
  return parts
}

/** Cover of partition `truth` by partition `predicted`: Σ |A|·max Jaccard(A, A′) / Σ |A|. */
export function coverSingle(
  predicted: readonly (readonly number[])[],
  truth: readonly (readonly number[])[],
): number {
  let total = 0
  let acc = 0
  const predSets = predicted.map((p) => new Set(p))
  for (const a of truth) {
    total += a.length
    let best = 0
    for (const p of predSets) best = Math.max(best, overlapJaccard(a, p))
    acc += a.length * best
  }
  return total === 0 ? 0 : acc / total
}

/** Mean cover of every annotator's partition by the predicted partition. */
export function covering(
  annotations: Readonly<Record<string, readonly number[]>>,
  predictions: readonly number[],
  nObs: number,
): number {
  const predicted = partitionFromCps(predictions, nObs)
  const list = Object.values(annotations)
  if (list.length === 0) return 0
  let sum = 0
  for (const cps of list) sum += coverSingle(predicted, partitionFromCps(cps, nObs))
  return sum / list.length
}
