/**
 * A loopback fake of the parts of GitHub that Gauntlet talks to, driven by the real clients
 * (`@actions/artifact` 6.2.1 and Octokit):
 *
 * - the Twirp results service (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL,
 *   DeleteArtifact), with runs told apart by the runtime token's `scp` backend ids;
 * - block-blob storage at the signed URLs (Put Block by id, Put Block List in XML order, GET);
 * - REST artifacts: list per repository and per run (name filter, `Link` pagination), get, delete, and the
 *   `/zip` download answering 302 to a signed blob URL (410 once expired);
 * - REST issue comments: list (`Link` pagination), create, get, update, delete; writes with a read-only token
 *   (a fork pull request's `GITHUB_TOKEN`) get 403 `Resource not accessible by integration`;
 * - REST pull requests: list open/closed (newest first, `Link` pagination, `head.sha`) and get one;
 * - REST workflow run: `GET /actions/runs/{id}` (`pull_requests` empty for fork runs, as GitHub sends it);
 * - several jobs of one run (`registerJob`): one run backend id, distinct job backend ids, shared artifact
 *   names (409 across jobs), REST listing and download of any run's artifacts (a `workflow_run` job's view);
 * - re-run attempts (`registerRun` again with the same `runId` and `runAttempt: 2`): the run's artifact names
 *   stay one namespace, so re-uploading a name from attempt 1 gets the 409, as on GitHub;
 * - injected faults: any status (5xx, 429 with Retry-After, 409, quota), delays, truncated blob downloads.
 *
 * Usage:
 *   const fake = await startGitHubFake({ owner: 'acme', repo: 'widgets' })
 *   const run = fake.registerRun({ runId: 7, headBranch: 'main' })
 *   Object.assign(process.env, run.env)   // ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_API_URL, …
 *   …
 *   await fake.close()
 *
 * Traps (platform.md §1.4): `GITHUB_SERVER_URL` must be unset, github.com or `*.localhost`, or
 * `@actions/artifact` throws GHESNotSupportedError; `@actions/github` fixes its base URL from
 * `GITHUB_API_URL` at first import, so use one fake per test file (ports differ between fakes).
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleArtifactRoutes } from './github-fake-artifacts.js'
import { handleCommentRoutes } from './github-fake-comments.js'
import { handlePullRoutes } from './github-fake-pulls.js'
import type {
  ActiveFault,
  FakeArtifact,
  FakePull,
  FakeRun,
  FakeState,
  FaultSpec,
} from './github-fake-state.js'
import { runtimeToken } from './runtime-token.js'
import type { FakeContext } from './github-fake-http.js'
import { readBody, sendJson, tokenOf } from './github-fake-http.js'

export type {
  FakeArtifact,
  FakeComment,
  FakePull,
  FakeRun,
  FakeState,
  FaultSpec,
} from './github-fake-state.js'
export { runtimeToken } from './runtime-token.js'

export interface GitHubFakeOptions {
  readonly owner?: string
  readonly repo?: string
  readonly repositoryId?: number
  /** REST requests must carry this token (`token X` or `Bearer X`); null accepts anything (default). */
  readonly token?: string | null
  /** The fake's clock, for artifact times and expiry (default: real time). */
  readonly now?: () => Date
  /** Tokens that read but cannot write comments or delete artifacts (a fork PR's `GITHUB_TOKEN`). */
  readonly readOnlyTokens?: readonly string[]
}

/** A run registered with the fake, and the environment a client needs to act as it. */
export interface FakeRunHandle {
  readonly run: FakeRun
  readonly runtimeToken: string
  /** ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_API_URL, GITHUB_REPOSITORY(_ID), GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT. */
  readonly env: Readonly<Record<string, string>>
}

export interface RunSpec {
  readonly runId: number
  readonly headBranch?: string | null
  /** Defaults to the base repository's id; set another id to act as a fork's run. */
  readonly headRepositoryId?: number
  readonly headSha?: string
  /** The event that started the run (default `push`), as `GET /actions/runs/{id}` reports it. */
  readonly event?: string
  readonly runAttempt?: number
  /** `owner/name` of the head repository; set with `headRepositoryId` for a fork's run. */
  readonly headRepositoryFullName?: string
}

