import { MAX_SHARD_DOWNLOADS, SHARD_ARTIFACT_PREFIX } from './constants.js'
import { HistoryUsageError } from './errors.js'

const SHARD_NAME_RE = /^[A-Za-z0-9._-]{1,100}$/

/** What a shard name may contain, in words, for error messages. */
export const SHARD_NAME_RULE = "1-100 letters, digits, '.', '_' or '-' (not '.' or '..')"

/** Whether `shard` is an allowed shard name (a valid artifact name and a safe file name). */
export function isShardName(shard: string): boolean {
  return SHARD_NAME_RE.test(shard) && shard !== '.' && shard !== '..'
}

/**
 * Artifact name of a shard's record. Shard names are restricted to letters, digits, `.`, `_` and `-` so that
 * they are valid artifact names and safe file names.
 * @throws HistoryUsageError for any other name
 */
export function shardArtifactName(shard: string): string {
  if (!isShardName(shard)) {
    throw new HistoryUsageError(`shard name ${JSON.stringify(shard)} is not allowed: use ${SHARD_NAME_RULE}`)
  }
  return `${SHARD_ARTIFACT_PREFIX}${shard}`
}

/** The shard name of a shard artifact name, or null when the name is not a shard artifact's. */
export function shardFromArtifactName(name: string): string | null {
  if (!name.startsWith(SHARD_ARTIFACT_PREFIX)) return null
  const shard = name.slice(SHARD_ARTIFACT_PREFIX.length)
  return isShardName(shard) ? shard : null
}

/**
 * Which shard records a report downloads: only the `expected` shards when the report names them (anything else
 * in the run is ignored), at most `max` in name order. The warnings say what was left and why.
 */
export function selectShards<T extends { readonly shard: string }>(
  found: readonly T[],
  expected: readonly string[],
  max: number = MAX_SHARD_DOWNLOADS,
): { readonly selected: T[]; readonly warnings: string[] } {
  const warnings: string[] = []
  const sorted = [...found].sort((a, b) => a.shard.localeCompare(b.shard))
  let candidates = sorted
  if (expected.length > 0) {
    const wanted = new Set(expected)
    candidates = sorted.filter((x) => wanted.has(x.shard))
    const ignored = sorted.filter((x) => !wanted.has(x.shard)).map((x) => x.shard)
    if (ignored.length > 0) {
      warnings.push(
        `${ignored.length} shard record(s) not listed in shards: were ignored (${preview(ignored)}); add them to the report's shards: input to merge them`,
      )
    }
  }
  if (candidates.length > max) {
    warnings.push(
      `${candidates.length} shard records found; only the first ${max} by name were downloaded (skipped ${preview(candidates.slice(max).map((x) => x.shard))})`,
    )
    candidates = candidates.slice(0, max)
  }
  return { selected: candidates, warnings }
}

function preview(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ')
  return names.length > 5 ? `${shown}, and ${names.length - 5} more` : shown
}
