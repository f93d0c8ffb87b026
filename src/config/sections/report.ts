import { z } from 'zod'

/** Paths of user templates that replace the defaults in `templates/`, relative to the working directory. */
const templatesSection = z
  .object({
    comment: z
      .string()
      .min(1)
      .optional()
      .describe('Handlebars template of the sticky PR comment (markdown).'),
    summary: z.string().min(1).optional().describe('Handlebars template of the job summary (markdown).'),
    slack: z.string().min(1).optional().describe('Handlebars template of Slack alerts (mrkdwn).'),
    'email-html': z
      .string()
      .min(1)
      .optional()
      .describe('Handlebars template of the HTML body of alert emails.'),
    'email-text': z
      .string()
      .min(1)
      .optional()
      .describe('Handlebars template of the text body of alert emails.'),
    pagerduty: z
      .string()
      .min(1)
      .optional()
      .describe('Handlebars template of the PagerDuty summary (one line, cut to 1,024 characters).'),
  })
  .strict()
  .describe(
    'Template overrides. Templates see the escaped view documented in src/report/view-model.ts (ReportView); a broken template is reported with its file and line and the default is used.',
  )

/** Report settings: the sticky PR comment, the job summary, annotations and report.html. */
export const reportSection = z
  .object({
    id: z
      .string()
      .regex(/^[\w.-]+$/, 'use letters, digits, `_`, `.` and `-` only')
      .max(100)
      .default('default')
      .describe(
        'Identifies this workflow’s sticky comment, so several workflows using Gauntlet keep one comment each.',
      ),
    comment: z
      .enum(['always', 'on-change', 'never'])
      .default('on-change')
      .describe(
        'When to post the PR comment: every run, only when something changed (an existing comment is always kept current), or never. The `comment` action input overrides it.',
      ),
    directory: z
      .string()
      .min(1)
      .default('gauntlet-report')
      .describe(
        'Directory (relative to the working directory) for report.md, report.html and findings.json.',
      ),
    templates: templatesSection.prefault({}),
    'max-comment-chars': z
      .number()
      .int()
      .min(1_000)
      .max(65_536)
      .default(65_000)
      .describe('Upper bound of the comment body; GitHub rejects bodies over 65,536 characters.'),
    annotations: z
      .boolean()
      .default(true)
      .describe('Annotate failing tests at file:line (at most 10 errors and 10 warnings per step).'),
    html: z
      .boolean()
      .default(true)
      .describe('Write report.html (self-contained, with charts) and upload it with the report artifact.'),
    'history-url': z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Link shown as "history" in the comment, e.g. a dashboard of the default branch.'),
  })
  .strict()
  .prefault({})
export type ReportConfig = z.output<typeof reportSection>
