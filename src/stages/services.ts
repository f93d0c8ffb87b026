/**
 * Background services around a stage: started in the configured order, each waited for with its readiness probe
 * before the next starts (so an API can depend on a database listed before it), and always stopped afterwards —
 * whole process tree, SIGTERM then SIGKILL after `stop-timeout` — whatever happened in between.
 */
import path from 'node:path'
import type { ServiceConfig } from '../config/sections/stages.js'
import { ServiceExitedError, ServiceNotReadyError, StageRunnerError } from './errors.js'
import type { Logger } from './logger.js'
import { mergeEnv } from './env.js'
import { describeProbe, probeFromConfig, tryHttp, tryTcp, type Probe } from './readiness.js'
import {
  realTimers,
  startProcess,
  type ProcessResult,
  type RunningProcess,
  type ShellSpec,
  type Timers,
} from './process.js'

/** Output lines quoted in service errors. */
export const SERVICE_ERROR_LINES = 20
/** Upper bound of one probe attempt; the interval is used when it is longer. */
const MIN_PROBE_ATTEMPT_MS = 1000

export interface ServiceContext {
  /** Absolute directory that relative service working directories resolve against. */
  readonly workspace: string
  /** Working directory of services that configure none (the stage's). */
  readonly defaultCwd: string
  /** Environment the service's own `env` is layered onto. */
  readonly env: Readonly<Record<string, string>>
  readonly logger: Logger
  /** Aborting stops readiness waiting at once; {@link StartedServices.stop} must still be called. */
  readonly signal?: AbortSignal
  readonly shell?: ShellSpec
  readonly timers?: Timers
  readonly now?: () => number
}

/** Services that are up. */
export interface StartedServices {
  readonly names: readonly string[]
  /** Process group ids, for diagnostics and tests. */
  readonly pids: readonly number[]
  /** Services that exited on their own after they were ready, described for the stage's errors. */
  problems(): string[]
  /** Stops every service (reverse order, concurrently), whole tree. Idempotent; never rejects. */
  stop(): Promise<void>
}

/** Raised when readiness waiting was aborted (cancel or stage timeout). */
export class ServiceStartAbortedError extends StageRunnerError {
  override readonly name = 'ServiceStartAbortedError'
  constructor(readonly service: string) {
    super(`service "${service}": start-up interrupted (stage cancelled or timed out)`)
  }
}

interface Running {
  readonly config: ServiceConfig
  readonly proc: RunningProcess
  stopping: boolean
  result: ProcessResult | null
}

/**
 * Starts the services one after another, each waited for until ready. On any failure the services already started
 * are stopped before the error is thrown, so the caller has nothing to clean up then.
 */
export async function startServices(
  configs: readonly ServiceConfig[],
  ctx: ServiceContext,
): Promise<StartedServices> {
  const running: Running[] = []
  let stopped: Promise<void> | null = null
  const stopAll = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(
        [...running].reverse().map(async (r) => {
          r.stopping = true
          const result = await r.proc.stop(r.config['stop-timeout'])
          ctx.logger.info(`stopped service "${r.config.name}" (${describeEnd(result)})`)
        }),
      )
    })())

  try {
    for (const config of configs) running.push(await startOne(config, ctx))
  } catch (err) {
    await stopAll()
    throw err
  }
  return {
    names: running.map((r) => r.config.name),
    pids: running.map((r) => r.proc.pid),
    problems: () =>
      running
        .filter((r) => r.result !== null && !r.stopping)
        .map(
          (r) =>
            `service "${r.config.name}" exited during the stage (${describeEnd(r.result!)}); last output:\n` +
            r.proc.lastLines(SERVICE_ERROR_LINES).join('\n'),
        ),
    stop: stopAll,
  }
}

function describeEnd(r: ProcessResult): string {
  return r.exitCode !== null ? `exit code ${r.exitCode}` : `signal ${r.signal ?? 'unknown'}`
}