/** A pull request to seed; `headSha` is what a `workflow_run` report job matches against. */
export interface PullSpec {
  readonly number: number
  readonly headSha: string
  readonly headRef?: string
  /** Default: the base repository (a same-repository PR). */
  readonly headRepoFullName?: string
  readonly baseRef?: string
  readonly state?: 'open' | 'closed'
  readonly createdAt?: Date
}

export interface GitHubFake {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  readonly state: FakeState
  registerRun(spec: RunSpec): FakeRunHandle
  /**
   * Another job of an already registered run (a matrix shard, or the report job that `needs:` them): same run
   * backend id, its own job backend id and runtime token. Artifacts of all jobs of a run are one namespace.
   */
  registerJob(run: FakeRun): FakeRunHandle
  /** Adds a pull request (open unless told otherwise). */
  addPull(spec: PullSpec): FakePull
  /** Makes a token read-only from now on (comment writes and artifact deletes get 403). */
  addReadOnlyToken(token: string): void
  /**
   * Puts a finalized artifact with these zip bytes into a run, as any job of it could have uploaded it (e.g. a
   * fork's workflow uploading a tampered record). Names are unique per run, as on GitHub.
   */
  seedArtifact(run: FakeRun, name: string, zip: Buffer): FakeArtifact
  /** Injects a fault; returns it so a test can read `hits`. */
  addFault(fault: FaultSpec): ActiveFault
  clearFaults(): void
  /** Marks an artifact expired (listed with `expired: true`, `/zip` answers 410). */
  expireArtifact(id: number): void
  setArtifactTimes(id: number, times: { createdAt?: Date; expiresAt?: Date | null }): void
  /** Finalized, undeleted artifacts with this name, newest first. */
  artifactsNamed(name: string): FakeArtifact[]
  /** Committed bytes of an artifact's blob. */
  blobBytes(id: number): Buffer | null
  /** Forgets artifacts, blobs, comments, pulls, faults and the request log; keeps runs and tokens. */
  reset(): void
  close(): Promise<void>
}

