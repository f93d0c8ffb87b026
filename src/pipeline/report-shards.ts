/**
 * `mode: report`: the one job that merges a run's shard records, analyses, comments, alerts and (for its own
 * run) saves history. It merges what exists when it runs and never waits for shards: a shard that has not
 * uploaded is missing, which the analysis reports.
 */
import type { RunInfo, ShardSummary } from '../model/index.js'
import { mergeShards } from '../record/merge-shards.js'
import { analyseAndPublish, type PipelineResult, type PublishContext } from './run-pipeline.js'

export interface ReportShardsContext extends PublishContext {
  /** The source run: the current run (matrix) or the `workflow_run` event's run (fork PRs). */
  readonly run: RunInfo
  /** Shard names the report expects (`shards` input); empty when unknown. */
  readonly expected: readonly string[]
}

export interface ReportShardsResult extends PipelineResult {
  readonly shards: ShardSummary
}

/** One line for the log: what the merge found. Pure. */
export function describeShardSummary(summary: ShardSummary): string {
  const parts = [
    `${summary.present.length} shard(s) merged${summary.present.length > 0 ? `: ${summary.present.join(', ')}` : ''}`,
  ]
  if (summary.missing.length > 0) parts.push(`missing: ${summary.missing.join(', ')}`)
  if (summary.failed.length > 0) parts.push(`failed: ${summary.failed.join(', ')}`)
  if (summary.stale.length > 0) parts.push(`stale: ${summary.stale.join(', ')}`)
  if (summary.duplicates.length > 0) parts.push(`${summary.duplicates.length} duplicate key(s)`)
  return parts.join('; ')
}

/**
 * Loads the source run's shard records, merges them and hands the merged record to the shared tail. Records
 * that cannot be read or fail validation are dropped by the store with a warning naming the artifact.
 */
export async function reportShards(ctx: ReportShardsContext): Promise<ReportShardsResult> {
  const { logger } = ctx
  const warnings: string[] = []
  const warn = (m: string): void => {
    warnings.push(m)
    logger.warning(m)
  }
  logger.startGroup(`Shards of run ${ctx.run.runId} (attempt ${ctx.run.attempt})`)
  let loaded: Awaited<ReturnType<typeof ctx.history.loadShards>> = { shards: [], warnings: [] }
  try {
    loaded = await ctx.history.loadShards(ctx.run.runId, ctx.expected)
  } catch (err) {
    warn(
      `Shard records of run ${ctx.run.runId} could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  for (const w of loaded.warnings) warn(w)
  const { record, summary } = mergeShards({ run: ctx.run, shards: loaded.shards, expected: ctx.expected })
  logger.info(describeShardSummary(summary))
  for (const note of summary.notes) logger.info(note)
  logger.endGroup()

  const result = await analyseAndPublish(ctx, record)
  return { ...result, warnings: [...warnings, ...result.warnings], shards: summary }
}
