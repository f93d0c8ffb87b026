import { resolve } from 'node:path'
import type { CommentMode, FailOn } from '../config/action-contract.js'
import type { Config } from '../config/schema.js'
import { analyze, type GauntletAnalysisReport } from '../analysis/index.js'
import {
  deliverAlerts,
  defaultDeliveryPolicy,
  planAlerts,
  codeMessages,
  templateMessages,
  reconcileAlertState,
  type AlertChannels,
} from '../alerts/index.js'
import { runChaosStage } from '../chaos/index.js'
import { trustPolicyOf } from '../history/create-store.js'
import type { History } from '../history/history.js'
import type { HistoryStore, PullRequestRef } from '../history/store.js'
import type { Clock, RunInfo, RunRecord, StageName } from '../model/index.js'
import { buildRunRecord } from '../record/build-record.js'
import type { CommentPoster } from '../report/sticky-comment.js'
import { loadTemplates } from '../report/templates.js'
import { publishReport, type ReportSinks } from '../report/publish-report.js'
import type { ReportLinks } from '../report/view-model.js'
import { runStages, type ChaosHook, type Logger } from '../stages/index.js'
import { createCollector } from './collect-results.js'
import { decideVerdict, type StepVerdict } from './verdict.js'

/** What running the stages needs. */
export interface StagesContext {
  readonly config: Config
  /** Absolute working directory: stage commands, result globs and report paths are relative to it. */
  readonly workspace: string
  readonly selection?: readonly StageName[]
  readonly logger: Logger
  readonly clock: Clock
  readonly signal: AbortSignal
  /** Environment stage commands start from (default: this process's); `mode: collect` adds the shard name. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>
}

/** What the part after the stages needs: history, analysis, report, alerts, history save, verdict. */
export interface PublishContext {
  readonly config: Config
  readonly workspace: string
  readonly failOn: FailOn
  readonly commentMode: CommentMode
  readonly retentionDays: number
  /** The repository's default branch: the baseline branch unless the config names others. */
  readonly defaultBranch: string
  readonly pullRequest: PullRequestRef | null
  readonly logger: Logger
  readonly clock: Clock
  readonly history: HistoryStore
  /** Null when no comment can be posted (no PR, the CLI, or a read-only fork token). */
  readonly poster: CommentPoster | null
  readonly channels: AlertChannels
  readonly sinks: ReportSinks
  readonly links: ReportLinks
  /**
   * The record came from another run (a `workflow_run` report of a fork's pull request): it is analysed and
   * alerted as a pull request (never `critical`, never a page) and never saved to history. Default false.
   */
  readonly untrustedSource?: boolean
}

/** Everything one run of the pipeline needs; the action and the CLI each build it from their own edges. */
export interface PipelineContext extends StagesContext, PublishContext {
  readonly run: RunInfo
}

export interface PipelineResult {
  readonly record: RunRecord
  readonly report: GauntletAnalysisReport
  readonly verdict: StepVerdict
  readonly reportDirectory: string
  readonly warnings: readonly string[]
}

const chaosHook =
  (reportDir: string, clock: Clock): ChaosHook =>
  async (config, ctx) =>
    runChaosStage(config, { ...ctx, reportDir, clock })

/** Runs the selected stages and turns their outcomes into the run's record. Never rejects for a failed stage. */
export async function collectStages(ctx: StagesContext, run: RunInfo): Promise<RunRecord> {
  const reportDirectory = resolve(ctx.workspace, ctx.config.report.directory)
  const stages = await runStages({
    stages: ctx.config.stages,
    ...(ctx.selection === undefined ? {} : { selection: ctx.selection }),
    workspace: ctx.workspace,
    logger: ctx.logger,
    collect: createCollector({ workspace: ctx.workspace }),
    signal: ctx.signal,
    runChaos: chaosHook(reportDirectory, ctx.clock),
    ...(ctx.baseEnv === undefined ? {} : { baseEnv: ctx.baseEnv }),
  })
  return buildRunRecord(run, stages.outcomes)
}

/**
 * The one path data takes: stages → run record → history → analysis → report → alerts → history save → verdict.
 * Optional work (comment, alerts, history save) degrades to warnings; only test failures, failed stages and
 * findings at `fail-on` decide the verdict.
 */
export async function runPipeline(ctx: PipelineContext): Promise<PipelineResult> {
  const record = await collectStages(ctx, ctx.run)
  return analyseAndPublish(ctx, record)
}

/**
 * Everything after the stages, shared by `mode: run` and `mode: report`: load history, analyse `record`,
 * publish the report and comment, route alerts, save history (unless the source is untrusted), decide the verdict.
 */
export async function analyseAndPublish(ctx: PublishContext, record: RunRecord): Promise<PipelineResult> {
  const { logger, config } = ctx
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    logger.warning(message)
  }
  const reportDirectory = resolve(ctx.workspace, config.report.directory)
  const untrusted = ctx.untrustedSource === true

