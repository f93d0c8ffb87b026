// The imperative shell of reporting: writes report.md, report.html, comment.md and findings.json, the job
// summary, the annotations and the sticky comment, through sinks passed in (main.ts gives it @actions/core and
// the Octokit poster; the CLI gives it the file system only). Every failure here is a warning, never the verdict.

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AnalysisReport } from '../model/analysis-report.js'
import type { TestCase } from '../model/test-case.js'
import type { Annotation } from './annotations.js'
import { GITHUB_ANNOTATION_LIMITS, planAnnotations } from './annotations.js'
import { HTML_REPORT_FILE, MARKDOWN_REPORT_FILE, renderHtmlReport } from './html-report.js'
import { FINDINGS_FILE, REPORT_OUTPUTS, findingsJson, reportOutputs } from './outputs.js'
import { renderReport } from './render-report.js'
import type { CommentMode, CommentPoster, PostResult } from './sticky-comment.js'
import { postStickyComment, reportChanged } from './sticky-comment.js'
import type { LoadedTemplates } from './templates.js'
import type { ReportLinks } from './view-model.js'

/** File name of the rendered PR comment in the report directory (what a `workflow_run` job or a human reads). */
export const COMMENT_FILE = 'comment.md'

/** Where the shell sends things; every member is optional so the CLI can pass only what it has. */
export interface ReportSinks {
  /** Appends markdown to the job summary (`core.summary.addRaw(md).write()`). */
  readonly summary?: (markdown: string) => Promise<void>
  /** Emits one annotation (`core.error`/`core.warning`/`core.notice` with file/startLine/title). */
  readonly annotate?: (annotation: Annotation) => void
  /** Sets one output (`core.setOutput`). */
  readonly setOutput?: (name: string, value: string | number) => void
  readonly warn: (message: string) => void
}

/** Inputs of {@link publishReport}. */
export interface PublishReportInput {
  readonly report: AnalysisReport
  readonly templates: LoadedTemplates
  readonly links: ReportLinks
  /** Absolute directory for report.md, report.html, comment.md and findings.json. */
  readonly directory: string
  readonly commentId: string
  readonly commentMode: CommentMode
  readonly maxCommentChars?: number
  readonly html: boolean
  readonly annotations: boolean
  readonly tests?: readonly TestCase[]
  /** Null when there is no pull request or no token that may comment (fork PRs). */
  readonly poster: CommentPoster | null
  readonly sinks: ReportSinks
}

/** What {@link publishReport} produced. */
export interface PublishReportResult {
  readonly files: readonly string[]
  readonly comment: PostResult | null
  readonly annotationsSummarised: number
}

/** Writes and posts everything a run reports. Never throws for a failed comment, summary or annotation. */
export async function publishReport(input: PublishReportInput): Promise<PublishReportResult> {
  const { report, sinks } = input
  await mkdir(input.directory, { recursive: true })
  const summary = renderReport(report, {
    templates: input.templates,
    links: input.links,
    target: 'summary',
    commentId: input.commentId,
  })
  const comment = renderReport(report, {
    templates: input.templates,
    links: input.links,
    target: 'comment',
    commentId: input.commentId,
    ...(input.maxCommentChars !== undefined ? { maxChars: input.maxCommentChars } : {}),
  })
  // The comment is this step's network round trip (list + create/update): it is sent now and awaited where it
  // always was, so the files, summary and annotations are written while it is in flight; its warning keeps
  // its place. A failure is captured here, so it cannot go unhandled if a file write throws first.
  const posting =
    input.poster && report.run.prNumber !== null
      ? postStickyComment(input.poster, report.run.prNumber, {
          body: comment,
          mode: input.commentMode,
          changed: reportChanged(report),
          id: input.commentId,
        }).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        )
      : null
  const files: string[] = []
  const write = async (name: string, content: string): Promise<void> => {
    const file = path.join(input.directory, name)
    await writeFile(file, content)
    files.push(file)
  }
  await write(MARKDOWN_REPORT_FILE, summary)
  await write(COMMENT_FILE, comment)
  await write(FINDINGS_FILE, findingsJson(report))
  if (input.html) {
    try {
      await write(
        HTML_REPORT_FILE,
        renderHtmlReport(report, { links: input.links, ...(input.tests ? { tests: input.tests } : {}) }),
      )
    } catch (err) {
      sinks.warn(`report.html was not written: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  if (sinks.summary) {
    await sinks.summary(summary).catch((err: unknown) => {
      sinks.warn(`The job summary was not written: ${err instanceof Error ? err.message : String(err)}`)
    })
  }

  let summarised = 0
  if (input.annotations && sinks.annotate) {
    const plan = planAnnotations(report.findings, GITHUB_ANNOTATION_LIMITS)
    for (const a of plan.annotations) sinks.annotate(a)
    if (plan.summary) sinks.annotate({ level: 'notice', title: 'Gauntlet', message: plan.summary })
    summarised = plan.summarised
  }

  let posted: PostResult | null = null
  if (posting) {
    const outcome = await posting
    if (outcome.ok) posted = outcome.result
    else {
      const err = outcome.error
      sinks.warn(
        `${err instanceof Error ? err.message : String(err)} The comment is in ${path.join(input.directory, COMMENT_FILE)}.`,
      )
    }
  }

  if (sinks.setOutput) {
    const outputs = reportOutputs(report)
    sinks.setOutput(REPORT_OUTPUTS.status, outputs.status)
    sinks.setOutput(REPORT_OUTPUTS.testsFailed, outputs.testsFailed)
    sinks.setOutput(REPORT_OUTPUTS.regressions, outputs.regressions)
    sinks.setOutput(REPORT_OUTPUTS.findingsJson, path.join(input.directory, FINDINGS_FILE))
    sinks.setOutput(REPORT_OUTPUTS.reportPath, input.directory)
  }
  return { files, comment: posted, annotationsSummarised: summarised }
}
