/**
 * Builds Slack, PagerDuty and email messages from findings. Pure. Uses the report area's escapers so every
 * string from test output is escaped for its target; the Handlebars renderers of src/report need templates
 * loaded from disk, which the pure planner does not have, so the alert layouts are built here in code.
 */
import type { Finding } from '../model/finding.js'
import type { RunInfo } from '../model/run-record.js'
import type { Severity } from '../model/severity.js'
import {
  escapeHtml,
  escapeSlackMrkdwn,
  plainText,
  safeUrl,
  sanitizeHeader,
  truncateText,
} from '../report/escape.js'
import {
  EMAIL_SUBJECT_MAX_CHARS,
  MAX_FINDINGS_PER_MESSAGE,
  PAGERDUTY_DEDUP_KEY_MAX_CHARS,
  PAGERDUTY_SOURCE,
  PAGERDUTY_SUMMARY_MAX_CHARS,
  SLACK_FALLBACK_MAX_CHARS,
  SLACK_HEADER_MAX_CHARS,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_MAX_CHARS,
} from './constants.js'
import type { AlertLinks, EmailMessage, PagerDutyEvent, SlackMessage } from './types.js'

const VERDICT_WORD: Record<Severity, string> = {
  critical: 'Critical regression',
  error: 'Regression',
  warning: 'Warning',
  info: 'Info',
}

/** The numbers of a finding in one short line, e.g. `12.4 ms, Δ +12.0 %, z 6.1, n 30`. */
export function numbersLine(f: Finding): string {
  const n = f.numbers
  if (!n) return ''
  const parts: string[] = []
  if (n.current !== undefined) parts.push(`${fmt(n.current)}${n.unit ? ` ${n.unit}` : ''}`)
  if (n.center !== undefined) parts.push(`baseline ${fmt(n.center)}`)
  if (n.deltaPct !== undefined) parts.push(`Δ ${n.deltaPct >= 0 ? '+' : ''}${n.deltaPct.toFixed(1)} %`)
  if (n.z !== undefined) parts.push(`z ${n.z.toFixed(1)}`)
  if (n.n !== undefined) parts.push(`n ${n.n}`)
  if (n.flipRate !== undefined) parts.push(`flip rate ${(n.flipRate * 100).toFixed(0)} %`)
  return parts.join(', ')
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4)
}

function worst(findings: readonly Finding[]): Severity {
  const order: Severity[] = ['critical', 'error', 'warning', 'info']
  return order.find((s) => findings.some((f) => f.severity === s)) ?? 'info'
}

function headline(run: RunInfo, findings: readonly Finding[]): string {
  return `${VERDICT_WORD[worst(findings)]}: ${run.repository} ${run.branch} (${findings.length} finding${findings.length === 1 ? '' : 's'})`
}

function linkList(links: AlertLinks): { text: string; url: string }[] {
  const out: { text: string; url: string }[] = []
  const add = (text: string, url: string | undefined): void => {
    const safe = safeUrl(url)
    if (safe) out.push({ text, url: safe })
  }
  add('PR comment', links.comment)
  add('Workflow run', links.run)
  add('Full report', links.report)
  return out
}

/** A Block Kit message within Slack's limits: ≤ 50 blocks, header ≤ 150, sections ≤ 3,000 characters. */
export function renderSlack(run: RunInfo, findings: readonly Finding[], links: AlertLinks): SlackMessage {
  const head = truncateText(plainText(headline(run, findings), 1_000), SLACK_HEADER_MAX_CHARS)
  const shown = findings.slice(0, MAX_FINDINGS_PER_MESSAGE)
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: head, emoji: true } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncateText(
            `${escapeSlackMrkdwn(run.repository)} · \`${escapeSlackMrkdwn(run.branch)}\` · ${escapeSlackMrkdwn(run.sha.slice(0, 7))} · ${escapeSlackMrkdwn(run.event)}`,
            SLACK_SECTION_MAX_CHARS,
          ),
        },
      ],
    },
  ]
  for (const f of shown) {
    const nums = numbersLine(f)
    const text = `*${f.severity.toUpperCase()}* ${escapeSlackMrkdwn(f.title)}\n${escapeSlackMrkdwn(f.reason, 500)}${nums ? `\n${escapeSlackMrkdwn(nums, 500)}` : ''}`
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncateText(text, SLACK_SECTION_MAX_CHARS) },
    })
  }
  if (findings.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${findings.length - shown.length} more in the report.` }],
    })
  }
  const buttons = linkList(links).map((l) => ({
    type: 'button',
    text: { type: 'plain_text', text: l.text },
    url: l.url,
  }))
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons })
  const fallback = [head, ...shown.map((f) => `${f.severity}: ${escapeSlackMrkdwn(f.title)}`)].join('\n')
  return { text: truncateText(fallback, SLACK_FALLBACK_MAX_CHARS), blocks: blocks.slice(0, SLACK_MAX_BLOCKS) }
}

/** Stable per (repository, branch, finding id); within PagerDuty's 255 characters (long ids are hashed down). */
export function dedupKey(repository: string, branch: string, findingId: string): string {
  const key = `gauntlet/${repository}/${branch}/${findingId}`
  if (key.length <= PAGERDUTY_DEDUP_KEY_MAX_CHARS) return key
  return `${key.slice(0, PAGERDUTY_DEDUP_KEY_MAX_CHARS - 17)}#${fnv1a64(key)}`
}

