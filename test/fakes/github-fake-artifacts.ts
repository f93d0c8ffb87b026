/**
 * Artifact routes of the GitHub fake: Twirp results service, block-blob storage and the REST artifacts API.
 * Shapes follow `@actions/artifact` 6.2.1 (snake_case JSON, int64 as strings) and the REST OpenAPI
 * `artifact` schema (see platform.md §1.3-1.4).
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FakeContext } from './github-fake-http.js'
import {
  isReadOnly,
  linkHeader,
  pageOf,
  readBody,
  restAuthorized,
  sendJson,
  sendNotAccessible,
} from './github-fake-http.js'
import type { FakeArtifact, FakeRun } from './github-fake-state.js'
import { backendIdsOf } from './runtime-token.js'

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'
const BLOB_PREFIX = '/blob/artifacts/'
const DEFAULT_RETENTION_MS = 90 * 86_400_000

interface TwirpBody {
  workflow_run_backend_id?: string
  workflow_job_run_backend_id?: string
  name?: string
  expires_at?: string
  name_filter?: string
  id_filter?: string
  size?: string
  hash?: string
}

function twirpError(res: ServerResponse, status: number, code: string, msg: string): void {
  sendJson(res, status, { code, msg })
}

/** The REST representation of an artifact. */
export function artifactJson(ctx: FakeContext, a: FakeArtifact): Record<string, unknown> {
  const { owner, repo } = ctx.state.repository
  const api = `${ctx.url()}/repos/${owner}/${repo}/actions/artifacts/${a.id}`
  const now = ctx.now().getTime()
  return {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.size,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: a.expired || (a.expiresAt !== null && a.expiresAt.getTime() <= now),
    created_at: a.createdAt.toISOString(),
    updated_at: a.createdAt.toISOString(),
    expires_at: a.expiresAt ? a.expiresAt.toISOString() : null,
    digest: a.digest,
    workflow_run: {
      id: a.run.runId,
      repository_id: a.run.repositoryId,
      head_repository_id: a.run.headRepositoryId,
      head_branch: a.run.headBranch,
      head_sha: a.run.headSha,
    },
  }
}

/** The REST representation of a workflow run (the fields a report job reads). */
export function runJson(ctx: FakeContext, run: FakeRun): Record<string, unknown> {
  const { owner, repo } = ctx.state.repository
  const full = `${owner}/${repo}`
  const headFull = run.headRepositoryFullName ?? full
  const pulls =
    headFull === full
      ? ctx.state.pulls
          .filter((p) => p.state === 'open' && p.headSha === run.headSha)
          .map((p) => ({
            number: p.number,
            head: { ref: p.headRef, sha: p.headSha },
            base: { ref: p.baseRef },
          }))
      : [] // GitHub leaves pull_requests empty for runs from forks.
  return {
    id: run.runId,
    run_attempt: run.runAttempt ?? 1,
    event: run.event ?? 'push',
    head_branch: run.headBranch,
    head_sha: run.headSha,
    repository: { id: run.repositoryId, full_name: full },
    head_repository: { id: run.headRepositoryId, full_name: headFull },
    pull_requests: pulls,
    url: `${ctx.url()}/repos/${full}/actions/runs/${run.runId}`,
  }
}

function isExpired(ctx: FakeContext, a: FakeArtifact): boolean {
  return a.expired || (a.expiresAt !== null && a.expiresAt.getTime() <= ctx.now().getTime())
}

function signedBlobUrl(ctx: FakeContext, key: string): string {
  return `${ctx.url()}${BLOB_PREFIX}${key}?sv=2023-11-03&sr=b&sp=rw&sig=${ctx.newSignature()}`
}

