/**
 * `mode: collect`: one matrix shard runs its stages and uploads its partial record as `gauntlet-shard-<name>`
 * for the one `mode: report` job. It does not load history, analyse, comment, alert or save history: doing any
 * of that per shard would comment and page once per shard.
 */
import { Outputs, type FailOn } from '../config/action-contract.js'
import { shardArtifactName } from '../history/shard-name.js'
import type { HistoryStore } from '../history/store.js'
import { countTests, type RunInfo, type RunRecord } from '../model/index.js'
import { ENV_SHARD, stageFailsRun } from '../stages/index.js'
import { collectStages, type StagesContext } from './run-pipeline.js'

/** Values of the `status` output in collect mode. */
export const SHARD_STATUS = { passed: 'passed', failed: 'failed' } as const
export type ShardStatus = (typeof SHARD_STATUS)[keyof typeof SHARD_STATUS]

/** Where collect mode sends things; the action passes @actions/core, tests pass recorders. */
export interface ShardSinks {
  readonly summary?: (markdown: string) => Promise<void>
  readonly setOutput?: (name: string, value: string | number) => void
}

export interface CollectShardContext extends StagesContext {
  /** This job's shard name (already validated by the inputs). */
  readonly shard: string
  readonly run: RunInfo
  readonly failOn: FailOn
  readonly retentionDays: number
  /** Only `saveShard` and `kind` are used. */
  readonly history: Pick<HistoryStore, 'saveShard' | 'kind'>
  readonly sinks: ShardSinks
}

/** Whether the shard's step fails, and why. */
export interface ShardVerdict {
  readonly status: ShardStatus
  readonly testsFailed: number
  readonly failed: boolean
  readonly reasons: readonly string[]
}

export interface CollectShardResult {
  readonly record: RunRecord
  readonly saved: boolean
  readonly verdict: ShardVerdict
  readonly warnings: readonly string[]
}

/**
 * The shard's verdict: failed tests and failed stages (not tolerated by `continue-on-error`) fail it, unless
 * `fail-on: never`. Findings do not exist yet: they are the report job's business. Pure.
 */
export function shardVerdict(record: RunRecord, failOn: FailOn): ShardVerdict {
  const totals = countTests(record.tests)
  const testsFailed = totals.failed + totals.errored
  const reasons: string[] = []
  if (testsFailed > 0) reasons.push(`${testsFailed} test${testsFailed === 1 ? '' : 's'} failed`)
  for (const stage of record.stages)
    if (stageFailsRun(stage)) reasons.push(`stage ${stage.name} ${stage.status}`)
  const status = reasons.length > 0 ? SHARD_STATUS.failed : SHARD_STATUS.passed
  return { status, testsFailed, failed: failOn !== 'never' && reasons.length > 0, reasons }
}

/** The shard's short job summary: stages, test counts, metrics, and where the record went. Pure. */
export function shardSummaryMarkdown(
  shard: string,
  record: RunRecord,
  destination: string,
  saved: boolean,
): string {
  const t = countTests(record.tests)
  const flaky = record.tests.filter((x) => x.status === 'flaky').length
  const stages =
    record.stages.length === 0
      ? 'none'
      : record.stages.map((s) => `${s.name} ${s.status}${s.continueOnError ? ' (tolerated)' : ''}`).join(', ')
  const where = saved
    ? `saved as ${destination} for the \`mode: report\` job`
    : `**not saved** (${destination}): the report job will name this shard as missing`
  return [
    `### Gauntlet shard \`${shard}\``,
    '',
    `- Stages: ${stages}`,
    `- Tests: ${t.passed} passed (${flaky} flaky), ${t.failed + t.errored} failed, ${t.skipped} skipped`,
    `- Metrics: ${record.metrics.length}, chaos experiments: ${record.chaos.length}`,
    `- Record: ${where}`,
    '',
  ].join('\n')
}

/**
 * Runs the shard: stages (with `GAUNTLET_SHARD` set), the record tagged with the shard name, the upload, the
 * summary and outputs. A failed upload is a warning: the report job names the shard as missing.
 */
export async function collectShard(ctx: CollectShardContext): Promise<CollectShardResult> {
  const { logger } = ctx
  const warnings: string[] = []
  const warn = (m: string): void => {
    warnings.push(m)
    logger.warning(m)
  }
  const baseEnv = { ...(ctx.baseEnv ?? process.env), [ENV_SHARD]: ctx.shard }
  const collected = await collectStages({ ...ctx, baseEnv }, { ...ctx.run, shard: ctx.shard })

  logger.startGroup(`Save shard ${ctx.shard}`)
  const artifact = shardArtifactName(ctx.shard)
  const destination =
    ctx.history.kind === 'artifacts' ? `artifact ${artifact}` : `${artifact} in the history directory`
  let saved = false
  try {
    const result = await ctx.history.saveShard(ctx.shard, collected, ctx.retentionDays)
    saved = result.recordSaved
    for (const w of result.warnings) warn(`shard ${ctx.shard}: ${w}`)
  } catch (err) {
    warn(`shard ${ctx.shard}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!saved) warn(`shard ${ctx.shard} was not saved; the report job will name it as missing`)
  else logger.info(`shard ${ctx.shard} saved as ${destination}`)
  logger.endGroup()

  const verdict = shardVerdict(collected, ctx.failOn)
  if (ctx.sinks.summary) {
    await ctx.sinks
      .summary(shardSummaryMarkdown(ctx.shard, collected, destination, saved))
      .catch((err: unknown) =>
        warn(`The job summary was not written: ${err instanceof Error ? err.message : String(err)}`),
      )
  }
  ctx.sinks.setOutput?.(Outputs.Status, verdict.status)
  ctx.sinks.setOutput?.(Outputs.TestsFailed, verdict.testsFailed)
  return { record: collected, saved, verdict, warnings }
}
