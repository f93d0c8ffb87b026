/**
 * Issue-comment routes of the GitHub fake (the sticky PR comment): list with `Link` pagination, create,
 * get, update, delete. Bodies over GitHub's 65,536 characters get GitHub's 422; writes with a read-only token
 * (a fork pull request's) get GitHub's 403 `Resource not accessible by integration`.
 */
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
import type { FakeComment } from './github-fake-state.js'

/** GitHub's limit on an issue comment's body. */
export const MAX_COMMENT_BODY = 65_536

function commentJson(ctx: FakeContext, c: FakeComment): Record<string, unknown> {
  const { owner, repo } = ctx.state.repository
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${ctx.url()}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${ctx.url()}/repos/${owner}/${repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: c.user,
    author_association: 'NONE',
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  }
}

async function bodyOf(req: IncomingMessage): Promise<string | null> {
  try {
    const parsed = JSON.parse((await readBody(req)).toString('utf8')) as { body?: unknown }
    return typeof parsed.body === 'string' ? parsed.body : null
  } catch {
    return null
  }
}

function tooLong(res: ServerResponse): void {
  sendJson(res, 422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)',
      },
    ],
  })
}

/** Handles the issue-comment routes; false when the request is for another route. */
export async function handleCommentRoutes(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): Promise<boolean> {
  const { owner, repo } = ctx.state.repository
  const prefix = `/repos/${owner}/${repo}/issues/`
  if (!url.pathname.startsWith(prefix)) return false
  if (!restAuthorized(ctx, req)) {
    sendJson(res, 401, { message: 'Bad credentials' })
    return true
  }
  if (method !== 'GET' && isReadOnly(ctx, req)) {
    // A fork pull request's token reads comments but cannot write them.
    await readBody(req)
    sendNotAccessible(
      res,
      'issues=write; pull_requests=write',
      'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    )
    return true
  }
  const rest = url.pathname.slice(prefix.length)
  let m: RegExpExecArray | null
  if ((m = /^(\d+)\/comments$/.exec(rest))) {
    const issue = Number(m[1])
    if (method === 'GET') {
      const list = ctx.state.comments.filter((c) => c.issueNumber === issue).sort((a, b) => a.id - b.id)
      const { page, perPage } = pageOf(url.searchParams)
      const link = linkHeader(ctx.url(), url.pathname, url.searchParams, page, perPage, list.length)
      sendJson(
        res,
        200,
        list.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(ctx, c)),
        link ? { link } : {},
      )
      return true
    }
    if (method === 'POST') {
      const body = await bodyOf(req)
      if (body === null) {
        sendJson(res, 422, { message: 'Validation Failed: body is required' })
        return true
      }
      if (body.length > MAX_COMMENT_BODY) {
        tooLong(res)
        return true
      }
      const now = ctx.now()
      const c: FakeComment = {
        id: ctx.state.nextCommentId++,
        issueNumber: issue,
        body,
        user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
        createdAt: now,
        updatedAt: now,
      }
      ctx.state.comments.push(c)
      sendJson(res, 201, commentJson(ctx, c))
      return true
    }
  }
  if ((m = /^comments\/(\d+)$/.exec(rest))) {
    const c = ctx.state.comments.find((x) => x.id === Number(m?.[1]))
    if (!c) {
      sendJson(res, 404, { message: 'Not Found' })
      return true
    }
    if (method === 'GET') {
      sendJson(res, 200, commentJson(ctx, c))
      return true
    }
    if (method === 'PATCH') {
      const body = await bodyOf(req)
      if (body === null) {
        sendJson(res, 422, { message: 'Validation Failed: body is required' })
        return true
      }
      if (body.length > MAX_COMMENT_BODY) {
        tooLong(res)
        return true
      }
      c.body = body
      c.updatedAt = ctx.now()
      sendJson(res, 200, commentJson(ctx, c))
      return true
    }
    if (method === 'DELETE') {
      ctx.state.comments.splice(ctx.state.comments.indexOf(c), 1)
      res.writeHead(204).end()
      return true
    }
  }
  return false
}
