/**
 * State and public types of the loopback GitHub fake (see `github-fake.ts`).
 */

/** A workflow run known to the fake; artifacts uploaded with its runtime token belong to it. */
export interface FakeRun {
  readonly runId: number
  /** `workflow_run_backend_id` / `workflow_job_run_backend_id` carried in the runtime token's `scp` claim. */
  readonly backendId: string
  readonly jobBackendId: string
  readonly repositoryId: number
  /** Differs from `repositoryId` for a fork pull request's run. */
  readonly headRepositoryId: number
  readonly headBranch: string | null
  readonly headSha: string
  /** The event that started the run (`push`, `pull_request`, …), as `GET /actions/runs/{id}` reports it. */
  readonly event?: string
  /** `run_attempt` of this run (1 unless a re-run was registered). */
  readonly runAttempt?: number
  /** `owner/name` of the head repository (a fork's name for a fork pull request's run). */
  readonly headRepositoryFullName?: string
}

/** A pull request known to the fake (`GET /repos/{o}/{r}/pulls`, `GET …/pulls/{n}`). */
export interface FakePull {
  readonly number: number
  state: 'open' | 'closed'
  readonly headRef: string
  readonly headSha: string
  /** `owner/name` of the head repository; a fork's for a fork pull request. */
  readonly headRepoFullName: string
  readonly baseRef: string
  readonly createdAt: Date
}

export interface FakeArtifact {
  readonly id: number
  readonly name: string
  readonly run: FakeRun
  readonly blobKey: string
  /** Job (`workflow_job_run_backend_id`) that uploaded it; absent for artifacts seeded by a test. */
  readonly jobBackendId?: string
  size: number
  digest: string | null
  createdAt: Date
  expiresAt: Date | null
  /** GitHub keeps listing expired artifacts with `expired: true`. */
  expired: boolean
  finalized: boolean
  deleted: boolean
}

export interface FakeBlob {
  readonly blocks: Map<string, Buffer>
  data: Buffer | null
  contentType: string
}

export interface FakeComment {
  readonly id: number
  readonly issueNumber: number
  body: string
  readonly user: { readonly login: string; readonly id: number; readonly type: string }
  readonly createdAt: Date
  updatedAt: Date
}

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  status: number
  /** The token of the `Authorization` header without its scheme; null when there was none. */
  readonly token?: string | null
}

/** Everything the fake holds; tests may read and mutate it directly. */
export interface FakeState {
  readonly repository: { readonly owner: string; readonly repo: string; readonly id: number }
  readonly runs: Map<string, FakeRun>
  /** Job backend id → its run: several jobs of one run (a matrix) share the run's backend id. */
  readonly jobs: Map<string, FakeRun>
  readonly pulls: FakePull[]
  /**
   * Tokens that may read but not write (a fork pull request's `GITHUB_TOKEN`): comment and artifact writes
   * get GitHub's 403 `Resource not accessible by integration`.
   */
  readonly readOnlyTokens: Set<string>
  readonly artifacts: FakeArtifact[]
  readonly blobs: Map<string, FakeBlob>
  readonly comments: FakeComment[]
  readonly requests: RecordedRequest[]
  /** Valid signatures of signed blob URLs. */
  readonly signatures: Set<string>
  nextArtifactId: number
  nextCommentId: number
}

/** A fault injected into matching requests. */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  readonly method?: string
  /** Path to match: a substring or a regular expression (on the path without query). */
  readonly path: string | RegExp
  /** How many matching requests it affects (default: all). */
  readonly times?: number
  /** Answer with this status (and body and headers) instead of the real answer. */
  readonly status?: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** Delay the answer by this many ms (then answer normally unless `status` is set). */
  readonly delayMs?: number
  /** For blob downloads: serve only this many bytes of the content. */
  readonly truncateTo?: number
}

export interface ActiveFault extends FaultSpec {
  remaining: number
  hits: number
}
