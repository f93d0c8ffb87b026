// The hidden marker that identifies Gauntlet's sticky comment on a pull request, spelled once.

/** Prefix inside the HTML comment; the full marker is `<!-- gauntlet:comment id=<id> -->`. */
export const COMMENT_MARKER_PREFIX = 'gauntlet:comment'

/**
 * The marker for one comment id (`report.id` in the config, so several workflows using Gauntlet keep one comment
 * each). Characters outside `[\w.-]` are replaced so the id can never close the HTML comment.
 */
export function commentMarker(id: string): string {
  const safe = id.replace(/[^\w.-]/g, '_').slice(0, 100) || 'default'
  return `<!-- ${COMMENT_MARKER_PREFIX} id=${safe} -->`
}

/** True when `body` is a Gauntlet comment for `id`: the marker must open the body, not merely appear in it. */
export function hasCommentMarker(body: string, id: string): boolean {
  return body.trimStart().startsWith(commentMarker(id))
}
