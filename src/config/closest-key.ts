// Hand-written edit distance: the only library with one in node_modules (fast-levenshtein) arrives transitively
// through eslint, so the bundled action cannot rely on it, and keys are short enough that the textbook O(n·m)
// algorithm costs nothing.

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two adjacent characters
 * (the most common typo, `levle` for `level`) each count 1. Case-sensitive.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1)
      cur[j] = d
    }
    before = prev
    prev = cur
  }
  return prev[b.length] ?? 0
}

// `workingDirectory`, `working_directory` and `Working-Directory` all mean `working-directory`.
function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '')
}

/**
 * The known key a mistyped `key` most likely meant, or `undefined` when none is close. Close means: equal after
 * ignoring case, dashes and underscores, or within one edit per three characters (at least one, at most three).
 * Ties go to the earlier key in `known`, which follows schema order.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const target = normalise(key)
  if (target === '') return undefined
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)))
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(target, normalise(candidate))
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return bestDistance <= limit ? best : undefined
}
