/**
 * Runs one stage: services up, commands one after another (stop at the first failure), services down; retried up
 * to `retries` more times while it fails, repeated `repeat` times for the benchmark stage. After every run the
 * injected collector parses the result files — also when the run failed, timed out or was cancelled, since a
 * failing test run is exactly when its report matters.
 *
 * Choices worth knowing:
 * - `timeout` bounds each run (service start-up included), not the sum of retries and repeats.
 * - A run that failed or timed out is retried; a cancelled one never is.
 * - Services are started and stopped around every run, so a retry does not inherit a crashed service.
 * - A repeat that still fails after its retries ends the stage; metrics of the repeats so far are kept.
 */
import path from 'node:path'
import type {
  BenchmarkStageConfig,
  ChaosStageConfig,
  ResultSpec,
  StageConfig,
} from '../config/sections/stages.js'
import type { ChaosResult } from '../model/chaos.js'
import type { StageName, StageResult, StageStatus } from '../model/stage.js'
import type { ParsedTestCase, TestCase } from '../model/test-case.js'
import { ENV_ATTEMPT, ENV_REPEAT, ENV_STAGE, mergeEnv } from './env.js'
import type { Logger } from './logger.js'
import {
  mergeRepeatMetrics,
  mergeTestAttempts,
  type CollectedMetric,
  type StageMetric,
} from './merge-attempts.js'
import type { OutputSink } from './output-lines.js'
import {
  assertDirectory,
  realTimers,
  runCommand,
  type ProcessResult,
  type ShellSpec,
  type Timers,
} from './process.js'
import { startServices } from './services.js'

/** Output lines quoted in a failed command's error. */
export const COMMAND_ERROR_LINES = 20
/** Most errors kept per stage; the rest are counted. */
export const MAX_STAGE_ERRORS = 50

/** Any of the four stage configs; only the fields every stage has are used here, plus `repeat`. */
export type AnyStageConfig = StageConfig | BenchmarkStageConfig | ChaosStageConfig

/** What the collector is told about the run whose result files it should parse. */
export interface CollectContext {
  readonly stage: StageName
  /** 1-based; greater than 1 on retries. */
  readonly attempt: number
  /** 1-based repeat of the benchmark stage; 1 elsewhere. */
  readonly repeat: number
  /** Absolute working directory of the stage (result globs are relative to it). */
  readonly workingDirectory: string
  readonly results: readonly ResultSpec[]
  /** When this run started: files older than this were written by an earlier run. */
  readonly startedAt: Date
  /** How the run ended. */
  readonly status: StageStatus
}

/** What the collector found for one run. */
export interface CollectedResults {
  readonly tests: readonly ParsedTestCase[]
  readonly metrics: readonly CollectedMetric[]
  /** Result files parsed, relative to the workspace. */
  readonly files?: readonly string[]
  /** Problems (unparseable file, glob matching nothing), each naming the file. */
  readonly errors?: readonly string[]
}

/** Parses the result files of one run; injected so the stage runner does not depend on the parsers. */
export type Collect = (ctx: CollectContext) => Promise<CollectedResults>

/** What the chaos module receives to run the chaos stage (services are already up). */
export interface ChaosHookContext {
  readonly workingDirectory: string
  /** Environment of the stage (including `GAUNTLET_*`). */
  readonly env: Readonly<Record<string, string>>
  readonly logger: Logger
  /** Aborted on cancel or stage timeout; the hook must stop its proxies and return promptly. */
  readonly signal: AbortSignal
  /** Runs the stage's `run` commands (if any), e.g. as load while a fault is active. */
  runCommands(): Promise<CommandsResult>
}

export interface ChaosHookResult {
  readonly chaos: readonly ChaosResult[]
  readonly errors?: readonly string[]
}

/** Runs the chaos stage's proxies and experiments (the chaos module's entry point). */
export type ChaosHook = (config: ChaosStageConfig, ctx: ChaosHookContext) => Promise<ChaosHookResult>

/** How a stage's command list ended. */
export interface CommandsResult {
  /** True when every command exited 0. */
  readonly ok: boolean
  /** Exit code of the last command that ran; null when killed by a signal or none ran. */
  readonly exitCode: number | null
  readonly errors: readonly string[]
}

/** Everything a stage produced. */
export interface StageOutcome {
  readonly stage: StageResult
  /** Tests of every run merged (retries give `attempts` and `flaky`). */
  readonly tests: readonly TestCase[]
  /** Metrics with one sample per repeat (value = median), or the parser's samples for a single run. */
  readonly metrics: readonly StageMetric[]
  /** Chaos experiment results (chaos stage with a hook only), from the last run. */
  readonly chaos: readonly ChaosResult[]
}

