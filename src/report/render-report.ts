// Renders an AnalysisReport through the loaded templates, within each target's size limit. Pure: no I/O; a user
// template failing at render time falls back to the default through the warn function given to loadTemplates.

import type { AnalysisReport } from '../model/analysis-report.js'
import type { Finding } from '../model/finding.js'
import {
  ALERT_CAPS,
  COMMENT_CAPS,
  DEFAULT_COMMENT_MAX_CHARS,
  GITHUB_SUMMARY_MAX_BYTES,
  PAGERDUTY_SUMMARY_MAX_CHARS,
  SHRINK_STEPS,
  SUMMARY_CAPS,
  lowerCaps,
} from './caps.js'
import { commentMarker } from './comment-marker.js'
import { sanitizeHeader, truncateText } from './escape.js'
import type { LoadedTemplates, TemplateName } from './templates.js'
import type { PreparedReport, ReportLinks, ViewCaps } from './view-model.js'
import { buildView, prepareReport } from './view-model.js'

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  readonly templates: LoadedTemplates
  readonly links: ReportLinks
  readonly target: 'comment' | 'summary'
  /** Limit of the body: characters for a comment (default 65,000), UTF-8 bytes for a summary (default 1 MiB). */
  readonly maxChars?: number
  /** `report.id`: one sticky comment per id. */
  readonly commentId: string
}

type Measure = (s: string) => number
const chars: Measure = (s) => s.length
const bytes: Measure = (s) => Buffer.byteLength(s, 'utf8')

interface FitOptions {
  readonly name: TemplateName
  readonly caps: ViewCaps
  readonly limit: number
  readonly measure: Measure
  readonly links: ReportLinks
  readonly id: string
  readonly marker: string
  readonly alert?: boolean
}

