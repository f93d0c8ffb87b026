/**
 * Every external name the history step uses, spelled once: artifact names, file names inside artifacts,
 * trusted events, and the bounds that keep hostile input from exhausting the runner.
 */
import { DEFAULT_RETENTION_DAYS } from '../config/action-contract.js'

export { DEFAULT_RETENTION_DAYS }

/** Artifact holding one run's own record (uploaded by every run, fork PRs included). */
export const RUN_ARTIFACT_NAME = 'gauntlet-run'
/** Artifact holding the rolling snapshot (uploaded by trusted runs only). */
export const SNAPSHOT_ARTIFACT_NAME = 'gauntlet-history'
/** Prefix of a shard's partial record in `mode: collect`; the shard name follows. */
export const SHARD_ARTIFACT_PREFIX = 'gauntlet-shard-'

/** File inside a `gauntlet-run` or shard artifact: the gzipped JSON run record. */
export const RECORD_FILE_NAME = 'record.json.gz'
/** File inside a `gauntlet-history` artifact: the gzipped columnar snapshot. */
export const SNAPSHOT_FILE_NAME = 'history.gsnap.gz'

/** Events whose runs may form the baseline (a same-repository push, a cron, or a manual dispatch). */
export const DEFAULT_TRUSTED_EVENTS = ['push', 'schedule', 'workflow_dispatch'] as const

/** Downloads of newer run records per load; the snapshot keeps this number small in steady state. */
export const DEFAULT_MAX_RECORD_DOWNLOADS = 50
/** Downloads in flight at once: small, because every `/zip` redirect counts against the REST quota. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 4
/** Records of the current pull request fetched for its own trend. */
export const DEFAULT_MAX_PR_DOWNLOADS = 20
/**
 * Shard records downloaded per report: GitHub's own limit of jobs a matrix may generate, so a real matrix always
 * fits while a hostile run that uploads thousands of shard artifacts cannot make the privileged report job
 * download them all.
 */
export const MAX_SHARD_DOWNLOADS = 256
/** A run record artifact bigger than this (zip bytes, as listed) is not downloaded. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024
/** A snapshot artifact bigger than this (zip bytes, as listed) is not downloaded. */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024
/** Decompressed size limits: a gzip bomb stops here with a clear error. */
export const MAX_RECORD_JSON_BYTES = 128 * 1024 * 1024
export const MAX_SNAPSHOT_RAW_BYTES = 1024 * 1024 * 1024
/** Pages of 100 artifacts walked per name; 100 pages is 10,000 artifacts, far beyond 90 days of runs. */
export const MAX_LIST_PAGES = 100
