import { SHARD_ARTIFACT_PREFIX } from './constants.js'
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
