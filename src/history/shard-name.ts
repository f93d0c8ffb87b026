import { SHARD_ARTIFACT_PREFIX } from './constants.js'
import { HistoryUsageError } from './errors.js'

const SHARD_NAME_RE = /^[A-Za-z0-9._-]{1,100}$/

/**
 * Artifact name of a shard's record. Shard names are restricted to letters, digits, `.`, `_` and `-` so that
 * they are valid artifact names and safe file names.
 * @throws HistoryUsageError for any other name
 */
export function shardArtifactName(shard: string): string {
  if (!SHARD_NAME_RE.test(shard) || shard === '.' || shard === '..') {
    throw new HistoryUsageError(
      `shard name ${JSON.stringify(shard)} is not allowed: use 1-100 letters, digits, '.', '_' or '-'`,
    )
  }
  return `${SHARD_ARTIFACT_PREFIX}${shard}`
}

/** The shard name of a shard artifact name, or null when the name is not a shard artifact's. */
export function shardFromArtifactName(name: string): string | null {
  if (!name.startsWith(SHARD_ARTIFACT_PREFIX)) return null
  const shard = name.slice(SHARD_ARTIFACT_PREFIX.length)
  return SHARD_NAME_RE.test(shard) && shard !== '.' && shard !== '..' ? shard : null
}
