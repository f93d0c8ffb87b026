/**
 * Which run a `mode: report` job reports on, and whether a `mode: run` job is a fork's pull request. Pure:
 * everything comes from the event payload and the environment passed in.
 *
 * A `workflow_run` event (the fork-PR setup) names another run: its shards are merged and its PR commented.
 * Any other event (the matrix setup) reports on the current run.
 */
import type { RunInfo, RunnerFingerprint } from '../model/index.js'
import { runInfoFromActions, type EventPayload } from './run-info.js'

/** The event whose payload names another run (`on: workflow_run`). */
export const WORKFLOW_RUN_EVENT = 'workflow_run'

/**
 * Shard name under which a fork pull request's `mode: run` saves its record (artifact `gauntlet-shard-pr`), for
 * the `workflow_run` report job, which has the write token the fork lacks, to merge and comment.
 */
export const FORK_PR_SHARD = 'pr'

/** The pull request a report belongs to, as the event or the pulls listing describes it. */
export interface SourcePullRequest {
  readonly number: number
  readonly headBranch: string
  readonly baseBranch: string
  readonly headRepositoryId: number | null
}

/** The run a `workflow_run` event is about. */
export interface WorkflowRunSource {
  readonly runId: number
  readonly attempt: number
  readonly headSha: string
  readonly headBranch: string
  /** The event that triggered the source run (`pull_request` for the fork setup). */
  readonly event: string
  /** `owner/name` of the head repository; null when the payload does not say (a deleted fork). */
  readonly headRepository: string | null
  readonly headRepositoryId: number | null
  /** `pull_requests[0]` of the payload, which GitHub fills for same-repository branches only. */
  readonly pullRequest: SourcePullRequest | null
}

/** The `workflow_run` payload lacks what a report needs; the message names the field. */
export class SourceRunError extends Error {
  override readonly name = 'SourceRunError'
}

/**
 * Reads the source run of a `workflow_run` event.
 * @throws SourceRunError when `workflow_run.id` or `workflow_run.head_sha` is missing
 */
export function workflowRunSource(payload: EventPayload): WorkflowRunSource {
  const wr = payload.workflow_run
  if (wr === undefined)
    throw new SourceRunError(
      `the ${WORKFLOW_RUN_EVENT} event payload has no workflow_run object: mode: report on ${WORKFLOW_RUN_EVENT} needs GitHub's payload (is GITHUB_EVENT_PATH the event file?)`,
    )
  if (typeof wr.id !== 'number' || !Number.isSafeInteger(wr.id) || wr.id <= 0)
    throw new SourceRunError(
      `workflow_run.id in the event payload is missing or not a run id (${String(wr.id)})`,
    )
  if (typeof wr.head_sha !== 'string' || wr.head_sha === '')
    throw new SourceRunError('workflow_run.head_sha in the event payload is missing')
  const attached = wr.pull_requests?.[0]
  const pullRequest =
    attached !== undefined && typeof attached.number === 'number'
      ? {
          number: attached.number,
          headBranch: attached.head?.ref ?? wr.head_branch ?? '',
          baseBranch: attached.base?.ref ?? '',
          headRepositoryId: attached.head?.repo?.id ?? null,
        }
      : null
  const attempt = wr.run_attempt
  return {
    runId: wr.id,
    attempt: typeof attempt === 'number' && Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
    headSha: wr.head_sha,
    headBranch: wr.head_branch ?? pullRequest?.headBranch ?? '',
    event: wr.event ?? WORKFLOW_RUN_EVENT,
    headRepository: wr.head_repository?.full_name ?? null,
    headRepositoryId: wr.head_repository?.id ?? null,
    pullRequest,
  }
}

/**
 * Run info of a `workflow_run` source: the source run's id, attempt, commit and branch, with the pull request
 * resolved by the caller (null when none was found). The repository is the base repository (this job's).
 */
export function runInfoFromWorkflowRun(
  env: Readonly<Record<string, string | undefined>>,
  source: WorkflowRunSource,
  pullRequest: SourcePullRequest | null,
  runner: RunnerFingerprint,
  now: Date,
): RunInfo {
  // runInfoFromActions checks the GITHUB_* variables every run needs; the source run's facts replace the rest.
  const own = runInfoFromActions(env, {}, runner, now)
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  return {
    ...own,
    headRepository: source.headRepository ?? own.repository,
    sha: source.headSha,
    ref: source.headBranch === '' ? '' : `refs/heads/${source.headBranch}`,
    branch: source.headBranch,
    event: source.event,
    prNumber: pullRequest?.number ?? null,
    baseBranch: pullRequest?.baseBranch ?? null,
    runId: source.runId,
    attempt: source.attempt,
    url: `${server}/${own.repository}/actions/runs/${source.runId}`,
  }
}

/**
 * True for a pull request from a fork: its token is read-only and it has no secrets, so it cannot comment and
 * hands its record to a `workflow_run` report job instead.
 */
export function isForkPullRequest(payload: EventPayload): boolean {
  const head = payload.pull_request?.head?.repo?.full_name
  const base = payload.repository?.full_name
  return head !== undefined && base !== undefined && head !== base
}
