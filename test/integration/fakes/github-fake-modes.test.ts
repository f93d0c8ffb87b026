// The GitHub fake's behaviour that `mode: collect` / `mode: report` and the fork-PR path rely on, checked with
// plain HTTP against the fake: a read-only token's 403 on writes, open pulls by head SHA across pages, several
// jobs of one run sharing an artifact namespace, and another run's artifacts read through REST.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  runtimeToken,
  startGitHubFake,
  type FakeRunHandle,
  type GitHubFake,
} from '../../fakes/github-fake.js'
import { unzipSync } from '../../fakes/zip-reader.js'
import { zipSync } from '../../fakes/zip-writer.js'

const WRITE = 'ghs_writetoken'
const READ_ONLY = 'ghs_forkreadonly'
const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'

let fake: GitHubFake

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'shop', repositoryId: 42, token: WRITE })
  fake.addReadOnlyToken(READ_ONLY)
})
afterAll(async () => {
  await fake?.close()
})
beforeEach(() => fake.reset())

async function rest(
  path: string,
  token: string,
  init: { method?: string; body?: unknown; redirect?: 'follow' | 'manual' } = {},
): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: init.method ?? 'GET',
    redirect: init.redirect ?? 'follow',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
}

async function twirp(
  handle: FakeRunHandle,
  method: string,
  body: Record<string, unknown>,
): Promise<Response> {
  const [, payload] = handle.runtimeToken.split('.')
  const scp = (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { scp: string }).scp
  const [, run, job] = /Actions\.Results:([^:]+):(\S+)/.exec(scp)!
  return fetch(`${fake.url}${TWIRP}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${handle.runtimeToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ workflow_run_backend_id: run, workflow_job_run_backend_id: job, ...body }),
  })
}

/** Create, upload as one blob, finalize: what `@actions/artifact` does, minus the zip. */
async function upload(handle: FakeRunHandle, name: string, bytes: string): Promise<Response> {
  const created = await twirp(handle, 'CreateArtifact', { name, version: 7 })
  if (!created.ok) return created
  const { signed_upload_url: url } = (await created.json()) as { signed_upload_url: string }
  expect((await fetch(url, { method: 'PUT', body: bytes })).status).toBe(201)
  return twirp(handle, 'FinalizeArtifact', { name, size: String(bytes.length), hash: 'sha256:x' })
}

describe('GitHub fake: a fork pull request’s read-only token', () => {
  it('reads comments but gets 403 Resource not accessible by integration on every write', async () => {
    const created = await rest('/repos/acme/shop/issues/5/comments', WRITE, {
      method: 'POST',
      body: { body: 'hi' },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }

    const list = await rest('/repos/acme/shop/issues/5/comments', READ_ONLY)
    expect(list.status).toBe(200)
    expect(((await list.json()) as unknown[]).length).toBe(1)

    for (const [method, path] of [
      ['POST', '/repos/acme/shop/issues/5/comments'],
      ['PATCH', `/repos/acme/shop/issues/comments/${id}`],
      ['DELETE', `/repos/acme/shop/issues/comments/${id}`],
    ] as const) {
      const res = await rest(path, READ_ONLY, { method, body: { body: 'changed' } })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(((await res.json()) as { message: string }).message).toBe(
        'Resource not accessible by integration',
      )
      expect(res.headers.get('x-accepted-github-permissions')).toContain('issues=write')
    }
    expect(fake.state.comments.map((c) => c.body)).toEqual(['hi'])
    expect(fake.state.requests.filter((r) => r.status === 403).map((r) => r.token)).toEqual([
      READ_ONLY,
      READ_ONLY,
      READ_ONLY,
    ])
  })

  it('lists artifacts but cannot delete one; an unknown token is still 401', async () => {
    const run = fake.registerRun({ runId: 10, headBranch: 'patch-1' })
    expect((await upload(run, 'gauntlet-shard-pr', 'bytes')).status).toBe(200)
    const listed = await rest('/repos/acme/shop/actions/runs/10/artifacts', READ_ONLY)
    const { artifacts } = (await listed.json()) as { artifacts: { id: number }[] }
    expect(artifacts).toHaveLength(1)
    const del = await rest(`/repos/acme/shop/actions/artifacts/${artifacts[0]!.id}`, READ_ONLY, {
      method: 'DELETE',
    })
    expect(del.status).toBe(403)
    expect(fake.artifactsNamed('gauntlet-shard-pr')).toHaveLength(1)
    expect((await rest('/repos/acme/shop/actions/runs/10/artifacts', 'ghs_other')).status).toBe(401)
  })
})

describe('GitHub fake: open pull requests', () => {
  it('lists open pulls newest first with Link pagination, so a head SHA on page 2 is found by walking pages', async () => {
    for (let n = 1; n <= 150; n++) fake.addPull({ number: n, headSha: `${n}`.padStart(40, '0') })
    const forkSha = 'f'.repeat(40)
    fake.addPull({ number: 20_000, headSha: forkSha, state: 'closed' }) // same SHA, closed: not a candidate
    fake.state.pulls.splice(19, 1) // replace #20 by a fork PR carrying the SHA
    fake.addPull({ number: 20, headSha: forkSha, headRef: 'patch-1', headRepoFullName: 'contributor/shop' })

    const first = await rest('/repos/acme/shop/pulls?state=open&per_page=100', WRITE)
    const page1 = (await first.json()) as { number: number; head: { sha: string } }[]
    expect(page1).toHaveLength(100)
    expect(page1[0]!.number).toBe(150)
    expect(page1.some((p) => p.head.sha === forkSha)).toBe(false)
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1]
    expect(next).toBeDefined()
    const page2 = (await (await rest(new URL(next!).pathname + new URL(next!).search, WRITE)).json()) as {
      number: number
      state: string
      head: { sha: string; ref: string; repo: { full_name: string; fork: boolean } }
    }[]
    expect(page2).toHaveLength(50)
    const match = page2.filter((p) => p.head.sha === forkSha)
    expect(
      match.map((p) => [p.number, p.state, p.head.ref, p.head.repo.full_name, p.head.repo.fork]),
    ).toEqual([[20, 'open', 'patch-1', 'contributor/shop', true]])
    const all = (await (
      await rest('/repos/acme/shop/pulls?state=all&per_page=100&page=1', WRITE)
    ).json()) as {
      number: number
    }[]
    expect(all[0]!.number).toBe(20_000)
    expect((await rest('/repos/acme/shop/pulls/20', WRITE)).status).toBe(200)
    expect((await rest('/repos/acme/shop/pulls/9999', WRITE)).status).toBe(404)
    expect((await rest('/repos/acme/shop/pulls?state=sometimes', WRITE)).status).toBe(422)
  })
})

describe('GitHub fake: several jobs of one run, and a workflow_run job reading another run', () => {
  it('gives each job its own job backend id in one artifact namespace per run', async () => {
    const run = fake.registerRun({ runId: 500, headBranch: 'main' })
    const s1 = fake.registerJob(run.run)
    const s2 = fake.registerJob(run.run)
    const report = fake.registerJob(run.run)
    expect(new Set([run.runtimeToken, s1.runtimeToken, s2.runtimeToken, report.runtimeToken]).size).toBe(4)
    expect(s1.env.GITHUB_RUN_ID).toBe('500')
    expect(s2.env.GITHUB_RUN_ATTEMPT).toBe('1')

    expect((await upload(s1, 'gauntlet-shard-s1', 'one')).status).toBe(200)
    expect((await upload(s2, 'gauntlet-shard-s2', 'two')).status).toBe(200)
    const dup = await twirp(s2, 'CreateArtifact', { name: 'gauntlet-shard-s1', version: 7 })
    expect(dup.status).toBe(409)

    const listed = (await (await twirp(report, 'ListArtifacts', {})).json()) as {
      artifacts: { name: string; workflow_job_run_backend_id: string }[]
    }
    const jobOf = (h: FakeRunHandle) =>
      /:(job-[^:\s]+)$/.exec(
        JSON.parse(Buffer.from(h.runtimeToken.split('.')[1]!, 'base64url').toString()).scp as string,
      )![1]
    expect(listed.artifacts.map((a) => [a.name, a.workflow_job_run_backend_id])).toEqual([
      ['gauntlet-shard-s1', jobOf(s1)],
      ['gauntlet-shard-s2', jobOf(s2)],
    ])

    // A job of another run cannot act on this run by claiming its backend id.
    const other = fake.registerRun({ runId: 501 })
    const forged = await fetch(`${fake.url}${TWIRP}ListArtifacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.runtimeToken}` },
      body: JSON.stringify({
        workflow_run_backend_id: run.run.backendId,
        workflow_job_run_backend_id: jobOf(other),
      }),
    })
    expect(forged.status).toBe(403)
    // Nor can a token naming this run with a job the run does not have.
    const stranger = runtimeToken(run.run.backendId, 'job-not-in-this-run')
    const unknownJob = await fetch(`${fake.url}${TWIRP}ListArtifacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stranger}` },
      body: JSON.stringify({
        workflow_run_backend_id: run.run.backendId,
        workflow_job_run_backend_id: 'job-not-in-this-run',
      }),
    })
    expect(unknownJob.status).toBe(403)
    expect(await unknownJob.text()).toContain('is not a job of this run')
  })

  it('keeps one artifact namespace across re-run attempts: attempt 2 re-uploading a name gets the 409 until it deletes it', async () => {
    const attempt1 = fake.registerRun({ runId: 600 })
    expect((await upload(fake.registerJob(attempt1.run), 'gauntlet-shard-s3', 'first')).status).toBe(200)
    const attempt2 = fake.registerRun({ runId: 600, runAttempt: 2 })
    expect(attempt2.env.GITHUB_RUN_ATTEMPT).toBe('2')
    const rerun = fake.registerJob(attempt2.run)
    const again = await twirp(rerun, 'CreateArtifact', { name: 'gauntlet-shard-s3', version: 7 })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('an artifact with this name already exists on the workflow run')
    // What upload-artifact's `overwrite: true` does: list by name, delete naming the uploader's backend ids
    // (as @actions/artifact's deleteArtifactInternal does), then upload again.
    const listed = (await (
      await twirp(rerun, 'ListArtifacts', { name_filter: 'gauntlet-shard-s3' })
    ).json()) as {
      artifacts: { workflow_run_backend_id: string; workflow_job_run_backend_id: string; name: string }[]
    }
    expect(listed.artifacts).toHaveLength(1)
    const uploader = listed.artifacts[0]!
    expect(uploader.workflow_run_backend_id).toBe(attempt1.run.backendId)
    const asCaller = await twirp(rerun, 'DeleteArtifact', { name: 'gauntlet-shard-s3' })
    expect(asCaller.status).toBe(404) // the caller's own ids name no such artifact
    const del = await fetch(`${fake.url}${TWIRP}DeleteArtifact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rerun.runtimeToken}` },
      body: JSON.stringify(uploader),
    })
    expect(del.status).toBe(200)
    expect((await upload(rerun, 'gauntlet-shard-s3', 'second')).status).toBe(200)
    const live = fake.artifactsNamed('gauntlet-shard-s3')
    expect(live.map((a) => [a.run.runAttempt ?? 1, fake.blobBytes(a.id)?.toString()])).toEqual([
      [2, 'second'],
    ])
    const described = (await (await rest('/repos/acme/shop/actions/runs/600', WRITE)).json()) as {
      run_attempt: number
    }
    expect(described.run_attempt).toBe(2)
  })

  it('lets a workflow_run job list and download the source run’s artifacts through REST, and describes the run', async () => {
    const source = fake.registerRun({
      runId: 700,
      headBranch: 'patch-1',
      headRepositoryId: 99,
      headRepositoryFullName: 'contributor/shop',
      headSha: 'a'.repeat(40),
      event: 'pull_request',
    })
    fake.addPull({ number: 3, headSha: 'a'.repeat(40), headRepoFullName: 'contributor/shop' })
    expect((await upload(source, 'gauntlet-shard-pr', 'shard bytes')).status).toBe(200)
    fake.registerRun({ runId: 701, headBranch: 'main', event: 'workflow_run' }) // the report job's own run

    const listed = (await (
      await rest('/repos/acme/shop/actions/runs/700/artifacts?per_page=100&page=1', WRITE)
    ).json()) as {
      total_count: number
      artifacts: { id: number; name: string; workflow_run: { id: number; head_repository_id: number } }[]
    }
    expect(listed.total_count).toBe(1)
    expect(listed.artifacts[0]!.workflow_run).toMatchObject({ id: 700, head_repository_id: 99 })
    const zip = await rest(`/repos/acme/shop/actions/artifacts/${listed.artifacts[0]!.id}/zip`, WRITE, {
      redirect: 'manual',
    })
    expect(zip.status).toBe(302)
    expect(await (await fetch(zip.headers.get('location')!)).text()).toBe('shard bytes')
    expect(
      (await (await rest('/repos/acme/shop/actions/runs/701/artifacts', WRITE)).json()) as object,
    ).toMatchObject({
      total_count: 0,
    })

    const described = (await (await rest('/repos/acme/shop/actions/runs/700', WRITE)).json()) as Record<
      string,
      unknown
    >
    expect(described).toMatchObject({
      id: 700,
      run_attempt: 1,
      event: 'pull_request',
      head_sha: 'a'.repeat(40),
      head_repository: { full_name: 'contributor/shop' },
      pull_requests: [], // GitHub sends none for a fork's run, even with an open PR for the SHA
    })
    expect((await rest('/repos/acme/shop/actions/runs/123456', WRITE)).status).toBe(404)
  })
})

describe('GitHub fake: seeded artifacts (what a hostile workflow could upload)', () => {
  it('serves a seeded zip through the REST download like an uploaded one, and keeps names unique per run', async () => {
    const run = fake.registerRun({ runId: 800 })
    const files = new Map([
      ['record.json.gz', Buffer.from([0x1f, 0x8b, 0, 1, 2, 3])],
      ['nested/é.txt', Buffer.from('hello')],
    ])
    const seeded = fake.seedArtifact(run.run, 'gauntlet-shard-evil', zipSync(files))
    expect(unzipSync(fake.blobBytes(seeded.id)!)).toEqual(files)
    expect(() => fake.seedArtifact(run.run, 'gauntlet-shard-evil', zipSync(new Map()))).toThrow(/already has/)
    const zip = await rest(`/repos/acme/shop/actions/artifacts/${seeded.id}/zip`, WRITE, {
      redirect: 'manual',
    })
    expect(zip.status).toBe(302)
    const bytes = Buffer.from(await (await fetch(zip.headers.get('location')!)).arrayBuffer())
    expect(unzipSync(bytes).get('nested/é.txt')?.toString()).toBe('hello')
    // Same-run listing through Twirp sees it too.
    const listed = (await (await twirp(run, 'ListArtifacts', {})).json()) as { artifacts: { name: string }[] }
    expect(listed.artifacts.map((a) => a.name)).toEqual(['gauntlet-shard-evil'])
  })
})