  logger.startGroup('History')
  const policy = trustPolicyOf(config.history, ctx.defaultBranch)
  let history: History | null = null
  try {
    history = await ctx.history.load({
      policy,
      retentionDays: ctx.retentionDays,
      pullRequest: ctx.pullRequest,
    })
    for (const w of history.warnings) warn(w)
    logger.info(
      `${history.baseline.length} trusted run(s) in the last ${ctx.retentionDays} days (${ctx.history.kind} backend)`,
    )
  } catch (err) {
    warn(`History could not be loaded, comparing with nothing: ${message(err)}`)
  }
  logger.endGroup()
  // Lets the store build what saving needs (the next snapshot) while analysis and the report run.
  if (!untrusted && history !== null)
    ctx.history.prepareSave?.(record, { history, policy, retentionDays: ctx.retentionDays })

  logger.startGroup('Analysis')
  const isPullRequest = untrusted || record.run.prNumber !== null
  const report = analyze({
    current: record,
    baseline: history?.baseline ?? [],
    prRuns: history?.pullRequest ?? [],
    config: config.analysis,
    now: ctx.clock.now(),
    retentionDays: ctx.retentionDays,
    isPullRequest,
  })
  logger.info(`verdict ${report.verdict}: ${report.findings.length} finding(s)`)
  logger.endGroup()

  logger.startGroup('Report')
  const templates = await loadTemplates(config.report.templates, warn, { baseDir: ctx.workspace })
  await publishReport({
    report,
    templates,
    links: ctx.links,
    directory: reportDirectory,
    commentId: config.report.id,
    commentMode: ctx.commentMode,
    maxCommentChars: config.report['max-comment-chars'],
    html: config.report.html,
    annotations: config.report.annotations,
    tests: record.tests,
    poster: record.run.prNumber !== null ? ctx.poster : null,
    sinks: { ...ctx.sinks, warn },
  })
  logger.info(`report written to ${reportDirectory}`)
  logger.endGroup()

  logger.startGroup('Alerts')
  const trustedDefault =
    !isPullRequest &&
    policy.baselineBranches.includes(record.run.branch) &&
    policy.trustedEvents.includes(record.run.event)
  const previous = history?.openAlerts ?? []
  // One set of links for the planner and the fallback layout (the run's own page unless the shell gave one).
  const alertLinks = {
    run: ctx.links.run ?? record.run.url,
    ...(ctx.links.fullReport ? { report: ctx.links.fullReport } : {}),
  }
  const plan = planAlerts({
    report,
    config: config.alerts,
    previous,
    now: ctx.clock.now(),
    isPullRequest,
    isTrustedDefaultBranch: trustedDefault,
    channelsAvailable: {
      slack: ctx.channels.slack !== undefined,
      pagerduty: ctx.channels.pagerduty !== undefined,
      email: ctx.channels.email !== undefined,
    },
    links: alertLinks,
    // The same templates as the comment, so a user's slack/email/pagerduty override is what on-call receives.
    messages: templateMessages({
      report,
      templates,
      links: ctx.links,
      id: config.report.id,
      fallback: codeMessages(record.run, alertLinks),
      warn,
    }),
  })
  const delivery = await deliverAlerts(plan.notifications, ctx.channels, defaultDeliveryPolicy(), {
    info: (m) => logger.info(m),
    warning: warn,
  })
  logger.info(`${plan.notifications.length} notification(s), ${delivery.delivered} delivered`)
  const alertState = trustedDefault
    ? reconcileAlertState(
        previous,
        plan.nextState,
        delivery.failed.map((f) => f.channel),
        ctx.clock.now(),
      )
    : previous
  logger.endGroup()

  const saved: RunRecord = trustedDefault ? { ...record, alerts: alertState } : record
  logger.startGroup('Save history')
  if (untrusted) logger.info('History not saved: the record came from another run (workflow_run source).')
  else if (history === null)
    warn('History was not saved because it could not be loaded (a snapshot would lose runs).')
  else {
    try {
      const result = await ctx.history.save(saved, { history, policy, retentionDays: ctx.retentionDays })
      for (const w of result.warnings) warn(w)
      logger.info(`record saved: ${result.recordSaved}, snapshot saved: ${result.snapshotSaved}`)
    } catch (err) {
      warn(`History was not saved: ${message(err)}`)
    }
  }
  logger.endGroup()

  let verdict = decideVerdict(report, ctx.failOn)
  if (delivery.failed.length > 0 && config.alerts['fail-on-alert-error']) {
    verdict = {
      ...verdict,
      failed: true,
      reasons: [...verdict.reasons, `alerts failed on ${delivery.failed.map((f) => f.channel).join(', ')}`],
    }
  }
  return { record: saved, report, verdict, reportDirectory, warnings }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