// FNV-1a keeps this module pure and synchronous (node:crypto would be fine too, but is I/O-free only by convention).
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i))
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0')
}

/**
 * A `trigger` event for one finding: summary ≤ 1,024 characters (`summaryText` when the caller rendered one from
 * a template), severity mapped 1:1, numbers in details.
 */
export function renderPagerDutyTrigger(
  run: RunInfo,
  finding: Finding,
  links: AlertLinks,
  now: Date,
  summaryText?: string,
): PagerDutyEvent {
  const nums = numbersLine(finding)
  const summary = truncateText(
    summaryText ??
      plainText(`[${run.repository} ${run.branch}] ${finding.title}${nums ? ` (${nums})` : ''}`, 4_000),
    PAGERDUTY_SUMMARY_MAX_CHARS,
  )
  return {
    event_action: 'trigger',
    dedup_key: dedupKey(run.repository, run.branch, finding.id),
    payload: {
      summary,
      source: plainText(run.repository || PAGERDUTY_SOURCE, 255),
      severity: finding.severity,
      timestamp: now.toISOString(),
      component: plainText(finding.subject.key, 255),
      group: plainText(finding.subject.stage ?? finding.subject.type, 255),
      class: finding.kind,
      custom_details: {
        reason: plainText(finding.reason, 1_000),
        ...(finding.numbers ? { numbers: finding.numbers } : {}),
        sha: run.sha,
        event: run.event,
        run_id: run.runId,
      },
    },
    links: linkList(links).map((l) => ({ href: l.url, text: l.text })),
  }
}

/** A `resolve` event: only the dedup key matters to PagerDuty. */
export function renderPagerDutyResolve(dedup: string): PagerDutyEvent {
  return { event_action: 'resolve', dedup_key: dedup }
}

/** Subject (header-safe), text and HTML bodies of one alert email. */
export function renderEmail(
  run: RunInfo,
  findings: readonly Finding[],
  links: AlertLinks,
  to: readonly string[],
): EmailMessage {
  const subject = sanitizeHeader(`[Gauntlet] ${headline(run, findings)}`, EMAIL_SUBJECT_MAX_CHARS)
  const shown = findings.slice(0, MAX_FINDINGS_PER_MESSAGE)
  const more = findings.length - shown.length
  const ls = linkList(links)
  const text = [
    plainText(headline(run, findings), 1_000),
    `Commit ${run.sha} (${plainText(run.event)})`,
    '',
    ...shown.flatMap((f) => [
      `- ${f.severity.toUpperCase()} ${plainText(f.title)}`,
      `  ${plainText(f.reason, 500)}`,
      ...(numbersLine(f) ? [`  ${numbersLine(f)}`] : []),
    ]),
    ...(more > 0 ? [`…and ${more} more in the report.`] : []),
    '',
    ...ls.map((l) => `${l.text}: ${l.url}`),
  ].join('\n')
  const html = [
    `<h2>${escapeHtml(headline(run, findings), 1_000)}</h2>`,
    `<p>Commit <code>${escapeHtml(run.sha)}</code> (${escapeHtml(run.event)})</p>`,
    '<ul>',
    ...shown.map(
      (f) =>
        `<li><strong>${f.severity.toUpperCase()}</strong> ${escapeHtml(f.title, 300)}<br>${escapeHtml(f.reason, 500)}${numbersLine(f) ? `<br>${escapeHtml(numbersLine(f))}` : ''}</li>`,
    ),
    '</ul>',
    ...(more > 0 ? [`<p>…and ${more} more in the report.</p>`] : []),
    ...ls.map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></p>`),
  ].join('\n')
  return { to: [...to], subject, text, html }
}
