/**
 * HTTP helpers shared by the route modules of the GitHub fake.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ActiveFault, FakeState } from './github-fake-state.js'

/** Context handed to the route modules. */
export interface FakeContext {
  readonly state: FakeState
  readonly url: () => string
  readonly now: () => Date
  readonly token: string | null
  readonly faults: ActiveFault[]
  newSignature(): string
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** `Link` header for page `page` of `total` items, keeping the other query parameters. */
export function linkHeader(
  base: string,
  path: string,
  query: URLSearchParams,
  page: number,
  perPage: number,
  total: number,
): string | null {
  const last = Math.max(1, Math.ceil(total / perPage))
  const make = (p: number, rel: string): string => {
    const q = new URLSearchParams(query)
    q.set('per_page', String(perPage))
    q.set('page', String(p))
    return `<${base}${path}?${q.toString()}>; rel="${rel}"`
  }
  const parts: string[] = []
  if (page > 1) parts.push(make(page - 1, 'prev'), make(1, 'first'))
  if (page < last) parts.push(make(page + 1, 'next'), make(last, 'last'))
  return parts.length > 0 ? parts.join(', ') : null
}

/** Page size and number from a query, GitHub-style (per_page 1-100, default 30). */
export function pageOf(query: URLSearchParams): { page: number; perPage: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30))
  const page = Math.max(1, Number(query.get('page')) || 1)
  return { page, perPage }
}

/** The token of a request's `Authorization` header (`token X`, `Bearer X`), or null. */
export function tokenOf(req: IncomingMessage): string | null {
  const m = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')
  return m?.[1]?.trim() ?? null
}

/** REST authentication: the configured token or a read-only one; anything when no token is configured. */
export function restAuthorized(ctx: FakeContext, req: IncomingMessage): boolean {
  if (ctx.token === null) return true
  const token = tokenOf(req)
  return token !== null && (token === ctx.token || ctx.state.readOnlyTokens.has(token))
}

/** True when the request carries a read-only token (a fork pull request's `GITHUB_TOKEN`). */
export function isReadOnly(ctx: FakeContext, req: IncomingMessage): boolean {
  const token = tokenOf(req)
  return token !== null && ctx.state.readOnlyTokens.has(token)
}

/**
 * GitHub's answer to a write with a token that lacks the permission (a fork PR's read-only `GITHUB_TOKEN`):
 * 403 with `x-accepted-github-permissions` naming what would have been needed.
 */
export function sendNotAccessible(res: ServerResponse, permission: string, documentation: string): void {
  sendJson(
    res,
    403,
    {
      message: 'Resource not accessible by integration',
      documentation_url: documentation,
      status: '403',
    },
    { 'x-accepted-github-permissions': permission },
  )
}
