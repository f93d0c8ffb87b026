/**
 * Runs the configured stages in the fixed order unit → integration → benchmark → chaos.
 *
 * A failed stage does NOT stop the later ones by default: one run should show everything a reviewer needs — a
 * failing unit test must not hide a benchmark regression or a chaos failure in the same pull request — and the
 * run still fails at the end (unless the stage has `continue-on-error`). Callers that prefer the classic CI
 * behaviour pass `failFast: true`: then a failed or timed-out stage without `continue-on-error` skips the rest.
 * A cancel always stops the pipeline; stages not reached are reported `cancelled`.
 */
import type { StagesConfig } from '../config/sections/stages.js'
import { STAGE_NAMES, type StageName, type StageResult } from '../model/stage.js'
import { StageSelectionError } from './errors.js'
import { runStage, type RunStageOptions, type StageOutcome } from './run-stage.js'

export interface RunStagesOptions extends Omit<RunStageOptions, 'name' | 'config'> {
  readonly stages: StagesConfig
  /** Stages to run (`--stages`); default: every configured stage. Order is always the fixed one. */
  readonly selection?: readonly StageName[]
  /** Skip the remaining stages after a failure that is not tolerated. Default false (see the module header). */
  readonly failFast?: boolean
}

export interface PipelineOutcome {
  /** One outcome per stage that was selected and configured, in run order. */
  readonly outcomes: readonly StageOutcome[]
  /** Whether a stage failed, timed out or was cancelled without `continue-on-error`. */
  readonly failed: boolean
  readonly cancelled: boolean
}

/** Parses a `--stages` value (`unit,benchmark`, spaces allowed). Throws {@link StageSelectionError}. */
export function parseStageSelection(text: string): StageName[] {
  const names = text
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
  const unknown = names.filter((n) => !(STAGE_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) throw new StageSelectionError(unknown, STAGE_NAMES)
  return STAGE_NAMES.filter((n) => names.includes(n))
}

/** Whether a stage's result should fail the run: not passed/skipped and not tolerated by `continue-on-error`. */
export function stageFailsRun(result: StageResult): boolean {
  return result.status !== 'passed' && result.status !== 'skipped' && !result.continueOnError
}

/** Runs the selected, configured stages in order. Never rejects. */
export async function runStages(opts: RunStagesOptions): Promise<PipelineOutcome> {
  const { stages, selection, failFast = false, ...common } = opts
  const outcomes: StageOutcome[] = []
  let stopReason: 'cancelled' | 'failed' | null = null
  for (const name of STAGE_NAMES) {
    const config = stages[name]
    if (config === undefined) {
      if (selection?.includes(name))
        common.logger.warning(`stage "${name}" was selected but is not configured`)
      continue
    }
    if (selection !== undefined && !selection.includes(name)) continue
    if (stopReason === null && common.signal?.aborted) stopReason = 'cancelled'
    if (stopReason !== null) {
      outcomes.push(notRun(name, config['continue-on-error'], stopReason))
      continue
    }
    const outcome = await runStage({ ...common, name, config })
    outcomes.push(outcome)
    if (outcome.stage.status === 'cancelled') stopReason = 'cancelled'
    else if (failFast && stageFailsRun(outcome.stage)) stopReason = 'failed'
  }
  return {
    outcomes,
    failed: outcomes.some((o) => stageFailsRun(o.stage)),
    cancelled: stopReason === 'cancelled',
  }
}

function notRun(name: StageName, continueOnError: boolean, reason: 'cancelled' | 'failed'): StageOutcome {
  return {
    stage: {
      name,
      status: reason === 'cancelled' ? 'cancelled' : 'skipped',
      exitCode: null,
      durationMs: 0,
      attempts: 0,
      resultFiles: [],
      errors: [
        reason === 'cancelled'
          ? 'not run: the run was cancelled'
          : 'not run: an earlier stage failed (fail-fast)',
      ],
      continueOnError,
    },
    tests: [],
    metrics: [],
    chaos: [],
  }
}
