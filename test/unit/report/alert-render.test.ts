import { beforeAll, describe, expect, it } from 'vitest'
import {
  renderEmail,
  renderPagerDutySummary,
  renderSlackText,
  renderTemplate,
  SLACK_TEXT_MAX_CHARS,
} from '../../../src/report/render-report.js'
import type { LoadedTemplates } from '../../../src/report/templates.js'
import { loadTemplates } from '../../../src/report/templates.js'
import { LINKS, VARIANTS, hostileRun, hugeRun, onlyRegressions } from '../../fixtures/report/reports.js'

let templates: LoadedTemplates

beforeAll(async () => {
  templates = await loadTemplates({}, (m) => {
    throw new Error(m)
  })
})

const variants = Object.entries(VARIANTS)

describe('alert renderers, every variant', () => {
  it.each(variants)('%s: slack', async (name, build) => {
    const text = renderSlackText(build(), { templates, links: LINKS })
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_MAX_CHARS)
    await expect(text).toMatchFileSnapshot(`./__snapshots__/slack.${name}.txt`)
  })

  it.each(variants)('%s: email', async (name, build) => {
    const mail = renderEmail(build(), { templates, links: LINKS })
    expect(mail.subject).not.toMatch(/[\r\n]/)
    expect(mail.subject.length).toBeLessThanOrEqual(200)
    await expect(`Subject: ${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(
      `./__snapshots__/email.${name}.txt`,
    )
    await expect(mail.html).toMatchFileSnapshot(`./__snapshots__/email.${name}.html`)
  })

  it.each(variants)('%s: pagerduty', (name, build) => {
    const summary = renderPagerDutySummary(build(), { templates, links: LINKS })
    expect(summary.length).toBeLessThanOrEqual(1_024)
    expect(summary).not.toMatch(/[\r\n]/)
    expect(summary).toMatchSnapshot(name)
  })
})

describe('alert renderers on hostile input', () => {
  it('Slack text cannot ping a channel, mention a user or inject a link', () => {
    const text = renderSlackText(hostileRun(), { templates, links: LINKS })
    expect(text).not.toMatch(/<!channel>|<!here>|<@U|<https:\/\/evil/)
    expect(text).not.toMatch(/@here\b/)
    // Our own links are the only `<…|…>` sequences.
    for (const link of text.match(/<[^>]*>/g) ?? []) expect(link).toMatch(/^<https:\/\/github\.com\//)
  })

  it('email subject has no header injection and the HTML body no raw tag from test output', () => {
    const hostile = hostileRun()
    // A push has no PR number, so the (hostile) branch name goes into the subject.
    const mail = renderEmail(
      { ...hostile, run: { ...hostile.run, prNumber: null } },
      { templates, links: LINKS },
    )
    expect(mail.subject).not.toMatch(/[\r\n]/)
    expect(mail.subject).toContain('Bcc: a@b.c') // still visible, but on the one subject line
    expect(mail.html).not.toMatch(/<script|<img|<h1>pwned/i)
  })

  it('PagerDuty summary of a huge run stays within 1,024 characters', () => {
    expect(renderPagerDutySummary(hugeRun(), { templates }).length).toBeLessThanOrEqual(1_024)
  })
})

describe('restricting an alert to a route’s findings', () => {
  it('lists only the matched findings and the metrics they name', () => {
    const report = onlyRegressions()
    const findings = report.findings.filter((f) => f.subject.key === 'benchmark/kv/put/mean')
    const text = renderSlackText(report, { templates, links: LINKS, findings })
    expect(text).toContain('benchmark/kv/put/mean')
    expect(text).not.toContain('benchmark/kv/get/p95')
  })

  it('renderTemplate renders any template by name within a limit', () => {
    const text = renderTemplate('email-text', onlyRegressions(), { templates, maxChars: 500 })
    expect(text.length).toBeLessThanOrEqual(500)
    expect(text).toContain('Gauntlet: Failed')
  })
})
