/**
 * Pull-request routes of the GitHub fake: `GET /repos/{o}/{r}/pulls` (state, head and base filters, newest
 * first, `Link` pagination) and `GET …/pulls/{n}`. A `workflow_run` report job resolves a fork PR this way,
 * because GitHub sends `workflow_run.pull_requests: []` for runs from forks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FakeContext } from './github-fake-http.js'
import { linkHeader, pageOf, restAuthorized, sendJson } from './github-fake-http.js'
import type { FakePull } from './github-fake-state.js'

/** The REST representation of a pull request (the fields a report job reads, and their neighbours). */
export function pullJson(ctx: FakeContext, p: FakePull): Record<string, unknown> {
  const { owner, repo, id } = ctx.state.repository
  const full = `${owner}/${repo}`
  const headOwner = p.headRepoFullName.split('/')[0] ?? owner
  const repoJson = (fullName: string, repoId: number) => ({
    id: repoId,
    full_name: fullName,
    name: fullName.split('/')[1],
    fork: fullName !== full,
    owner: { login: fullName.split('/')[0] },
  })
  return {
    id: 900_000 + p.number,
    node_id: `PR_${p.number}`,
    number: p.number,
    state: p.state,
    title: `Pull request ${p.number}`,
    draft: false,
    user: { login: headOwner, type: 'User' },
    html_url: `https://github.com/${full}/pull/${p.number}`,
    url: `${ctx.url()}/repos/${full}/pulls/${p.number}`,
    created_at: p.createdAt.toISOString(),
    updated_at: p.createdAt.toISOString(),
    head: {
      label: `${headOwner}:${p.headRef}`,
      ref: p.headRef,
      sha: p.headSha,
      repo: repoJson(p.headRepoFullName, p.headRepoFullName === full ? id : id + 1_000_000),
    },
    base: { label: `${owner}:${p.baseRef}`, ref: p.baseRef, sha: '0'.repeat(40), repo: repoJson(full, id) },
  }
}

/** Handles the pull-request routes; false when the request is for another route. */
export function handlePullRoutes(
  ctx: FakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): boolean {
  const { owner, repo } = ctx.state.repository
  const prefix = `/repos/${owner}/${repo}/pulls`
  if (method !== 'GET' || !url.pathname.startsWith(prefix)) return false
  if (!restAuthorized(ctx, req)) {
    sendJson(res, 401, { message: 'Bad credentials' })
    return true
  }
  const rest = url.pathname.slice(prefix.length)
  if (rest === '' || rest === '/') {
    const q = url.searchParams
    const state = q.get('state') ?? 'open'
    if (!['open', 'closed', 'all'].includes(state)) {
      sendJson(res, 422, { message: 'Validation Failed', errors: [{ field: 'state', code: 'invalid' }] })
      return true
    }
    const head = q.get('head') // `user:ref`
    const base = q.get('base')
    const ascending = q.get('direction') === 'asc'
    const list = ctx.state.pulls
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !head || `${p.headRepoFullName.split('/')[0]}:${p.headRef}` === head)
      .filter((p) => !base || p.baseRef === base)
      .sort(
        (a, b) =>
          (ascending ? 1 : -1) * (a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number),
      )
    const { page, perPage } = pageOf(q)
    const link = linkHeader(ctx.url(), url.pathname, q, page, perPage, list.length)
    sendJson(
      res,
      200,
      list.slice((page - 1) * perPage, page * perPage).map((p) => pullJson(ctx, p)),
      link ? { link } : {},
    )
    return true
  }
  const m = /^\/(\d+)$/.exec(rest)
  if (m) {
    const p = ctx.state.pulls.find((x) => x.number === Number(m[1]))
    if (!p) sendJson(res, 404, { message: 'Not Found' })
    else sendJson(res, 200, pullJson(ctx, p))
    return true
  }
  return false
}
