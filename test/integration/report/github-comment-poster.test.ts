// The sticky comment against the shared loopback GitHub fake (test/fakes/github-fake.ts): paginated list with
// Link headers, create, update, GitHub's 422 for bodies over 65,536 characters, and a 403 fault that answers like
// a fork PR's read-only token.

import { Octokit } from '@octokit/rest'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { commentMarker } from '../../../src/report/comment-marker.js'
import { CommentPostError, createGitHubCommentPoster } from '../../../src/report/github-comment-poster.js'
import { renderReport } from '../../../src/report/render-report.js'
import { postStickyComment, reportChanged } from '../../../src/report/sticky-comment.js'
import { loadTemplates } from '../../../src/report/templates.js'
import type { GitHubFake } from '../../fakes/github-fake.js'
import { startGitHubFake } from '../../fakes/github-fake.js'
import { LINKS, hugeRun, onlyFailures, onlyRegressions } from '../../fixtures/report/reports.js'

let fake: GitHubFake
let octokit: Octokit

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'kv-service', token: 'test-token' })
  const quiet = (): void => {}
  // Octokit logs failed requests; the 4xx here are expected.
  octokit = new Octokit({
    baseUrl: fake.url,
    auth: 'test-token',
    request: { retries: 0 },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  })
})

afterAll(async () => {
  await fake.close()
})

beforeEach(() => {
  fake.reset()
})

const commentsOf = (pr: number) => fake.state.comments.filter((c) => c.issueNumber === pr)
const requestLog = () => fake.state.requests.map((r) => `${r.method} ${r.path}${r.query}`)

function seed(pr: number, bodies: string[]): void {
  for (const body of bodies) {
    const now = new Date(Date.UTC(2026, 10, 20))
    fake.state.comments.push({
      id: fake.state.nextCommentId++,
      issueNumber: pr,
      body,
      user: { login: 'someone', id: 1, type: 'User' },
      createdAt: now,
      updatedAt: now,
    })
  }
}

describe('sticky comment against a loopback GitHub', () => {
  it('creates the comment, edits the same one on the next run, and posts nothing with comment: never', async () => {
    const templates = await loadTemplates({}, () => {})
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    const render = (report: ReturnType<typeof onlyFailures>) =>
      renderReport(report, { templates, links: LINKS, target: 'comment', commentId: 'default' })

    const first = await postStickyComment(poster, 42, {
      body: render(onlyFailures()),
      mode: 'on-change',
      changed: reportChanged(onlyFailures()),
      id: 'default',
    })
    expect(first.plan.action).toBe('create')
    expect(commentsOf(42)).toHaveLength(1)

    const second = await postStickyComment(poster, 42, {
      body: render(onlyRegressions()),
      mode: 'on-change',
      changed: true,
      id: 'default',
    })
    expect(second).toEqual({
      plan: { action: 'update', commentId: first.commentId },
      commentId: first.commentId,
    })
    expect(commentsOf(42)).toHaveLength(1)
    expect(commentsOf(42)[0]!.body).toContain('2 metrics regressed')

    const before = fake.state.requests.length
    const third = await postStickyComment(poster, 42, {
      body: render(onlyRegressions()),
      mode: 'never',
      changed: true,
      id: 'default',
    })
    expect(third.plan.action).toBe('skip')
    expect(fake.state.requests.length).toBe(before)
  })

  it('finds the marker beyond the first page of comments (pagination)', async () => {
    const bodies = Array.from({ length: 250 }, (_, i) => `comment ${i}`)
    bodies[180] = `${commentMarker('default')}\nold report`
    seed(7, bodies)
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    const result = await postStickyComment(poster, 7, {
      body: `${commentMarker('default')}\nnew report`,
      mode: 'on-change',
      changed: false,
      id: 'default',
    })
    expect(result.plan.action).toBe('update')
    expect(commentsOf(7)[180]!.body).toBe(`${commentMarker('default')}\nnew report`)
    expect(commentsOf(7)).toHaveLength(250)
    expect(requestLog().filter((r) => r.startsWith('GET'))).toEqual([
      'GET /repos/acme/kv-service/issues/7/comments?per_page=100',
      'GET /repos/acme/kv-service/issues/7/comments?per_page=100&page=2',
      'GET /repos/acme/kv-service/issues/7/comments?per_page=100&page=3',
    ])
  })

  it('keeps one comment per id when two workflows use Gauntlet', async () => {
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    for (const id of ['ci', 'nightly', 'ci']) {
      await postStickyComment(poster, 9, {
        body: `${commentMarker(id)}\n${id} ${fake.state.requests.length}`,
        mode: 'always',
        changed: true,
        id,
      })
    }
    const bodies = commentsOf(9).map((c) => c.body.split('\n')[0])
    expect(bodies).toEqual([commentMarker('ci'), commentMarker('nightly')])
  })

  it('maps the read-only token of a fork PR to an error that says what to do', async () => {
    fake.addFault({
      method: 'POST',
      path: '/issues/11/comments',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    })
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    const error = await postStickyComment(poster, 11, {
      body: `${commentMarker('default')}\nx`,
      mode: 'always',
      changed: true,
      id: 'default',
    }).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(CommentPostError)
    expect((error as CommentPostError).status).toBe(403)
    expect((error as Error).message).toMatch(/pull-requests: write/)
    expect((error as Error).message).toMatch(/workflow_run.*mode: report/)
  })

  it("posts the comment of the huge run, which the fake accepts within GitHub's 65,536 characters", async () => {
    const templates = await loadTemplates({}, () => {})
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    const body = renderReport(hugeRun(), { templates, links: LINKS, target: 'comment', commentId: 'default' })
    const result = await postStickyComment(poster, 12, {
      body,
      mode: 'on-change',
      changed: true,
      id: 'default',
    })
    expect(result.plan.action).toBe('create')
    expect(commentsOf(12)[0]!.body).toBe(body)
  })

  it("maps GitHub's 422 for an over-long body to a CommentPostError", async () => {
    const poster = createGitHubCommentPoster(octokit, 'acme/kv-service')
    const error = await poster.create(13, 'x'.repeat(70_000)).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(CommentPostError)
    expect((error as CommentPostError).status).toBe(422)
  })
})
