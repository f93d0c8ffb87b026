/**
 * How the planner turns findings into Slack, email and PagerDuty text. The pipeline passes the template-backed
 * messages, so a user's `report.templates.slack` / `email-*` / `pagerduty` override shapes what on-call engineers
 * receive; the code layouts of ./render.ts are the planner's default (pure tests, no templates loaded) and the
 * fallback when a user template fails at render time, so a broken template never swallows a page.
 */
import type { AnalysisReport } from '../model/analysis-report.js'
import type { Finding } from '../model/finding.js'
import type { RunInfo } from '../model/run-record.js'
import { plainText, truncateText } from '../report/escape.js'
import {
  renderEmail as renderEmailTemplate,
  renderPagerDutySummary,
  renderSlackText,
} from '../report/render-report.js'
import type { LoadedTemplates } from '../report/templates.js'
import type { ReportLinks } from '../report/view-model.js'
import { SLACK_FALLBACK_MAX_CHARS, SLACK_SECTION_MAX_CHARS } from './constants.js'
import { numbersLine, renderEmail, renderSlack } from './render.js'
import type { AlertLinks, EmailMessage, SlackMessage } from './types.js'

/** Renders the messages of one run's alerts; each method gets the findings one notification carries. */
export interface AlertMessages {
  readonly slack: (findings: readonly Finding[]) => SlackMessage
  readonly email: (findings: readonly Finding[], to: readonly string[]) => EmailMessage
  /** PagerDuty's `payload.summary` (≤ 1,024 characters) for one finding. */
  readonly pagerDutySummary: (finding: Finding) => string
}

/** The code layouts of ./render.ts: Block Kit with a header, one section per finding, link buttons. */
export function codeMessages(run: RunInfo, links: AlertLinks): AlertMessages {
  return {
    slack: (findings) => renderSlack(run, findings, links),
    email: (findings, to) => renderEmail(run, findings, links, to),
    pagerDutySummary: (f) => {
      const nums = numbersLine(f)
      return plainText(`[${run.repository} ${run.branch}] ${f.title}${nums ? ` (${nums})` : ''}`, 4_000)
    },
  }
}

export interface TemplateMessagesOptions {
  readonly report: AnalysisReport
  readonly templates: LoadedTemplates
  readonly links: ReportLinks
  /** `report.id`, so several Gauntlet workflows can be told apart in a channel. */
  readonly id: string
  /** Used for a message whose template throws at render time; the failure is reported through `warn`. */
  readonly fallback: AlertMessages
  readonly warn: (message: string) => void
}

/**
 * Messages rendered from the loaded Handlebars templates (defaults or the user's overrides). A template that
 * throws while rendering falls back to the code layout for that message, with a warning naming the template.
 */
export function templateMessages(opts: TemplateMessagesOptions): AlertMessages {
  const base = { templates: opts.templates, links: opts.links, id: opts.id }
  const guarded =
    <A extends unknown[], R>(template: string, render: (...args: A) => R, fallback: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return render(...args)
      } catch (err) {
        opts.warn(
          `The ${template} alert template failed (${err instanceof Error ? err.message : String(err)}); the built-in layout was sent instead.`,
        )
        return fallback(...args)
      }
    }
  return {
    slack: guarded(
      'slack',
      (findings) => {
        const text = renderSlackText(opts.report, { ...base, findings })
        const firstLine = text.split('\n', 1)[0] ?? ''
        return {
          // `text` is the notification preview (and what screen readers announce); the section carries the body.
          text: truncateText(firstLine, SLACK_FALLBACK_MAX_CHARS),
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: truncateText(text, SLACK_SECTION_MAX_CHARS) } },
          ],
        }
      },
      opts.fallback.slack,
    ),
    email: guarded(
      'email',
      (findings, to) => ({ to: [...to], ...renderEmailTemplate(opts.report, { ...base, findings }) }),
      opts.fallback.email,
    ),
    pagerDutySummary: guarded(
      'pagerduty',
      (finding) => renderPagerDutySummary(opts.report, { ...base, findings: [finding] }),
      opts.fallback.pagerDutySummary,
    ),
  }
}