async function twirp(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as TwirpBody
  const ids = backendIdsOf((req.headers.authorization ?? '').replace(/^Bearer /, ''))
  if (!ids) return twirpError(res, 401, 'unauthenticated', 'missing or malformed runtime token')
  // GetSignedArtifactURL and DeleteArtifact name the artifact by the backend ids its listing gave (the job
  // that uploaded it, maybe another job or attempt of this run: @actions/artifact's download and delete
  // pass `artifacts[0].workflowRunBackendId/JobRunBackendId`); every other call names the caller's own.
  const namesArtifact = method === 'GetSignedArtifactURL' || method === 'DeleteArtifact'
  if (
    !namesArtifact &&
    (ids.runBackendId !== body.workflow_run_backend_id ||
      ids.jobBackendId !== body.workflow_job_run_backend_id)
  ) {
    return twirpError(res, 403, 'permission_denied', 'backend ids do not match the runtime token')
  }
  const run: FakeRun | undefined = ctx.state.runs.get(ids.runBackendId)
  if (!run) return twirpError(res, 404, 'not_found', `unknown workflow run backend id ${ids.runBackendId}`)
  // Every job of a run (a matrix) shares the run's backend id; its own job id must belong to that run.
  if (ctx.state.jobs.get(ids.jobBackendId) !== run) {
    return twirpError(res, 403, 'permission_denied', `job ${ids.jobBackendId} is not a job of this run`)
  }
  // Artifact names are unique per workflow run, not per job and not per attempt: a second job, or a re-run
  // attempt (same run id, registered again with `runAttempt`), uploading a name that exists gets the 409
  // (NVIDIA/aicr#1928: "re-running a failed job cannot upload a fresh bundle ... 409 Conflict").
  const inRun = ctx.state.artifacts.filter(
    (a) => a.run.runId === run.runId && a.run.repositoryId === run.repositoryId && !a.deleted,
  )
  /** The artifact a download or delete names: its name plus the backend ids of the job that uploaded it. */
  const named = (): FakeArtifact | undefined =>
    inRun.find(
      (x) =>
        x.name === body.name &&
        x.finalized &&
        x.run.backendId === body.workflow_run_backend_id &&
        (x.jobBackendId ?? x.run.jobBackendId) === body.workflow_job_run_backend_id,
    )
  const toJson = (a: FakeArtifact): Record<string, unknown> => ({
    workflow_run_backend_id: a.run.backendId,
    workflow_job_run_backend_id: a.jobBackendId ?? a.run.jobBackendId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size),
    created_at: a.createdAt.toISOString(),
    ...(a.digest ? { digest: a.digest } : {}),
  })
  switch (method) {
    case 'CreateArtifact': {
      const name = body.name ?? ''
      if (inRun.some((a) => a.name === name)) {
        return twirpError(
          res,
          409,
          'already_exists',
          'an artifact with this name already exists on the workflow run',
        )
      }
      const key = `${run.backendId}/${randomBytes(8).toString('hex')}`
      const created = ctx.now()
      ctx.state.artifacts.push({
        id: ctx.state.nextArtifactId++,
        name,
        run,
        blobKey: key,
        jobBackendId: ids.jobBackendId,
        size: 0,
        digest: null,
        createdAt: created,
        expiresAt: body.expires_at
          ? new Date(body.expires_at)
          : new Date(created.getTime() + DEFAULT_RETENTION_MS),
        expired: false,
        finalized: false,
        deleted: false,
      })
      ctx.state.blobs.set(key, { blocks: new Map(), data: null, contentType: 'application/zip' })
      return sendJson(res, 200, { ok: true, signed_upload_url: signedBlobUrl(ctx, key) })
    }
    case 'FinalizeArtifact': {
      const a = inRun.find((x) => x.name === body.name && !x.finalized)
      if (!a) return twirpError(res, 404, 'not_found', `no pending artifact named ${body.name}`)
      const blob = ctx.state.blobs.get(a.blobKey)
      if (!blob?.data) return twirpError(res, 400, 'failed_precondition', 'the blob was never committed')
      a.size = blob.data.length
      a.digest = body.hash ?? null
      a.finalized = true
      return sendJson(res, 200, { ok: true, artifact_id: String(a.id) })
    }
    case 'ListArtifacts': {
      const list = inRun
        .filter((a) => a.finalized)
        .filter((a) => !body.name_filter || a.name === body.name_filter)
        .filter((a) => !body.id_filter || String(a.id) === String(body.id_filter))
      return sendJson(res, 200, { artifacts: list.map(toJson) })
    }
    case 'GetSignedArtifactURL': {
      const a = named()
      if (!a) return twirpError(res, 404, 'not_found', `no artifact named ${body.name}`)
      return sendJson(res, 200, { signed_url: signedBlobUrl(ctx, a.blobKey) })
    }
    case 'DeleteArtifact': {
      const a = named()
      if (!a) return twirpError(res, 404, 'not_found', `no artifact named ${body.name}`)
      a.deleted = true
      return sendJson(res, 200, { ok: true, artifact_id: String(a.id) })
    }
    default:
      return twirpError(res, 404, 'bad_route', `no such method ${method}`)
  }
}

function sigValid(ctx: FakeContext, url: URL): boolean {
  // The Azure SDK may re-serialise the URL and drop '=' padding, so compare without it.
  const sig = (url.searchParams.get('sig') ?? '').replace(/=+$/, '')
  return [...ctx.state.signatures].some((s) => s.replace(/=+$/, '') === sig)
}

