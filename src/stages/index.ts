/**
 * The stage runner: runs a repository's stages (unit → integration → benchmark → chaos) as real process trees,
 * with background services and readiness probes, timeouts, retries (flaky detection), benchmark repeats and
 * cancellation. Result files are parsed by an injected `collect` callback, so this module does not depend on the
 * parsers; chaos experiments run through an injected `runChaos` hook.
 *
 * Typical use (the shell):
 *
 * ```ts
 * const controller = new AbortController()
 * const uninstall = installCancelHandlers(controller)
 * try {
 *   const { outcomes, failed } = await runStages({
 *     stages: config.stages, workspace, logger, collect, signal: controller.signal,
 *     selection: parseStageSelection(flags.stages),
 *   })
 * } finally { uninstall() }
 * ```
 */
export { runStages, parseStageSelection, stageFailsRun } from './run-stages.js'
export type { RunStagesOptions, PipelineOutcome } from './run-stages.js'
export { runStage, describeFailure } from './run-stage.js'
export type {
  RunStageOptions,
  StageOutcome,
  Collect,
  CollectContext,
  CollectedResults,
  ChaosHook,
  ChaosHookContext,
  ChaosHookResult,
  CommandsResult,
  AnyStageConfig,
} from './run-stage.js'
export { mergeTestAttempts, mergeRepeatMetrics, MAX_METRIC_SAMPLES } from './merge-attempts.js'
export type { CollectedMetric, StageMetric } from './merge-attempts.js'
export { runCommand, startProcess, killProcessGroup, resolveShell } from './process.js'
export type { ProcessOptions, ProcessResult, RunningProcess, ShellSpec, Timers } from './process.js'
export type { OutputSink, OutputStream } from './output-lines.js'
export { startServices, ServiceStartAbortedError } from './services.js'
export type { ServiceContext, StartedServices } from './services.js'
export { installCancelHandlers, CancelledError, CANCEL_SIGNALS } from './cancel.js'
export type { CancelHandlerOptions } from './cancel.js'
export { createLineLogger, silentLogger } from './logger.js'
export type { Logger } from './logger.js'
export { ENV_STAGE, ENV_ATTEMPT, ENV_REPEAT, ENV_SHARD } from './env.js'
export * from './errors.js'