async function startOne(config: ServiceConfig, ctx: ServiceContext): Promise<Running> {
  const timers = ctx.timers ?? realTimers
  const now = ctx.now ?? (() => performance.now())
  // Validate the probe before starting anything, so a bad regex costs no process.
  const probe = config.ready !== undefined ? probeFromConfig(config.name, config.ready) : null
  const cwd =
    config['working-directory'] !== undefined
      ? path.resolve(ctx.workspace, config['working-directory'])
      : ctx.defaultCwd

  let logMatched = false
  let wake: () => void = () => undefined
  const proc = await startProcess({
    command: config.run,
    cwd,
    env: mergeEnv(ctx.env, config.env),
    owner: `service "${config.name}"`,
    killGraceMs: config['stop-timeout'],
    shell: ctx.shell,
    timers,
    now,
    onLine: (line) => {
      ctx.logger.info(`[${config.name}] ${line}`)
      if (probe?.kind === 'log' && !logMatched && probe.pattern.test(line)) {
        logMatched = true
        wake()
      }
    },
  })
  const entry: Running = { config, proc, stopping: false, result: null }
  void proc.done.then((r) => {
    entry.result = r
    if (!entry.stopping) ctx.logger.warning(`service "${config.name}" exited (${describeEnd(r)})`)
    wake()
  })
  ctx.logger.info(`started service "${config.name}" (pid ${proc.pid})`)

  if (probe === null || config.ready === undefined) return entry

  const { timeout, interval } = config.ready
  const signal = ctx.signal
  const failIfEnded = async (): Promise<void> => {
    if (signal?.aborted) {
      entry.stopping = true
      await proc.stop(config['stop-timeout'])
      throw new ServiceStartAbortedError(config.name)
    }
    if (proc.exited()) {
      const r = await proc.done
      throw new ServiceExitedError(config.name, r.exitCode, r.signal, proc.lastLines(SERVICE_ERROR_LINES))
    }
  }
  // Anything that should cut a wait short: the service ending, an abort, a matching log line.
  const wakeUp = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve
      if (proc.exited() || signal?.aborted || logMatched) resolve()
    })
  const onAbort = (): void => wake()
  signal?.addEventListener('abort', onAbort)

  try {
    const started = now()
    const deadline = started + timeout
    const maxAttempts = Math.ceil(timeout / Math.max(interval, 1)) + 1
    let lastProblem: string | null = null
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await failIfEnded()
      const remaining = Math.max(0, deadline - now())
      const outcome = await race(
        attemptProbe(
          probe,
          Math.max(1, Math.min(remaining, Math.max(interval, MIN_PROBE_ATTEMPT_MS))),
          () => logMatched,
        ),
        wakeUp(),
      )
      // A wake-up by a matching log line means ready; other wake-ups are settled by failIfEnded.
      const problem = outcome === undefined && logMatched ? null : outcome
      await failIfEnded()
      if (problem === null) {
        ctx.logger.info(
          `service "${config.name}" is ready (${describeProbe(probe)}, ${Math.round(now() - started)} ms)`,
        )
        return entry
      }
      if (problem !== undefined) lastProblem = problem
      if (now() >= deadline) break
      await race(sleep(Math.min(interval, Math.max(0, deadline - now())), timers), wakeUp())
    }
    await failIfEnded()
    throw new ServiceNotReadyError(
      config.name,
      describeProbe(probe),
      timeout,
      probe.kind === 'log' ? null : lastProblem,
      proc.lastLines(SERVICE_ERROR_LINES),
    )
  } catch (err) {
    entry.stopping = true
    await proc.stop(config['stop-timeout'])
    throw err
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Resolves with the first to settle; `undefined` when the wake-up came first. */
function race<T>(work: Promise<T>, wakeUp: Promise<void>): Promise<T | undefined> {
  return Promise.race([work, wakeUp.then(() => undefined)])
}

function attemptProbe(probe: Probe, timeoutMs: number, logMatched: () => boolean): Promise<string | null> {
  switch (probe.kind) {
    case 'tcp':
      return tryTcp(probe.host, probe.port, timeoutMs)
    case 'http':
      return tryHttp(probe.url, timeoutMs)
    case 'log':
      return Promise.resolve(logMatched() ? null : 'no matching line yet')
  }
}

function sleep(ms: number, timers: Timers): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms))
}
