import { Octokit } from '@octokit/rest'
import { describe, expect, it } from 'vitest'
import {
  MAX_PULL_REQUEST_PAGES,
  PullRequestLookupError,
  findOpenPullRequestByHeadSha,
  toPullRequestInfo,
  type ListedPull,
} from '../../../src/github/pull-requests.js'

const REPO = { owner: 'acme', repo: 'shop' }
const API = 'https://api.test'
const SHA = 'f'.repeat(40)

function pull(number: number, sha: string, fork = true): ListedPull {
  return {
    number,
    head: {
      sha,
      ref: `branch-${number}`,
      repo: fork ? { id: 9000 + number, full_name: `fork${number}/shop` } : { id: 1, full_name: 'acme/shop' },
    },
    base: { ref: 'main' },
  }
}

/** An Octokit whose fetch answers from `pages` (1-based) and records the requested URLs. */
function clientWith(
  pages: readonly (readonly ListedPull[])[],
  opts: { status?: number } = {},
): { client: Octokit; urls: string[] } {
  const urls: string[] = []
  const fetch = (url: string | URL): Promise<Response> => {
    const u = new URL(String(url))
    urls.push(`${u.pathname}?${u.searchParams.toString()}`)
    if (opts.status !== undefined)
      return Promise.resolve(
        new Response(JSON.stringify({ message: 'Resource not accessible by integration' }), {
          status: opts.status,
          headers: { 'content-type': 'application/json' },
        }),
      )
    const page = Number(u.searchParams.get('page') ?? '1')
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (page < pages.length) {
      const next = new URL(u)
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${next.toString()}>; rel="next"`
    }
    return Promise.resolve(new Response(JSON.stringify(pages[page - 1] ?? []), { status: 200, headers }))
  }
  const quiet = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  }
  return { client: new Octokit({ baseUrl: API, log: quiet, request: { fetch, retries: 0 } }), urls }
}

describe('toPullRequestInfo', () => {
  it.each([
    [pull(7, SHA), { headRepository: 'fork7/shop', headRepositoryId: 9007 }],
    [
      { ...pull(8, SHA), head: { sha: SHA, ref: 'x', repo: null } },
      { headRepository: null, headRepositoryId: null },
    ],
  ])('maps #%# (a deleted fork has no head repository)', (p, expected) => {
    expect(toPullRequestInfo(p)).toMatchObject({
      number: p.number,
      headSha: SHA,
      baseBranch: 'main',
      ...expected,
    })
  })
})

describe('findOpenPullRequestByHeadSha', () => {
  it('lists open pulls 100 per page and returns the one whose head is the commit', async () => {
    const { client, urls } = clientWith([[pull(1, 'a'.repeat(40)), pull(2, SHA)]])
    const found = await findOpenPullRequestByHeadSha(client, REPO, SHA)
    expect(found.pullRequest).toMatchObject({ number: 2, headBranch: 'branch-2', headRepositoryId: 9002 })
    expect(found).toMatchObject({ pages: 1, truncated: false })
    expect(urls[0]).toBe('/repos/acme/shop/pulls?state=open&per_page=100')
  })

  it('follows pagination and stops at the first page with a match', async () => {
    const { client, urls } = clientWith([[pull(1, 'a')], [pull(2, 'b')], [pull(3, SHA)], [pull(4, 'd')]])
    const found = await findOpenPullRequestByHeadSha(client, REPO, SHA)
    expect(found.pullRequest?.number).toBe(3)
    expect(urls).toHaveLength(3)
  })

  it('takes the lowest number when one commit heads several pull requests', async () => {
    const { client } = clientWith([[pull(12, SHA), pull(5, SHA, false)]])
    expect((await findOpenPullRequestByHeadSha(client, REPO, SHA)).pullRequest?.number).toBe(5)
  })

  it('returns null when no open pull request has the commit', async () => {
    const { client } = clientWith([[pull(1, 'a')], []])
    expect(await findOpenPullRequestByHeadSha(client, REPO, SHA)).toEqual({
      pullRequest: null,
      pages: 2,
      truncated: false,
    })
  })

  it(`reads at most ${MAX_PULL_REQUEST_PAGES} pages and says the listing was cut`, async () => {
    const pages = Array.from({ length: MAX_PULL_REQUEST_PAGES + 3 }, (_, i) => [pull(i + 1, 'a')])
    const { client, urls } = clientWith(pages)
    const found = await findOpenPullRequestByHeadSha(client, REPO, SHA)
    expect(found).toEqual({ pullRequest: null, pages: MAX_PULL_REQUEST_PAGES, truncated: true })
    expect(urls).toHaveLength(MAX_PULL_REQUEST_PAGES)
  })

  it.each([
    [403, /HTTP 403.*pull-requests: read/],
    [404, /HTTP 404.*pull-requests: read/],
    [401, /HTTP 401.*github-token/],
    [500, /HTTP 500.*re-run the job/],
  ])('maps HTTP %i to a PullRequestLookupError that says what to do', async (status, message) => {
    const { client } = clientWith([], { status })
    const err = await findOpenPullRequestByHeadSha(client, REPO, SHA).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PullRequestLookupError)
    expect((err as PullRequestLookupError).status).toBe(status)
    expect((err as Error).message).toMatch(/open pull requests of acme\/shop could not be listed/)
    expect((err as Error).message).toMatch(message)
  })
})