/** Closes what a hard cut may leave open, so the rest of the page still renders. */
function closeOpenBlocks(text: string): string {
  let out = text
  const fences = out.match(/^ *(`{3,}|~{3,})/gm)?.length ?? 0
  if (fences % 2 === 1) out += '\n```'
  const open = (out.match(/<details[\s>]/g) ?? []).length - (out.match(/<\/details>/g) ?? []).length
  for (let i = 0; i < open; i++) out += '\n</details>'
  return out
}

/**
 * Renders with the given caps, lowering them step by step (least important sections first) until the body fits;
 * as a last resort cuts the body at a line boundary and says so.
 */
function renderFitted(prepared: PreparedReport, templates: LoadedTemplates, opts: FitOptions): string {
  const template = templates.templates[opts.name]
  let caps = opts.caps
  let body = ''
  for (let i = -1; i < SHRINK_STEPS.length; i++) {
    if (i >= 0) caps = lowerCaps(caps, SHRINK_STEPS[i]!)
    const view = buildView(prepared, {
      target: template.target,
      caps,
      links: opts.links,
      id: opts.id,
      marker: opts.marker,
      alert: opts.alert ?? false,
    })
    body = template.render(view)
    if (opts.measure(body) <= opts.limit) return body
  }
  const full = buildView(prepared, {
    target: template.target,
    caps,
    links: opts.links,
    id: opts.id,
    marker: '',
  })
  const note =
    template.target === 'markdown'
      ? `\n\n> ✂️ This report was cut to fit the ${opts.limit.toLocaleString('en-US')}-character limit.${full.links.fullReport ? ` [Full report](${full.links.fullReport})` : ''}\n`
      : `\n\n[cut to fit ${opts.limit} characters]`
  // Room for the note and for closing tags; measured in the same unit as the limit.
  const room = opts.limit - opts.measure(note) - 200
  let cut = body
  if (opts.measure(cut) > room) {
    cut = truncateText(cut, Math.max(0, room))
    while (opts.measure(cut) > room) cut = cut.slice(0, Math.floor(cut.length * 0.9))
    const lastNewline = cut.lastIndexOf('\n')
    if (lastNewline > 0) cut = cut.slice(0, lastNewline)
  }
  return closeOpenBlocks(cut) + note
}

/**
 * Renders the PR comment or the job summary. The comment opens with the hidden marker
 * `<!-- gauntlet:comment id=<id> -->` and stays within `maxChars` by collapsing, then cutting the least
 * important sections first, with a line saying what was cut.
 */
export function renderReport(report: AnalysisReport, opts: RenderReportOptions): string {
  const isComment = opts.target === 'comment'
  return renderFitted(prepareReport(report), opts.templates, {
    name: opts.target,
    caps: isComment ? COMMENT_CAPS : SUMMARY_CAPS,
    limit: opts.maxChars ?? (isComment ? DEFAULT_COMMENT_MAX_CHARS : GITHUB_SUMMARY_MAX_BYTES),
    measure: isComment ? chars : bytes,
    links: opts.links,
    id: opts.commentId,
    marker: isComment ? commentMarker(opts.commentId) : '',
  })
}

/**
 * Options of the alert renderers. Context shape for the alerting step: the whole `report` (counts, run, links)
 * plus optionally the `findings` one alert route matched; lists are then restricted to those findings and the
 * metrics and experiments they name. Templates see a `ReportView` (src/report/view-model.ts).
 */
export interface AlertRenderOptions {
  readonly templates: LoadedTemplates
  readonly links?: ReportLinks
  readonly findings?: readonly Finding[]
  /** `report.id`, shown in messages so several Gauntlet workflows can be told apart. */
  readonly id?: string
}

function alertRender(
  report: AnalysisReport,
  opts: AlertRenderOptions,
  name: TemplateName,
  limit: number,
  measure: Measure = chars,
): string {
  return renderFitted(prepareReport(report, opts.findings), opts.templates, {
    name,
    caps: ALERT_CAPS,
    limit,
    measure,
    links: opts.links ?? {},
    id: opts.id ?? 'default',
    marker: '',
    alert: true,
  })
}

/** Slack's limit for the text of one section block; keeping the message within it works for every layout. */
export const SLACK_TEXT_MAX_CHARS = 3_000

/** Slack mrkdwn text for an incoming webhook (`text` or one section block), at most 3,000 characters. */
export function renderSlackText(report: AnalysisReport, opts: AlertRenderOptions): string {
  return alertRender(report, opts, 'slack', SLACK_TEXT_MAX_CHARS).trim()
}

/** A rendered email: the subject is header-safe (no CR/LF), `text` and `html` are the two bodies. */
export interface RenderedEmail {
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** Email subject, text and HTML bodies for one alert. */
export function renderEmail(report: AnalysisReport, opts: AlertRenderOptions): RenderedEmail {
  const prepared = prepareReport(report, opts.findings)
  const view = buildView(prepared, {
    target: 'text',
    caps: ALERT_CAPS,
    links: opts.links ?? {},
    id: opts.id ?? 'default',
    marker: '',
  })
  const where = report.run.prNumber === null ? view.run.branch : `PR #${report.run.prNumber}`
  const subject = sanitizeHeader(
    `[Gauntlet] ${view.verdict.label}: ${report.run.repository} ${where}: ${view.verdict.headline}`,
    200,
  )
  return {
    subject,
    text: alertRender(report, opts, 'email-text', 100_000),
    html: alertRender(report, opts, 'email-html', 500_000),
  }
}

/** One line for PagerDuty's `payload.summary`, at most 1,024 characters. */
export function renderPagerDutySummary(report: AnalysisReport, opts: AlertRenderOptions): string {
  const text = alertRender(report, opts, 'pagerduty', 4 * PAGERDUTY_SUMMARY_MAX_CHARS)
  return truncateText(text.replace(/\s+/g, ' ').trim(), PAGERDUTY_SUMMARY_MAX_CHARS)
}

/**
 * Renders any template by name with alert caps and a size limit; for callers that need a template the
 * specific functions above do not cover.
 */
export function renderTemplate(
  name: TemplateName,
  report: AnalysisReport,
  opts: AlertRenderOptions & { readonly maxChars?: number },
): string {
  return alertRender(report, opts, name, opts.maxChars ?? 100_000)
}
