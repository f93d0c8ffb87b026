/**
 * Typed errors of the history step. Each message names the artifact or file it concerns and says what happens
 * next, because these become warnings that a maintainer reads in the job log.
 */

/** Why a stored record or snapshot was not used. */
export type SkipReason =
  'corrupt' | 'truncated' | 'oversized' | 'future-schema' | 'invalid' | 'foreign' | 'expired'

/** A record or snapshot that cannot be used; the loader skips it with a warning and carries on. */
export class HistoryArtifactError extends Error {
  override readonly name = 'HistoryArtifactError'
  constructor(
    /** Human name of the source, e.g. `artifact gauntlet-run #42 (run 1234)` or a file path. */
    readonly source: string,
    readonly reason: SkipReason,
    detail: string,
  ) {
    super(`${source}: skipped (${reason}): ${detail}`)
  }
}

/** A record written by a newer Gauntlet; upgrading the action on this branch lets it be read. */
export class FutureSchemaError extends HistoryArtifactError {
  constructor(source: string, found: number, supported: number) {
    super(
      source,
      'future-schema',
      `record schema ${found} is newer than this Gauntlet understands (${supported}); upgrade Gauntlet to read it`,
    )
  }
}

/** Saving history failed in a way that must not fail the run (quota, name conflict, network). */
export class HistorySaveError extends Error {
  override readonly name = 'HistorySaveError'
  constructor(
    readonly artifactName: string,
    readonly kind: 'conflict' | 'quota' | 'other',
    detail: string,
  ) {
    super(`history not saved: artifact ${artifactName}: ${detail}`)
  }
}

/** A bad command-line use of `gauntlet history`; the message says the accepted form. */
export class HistoryUsageError extends Error {
  override readonly name = 'HistoryUsageError'
}
