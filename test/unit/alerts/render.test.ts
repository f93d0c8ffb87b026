import { describe, expect, it } from 'vitest'
import { dedupKey, renderEmail, renderPagerDutyTrigger, renderSlack } from '../../../src/alerts/render.js'
import { pagerDutyProblems, slackProblems } from '../../fakes/alert-receivers.js'
import { RUN, finding } from '../../fixtures/alerts/reports.js'

const HOSTILE = '<!channel> <https://evil.example|click> @here & done\r\nBcc: x@evil.example'
const LINKS = {
  run: 'https://ci.example/run/1',
  report: 'javascript:alert(1)',
  comment: 'https://gh.example/pr/1#c',
}

describe('renderSlack', () => {
  it('escapes mrkdwn control characters and mentions from findings', () => {
    const msg = renderSlack(RUN, [finding('a', 'critical', { title: HOSTILE })], LINKS)
    const all = JSON.stringify(msg)
    expect(all).not.toContain('<!channel>')
    expect(all).not.toContain('<https://evil')
    expect(all).toContain('&lt;!channel&gt;')
    expect(all).not.toContain('javascript:')
    expect(slackProblems(msg)).toEqual([])
  })

  it('stays within block and text limits for 500 long findings', () => {
    const long = 'x'.repeat(10_000)
    const fs = Array.from({ length: 500 }, (_, i) => finding(`f${i}`, 'error', { title: long, reason: long }))
    const msg = renderSlack({ ...RUN, repository: 'r'.repeat(400) }, fs, LINKS)
    expect(slackProblems(msg)).toEqual([])
    expect(msg.blocks.length).toBeLessThanOrEqual(50)
    expect(JSON.stringify(msg)).toContain('490 more')
  })
})

describe('renderPagerDutyTrigger', () => {
  it('builds a valid event with mapped severity, numbers and links', () => {
    const ev = renderPagerDutyTrigger(
      RUN,
      finding('a', 'warning', { title: 'y'.repeat(5_000) }),
      LINKS,
      new Date(0),
    )
    expect(pagerDutyProblems({ routing_key: 'k'.repeat(32), ...ev })).toEqual([])
    expect(ev.payload?.summary.length).toBeLessThanOrEqual(1024)
    expect(ev.payload?.severity).toBe('warning')
    expect(ev.payload?.custom_details?.numbers).toMatchObject({ z: 6.1, deltaPct: 12 })
    expect(ev.links?.map((l) => l.href)).toEqual(['https://gh.example/pr/1#c', 'https://ci.example/run/1'])
  })

  it.each([
    ['short', 'gauntlet/o/r/main/id', 20],
    ['long', 'z'.repeat(400), 255],
  ])('dedup key (%s) is stable and ≤ 255', (_n, id, max) => {
    const a = dedupKey('o/r', 'main', id)
    expect(a).toBe(dedupKey('o/r', 'main', id))
    expect(a.length).toBeLessThanOrEqual(Math.max(max, 255))
    expect(a).not.toBe(dedupKey('o/r', 'main', `${id}2`))
  })
})

describe('renderEmail', () => {
  it('has a one-line subject and escaped HTML', () => {
    const m = renderEmail(RUN, [finding('a', 'critical', { title: HOSTILE })], LINKS, ['a@example.com'])
    expect(m.subject).not.toMatch(/[\r\n]/)
    expect(m.subject.length).toBeLessThanOrEqual(200)
    expect(m.html).not.toContain('<!channel>')
    expect(m.html).toContain('&lt;!channel&gt;')
    expect(m.text).toContain('Workflow run: https://ci.example/run/1')
  })
})