export interface RunStageOptions {
  readonly name: StageName
  readonly config: AnyStageConfig
  /** Absolute workspace root; relative working directories resolve against it. */
  readonly workspace: string
  readonly logger: Logger
  readonly collect: Collect
  /** Cancel: kills the tree, stops services, no retries; the stage ends `cancelled`. */
  readonly signal?: AbortSignal
  /** Environment the stage's `env` is layered onto; default: this process's environment. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>
  /** Runs the chaos stage's experiments; without it the chaos stage is a plain stage. */
  readonly runChaos?: ChaosHook
  /** Also receives every command output line (the logger gets them as `info` regardless). */
  readonly onOutput?: OutputSink
  /** SIGTERM → SIGKILL grace for stage commands. */
  readonly killGraceMs?: number
  readonly shell?: ShellSpec
  readonly timers?: Timers
  /** Monotonic milliseconds, for durations. */
  readonly now?: () => number
  /** Wall clock, for `CollectContext.startedAt`. */
  readonly wallClock?: () => Date
}

interface RunEnd {
  readonly status: StageStatus
  readonly exitCode: number | null
  readonly errors: readonly string[]
  readonly chaos: readonly ChaosResult[]
}

/** Runs one stage with its services, retries and repeats; never rejects (problems land in `stage.errors`). */
export async function runStage(opts: RunStageOptions): Promise<StageOutcome> {
  const { name, config, logger } = opts
  const now = opts.now ?? (() => performance.now())
  const started = now()
  const repeats = 'repeat' in config ? config.repeat : 1
  const errors: string[] = []
  let droppedErrors = 0
  const addErrors = (prefix: string, list: readonly string[]): void => {
    for (const e of list) {
      if (errors.length < MAX_STAGE_ERRORS) errors.push(prefix + e)
      else droppedErrors++
    }
  }
  const testRuns: (readonly ParsedTestCase[])[] = []
  const metricRuns: (readonly CollectedMetric[])[] = []
  const files = new Set<string>()
  let last: RunEnd = { status: 'skipped', exitCode: null, errors: [], chaos: [] }
  let mostAttempts = 0
  let repeatsDone = 0

  logger.startGroup(`${name} stage`)
  try {
    for (let repeat = 1; repeat <= repeats; repeat++) {
      let repeatMetrics: readonly CollectedMetric[] = []
      for (let attempt = 1; attempt <= config.retries + 1; attempt++) {
        mostAttempts = Math.max(mostAttempts, attempt)
        const label = describeRun(attempt, config.retries + 1, repeat, repeats)
        if (label !== '') logger.info(`--- ${label}`)
        const startedAt = (opts.wallClock ?? (() => new Date()))()
        last = await runOnce(opts, attempt, repeat)
        const prefix = label === '' ? '' : `${label}: `
        addErrors(prefix, last.errors)
        const collected = await collectSafely(opts, {
          stage: name,
          attempt,
          repeat,
          workingDirectory: stageCwd(opts),
          results: config.results,
          startedAt,
          status: last.status,
        })
        testRuns.push(collected.tests)
        repeatMetrics = collected.metrics
        for (const f of collected.files ?? []) files.add(f)
        addErrors(prefix, collected.errors ?? [])
        if (last.status === 'passed' || last.status === 'cancelled') break
        if (attempt <= config.retries)
          logger.warning(`${name} stage ${last.status}; retrying (${attempt}/${config.retries})`)
      }
      metricRuns.push(repeatMetrics)
      repeatsDone = repeat
      if (last.status !== 'passed') break
    }
  } finally {
    if (droppedErrors > 0) errors.push(`${droppedErrors} more error(s) not shown`)
    logger.info(`${name} stage ${last.status} in ${Math.round(now() - started)} ms`)
    logger.endGroup()
  }

  const stage: StageResult = {
    name,
    status: last.status,
    exitCode: last.exitCode,
    durationMs: Math.round(now() - started),
    attempts: mostAttempts,
    resultFiles: [...files].sort(),
    errors,
    continueOnError: config['continue-on-error'],
    ...(repeats > 1 ? { repeats: repeatsDone } : {}),
  }
  return {
    stage,
    tests: mergeTestAttempts(name, testRuns),
    metrics: mergeRepeatMetrics(metricRuns),
    chaos: last.chaos,
  }
}

function describeRun(attempt: number, attempts: number, repeat: number, repeats: number): string {
  const parts: string[] = []
  if (repeats > 1) parts.push(`repeat ${repeat}/${repeats}`)
  if (attempts > 1) parts.push(`attempt ${attempt}/${attempts}`)
  return parts.join(', ')
}

function stageCwd(opts: RunStageOptions): string {
  return path.resolve(opts.workspace, opts.config['working-directory'] ?? '.')
}

async function collectSafely(opts: RunStageOptions, ctx: CollectContext): Promise<CollectedResults> {
  try {
    return await opts.collect(ctx)
  } catch (err) {
    return {
      tests: [],
      metrics: [],
      errors: [`collecting result files failed: ${err instanceof Error ? err.message : String(err)}`],
    }
  }
}

