/**
 * The adapter that finds the open pull request of a commit: `GET /repos/{owner}/{repo}/pulls?state=open`,
 * paginated and bounded. A `workflow_run` event of a fork's pull request arrives with `pull_requests: []`
 * (GitHub fills that list only for same-repository branches), so the report job resolves it by head SHA.
 */
import type { RepositoryRef } from './env.js'
import { redactUrlQueries } from './masking.js'
import type { GitHubClient } from './octokit.js'

/** Pages of open pull requests walked (100 per page) before giving up: 1,000 open PRs. */
export const MAX_PULL_REQUEST_PAGES = 10
/** Page size of the listing (GitHub's maximum). */
export const PULL_REQUESTS_PER_PAGE = 100

/** The parts of a pull request the report needs. */
export interface PullRequestInfo {
  readonly number: number
  readonly headSha: string
  readonly headBranch: string
  /** `owner/name` of the head repository (a fork's for fork PRs); null when the fork was deleted. */
  readonly headRepository: string | null
  readonly headRepositoryId: number | null
  readonly baseBranch: string
}

/** The shape of one item of the pulls listing that {@link toPullRequestInfo} reads. */
export interface ListedPull {
  readonly number: number
  readonly head: {
    readonly sha: string
    readonly ref: string
    readonly repo?: { readonly id?: number; readonly full_name?: string } | null
  }
  readonly base: { readonly ref: string }
}

export interface FindPullRequestResult {
  readonly pullRequest: PullRequestInfo | null
  /** Pages read; equals the bound when the listing was cut short. */
  readonly pages: number
  /** True when the bound stopped the walk before the last page (the PR may exist beyond it). */
  readonly truncated: boolean
}

/** Listing open pull requests failed; the message says which permission or what else to check. */
export class PullRequestLookupError extends Error {
  override readonly name = 'PullRequestLookupError'
  constructor(
    readonly repository: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(
      `open pull requests of ${repository} could not be listed${status === null ? '' : ` (HTTP ${status})`}: ${detail}`,
    )
  }
}

/** The report's view of one listed pull request. Pure. */
export function toPullRequestInfo(pull: ListedPull): PullRequestInfo {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    headBranch: pull.head.ref,
    headRepository: pull.head.repo?.full_name ?? null,
    headRepositoryId: pull.head.repo?.id ?? null,
    baseBranch: pull.base.ref,
  }
}

function advice(status: number | null): string {
  if (status === 401) return 'the token was refused; check the github-token input'
  if (status === 403 || status === 404)
    return 'give the report job `permissions: pull-requests: read` (and `write` to comment)'
  return 'the comment is skipped; re-run the job if GitHub was unavailable'
}

/**
 * Finds the open pull request whose head commit is `headSha`, walking at most {@link MAX_PULL_REQUEST_PAGES}
 * pages and stopping at the first page with a match. Several matches on that page (one commit pushed to two
 * branches) resolve to the lowest number, the oldest.
 * @throws PullRequestLookupError when a page cannot be read
 */
export async function findOpenPullRequestByHeadSha(
  client: GitHubClient,
  repository: RepositoryRef,
  headSha: string,
  maxPages: number = MAX_PULL_REQUEST_PAGES,
): Promise<FindPullRequestResult> {
  const name = `${repository.owner}/${repository.repo}`
  const matches: PullRequestInfo[] = []
  let pages = 0
  let more = false
  try {
    const iterator = client.paginate.iterator(client.rest.pulls.list, {
      owner: repository.owner,
      repo: repository.repo,
      state: 'open',
      per_page: PULL_REQUESTS_PER_PAGE,
    })
    for await (const page of iterator) {
      pages++
      for (const pull of page.data as readonly ListedPull[])
        if (pull.head.sha === headSha) matches.push(toPullRequestInfo(pull))
      if (matches.length > 0) break
      if (pages >= maxPages) {
        more = /rel="next"/.test(page.headers.link ?? '')
        break
      }
    }
  } catch (err) {
    const status = (err as { status?: unknown }).status
    const code = typeof status === 'number' ? status : null
    const text = redactUrlQueries(err instanceof Error ? err.message : String(err))
    throw new PullRequestLookupError(name, code, `${text}; ${advice(code)}`)
  }
  matches.sort((a, b) => a.number - b.number)
  return { pullRequest: matches[0] ?? null, pages, truncated: more }
}
