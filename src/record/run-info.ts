import { LOCAL_EVENT, type RunInfo, type RunnerFingerprint } from '../model/index.js'

/** The subset of a GitHub webhook payload the run info reads. Everything is optional: payloads vary by event. */
export interface EventPayload {
  readonly pull_request?: {
    readonly number?: number
    readonly head?: {
      readonly ref?: string
      readonly sha?: string
      readonly repo?: { readonly full_name?: string } | null
    }
    readonly base?: { readonly ref?: string }
    readonly html_url?: string
  }
  readonly repository?: { readonly default_branch?: string; readonly full_name?: string }
  readonly workflow_run?: {
    readonly id?: number
    readonly run_attempt?: number
    readonly head_branch?: string | null
    readonly head_sha?: string
    readonly event?: string
    readonly head_repository?: { readonly id?: number; readonly full_name?: string } | null
    readonly pull_requests?: ReadonlyArray<{
      readonly number?: number
      readonly head?: {
        readonly ref?: string
        readonly sha?: string
        readonly repo?: { readonly id?: number }
      }
      readonly base?: { readonly ref?: string }
    }>
  }
}

export class RunInfoError extends Error {
  override name = 'RunInfoError'
}

/**
 * Run info of an Actions run, from the `GITHUB_*` variables and the event payload. For pull requests the
 * branch is the PR's head branch and `headRepository` its head repository, which differs from `repository` for
 * forks: the history's trust check depends on telling the two apart.
 */
export function runInfoFromActions(
  env: Readonly<Record<string, string | undefined>>,
  payload: EventPayload,
  runner: RunnerFingerprint,
  now: Date,
): RunInfo {
  const need = (name: string): string => {
    const v = env[name]
    if (v === undefined || v === '')
      throw new RunInfoError(`${name} is not set: is this running inside GitHub Actions?`)
    return v
  }
  const repository = need('GITHUB_REPOSITORY')
  const event = need('GITHUB_EVENT_NAME')
  const pr = payload.pull_request
  const isPr = pr !== undefined && (event === 'pull_request' || event === 'pull_request_target')
  const ref = env.GITHUB_REF ?? ''
  const branch = isPr
    ? (pr.head?.ref ?? env.GITHUB_HEAD_REF ?? '')
    : (env.GITHUB_REF_NAME ?? ref.replace(/^refs\/heads\//, ''))
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const runId = Number(need('GITHUB_RUN_ID'))
  return {
    repository,
    headRepository: isPr ? (pr.head?.repo?.full_name ?? repository) : repository,
    sha: isPr ? (pr.head?.sha ?? need('GITHUB_SHA')) : need('GITHUB_SHA'),
    ref,
    branch,
    event,
    prNumber: isPr ? (pr.number ?? null) : null,
    baseBranch: isPr ? (pr.base?.ref ?? env.GITHUB_BASE_REF ?? null) : null,
    runId,
    attempt: Number(env.GITHUB_RUN_ATTEMPT ?? '1'),
    timestamp: now.toISOString(),
    ...(env.GITHUB_WORKFLOW === undefined ? {} : { workflow: env.GITHUB_WORKFLOW }),
    ...(env.GITHUB_JOB === undefined ? {} : { job: env.GITHUB_JOB }),
    runner,
    url: `${server}/${repository}/actions/runs/${runId}`,
  }
}

/** Facts about the local checkout the CLI reads with git; each may be missing outside a repository. */
export interface LocalGitFacts {
  readonly sha?: string
  readonly branch?: string
  readonly remote?: string
}

/**
 * Run info of a local CLI run. The run id is the start time in milliseconds, which orders local runs and is
 * unique enough for one machine's history directory.
 */
export function runInfoForLocal(git: LocalGitFacts, runner: RunnerFingerprint, now: Date): RunInfo {
  const repository = git.remote ?? 'local/repository'
  return {
    repository,
    headRepository: repository,
    sha: git.sha ?? '0000000',
    ref: git.branch === undefined ? '' : `refs/heads/${git.branch}`,
    branch: git.branch ?? 'local',
    event: LOCAL_EVENT,
    prNumber: null,
    baseBranch: null,
    runId: now.getTime(),
    attempt: 1,
    timestamp: now.toISOString(),
    runner,
  }
}

/** `owner/name` from a git remote URL (https or ssh form), or undefined. */
export function repositoryFromRemote(url: string): string | undefined {
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url.trim())
  return m?.[1]
}
