/**
 * The adapter to `@actions/artifact` (the real client, imported lazily on first use): upload into the
 * current run, list a run's artifacts and download any artifact by id through the REST API (`findBy`).
 * It maps the library's errors to `HistorySaveError` kinds and strips signed URLs from messages.
 *
 * Lazy import matters twice: nothing happens at import time, and `@actions/github` (a dependency of the
 * artifact client) fixes its REST base URL from `GITHUB_API_URL` when it is first imported.
 */
import type { DefaultArtifactClient } from '@actions/artifact'
import type { RepositoryRef } from '../github/env.js'
import { redactUrlQueries } from '../github/masking.js'
import { HistorySaveError } from './errors.js'

/** What the artifacts backend needs from an artifact client. */
export interface ArtifactTransport {
  /** Uploads files (under `rootDirectory`) into the current run. @throws HistorySaveError */
  upload(
    name: string,
    files: readonly string[],
    rootDirectory: string,
    retentionDays: number,
  ): Promise<number | null>
  /** Lists the artifacts of a workflow run through the REST API. */
  listRun(runId: number): Promise<{ id: number; name: string; size: number }[]>
  /** Downloads and unzips an artifact of this repository into `directory`. */
  download(artifactId: number, runId: number, directory: string): Promise<void>
  /**
   * Starts loading what the other methods need, without waiting and without failing (a failure surfaces at
   * the first real call). Lets the store overlap that work with requests it makes itself.
   */
  prepare?(): void
}

export interface ActionsArtifactTransportOptions {
  readonly token: string
  readonly repository: RepositoryRef
  /**
   * `GITHUB_RUN_ATTEMPT`. On a re-run (attempt > 1) an upload that meets the 409 of an earlier attempt's
   * artifact deletes it and retries once, as upload-artifact's `overwrite` does; on attempt 1 a 409 means
   * another job of this run used the name, whose data must not be deleted, so it stays an error.
   */
  readonly runAttempt?: number
}

/** Classifies an upload failure: 409 duplicate name, storage quota, or anything else. */
export function classifyUploadError(err: unknown): 'conflict' | 'quota' | 'other' {
  const e = err as { name?: string; message?: string }
  const message = e.message ?? String(err)
  if (e.name === 'UsageError' || /insufficient usage|storage quota/i.test(message)) return 'quota'
  if (/\(409\)|\b409\b.*conflict|already exists/i.test(message)) return 'conflict'
  return 'other'
}

const ADVICE = {
  conflict:
    'an artifact with this name already exists in this workflow run: another job of the run saved it (use mode: collect with a shard name per matrix job); this job is not saved, the other one stays in history',
  quota:
    'the artifact storage quota is used up; history is not saved until usage is recalculated (every 6-12 hours) or storage is freed',
  other: 'the upload failed',
} as const

/** Creates the transport over the real `@actions/artifact` client. */
export function createActionsArtifactTransport(options: ActionsArtifactTransportOptions): ArtifactTransport {
  let loaded: Promise<DefaultArtifactClient> | null = null
  const client = (): Promise<DefaultArtifactClient> =>
    (loaded ??= import('@actions/artifact').then((m) => new m.DefaultArtifactClient()))
  const findBy = (runId: number) => ({
    token: options.token,
    workflowRunId: runId,
    repositoryOwner: options.repository.owner,
    repositoryName: options.repository.repo,
  })
  return {
    prepare() {
      // The client's module is ~1.7 MB (Azure SDK, archiver, unzip-stream): parsing it costs ~0.1-0.2 s, which
      // overlaps with the artifact listings the store sends first. The rejection is observed here only to
      // keep it from being unhandled; `client()` hands the same promise to the first real call.
      client().catch(() => undefined)
    },
    async upload(name, files, rootDirectory, retentionDays) {
      // The files are gzipped already: a second compression would only cost time.
      const once = async (): Promise<number | null> =>
        (
          await (
            await client()
          ).uploadArtifact(name, [...files], rootDirectory, { retentionDays, compressionLevel: 0 })
        ).id ?? null
      try {
        try {
          return await once()
        } catch (err) {
          if (classifyUploadError(err) !== 'conflict' || (options.runAttempt ?? 1) <= 1) throw err
          await (await client()).deleteArtifact(name)
          return await once()
        }
      } catch (err) {
        const kind = classifyUploadError(err)
        throw new HistorySaveError(
          name,
          kind,
          `${ADVICE[kind]} (${redactUrlQueries((err as Error).message)})`,
        )
      }
    },
    async listRun(runId) {
      const c = await client()
      const res = await c.listArtifacts({ findBy: findBy(runId) })
      return res.artifacts.map((a) => ({ id: a.id, name: a.name, size: a.size }))
    },
    async download(artifactId, runId, directory) {
      const c = await client()
      try {
        await c.downloadArtifact(artifactId, { path: directory, findBy: findBy(runId) })
      } catch (err) {
        throw new Error(redactUrlQueries((err as Error).message), { cause: err })
      }
    },
  }
}
