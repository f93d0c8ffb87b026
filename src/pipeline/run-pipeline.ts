import { resolve } from 'node:path'
import type { CommentMode, FailOn } from '../config/action-contract.js'
import type { Config } from '../config/schema.js'
import { analyze, type GauntletAnalysisReport } from '../analysis/index.js'
import {
  deliverAlerts,
  defaultDeliveryPolicy,
  planAlerts,
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

/** Everything one run of the pipeline needs; the action and the CLI each build it from their own edges. */
export interface PipelineContext {
  readonly config: Config
  /** Absolute working directory: stage commands, result globs and report paths are relative to it. */
  readonly workspace: string
  readonly selection?: readonly StageName[]
  readonly failOn: FailOn
  readonly commentMode: CommentMode
  readonly retentionDays: number
  readonly run: RunInfo
  /** The repository's default branch: the baseline branch unless the config names others. */
  readonly defaultBranch: string
  readonly pullRequest: PullRequestRef | null
  readonly logger: Logger
  readonly clock: Clock
  readonly signal: AbortSignal
  readonly history: HistoryStore
  /** Null when no comment can be posted (no PR, the CLI, or a read-only fork token). */
  readonly poster: CommentPoster | null
  readonly channels: AlertChannels
  readonly sinks: ReportSinks
  readonly links: ReportLinks
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

/**
 * The one path data takes: stages → run record → history → analysis → report → alerts → history save → verdict.
 * Optional work (comment, alerts, history save) degrades to warnings; only test failures, failed stages and
 * findings at `fail-on` decide the verdict.
 */
export async function runPipeline(ctx: PipelineContext): Promise<PipelineResult> {
  const { logger, config } = ctx
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    logger.warning(message)
  }
  const reportDirectory = resolve(ctx.workspace, config.report.directory)

  const stages = await runStages({
    stages: config.stages,
    ...(ctx.selection === undefined ? {} : { selection: ctx.selection }),
    workspace: ctx.workspace,
    logger,
    collect: createCollector({ workspace: ctx.workspace }),
    signal: ctx.signal,
    runChaos: chaosHook(reportDirectory, ctx.clock),
  })
  const record = buildRunRecord(ctx.run, stages.outcomes)

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

  logger.startGroup('Analysis')
  const isPullRequest = ctx.run.prNumber !== null
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
    poster: isPullRequest ? ctx.poster : null,
    sinks: { ...ctx.sinks, warn },
  })
  logger.info(`report written to ${reportDirectory}`)
  logger.endGroup()

  logger.startGroup('Alerts')
  const trustedDefault =
    !isPullRequest &&
    policy.baselineBranches.includes(ctx.run.branch) &&
    policy.trustedEvents.includes(ctx.run.event)
  const previous = history?.openAlerts ?? []
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
    links: {
      ...(ctx.links.run ? { run: ctx.links.run } : {}),
      ...(ctx.links.fullReport ? { report: ctx.links.fullReport } : {}),
    },
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
  if (history === null)
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
