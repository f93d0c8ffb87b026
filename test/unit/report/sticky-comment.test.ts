import { describe, expect, it } from 'vitest'
import { commentMarker, hasCommentMarker } from '../../../src/report/comment-marker.js'
import type { CommentPoster, ExistingComment, PlanCommentInput } from '../../../src/report/sticky-comment.js'
import { planComment, postStickyComment, reportChanged } from '../../../src/report/sticky-comment.js'
import { allGreen, flakyOnly, onlyRegressions } from '../../fixtures/report/reports.js'

const mine = (id: number, body = 'old'): ExistingComment => ({
  id,
  body: `${commentMarker('default')}\n${body}`,
})
const other = (id: number, body = 'LGTM'): ExistingComment => ({ id, body })
const body = `${commentMarker('default')}\nnew`

describe('planComment', () => {
  const cases: [string, Omit<PlanCommentInput, 'body' | 'id'>, ReturnType<typeof planComment>][] = [
    [
      'never skips',
      { existing: [mine(1)], mode: 'never', changed: true },
      { action: 'skip', reason: 'comment: never' },
    ],
    [
      'always creates the first comment',
      { existing: [other(5)], mode: 'always', changed: false },
      { action: 'create' },
    ],
    [
      'on-change creates when something changed',
      { existing: [], mode: 'on-change', changed: true },
      { action: 'create' },
    ],
    [
      'on-change stays quiet when nothing changed and there is no comment',
      { existing: [other(5)], mode: 'on-change', changed: false },
      { action: 'skip', reason: 'comment: on-change and nothing changed' },
    ],
    [
      'on-change keeps an existing comment current even when nothing changed',
      { existing: [other(5), mine(7)], mode: 'on-change', changed: false },
      { action: 'update', commentId: 7 },
    ],
    [
      'always updates an existing comment',
      { existing: [mine(7)], mode: 'always', changed: true },
      { action: 'update', commentId: 7 },
    ],
    [
      'skips an identical body',
      { existing: [{ id: 7, body }], mode: 'always', changed: true },
      { action: 'skip', reason: 'comment 7 is already up to date' },
    ],
    [
      'keeps the oldest of duplicates current',
      { existing: [mine(3), mine(9)], mode: 'always', changed: true },
      { action: 'update', commentId: 3 },
    ],
    [
      'ignores a comment that only quotes the marker',
      { existing: [other(4, `see ${commentMarker('default')}`)], mode: 'on-change', changed: true },
      { action: 'create' },
    ],
    [
      'ignores the comment of another id',
      { existing: [{ id: 8, body: `${commentMarker('nightly')}\nx` }], mode: 'on-change', changed: true },
      { action: 'create' },
    ],
  ]
  it.each(cases)('%s', (_name, input, expected) => {
    expect(planComment({ ...input, body, id: 'default' })).toEqual(expected)
  })
})

describe('commentMarker', () => {
  it.each([
    ['default', '<!-- gauntlet:comment id=default -->'],
    ['perf.nightly-2', '<!-- gauntlet:comment id=perf.nightly-2 -->'],
    ['x --> <b>', '<!-- gauntlet:comment id=x_--___b_ -->'],
    ['', '<!-- gauntlet:comment id=default -->'],
  ])('commentMarker(%j) = %j', (id, expected) => {
    expect(commentMarker(id)).toBe(expected)
  })
  it('matches only at the start of a body', () => {
    expect(hasCommentMarker(`  ${commentMarker('a')}\nx`, 'a')).toBe(true)
    expect(hasCommentMarker(`x ${commentMarker('a')}`, 'a')).toBe(false)
  })
})

function memoryPoster(
  initial: ExistingComment[],
): CommentPoster & { comments: ExistingComment[]; calls: string[] } {
  const comments = [...initial]
  const calls: string[] = []
  let next = 100
  return {
    comments,
    calls,
    list(pr) {
      calls.push(`list ${pr}`)
      return Promise.resolve(comments.map((c) => ({ ...c })))
    },
    create(pr, text) {
      calls.push(`create ${pr}`)
      const id = next++
      comments.push({ id, body: text })
      return Promise.resolve({ id })
    },
    update(id, text) {
      calls.push(`update ${id}`)
      const i = comments.findIndex((c) => c.id === id)
      comments[i] = { id, body: text }
      return Promise.resolve()
    },
  }
}

describe('postStickyComment', () => {
  it('creates, then edits the same comment, then leaves it alone when nothing changed', async () => {
    const poster = memoryPoster([other(1)])
    const first = await postStickyComment(poster, 42, {
      body: `${commentMarker('default')}\nv1`,
      mode: 'always',
      changed: true,
      id: 'default',
    })
    const second = await postStickyComment(poster, 42, {
      body: `${commentMarker('default')}\nv2`,
      mode: 'always',
      changed: true,
      id: 'default',
    })
    const third = await postStickyComment(poster, 42, {
      body: `${commentMarker('default')}\nv2`,
      mode: 'always',
      changed: true,
      id: 'default',
    })
    expect(first).toEqual({ plan: { action: 'create' }, commentId: 100 })
    expect(second).toEqual({ plan: { action: 'update', commentId: 100 }, commentId: 100 })
    expect(third.plan.action).toBe('skip')
    expect(poster.comments).toHaveLength(2)
    expect(poster.calls).toEqual(['list 42', 'create 42', 'list 42', 'update 100', 'list 42'])
  })

  it('makes no call at all with comment: never', async () => {
    const poster = memoryPoster([])
    const result = await postStickyComment(poster, 1, { body, mode: 'never', changed: true, id: 'default' })
    expect(result.commentId).toBeNull()
    expect(poster.calls).toEqual([])
  })
})

describe('reportChanged', () => {
  it.each([
    ['all green', allGreen(), false],
    ['regressions', onlyRegressions(), true],
    ['flaky tests', flakyOnly(), true],
  ] as const)('%s → %s', (_name, report, expected) => {
    expect(reportChanged(report)).toBe(expected)
  })
})
