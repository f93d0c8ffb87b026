/*
 * The chaos stage: starts the fault engine (the embedded Toxiproxy-compatible proxy, or a real Toxiproxy at
 * `url`), creates the configured proxies, runs each experiment in turn and writes its journal. The stage runner
 * starts the stage's `services` before and stops them after. Never throws: problems come back as `errors`.
 */
import path from 'node:path'
import type { ChaosStageConfig } from '../config/sections/stages.js'
import type { ChaosResult } from '../model/chaos.js'
import { systemClock, type Clock } from '../model/clock.js'
import {
  ENV_CHAOS_API_URL,
  ENV_CHAOS_EXPERIMENT,
  JOURNAL_DIR,
  TOXIC_NAME_PREFIX,
  journalFileName,
} from './constants.js'
import { runExperiment } from './experiment.js'
import { Journal } from './journal.js'
import type { ChaosMetric } from './measure.js'
import { createProbeRunner, type ProbeRunner } from './probes.js'
import { EmbeddedToxiproxy } from './proxy/embedded-server.js'
import { realScheduler, type Scheduler } from './scheduler.js'
import { runShell } from './shell.js'
import { ToxiproxyClient, type FaultEngine } from './toxiproxy-client.js'
import { validateChaosStage } from './validate.js'

export { EmbeddedToxiproxy } from './proxy/embedded-server.js'
export { ToxiproxyClient, type FaultEngine } from './toxiproxy-client.js'
export { validateChaosStage } from './validate.js'
export { runExperiment } from './experiment.js'
export type { ChaosMetric } from './measure.js'

/** Default folder (relative to the working directory) for journals when the caller gives no report directory. */
export const DEFAULT_REPORT_DIR = 'gauntlet-report'
const ROLLBACK_TIMEOUT_MS = 60_000

/**
 * What the stage runner passes. Accepts both the runner's hook context (`workingDirectory`, `runCommands`) and the
 * brief's (`cwd`, `runCommand`, `reportDir`).
 */
export interface ChaosStageContext {
  readonly workingDirectory?: string
  readonly cwd?: string
  readonly env: Readonly<Record<string, string>>
  readonly logger: { info(message: string): void; warning(message: string): void }
  readonly signal: AbortSignal
  /** Runs one shell command (rollbacks, and the stage tests when `runCommands` is absent). */
  runCommand?(cmd: string, env?: Record<string, string>): Promise<{ exitCode: number | null }>
  /** Runs the stage's `run` commands (the runner collects their results as the chaos tests). */
  runCommands?(): Promise<{ exitCode: number | null }>
  /** Where the journals go (`<reportDir>/chaos/<experiment>.journal.json`); default `gauntlet-report`. */
  readonly reportDir?: string
  readonly clock?: Clock
}

/** Seams for tests: virtual time, a fake system under test, a fake engine. */
export interface ChaosStageDeps {
  readonly scheduler?: Scheduler
  readonly probe?: ProbeRunner
  readonly engine?: (url: string) => FaultEngine
  /** Randomness of the embedded proxy (toxicity, jitter); tests pass a deterministic one. */
  readonly random?: () => number
}

