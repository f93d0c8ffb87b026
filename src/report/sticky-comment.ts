// The sticky PR comment: one comment per pull request and report id, found by its hidden marker and edited in
// place. `planComment` decides (pure); `postStickyComment` carries the decision out through a CommentPoster.

import { hasCommentMarker } from './comment-marker.js'

/** When to post: every run, only when there is something to say (or an existing comment to keep current), never. */
export const COMMENT_MODES = ['always', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** An existing comment on the pull request. */
export interface ExistingComment {
  readonly id: number
  readonly body: string
}

/** The GitHub side of the sticky comment; the Octokit implementation is in github-comment-poster.ts. */
export interface CommentPoster {
  /** Every comment of the pull request (all pages), oldest first. */
  list(prNumber: number): Promise<ExistingComment[]>
  create(prNumber: number, body: string): Promise<{ id: number }>
  update(commentId: number, body: string): Promise<void>
}

/** What to do with the comment. */
export type CommentPlan =
  | { readonly action: 'create' }
  | { readonly action: 'update'; readonly commentId: number }
  | { readonly action: 'skip'; readonly reason: string }

/** Inputs of {@link planComment}. */
export interface PlanCommentInput {
  /** Comments already on the pull request. */
  readonly existing: readonly ExistingComment[]
  /** The new body (opens with the marker). */
  readonly body: string
  readonly mode: CommentMode
  /** Whether the run has something a reviewer should see (failures, regressions, improvements, flaky, chaos). */
  readonly changed: boolean
  /** `report.id`; one sticky comment per id. */
  readonly id: string
}

/**
 * Decides between creating, updating and skipping:
 * - `never` skips;
 * - an existing comment for this id is updated when the body differs (in `on-change` too, so a comment that
 *   reported a regression does not stay stale after the fix), and left alone when identical;
 * - with no existing comment, `always` creates, `on-change` creates only when `changed`.
 * When several comments carry the marker (two runs raced), the oldest is kept current.
 */
export function planComment(input: PlanCommentInput): CommentPlan {
  if (input.mode === 'never') return { action: 'skip', reason: 'comment: never' }
  const mine = input.existing.find((c) => hasCommentMarker(c.body, input.id))
  if (mine) {
    if (mine.body === input.body)
      return { action: 'skip', reason: `comment ${mine.id} is already up to date` }
    return { action: 'update', commentId: mine.id }
  }
  if (input.mode === 'always' || input.changed) return { action: 'create' }
  return { action: 'skip', reason: 'comment: on-change and nothing changed' }
}

/** What {@link postStickyComment} did. */
export interface PostResult {
  readonly plan: CommentPlan
  /** Id of the created or updated comment; null when skipped. */
  readonly commentId: number | null
}

/** Lists the PR's comments, plans, and creates or updates the sticky comment. Errors propagate (typed by the poster). */
export async function postStickyComment(
  poster: CommentPoster,
  prNumber: number,
  input: Omit<PlanCommentInput, 'existing'>,
): Promise<PostResult> {
  if (input.mode === 'never') return { plan: { action: 'skip', reason: 'comment: never' }, commentId: null }
  const existing = await poster.list(prNumber)
  const plan = planComment({ ...input, existing })
  switch (plan.action) {
    case 'create':
      return { plan, commentId: (await poster.create(prNumber, input.body)).id }
    case 'update':
      await poster.update(plan.commentId, input.body)
      return { plan, commentId: plan.commentId }
    default:
      return { plan, commentId: null }
  }
}

/** Whether a report has something worth a new comment under `on-change`. */
export function reportChanged(report: {
  readonly verdict: string
  readonly tests: { readonly failed: number; readonly errored: number; readonly flaky: number }
  readonly comparisons: readonly { readonly verdict: string }[]
  readonly chaos: readonly { readonly verdict: string }[]
}): boolean {
  return (
    report.verdict !== 'pass' ||
    report.tests.failed + report.tests.errored + report.tests.flaky > 0 ||
    report.comparisons.some((c) => c.verdict === 'regressed' || c.verdict === 'improved') ||
    report.chaos.some((c) => c.verdict === 'failed')
  )
}
