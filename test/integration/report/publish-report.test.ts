// publishReport writes the report files and drives the sinks; the comment goes to a loopback-free in-memory
// poster here (the Octokit poster has its own loopback test), and a failing poster only warns.

import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/report/annotations.js'
import { CommentPostError } from '../../../src/report/github-comment-poster.js'
import { publishReport } from '../../../src/report/publish-report.js'
import type { CommentPoster } from '../../../src/report/sticky-comment.js'
import { loadTemplates } from '../../../src/report/templates.js'
import { LINKS, hugeRun, onlyFailures, testCases } from '../../fixtures/report/reports.js'

function poster(fail = false): CommentPoster & { bodies: string[] } {
  const bodies: string[] = []
  return {
    bodies,
    list: () => Promise.resolve([]),
    create: (_pr, body) => {
      if (fail)
        return Promise.reject(new CommentPostError('Cannot create the Gauntlet comment (HTTP 403).', 403))
      bodies.push(body)
      return Promise.resolve({ id: 1 })
    },
    update: () => Promise.resolve(),
  }
}

describe('publishReport', () => {
  it('writes report.md, comment.md, report.html and findings.json and feeds every sink', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'gauntlet-publish-'))
    const summaries: string[] = []
    const annotations: Annotation[] = []
    const outputs: Record<string, string | number> = {}
    const warnings: string[] = []
    const p = poster()
    const result = await publishReport({
      report: onlyFailures(),
      templates: await loadTemplates({}, (m) => warnings.push(m)),
      links: LINKS,
      directory,
      commentId: 'default',
      commentMode: 'on-change',
      html: true,
      annotations: true,
      tests: testCases(14),
      poster: p,
      sinks: {
        summary: (md) => {
          summaries.push(md)
          return Promise.resolve()
        },
        annotate: (a) => annotations.push(a),
        setOutput: (name, value) => {
          outputs[name] = value
        },
        warn: (m) => warnings.push(m),
      },
    })
    expect((await readdir(directory)).sort()).toEqual([
      'comment.md',
      'findings.json',
      'report.html',
      'report.md',
    ])
    expect(result.files).toHaveLength(4)
    expect(await readFile(path.join(directory, 'report.md'), 'utf8')).toBe(summaries[0])
    expect(p.bodies).toEqual([await readFile(path.join(directory, 'comment.md'), 'utf8')])
    expect(result.comment?.plan.action).toBe('create')
    expect(annotations.map((a) => a.level)).toEqual(['error', 'error', 'error', 'error'])
    expect(outputs).toEqual({
      status: 'error',
      'tests-failed': 3,
      regressions: 0,
      'findings-json': path.join(directory, 'findings.json'),
      'report-path': directory,
    })
    expect(warnings).toEqual([])
  })

  it('turns a refused comment (fork PR) into a warning that says where the comment is', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'gauntlet-publish-'))
    const warnings: string[] = []
    const annotations: Annotation[] = []
    const result = await publishReport({
      report: hugeRun(),
      templates: await loadTemplates({}, (m) => warnings.push(m)),
      links: LINKS,
      directory,
      commentId: 'default',
      commentMode: 'always',
      html: false,
      annotations: true,
      poster: poster(true),
      sinks: { warn: (m) => warnings.push(m), annotate: (a) => annotations.push(a) },
    })
    expect(result.comment).toBeNull()
    expect(warnings).toEqual([
      expect.stringContaining(`The comment is in ${path.join(directory, 'comment.md')}.`),
    ])
    expect(annotations.at(-1)).toMatchObject({ level: 'notice', title: 'Gauntlet' })
    expect(annotations.filter((a) => a.level !== 'notice')).toHaveLength(20)
    expect(result.annotationsSummarised).toBeGreaterThan(0)
  })
})