export interface ChaosStageResult {
  readonly chaos: ChaosResult[]
  /** Named `<experiment>/<measure>`; the pipeline prefixes the stage. */
  readonly metrics: ChaosMetric[]
  readonly errors: string[]
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** One log line per experiment: verdict, error rate, p95 and recovery. */
export function summaryLine(r: ChaosResult): string {
  const ss = r.steadyState
  const recovery =
    r.recoveryMs === null
      ? `did not recover${r.recoveryBoundMs === undefined ? '' : ` within ${r.recoveryBoundMs} ms`}`
      : `recovered in ${r.recoveryMs} ms`
  const p95 = r.latencyMs === null ? 'p95 n/a' : `p95 ${r.latencyMs.p95} ms`
  return (
    `${r.verdict === 'passed' ? '✔' : '✘'} ${r.experiment}: ${r.verdict.toUpperCase()} — ${r.fault}; ` +
    `steady state before ${ss.before}, during ${ss.during}, after ${ss.after}; ` +
    `error rate ${(r.errorRate * 100).toFixed(1)} %, ${p95}, ${recovery}` +
    (r.notes !== undefined && r.notes.length > 0 ? ` (${r.notes.join('; ')})` : '')
  )
}

/** Runs the chaos stage's experiments; never throws. */
export async function runChaosStage(
  cfg: ChaosStageConfig,
  ctx: ChaosStageContext,
  deps: ChaosStageDeps = {},
): Promise<ChaosStageResult> {
  const chaos: ChaosResult[] = []
  const metrics: ChaosMetric[] = []
  const errors = validateChaosStage(cfg)
  const { logger } = ctx
  if (errors.length > 0) return { chaos, metrics, errors }
  if (cfg.experiments.length === 0) {
    logger.warning('chaos stage has no experiments; add some under stages.chaos.experiments')
    return { chaos, metrics, errors }
  }
  const cwd = ctx.workingDirectory ?? ctx.cwd ?? process.cwd()
  const reportDir = path.resolve(cwd, ctx.reportDir ?? DEFAULT_REPORT_DIR)
  const scheduler = deps.scheduler ?? realScheduler
  const clock = ctx.clock ?? systemClock

  let embedded: EmbeddedToxiproxy | null = null
  try {
    let url: string
    if (cfg.engine === 'embedded') {
      embedded = new EmbeddedToxiproxy({
        allowRemote: cfg['allow-remote'],
        ...(deps.random === undefined ? {} : { random: deps.random }),
      })
      url = await embedded.listen(cfg['api-listen'])
    } else {
      url = cfg.url!
    }
    const engine = deps.engine?.(url) ?? new ToxiproxyClient(url)
    const version = await engine.version()
    logger.info(`chaos: ${cfg.engine} proxy (version ${version}) at ${url}`)
    if (cfg.proxies.length > 0) await engine.populate(cfg.proxies)
    for (const p of cfg.proxies) {
      // Leftovers of an interrupted earlier run on a shared Toxiproxy: only toxics Gauntlet named.
      const lifted = await engine.lift(p.name, TOXIC_NAME_PREFIX)
      if (lifted.length > 0)
        logger.warning(`chaos: cleaned up after an earlier run on ${p.name}: ${lifted.join('; ')}`)
      logger.info(`chaos: proxy ${p.name} ${p.listen} → ${p.upstream}`)
    }

    for (const [i, exp] of cfg.experiments.entries()) {
      if (ctx.signal.aborted) {
        errors.push(`chaos stage cancelled before experiment ${exp.name}`)
        break
      }
      const env: Record<string, string> = {
        ...ctx.env,
        [ENV_CHAOS_EXPERIMENT]: exp.name,
        [ENV_CHAOS_API_URL]: url,
      }
      const extraEnv = { [ENV_CHAOS_EXPERIMENT]: exp.name, [ENV_CHAOS_API_URL]: url }
      const runCommand = async (cmd: string): Promise<{ exitCode: number | null }> => {
        if (ctx.runCommand !== undefined) return ctx.runCommand(cmd, extraEnv)
        const r = await runShell(cmd, { cwd, env, timeoutMs: ROLLBACK_TIMEOUT_MS })
        if (r.problem !== null) logger.warning(`chaos: \`${cmd}\`: ${r.problem}`)
        return { exitCode: r.exitCode }
      }
      const runTests = async (): Promise<{ exitCode: number | null }> => {
        if (ctx.runCommands !== undefined) return ctx.runCommands()
        let last: { exitCode: number | null } = { exitCode: 0 }
        for (const cmd of cfg.run ?? []) {
          last = await runCommand(cmd)
          if (last.exitCode !== 0) break
        }
        return last
      }
      const journal = new Journal(scheduler, clock)
      logger.info(`chaos: experiment ${exp.name} (${i + 1}/${cfg.experiments.length}) starting`)
      const outcome = await runExperiment(exp, {
        engine,
        proxy: exp.proxy ?? cfg.proxies[0]!.name,
        scheduler,
        probe: deps.probe ?? createProbeRunner(cwd, env),
        journal,
        signal: ctx.signal,
        runCommand,
        ...(exp['run-tests'] && (cfg.run !== undefined || ctx.runCommands !== undefined) ? { runTests } : {}),
        key: `stages.chaos.experiments[${i}]`,
      })
      let journalPath: string | undefined
      try {
        const file = path.join(reportDir, JOURNAL_DIR, journalFileName(exp.name))
        await journal.write(file, {
          experiment: exp.name,
          ...(exp.description === undefined ? {} : { description: exp.description }),
          engine: cfg.engine,
          proxy: exp.proxy ?? cfg.proxies[0]!.name,
          config: exp,
          result: outcome.result,
          metrics: outcome.metrics,
          errors: outcome.errors,
        })
        journalPath = path.relative(cwd, file)
      } catch (err) {
        errors.push(`chaos experiment ${exp.name}: could not write its journal: ${message(err)}`)
      }
      const result: ChaosResult = {
        ...outcome.result,
        ...(journalPath === undefined ? {} : { journal: journalPath }),
      }
      chaos.push(result)
      metrics.push(...outcome.metrics)
      errors.push(...outcome.errors)
      logger.info(`chaos: ${summaryLine(result)}`)
    }
  } catch (err) {
    errors.push(`chaos stage: ${message(err)}`)
  } finally {
    if (embedded !== null) await embedded.close().catch(() => undefined)
  }
  return { chaos, metrics, errors }
}