async function blob(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  truncateTo: number | undefined,
): Promise<void> {
  const key = decodeURIComponent(url.pathname.slice(BLOB_PREFIX.length))
  const stored = ctx.state.blobs.get(key)
  if (!sigValid(ctx, url)) {
    await readBody(req)
    res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end()
    return
  }
  if (!stored) {
    await readBody(req)
    res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' }).end()
    return
  }
  const headers = { 'x-ms-request-id': randomBytes(8).toString('hex'), 'x-ms-version': '2023-11-03' }
  if (method === 'PUT') {
    const bytes = await readBody(req)
    const comp = url.searchParams.get('comp')
    if (comp === 'block') {
      // Blocks arrive concurrently and out of order: store them by id, assemble by the list's order.
      stored.blocks.set(url.searchParams.get('blockid') ?? '', bytes)
    } else if (comp === 'blocklist') {
      const ids = [...bytes.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(
        (m) => m[2] ?? '',
      )
      const parts: Buffer[] = []
      for (const id of ids) {
        const part = stored.blocks.get(id)
        if (!part) {
          res.writeHead(400, { ...headers, 'x-ms-error-code': 'InvalidBlockList' }).end()
          return
        }
        parts.push(part)
      }
      stored.data = Buffer.concat(parts)
      stored.blocks.clear()
    } else {
      stored.data = bytes
    }
    res
      .writeHead(201, {
        ...headers,
        etag: `"0x${randomBytes(6).toString('hex')}"`,
        'last-modified': new Date().toUTCString(),
      })
      .end()
    return
  }
  if (method === 'GET') {
    if (!stored.data) {
      res.writeHead(404, { ...headers, 'x-ms-error-code': 'BlobNotFound' }).end()
      return
    }
    const data = truncateTo !== undefined ? stored.data.subarray(0, truncateTo) : stored.data
    res.writeHead(200, { ...headers, 'content-type': stored.contentType, 'content-length': data.length })
    res.end(data)
    return
  }
  res.writeHead(405, headers).end()
}

function rest(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): boolean {
  const { owner, repo } = ctx.state.repository
  const prefix = `/repos/${owner}/${repo}/actions/`
  if (!url.pathname.startsWith(prefix)) return false
  if (!restAuthorized(ctx, req)) {
    sendJson(res, 401, { message: 'Bad credentials' })
    return true
  }
  const rest = url.pathname.slice(prefix.length)
  const live = ctx.state.artifacts.filter((a) => a.finalized && !a.deleted).sort((a, b) => b.id - a.id)
  const listPage = (list: FakeArtifact[]): void => {
    const { page, perPage } = pageOf(url.searchParams)
    const slice = list.slice((page - 1) * perPage, page * perPage)
    const link = linkHeader(ctx.url(), url.pathname, url.searchParams, page, perPage, list.length)
    sendJson(
      res,
      200,
      { total_count: list.length, artifacts: slice.map((a) => artifactJson(ctx, a)) },
      link ? { link } : {},
    )
  }
  let m: RegExpExecArray | null
  if (method === 'GET' && (m = /^runs\/(\d+)$/.exec(rest))) {
    const runId = Number(m[1])
    const run = [...ctx.state.runs.values()].filter((r) => r.runId === runId).at(-1)
    if (!run) sendJson(res, 404, { message: 'Not Found' })
    else sendJson(res, 200, runJson(ctx, run))
    return true
  }
  if (method === 'GET' && rest === 'artifacts') {
    const name = url.searchParams.get('name')
    listPage(live.filter((a) => !name || a.name === name))
    return true
  }
  if (method === 'GET' && (m = /^runs\/(\d+)\/artifacts$/.exec(rest))) {
    const runId = Number(m[1])
    const name = url.searchParams.get('name')
    listPage(live.filter((a) => a.run.runId === runId && (!name || a.name === name)))
    return true
  }
  if ((m = /^artifacts\/(\d+)(\/zip)?$/.exec(rest))) {
    const a = live.find((x) => x.id === Number(m?.[1]))
    if (!a) {
      sendJson(res, 404, { message: 'Not Found' })
      return true
    }
    if (method === 'GET' && m[2]) {
      if (isExpired(ctx, a)) sendJson(res, 410, { message: 'Artifact has expired' })
      else {
        res.writeHead(302, { location: signedBlobUrl(ctx, a.blobKey), 'content-length': 0 })
        res.end()
      }
      return true
    }
    if (method === 'GET') {
      sendJson(res, 200, artifactJson(ctx, a))
      return true
    }
    if (method === 'DELETE') {
      if (isReadOnly(ctx, req)) {
        sendNotAccessible(
          res,
          'actions=write',
          'https://docs.github.com/rest/actions/artifacts#delete-an-artifact',
        )
        return true
      }
      a.deleted = true
      res.writeHead(204).end()
      return true
    }
  }
  return false
}

/** Handles Twirp, blob and REST artifact routes; false when the request is for another route. */
export async function handleArtifactRoutes(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  truncateTo: number | undefined,
): Promise<boolean> {
  if (url.pathname.startsWith(TWIRP_PREFIX) && method === 'POST') {
    await twirp(ctx, req, res, url.pathname.slice(TWIRP_PREFIX.length))
    return true
  }
  if (url.pathname.startsWith(BLOB_PREFIX)) {
    await blob(ctx, req, res, url, method, truncateTo)
    return true
  }
  return Promise.resolve(rest(ctx, req, res, url, method))
}