/** One run of the stage (one attempt of one repeat), bounded by the stage timeout. */
async function runOnce(opts: RunStageOptions, attempt: number, repeat: number): Promise<RunEnd> {
  const { name, config, logger } = opts
  const timers = opts.timers ?? realTimers
  const cwd = stageCwd(opts)
  const env = mergeEnv(opts.baseEnv ?? process.env, config.env, {
    [ENV_STAGE]: name,
    [ENV_ATTEMPT]: String(attempt),
    [ENV_REPEAT]: String(repeat),
  })

  const run = new AbortController()
  let timedOut = false
  const timer = timers.setTimeout(() => {
    timedOut = true
    run.abort(new Error('timeout'))
  }, config.timeout)
  const onCancel = (): void => run.abort(new Error('cancelled'))
  if (opts.signal?.aborted) onCancel()
  else opts.signal?.addEventListener('abort', onCancel, { once: true })

  const errors: string[] = []
  let fatal = false
  let commands: CommandsResult | null = null
  let chaos: readonly ChaosResult[] = []
  const runCommands = async (): Promise<CommandsResult> =>
    (commands = await runCommandList(opts, config.run ?? [], cwd, env, run.signal))

  try {
    assertDirectory(cwd, `stage "${name}"`)
    if (run.signal.aborted) throw new Error(`${name} stage cancelled before it started`)
    const services = await startServices(config.services, {
      workspace: opts.workspace,
      defaultCwd: cwd,
      env,
      logger,
      signal: run.signal,
      shell: opts.shell,
      timers,
      now: opts.now,
    })
    try {
      if (name === 'chaos' && opts.runChaos !== undefined) {
        try {
          const result = await opts.runChaos(config as ChaosStageConfig, {
            workingDirectory: cwd,
            env,
            logger,
            signal: run.signal,
            runCommands,
          })
          chaos = result.chaos
          errors.push(...(result.errors ?? []))
          fatal ||= chaos.some((c) => c.verdict === 'failed') || (result.errors ?? []).length > 0
        } catch (err) {
          fatal = true
          errors.push(`chaos experiments failed: ${err instanceof Error ? err.message : String(err)}`)
        }
        // `run` is never skipped silently: commands the hook did not run go after the experiments.
        if (commands === null && config.run !== undefined && !run.signal.aborted) await runCommands()
      } else {
        if (config.run === undefined) logger.warning(`${name} stage has no \`run\` commands; nothing to run`)
        await runCommands()
      }
    } finally {
      // A service that died mid-stage is reported, but the commands' outcome decides the status.
      errors.push(...services.problems())
      await services.stop()
    }
  } catch (err) {
    fatal = true
    errors.push(err instanceof Error ? err.message : String(err))
  } finally {
    timers.clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onCancel)
  }

  const ended: CommandsResult = commands ?? {
    ok: !fatal && config.run === undefined,
    exitCode: null,
    errors: [],
  }
  errors.unshift(...ended.errors)
  let status: StageStatus
  if (timedOut) {
    status = 'timed-out'
    errors.push(
      `${name} stage timed out after ${config.timeout} ms; its process tree was killed (raise \`timeout\`)`,
    )
  } else if (opts.signal?.aborted) status = 'cancelled'
  else status = ended.ok && !fatal ? 'passed' : 'failed'
  if (status !== 'passed') for (const e of errors) logger.error(e)
  else for (const e of errors) logger.warning(e)
  return { status, exitCode: ended.exitCode, errors, chaos }
}

async function runCommandList(
  opts: RunStageOptions,
  commands: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<CommandsResult> {
  let exitCode: number | null = null
  for (const command of commands) {
    if (signal.aborted) return { ok: false, exitCode, errors: [] }
    opts.logger.info(`$ ${command}`)
    const result = await runCommand({
      command,
      cwd,
      env,
      signal,
      owner: `stage "${opts.name}"`,
      killGraceMs: opts.killGraceMs,
      shell: opts.shell,
      timers: opts.timers,
      now: opts.now,
      onLine: (line, stream) => {
        opts.logger.info(line)
        opts.onOutput?.(line, stream)
      },
    })
    exitCode = result.exitCode
    if (result.cancelled || result.timedOut) return { ok: false, exitCode, errors: [] }
    if (result.exitCode !== 0) return { ok: false, exitCode, errors: [describeFailure(command, result)] }
  }
  return { ok: true, exitCode, errors: [] }
}

/** Error text for a command that exited non-zero: what ran, how it ended, what it printed last. */
export function describeFailure(command: string, result: ProcessResult): string {
  const how =
    result.exitCode === 127
      ? 'exit code 127: command not found (check the spelling and that it is installed and on PATH)'
      : result.exitCode === 126
        ? 'exit code 126: command not executable (check its permissions)'
        : result.exitCode !== null
          ? `exit code ${result.exitCode}`
          : `signal ${result.signal ?? 'unknown'}`
  const lines = result.tail.split('\n')
  const lastLines = lines.slice(Math.max(0, lines.length - COMMAND_ERROR_LINES)).join('\n')
  return `\`${command}\` failed with ${how}` + (lastLines.trim() !== '' ? `; last output:\n${lastLines}` : '')
}
