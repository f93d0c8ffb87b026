import { beforeAll, describe, expect, it } from 'vitest'
import { GITHUB_COMMENT_MAX_CHARS } from '../../../src/report/caps.js'
import { commentMarker, hasCommentMarker } from '../../../src/report/comment-marker.js'
import { renderReport } from '../../../src/report/render-report.js'
import type { LoadedTemplates } from '../../../src/report/templates.js'
import { loadTemplates } from '../../../src/report/templates.js'
import { LINKS, VARIANTS, hugeRun, onlyFailures } from '../../fixtures/report/reports.js'

let templates: LoadedTemplates
const warnings: string[] = []

beforeAll(async () => {
  templates = await loadTemplates({}, (m) => warnings.push(m))
})

const variants = Object.entries(VARIANTS)

describe('PR comment and job summary snapshots', () => {
  it.each(variants)('%s: comment', async (name, build) => {
    const body = renderReport(build(), { templates, links: LINKS, target: 'comment', commentId: 'default' })
    expect(body.startsWith(commentMarker('default'))).toBe(true)
    expect(body.length).toBeLessThan(GITHUB_COMMENT_MAX_CHARS)
    await expect(body).toMatchFileSnapshot(`./__snapshots__/comment.${name}.md`)
  })

  it.each(variants)('%s: job summary', async (name, build) => {
    const body = renderReport(build(), { templates, links: LINKS, target: 'summary', commentId: 'default' })
    expect(body.split('\n').filter((l) => l.startsWith('<!-- gauntlet:comment'))).toEqual([])
    await expect(body).toMatchFileSnapshot(`./__snapshots__/summary.${name}.md`)
  })

  it('uses the default templates without warnings', () => {
    expect(warnings).toEqual([])
  })
})

describe('headline verdicts', () => {
  it.each([
    ['all-green', '✅ Gauntlet: Passed', 'all 410 tests passed · 3 metrics within baseline'],
    ['only-regressions', '❌ Gauntlet: Failed', '2 metrics regressed · 1 improved'],
    ['only-failures', '❌ Gauntlet: Failed', '3 tests failed (2 new) · 1 fixed test'],
    ['flaky-only', '⚠️ Gauntlet: Warnings', '2 flaky tests'],
    ['first-run', '✅ Gauntlet: Passed', 'all 50 tests passed · 2 metrics without enough history yet'],
  ] as const)('%s', (name, title, headline) => {
    const body = renderReport(VARIANTS[name](), {
      templates,
      links: LINKS,
      target: 'comment',
      commentId: 'x',
    })
    expect(body).toContain(`### ${title}`)
    expect(body).toContain(`**${headline}**`)
  })

  it('says so on a first run without history', () => {
    const body = renderReport(VARIANTS['first-run'](), {
      templates,
      links: {},
      target: 'comment',
      commentId: 'x',
    })
    expect(body).toContain('First run')
    expect(body).toContain('`new` `insufficient history`')
  })
})

describe('size limits', () => {
  it('caps the huge run (10,000 tests, 2,000 metrics) below 65,536 characters and says what was cut', async () => {
    const body = renderReport(hugeRun(), { templates, links: LINKS, target: 'comment', commentId: 'default' })
    expect(body.length).toBeLessThan(GITHUB_COMMENT_MAX_CHARS)
    expect(body).toMatch(/Not shown here: .*unchanged metrics/)
    expect(body).toContain(`[full report](${LINKS.fullReport})`)
    await expect(body).toMatchFileSnapshot('./__snapshots__/comment.huge.md')
  })

  it('fits the huge run in the 1 MiB job summary with more rows than the comment', () => {
    const comment = renderReport(hugeRun(), { templates, links: LINKS, target: 'comment', commentId: 'd' })
    const summary = renderReport(hugeRun(), { templates, links: LINKS, target: 'summary', commentId: 'd' })
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(summary.length).toBeGreaterThan(comment.length)
  })

  it.each([40_000, 20_000, 8_000, 3_000])(
    'shrinks least important sections first to fit %d characters',
    (maxChars) => {
      const body = renderReport(hugeRun(), {
        templates,
        links: LINKS,
        target: 'comment',
        commentId: 'd',
        maxChars,
      })
      expect(body.length).toBeLessThanOrEqual(maxChars)
      expect(hasCommentMarker(body, 'd')).toBe(true)
      expect(body).toContain('Gauntlet: Failed')
      // Tables and fences stay balanced, so the rest of the PR page renders.
      expect((body.match(/<details/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length)
      expect((body.match(/^ *```/gm) ?? []).length % 2).toBe(0)
    },
  )

  it('drops unchanged metrics before failures', () => {
    const body = renderReport(hugeRun(), {
      templates,
      links: LINKS,
      target: 'comment',
      commentId: 'd',
      maxChars: 30_000,
    })
    expect(body).not.toContain('Unchanged and unjudged metrics')
    expect(body).toContain('#### ❌ Test failures')
    expect(body).toContain('#### 📊 Changed metrics')
  })

  it('cuts hard at a line boundary as a last resort, and says so', () => {
    const body = renderReport(hugeRun(), {
      templates,
      links: LINKS,
      target: 'comment',
      commentId: 'd',
      maxChars: 1_000,
    })
    expect(body.length).toBeLessThanOrEqual(1_000)
    expect(body).toContain('This report was cut to fit the 1,000-character limit.')
  })

  it('renders identically twice (the sticky comment only updates on change)', () => {
    const a = renderReport(onlyFailures(), { templates, links: LINKS, target: 'comment', commentId: 'd' })
    const b = renderReport(onlyFailures(), { templates, links: LINKS, target: 'comment', commentId: 'd' })
    expect(a).toBe(b)
  })
})

describe('links', () => {
  it('links failures to file:line at the commit', () => {
    const body = renderReport(onlyFailures(), { templates, links: LINKS, target: 'comment', commentId: 'd' })
    expect(body).toContain(
      '[test/store/store-1.test.ts:11](https://github.com/acme/kv-service/blob/3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39/test/store/store-1.test.ts#L11)',
    )
  })

  it('drops links that are not http(s)', () => {
    const body = renderReport(onlyFailures(), {
      templates,
      links: { run: 'javascript:alert(1)', commit: 'https://x.io/o/r/commit/zz' },
      target: 'comment',
      commentId: 'd',
    })
    expect(body).not.toContain('javascript:')
    expect(body).not.toContain('](https://x.io/o/r/blob')
  })
})

describe('hostile names in the comment', () => {
  it('no raw HTML, mention, channel ping or table break reaches the body outside code blocks', () => {
    const body = renderReport(VARIANTS['hostile-names'](), {
      templates,
      links: LINKS,
      target: 'comment',
      commentId: 'd',
    })
    const outsideCode = body.replace(/^( *)(`{3,})text\n[\s\S]*?\n\1\2$/gm, '')
    expect(outsideCode).not.toMatch(/<script|<img|<h1|<!channel>/i)
    expect(outsideCode).not.toMatch(/@(octocat|org\/team|here)/)
    expect(outsideCode.match(/<details/g)?.length).toBe(outsideCode.match(/<\/details>/g)?.length)
    expect(outsideCode.split('\n').filter((l) => l.startsWith('<!-- gauntlet:comment'))).toHaveLength(1)
    // Every row of the changed-metrics table has exactly the header's number of unescaped pipes.
    const rows = outsideCode.split('\n').filter((l) => /^\| (🔴|🟠|🟡) /u.test(l))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(9)
  })
})