function matches(f: ActiveFault, method: string, path: string): boolean {
  if (f.remaining <= 0) return false
  if (f.method && f.method.toUpperCase() !== method) return false
  return typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path)
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const state: FakeState = {
    repository: {
      owner: options.owner ?? 'acme',
      repo: options.repo ?? 'widgets',
      id: options.repositoryId ?? 1000,
    },
    runs: new Map(),
    jobs: new Map(),
    pulls: [],
    readOnlyTokens: new Set(options.readOnlyTokens ?? []),
    artifacts: [],
    blobs: new Map(),
    comments: [],
    requests: [],
    signatures: new Set(),
    nextArtifactId: 1,
    nextCommentId: 1,
  }
  const faults: ActiveFault[] = []
  let baseUrl = ''
  const ctx: FakeContext = {
    state,
    url: () => baseUrl,
    now: options.now ?? (() => new Date()),
    token: options.token ?? null,
    faults,
    newSignature() {
      // Random hex: a common word as signature would be masked all over the logs by @actions/artifact.
      const sig = randomBytes(16).toString('hex')
      state.signatures.add(sig)
      return sig
    },
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    const record = { method, path: url.pathname, query: url.search, status: 0, token: tokenOf(req) }
    state.requests.push(record)
    res.on('finish', () => {
      record.status = res.statusCode
    })
    const fault = faults.find((f) => matches(f, method, url.pathname))
    if (fault) {
      fault.remaining--
      fault.hits++
    }
    const answer = async (): Promise<void> => {
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs))
      if (fault?.status !== undefined) {
        await readBody(req)
        sendJson(res, fault.status, fault.body ?? { message: `injected fault ${fault.status}` }, {
          ...fault.headers,
        })
        return
      }
      const handled =
        (await handleArtifactRoutes(ctx, req, res, url, method, fault?.truncateTo)) ||
        (await handleCommentRoutes(ctx, req, res, url, method)) ||
        handlePullRoutes(ctx, req, res, url, method)
      if (!handled) sendJson(res, 404, { message: 'Not Found (no such route in the GitHub fake)' })
    }
    answer().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `fake error: ${String(err)}` })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`

  const find = (id: number): FakeArtifact => {
    const a = state.artifacts.find((x) => x.id === id)
    if (!a) throw new Error(`the fake has no artifact ${id}`)
    return a
  }

  const handleFor = (run: FakeRun, jobBackendId: string): FakeRunHandle => {
    state.jobs.set(jobBackendId, run)
    const token = runtimeToken(run.backendId, jobBackendId)
    return {
      run,
      runtimeToken: token,
      env: {
        ACTIONS_RUNTIME_TOKEN: token,
        ACTIONS_RESULTS_URL: `${baseUrl}/`,
        GITHUB_API_URL: baseUrl,
        GITHUB_REPOSITORY: `${state.repository.owner}/${state.repository.repo}`,
        GITHUB_REPOSITORY_ID: String(state.repository.id),
        GITHUB_RUN_ID: String(run.runId),
        GITHUB_RUN_ATTEMPT: String(run.runAttempt ?? 1),
      },
    }
  }

  return {
    url: baseUrl,
    port,
    state,
    registerRun(spec) {
      const run: FakeRun = {
        runId: spec.runId,
        backendId: `run-${spec.runId}-${randomBytes(4).toString('hex')}`,
        jobBackendId: `job-${spec.runId}-${randomBytes(4).toString('hex')}`,
        repositoryId: state.repository.id,
        headRepositoryId: spec.headRepositoryId ?? state.repository.id,
        headBranch: spec.headBranch === undefined ? 'main' : spec.headBranch,
        headSha: spec.headSha ?? randomBytes(20).toString('hex'),
        ...(spec.event === undefined ? {} : { event: spec.event }),
        ...(spec.runAttempt === undefined ? {} : { runAttempt: spec.runAttempt }),
        ...(spec.headRepositoryFullName === undefined
          ? {}
          : { headRepositoryFullName: spec.headRepositoryFullName }),
      }
      state.runs.set(run.backendId, run)
      return handleFor(run, run.jobBackendId)
    },
    registerJob(run) {
      if (state.runs.get(run.backendId) !== run)
        throw new Error(`run ${run.runId} is not registered with this fake`)
      return handleFor(run, `job-${run.runId}-${randomBytes(4).toString('hex')}`)
    },
    addPull(spec) {
      const { owner, repo } = state.repository
      const pull: FakePull = {
        number: spec.number,
        state: spec.state ?? 'open',
        headRef: spec.headRef ?? `branch-${spec.number}`,
        headSha: spec.headSha,
        headRepoFullName: spec.headRepoFullName ?? `${owner}/${repo}`,
        baseRef: spec.baseRef ?? 'main',
        // Later numbers are newer unless told otherwise, as on GitHub.
        createdAt: spec.createdAt ?? new Date(Date.UTC(2026, 0, 1) + spec.number * 60_000),
      }
      state.pulls.push(pull)
      return pull
    },
    addReadOnlyToken(token) {
      state.readOnlyTokens.add(token)
    },
    seedArtifact(run, name, zip) {
      if (state.artifacts.some((a) => a.run === run && a.name === name && !a.deleted)) {
        throw new Error(`run ${run.runId} already has an artifact named ${name}`)
      }
      const blobKey = `${run.backendId}/seeded-${randomBytes(8).toString('hex')}`
      state.blobs.set(blobKey, { blocks: new Map(), data: zip, contentType: 'application/zip' })
      const created = ctx.now()
      const artifact: FakeArtifact = {
        id: state.nextArtifactId++,
        name,
        run,
        blobKey,
        size: zip.length,
        digest: null,
        createdAt: created,
        expiresAt: new Date(created.getTime() + 90 * 86_400_000),
        expired: false,
        finalized: true,
        deleted: false,
      }
      state.artifacts.push(artifact)
      return artifact
    },
    addFault(spec) {
      const f: ActiveFault = { ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY, hits: 0 }
      faults.push(f)
      return f
    },
    clearFaults() {
      faults.length = 0
    },
    expireArtifact(id) {
      const a = find(id)
      a.expired = true
      a.expiresAt = new Date(ctx.now().getTime() - 1000)
    },
    setArtifactTimes(id, times) {
      const a = find(id)
      if (times.createdAt) a.createdAt = times.createdAt
      if (times.expiresAt !== undefined) a.expiresAt = times.expiresAt
    },
    artifactsNamed(name) {
      return state.artifacts
        .filter((a) => a.name === name && a.finalized && !a.deleted)
        .sort((a, b) => b.id - a.id)
    },
    blobBytes(id) {
      return state.blobs.get(find(id).blobKey)?.data ?? null
    },
    reset() {
      state.artifacts.length = 0
      state.blobs.clear()
      state.comments.length = 0
      state.pulls.length = 0
      state.requests.length = 0
      state.signatures.clear()
      faults.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
