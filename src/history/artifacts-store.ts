/**
 * The `artifacts` backend: history in GitHub Actions artifacts.
 *
 * Write: every run uploads its own record as `gauntlet-run`; a trusted run also uploads `gauntlet-history`,
 * the snapshot = the baseline it loaded + its own record, pruned by the records' own timestamps.
 * Read: the newest trusted snapshot, then every trusted `gauntlet-run` the snapshot does not hold (by
 * artifact id), newest first and bounded. Two runs at once lose nothing: a record one snapshot misses is
 * still its own artifact, and the next reader merges it.
 * Trust comes from the listing's `workflow_run`, never from an artifact's content (see `trust.ts`).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RepositoryRef } from '../github/env.js'
import type { GitHubClient } from '../github/octokit.js'
import { redactUrlQueries } from '../github/masking.js'
import type { Clock, RunRecord } from '../model/index.js'
import type { ListedArtifact } from './artifact-listing.js'
import { describeArtifact, isLive, listArtifactsNamed, newestFirst } from './artifact-listing.js'
import type { ArtifactTransport } from './artifact-transport.js'
import { mapBounded } from './bounded-parallel.js'
import {
  DEFAULT_DOWNLOAD_CONCURRENCY,
  DEFAULT_MAX_PR_DOWNLOADS,
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_RECORD_DOWNLOADS,
  DEFAULT_MAX_SNAPSHOT_BYTES,
  RECORD_FILE_NAME,
  RUN_ARTIFACT_NAME,
  SNAPSHOT_ARTIFACT_NAME,
  SNAPSHOT_FILE_NAME,
} from './constants.js'
import { HistoryArtifactError, HistorySaveError } from './errors.js'
import type { History, SnapshotWatermark, SourcedRecord } from './history.js'
import { assembleHistory, emptyHistory, nextSnapshotEntries } from './history.js'
import { retentionCutoff } from './merge.js'
import { decodeRecord, encodeRecord } from './record-codec.js'
import { selectShards, shardArtifactName, shardFromArtifactName } from './shard-name.js'
import type { PreparedSnapshot, Snapshot } from './snapshot-codec.js'
import { decodeSnapshot, encodeSnapshotAsync, prepareSnapshot } from './snapshot-codec.js'
import type { HistoryQuery, HistoryStore, SaveOptions, SaveResult, ShardRecords } from './store.js'
import { judgeProvenance, judgeRecord } from './trust.js'

/** Bounds and parallelism of the artifacts backend. */
export interface ArtifactsStoreLimits {
  readonly maxRecordDownloads: number
  readonly maxPullRequestDownloads: number
  readonly downloadConcurrency: number
  /** Listed (zip) size above which a record artifact is not downloaded. */
  readonly maxRecordBytes: number
  /** Listed (zip) size above which a snapshot artifact is not downloaded. */
  readonly maxSnapshotBytes: number
  /** Snapshots tried, newest first, when the newest cannot be read. */
  readonly snapshotAttempts: number
}

export const DEFAULT_ARTIFACTS_LIMITS: ArtifactsStoreLimits = {
  maxRecordDownloads: DEFAULT_MAX_RECORD_DOWNLOADS,
  maxPullRequestDownloads: DEFAULT_MAX_PR_DOWNLOADS,
  downloadConcurrency: DEFAULT_DOWNLOAD_CONCURRENCY,
  maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
  maxSnapshotBytes: DEFAULT_MAX_SNAPSHOT_BYTES,
  snapshotAttempts: 3,
}

export interface ArtifactsStoreOptions {
  readonly client: GitHubClient
  readonly transport: ArtifactTransport
  readonly repository: RepositoryRef
  /** `GITHUB_REPOSITORY_ID` when known: artifacts must have been uploaded in this repository. */
  readonly repositoryId: number | null
  /** Scratch folder for uploads and downloads (e.g. `RUNNER_TEMP`); subfolders are removed after use. */
  readonly workDirectory: string
  readonly clock: Clock
  readonly limits?: Partial<ArtifactsStoreLimits>
}

/** The artifacts backend. */
export interface ArtifactsHistoryStore extends HistoryStore {
  readonly kind: 'artifacts'
}

function message(err: unknown): string {
  if (err instanceof HistoryArtifactError || err instanceof HistorySaveError) return err.message
  return redactUrlQueries(err instanceof Error ? err.message : String(err))
}

