// CommentPoster over the GitHub REST API (issue comments). Retries, throttling and the base URL belong to the
// Octokit instance passed in (src/github/ builds it); this adapter owns pagination and error mapping.

import type { Octokit } from '@octokit/rest'
import type { CommentPoster, ExistingComment } from './sticky-comment.js'

/** Comments per page when listing; GitHub's maximum, so a busy PR costs few requests. */
const PER_PAGE = 100

/** The PR comment could not be read or written; the message says why and what to do. */
export class CommentPostError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message)
    this.name = 'CommentPostError'
  }
}

function statusOf(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'status' in err) {
    const s = (err as { status?: unknown }).status
    if (typeof s === 'number') return s
  }
  return null
}

function mapError(action: string, where: string, err: unknown): CommentPostError {
  const status = statusOf(err)
  const detail = err instanceof Error ? err.message : String(err)
  if (status === 403 || status === 401) {
    return new CommentPostError(
      `Cannot ${action} the Gauntlet comment on ${where} (HTTP ${status}: ${detail}). The token lacks ` +
        '`pull-requests: write` (add it under `permissions:`), or this is a pull request from a fork, whose token is ' +
        'read-only: the report is in the job summary and the gauntlet-report artifact; post it from a ' +
        '`workflow_run` workflow with `mode: report` (see docs/reporting.md).',
      status,
    )
  }
  if (status === 404) {
    return new CommentPostError(
      `Cannot ${action} the Gauntlet comment on ${where}: not found (HTTP 404). Check that the pull request ` +
        'exists in this repository and that the token can see it.',
      status,
    )
  }
  return new CommentPostError(`Cannot ${action} the Gauntlet comment on ${where}: ${detail}`, status)
}

/** Creates a CommentPoster for `owner/repo` that uses `octokit` for every call. */
export function createGitHubCommentPoster(octokit: Octokit, repository: string): CommentPoster {
  const [owner, repo] = repository.split('/')
  if (!owner || !repo)
    throw new Error(`Expected a repository as owner/name, found ${JSON.stringify(repository)}`)
  return {
    async list(prNumber: number): Promise<ExistingComment[]> {
      try {
        // Paginate: a long-lived PR easily has more than one page, and the marker may be on any of them.
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: prNumber,
          per_page: PER_PAGE,
        })
        return comments.map((c) => ({ id: c.id, body: c.body ?? '' }))
      } catch (err) {
        throw mapError('list comments for', `${repository}#${prNumber}`, err)
      }
    },
    async create(prNumber: number, body: string): Promise<{ id: number }> {
      try {
        const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: prNumber, body })
        return { id: res.data.id }
      } catch (err) {
        throw mapError('create', `${repository}#${prNumber}`, err)
      }
    },
    async update(commentId: number, body: string): Promise<void> {
      try {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })
      } catch (err) {
        throw mapError('update', `${repository} comment ${commentId}`, err)
      }
    },
  }
}
