// The retry and rate-limit policy of our one Octokit factory, against the loopback GitHub fake: which statuses
// are retried, how often, and that rate limits wait what the server's Retry-After asks (in shortened units).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../../src/github/octokit.js'
import { startGitHubFake, type GitHubFake } from '../../fakes/github-fake.js'

const PATH = /\/actions\/artifacts$/
let fake: GitHubFake

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'w', repositoryId: 1, token: null })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => fake.reset())

function client(logged: string[]) {
  return createGitHubClient({
    token: 't',
    env: { GITHUB_API_URL: fake.url },
    mask: () => undefined,
    log: { warning: (m) => logged.push(m) },
    retryAfterBaseMs: 2,
  })
}

async function list(logged: string[]): Promise<number> {
  try {
    return (
      await client(logged).request('GET /repos/{owner}/{repo}/actions/artifacts', {
        owner: 'acme',
        repo: 'w',
      })
    ).status
  } catch (err) {
    return (err as { status: number }).status
  }
}

const requests = () => fake.state.requests.filter((r) => PATH.test(r.path)).length

describe('GitHub client retry policy', () => {
  it.each([
    { status: 400, requests: 1, final: 400 },
    { status: 401, requests: 1, final: 401 },
    { status: 403, requests: 1, final: 403 },
    { status: 404, requests: 1, final: 404 },
    { status: 422, requests: 1, final: 422 },
    { status: 500, requests: 4, final: 500 },
    { status: 503, requests: 4, final: 503 },
  ])('a persistent $status is sent $requests time(s)', async ({ status, requests: n, final }) => {
    fake.addFault({ method: 'GET', path: PATH, times: 10, status })
    expect(await list([])).toBe(final)
    expect(requests()).toBe(n)
  })

  it.each([
    {
      name: 'secondary limit (message)',
      fault: {
        status: 429,
        headers: { 'retry-after': '3' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      log: /secondary rate limit on GET .*retrying after 3 s/,
    },
    {
      name: 'secondary limit as a 403',
      fault: {
        status: 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      log: /secondary rate limit on GET .*retrying after 1 s/,
    },
    {
      name: 'plain 429 with Retry-After',
      fault: { status: 429, headers: { 'retry-after': '2' } },
      log: /plain 429 rate limit on GET .*retrying after 2 s/,
    },
  ])('$name: waits as asked, then succeeds', async ({ fault, log }) => {
    fake.addFault({ method: 'GET', path: PATH, times: 1, ...fault })
    const logged: string[] = []
    expect(await list(logged)).toBe(200)
    expect(requests()).toBe(2)
    expect(logged.join('\n')).toMatch(log)
  })

  it('gives up on a rate limit that asks to wait longer than a minute', async () => {
    fake.addFault({ method: 'GET', path: PATH, times: 1, status: 429, headers: { 'retry-after': '3600' } })
    const logged: string[] = []
    expect(await list(logged)).toBe(429)
    expect(requests()).toBe(1)
    expect(logged.join('\n')).toMatch(/giving up \(asked to wait 3600 s\)/)
  })
})