/** Creates the artifacts backend. Nothing happens until a method is called. */
export function createArtifactsStore(options: ArtifactsStoreOptions): ArtifactsHistoryStore {
  const limits: ArtifactsStoreLimits = { ...DEFAULT_ARTIFACTS_LIMITS, ...options.limits }
  const { client, transport, repository, clock } = options

  async function scratch(prefix: string): Promise<string> {
    await mkdir(options.workDirectory, { recursive: true })
    return mkdtemp(join(options.workDirectory, `gauntlet-${prefix}-`))
  }

  /** Downloads an artifact and returns the bytes of `fileName` inside it, bounded. */
  async function fetchFile(
    a: ListedArtifact,
    fileName: string,
    maxBytes: number,
    runId?: number,
  ): Promise<Buffer> {
    const source = describeArtifact(a)
    if (a.sizeInBytes > maxBytes) {
      throw new HistoryArtifactError(
        source,
        'oversized',
        `${a.sizeInBytes} bytes is over the limit of ${maxBytes}`,
      )
    }
    const dir = await scratch('download')
    try {
      try {
        await transport.download(a.id, runId ?? a.provenance?.runId ?? 0, dir)
      } catch (err) {
        const text = message(err)
        const reason = /expired|\b410\b/i.test(text) ? 'expired' : 'corrupt'
        throw new HistoryArtifactError(source, reason, `download failed: ${text}`)
      }
      const path = join(dir, fileName)
      let size: number
      try {
        size = (await stat(path)).size
      } catch {
        const found = (await readdir(dir)).slice(0, 5).join(', ') || 'nothing'
        throw new HistoryArtifactError(source, 'corrupt', `has no ${fileName} (found ${found})`)
      }
      // Unzipped size is checked too: a tiny zip can inflate to anything.
      if (size > maxBytes * 4) {
        throw new HistoryArtifactError(source, 'oversized', `${fileName} unzips to ${size} bytes`)
      }
      return await readFile(path)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  async function upload(
    name: string,
    fileName: string,
    bytes: Buffer,
    retentionDays: number,
  ): Promise<number | null> {
    const dir = await scratch('upload')
    try {
      await writeFile(join(dir, fileName), bytes)
      return await transport.upload(name, [join(dir, fileName)], dir, retentionDays)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  async function listLive(
    name: string,
    warnings: string[],
    now: Date,
    retentionDays: number,
  ): Promise<ListedArtifact[]> {
    const { artifacts, truncated } = await listArtifactsNamed(client, repository, name)
    if (truncated)
      warnings.push(
        `artifacts named ${name}: listing stopped at the page limit; older ones were not considered`,
      )
    const cutoff = retentionCutoff(now, retentionDays)
    const live: ListedArtifact[] = []
    const expiredEarly: ListedArtifact[] = []
    for (const a of artifacts) {
      if (isLive(a, now)) live.push(a)
      // Old artifacts expiring is the normal course; one that expired inside the window deserves a word.
      else if (a.createdAt && Date.parse(a.createdAt) >= cutoff) expiredEarly.push(a)
    }
    for (const a of expiredEarly.slice(0, 5)) {
      warnings.push(`${describeArtifact(a)}: skipped (expired): it expired before the retention window ends`)
    }
    if (expiredEarly.length > 5)
      warnings.push(`${expiredEarly.length - 5} more expired ${name} artifacts skipped`)
    return live
  }

  async function loadSnapshot(
    query: HistoryQuery,
    now: Date,
    warnings: string[],
  ): Promise<{ snapshot: Snapshot; from: ListedArtifact } | null> {
    const live = await listLive(SNAPSHOT_ARTIFACT_NAME, warnings, now, query.retentionDays)
    const trusted: ListedArtifact[] = []
    for (const a of newestFirst(live)) {
      const verdict = judgeProvenance(a.provenance, query.policy, options.repositoryId)
      if (verdict.trusted) trusted.push(a)
      // Only trusted runs write snapshots, so an untrusted one is worth a warning (a fork trying its luck?).
      else warnings.push(`${describeArtifact(a)}: not trusted, ignored: ${verdict.reason}`)
    }
    for (const a of trusted.slice(0, limits.snapshotAttempts)) {
      try {
        const bytes = await fetchFile(a, SNAPSHOT_FILE_NAME, limits.maxSnapshotBytes)
        return { snapshot: decodeSnapshot(bytes, describeArtifact(a)), from: a }
      } catch (err) {
        warnings.push(message(err))
      }
    }
    return null
  }

  async function readRecord(a: ListedArtifact, runId?: number): Promise<RunRecord> {
    return decodeRecord(
      await fetchFile(a, RECORD_FILE_NAME, limits.maxRecordBytes, runId),
      describeArtifact(a),
    )
  }

  /** The next snapshot's columns, compressing off the main thread (see `prepareSave`). */
  let prepared: PreparedSnapshot | null = null
  const prepare = (record: RunRecord, opts: SaveOptions): PreparedSnapshot | null => {
    try {
      // Without the record's artifact id (not known before its upload): ids are in the header, not the columns.
      const entries = nextSnapshotEntries(
        opts.history,
        { record, artifactId: null },
        clock.now(),
        opts.retentionDays,
      )
      return prepareSnapshot(entries)
    } catch {
      // `save` builds the snapshot again and reports what went wrong.
      return null
    }
  }

  const store: ArtifactsHistoryStore = {
    kind: 'artifacts',

    prepareSave(record: RunRecord, opts: SaveOptions): void {
      prepared = judgeRecord(record, null, opts.policy).trusted ? prepare(record, opts) : null
    },

    async load(query: HistoryQuery): Promise<History> {
      const now = clock.now()
      const warnings: string[] = []
      // Every load downloads at least a snapshot or a record when history exists: let the transport get ready
      // while the listings below are in flight.
      transport.prepare?.()
      let found: Awaited<ReturnType<typeof loadSnapshot>>
      let runs: ListedArtifact[]
      // The two listings are independent: the run listing is in flight while the snapshot downloads. Each
      // keeps its own warnings, joined in the same order as when they ran one after the other.
      const snapshotWarnings: string[] = []
      const runWarnings: string[] = []
      const snapshotLoad = loadSnapshot(query, now, snapshotWarnings)
      const runListing = listLive(RUN_ARTIFACT_NAME, runWarnings, now, query.retentionDays)
      // Neither rejection may go unhandled while the other is awaited.
      runListing.catch(() => undefined)
      try {
        found = await snapshotLoad
      } catch (err) {
        return emptyHistory([
          ...warnings,
          ...snapshotWarnings,
          `history not loaded: listing artifacts failed: ${message(err)}`,
        ])
      }
      warnings.push(...snapshotWarnings)
      try {
        runs = newestFirst(await runListing)
      } catch (err) {
        return emptyHistory([
          ...warnings,
          ...runWarnings,
          `history not loaded: listing artifacts failed: ${message(err)}`,
        ])
      }
      warnings.push(...runWarnings)
      const snapshotEntries = (found?.snapshot.entries ?? []).filter(
        (e) => judgeRecord(e.record, null, query.policy).trusted,
      )
      const heldIds = new Set<number>()
      for (const e of found?.snapshot.entries ?? []) if (e.artifactId !== null) heldIds.add(e.artifactId)
      const cutoff = retentionCutoff(now, query.retentionDays)
      const fresh = runs.filter(
        (a) => !heldIds.has(a.id) && (!a.createdAt || Date.parse(a.createdAt) >= cutoff),
      )

      const baselineCandidates: ListedArtifact[] = []
      const prCandidates: ListedArtifact[] = []
      const pr = query.pullRequest
      for (const a of fresh) {
        if (judgeProvenance(a.provenance, query.policy, options.repositoryId).trusted)
          baselineCandidates.push(a)
        else if (
          pr &&
          a.provenance?.headBranch === pr.headBranch &&
          (pr.headRepositoryId === null || a.provenance.headRepositoryId === pr.headRepositoryId)
        ) {
          prCandidates.push(a)
        }
      }
      if (baselineCandidates.length > limits.maxRecordDownloads) {
        warnings.push(
          `${baselineCandidates.length - limits.maxRecordDownloads} older ${RUN_ARTIFACT_NAME} artifacts not yet in a snapshot were not loaded (limit ${limits.maxRecordDownloads} per run); the next snapshot will include the newer ones`,
        )
      }
      const toFetch = [
        ...baselineCandidates.slice(0, limits.maxRecordDownloads).map((a) => ({ a, forPr: false })),
        ...prCandidates.slice(0, limits.maxPullRequestDownloads).map((a) => ({ a, forPr: true })),
      ]
      const fetched = await mapBounded(toFetch, limits.downloadConcurrency, async ({ a, forPr }) => {
        try {
          return { a, forPr, record: await readRecord(a) }
        } catch (err) {
          warnings.push(message(err))
          return null
        }
      })
      const newer: SourcedRecord[] = []
      const pullRequest: RunRecord[] = []
      for (const item of fetched) {
        if (!item) continue
        const { a, forPr, record } = item
        if (!forPr) {
          const verdict = judgeRecord(record, a.provenance, query.policy, options.repositoryId)
          if (verdict.trusted) newer.push({ record, artifactId: a.id })
          else warnings.push(`${describeArtifact(a)}: skipped (foreign): ${verdict.reason}`)
        } else if (pr && record.run.prNumber === pr.number && record.run.runId === a.provenance?.runId) {
          pullRequest.push(record)
        }
      }
      let watermark: SnapshotWatermark | null = null
      if (found) {
        const times = snapshotEntries.map((e) => e.record.run.timestamp).sort()
        watermark = {
          source: describeArtifact(found.from),
          artifactId: found.from.id,
          createdAt: found.snapshot.createdAt,
          records: snapshotEntries.length,
          newestRecordAt: times[times.length - 1] ?? null,
        }
      }
      return assembleHistory({
        snapshot: snapshotEntries,
        watermark,
        newer,
        pullRequest,
        warnings,
        now,
        retentionDays: query.retentionDays,
      })
    },

    async save(record: RunRecord, opts: SaveOptions): Promise<SaveResult> {
      const warnings: string[] = []
      const trusted = judgeRecord(record, null, opts.policy).trusted
      // Unless prepared earlier, the snapshot's columns start compressing now, while the record uploads.
      const ready = trusted ? (prepared ?? prepare(record, opts)) : null
      prepared = null
      let recordId: number | null = null
      let recordSaved = false
      try {
        recordId = await upload(RUN_ARTIFACT_NAME, RECORD_FILE_NAME, encodeRecord(record), opts.retentionDays)
        recordSaved = true
      } catch (err) {
        warnings.push(message(err))
      }
      let snapshotSaved = false
      if (trusted) {
        try {
          const now = clock.now()
          const entries = nextSnapshotEntries(
            opts.history,
            { record, artifactId: recordId },
            now,
            opts.retentionDays,
          )
          // Gunzips to the bytes `encodeSnapshot` writes; rebuilt here if the entries differ from the prepared ones.
          const bytes = await encodeSnapshotAsync({ createdAt: now.toISOString(), entries }, ready)
          await upload(SNAPSHOT_ARTIFACT_NAME, SNAPSHOT_FILE_NAME, bytes, opts.retentionDays)
          snapshotSaved = true
        } catch (err) {
          warnings.push(message(err))
        }
      }
      return { recordSaved, snapshotSaved, warnings }
    },

    async saveShard(shard: string, record: RunRecord, retentionDays: number): Promise<SaveResult> {
      const name = shardArtifactName(shard)
      try {
        await upload(name, RECORD_FILE_NAME, encodeRecord(record), retentionDays)
        return { recordSaved: true, snapshotSaved: false, warnings: [] }
      } catch (err) {
        return { recordSaved: false, snapshotSaved: false, warnings: [message(err)] }
      }
    },

    async loadShards(runId: number, expected: readonly string[] = []): Promise<ShardRecords> {
      const warnings: string[] = []
      let listed: { id: number; name: string; size: number }[]
      try {
        listed = await transport.listRun(runId)
      } catch (err) {
        return { shards: [], warnings: [`shards of run ${runId} not listed: ${message(err)}`] }
      }
      const shardArtifacts = listed
        .map((a) => ({ a, shard: shardFromArtifactName(a.name) }))
        .filter((x): x is { a: (typeof listed)[number]; shard: string } => x.shard !== null)
      const selection = selectShards(shardArtifacts, expected)
      warnings.push(...selection.warnings)
      const loaded = await mapBounded(
        selection.selected,
        limits.downloadConcurrency,
        async ({ a, shard }) => {
          const listedArtifact: ListedArtifact = {
            id: a.id,
            name: a.name,
            sizeInBytes: a.size,
            createdAt: null,
            expiresAt: null,
            expired: false,
            provenance: null,
          }
          try {
            const record = await readRecord(listedArtifact, runId)
            if (record.run.runId !== runId) {
              throw new HistoryArtifactError(
                describeArtifact(listedArtifact),
                'foreign',
                `holds run ${record.run.runId}, not ${runId}`,
              )
            }
            return { shard, record }
          } catch (err) {
            warnings.push(message(err))
            return null
          }
        },
      )
      return { shards: loaded.filter((x): x is { shard: string; record: RunRecord } => x !== null), warnings }
    },
  }
  return store
}
