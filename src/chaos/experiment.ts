/*
 * Runs one experiment, Chaos Toolkit style: steady state before → fault (schedule + probes, optionally the stage's
 * tests) → lift → recovery → steady state after → rollbacks. Time comes from the injected scheduler; every loop is
 * bounded by a round count and by the experiment's deadline, and the fault is lifted and the rollbacks run in
 * `finally`, whatever happened (failure, timeout, cancel).
 */
import type { ExperimentConfig } from '../config/sections/chaos.js'
import type { ChaosResult, SteadyStateVerdict } from '../model/chaos.js'
import { TOXIC_NAME_PREFIX } from './constants.js'
import type { Journal } from './journal.js'
import {
  duringVerdict,
  errorRate,
  experimentMetrics,
  latencySummary,
  recoveryTime,
  roundPassed,
  steadyVerdict,
  type ChaosMetric,
  type Phase,
  type ProbeRound,
} from './measure.js'
import { probeName, type ProbeRunner } from './probes.js'
import { describeFault, faultTimeline, NO_FAULT, type FaultState } from './schedule.js'
import type { Scheduler } from './scheduler.js'
import type { FaultEngine } from './toxiproxy-client.js'
import { describeAction, planTransition } from './transition.js'

export interface ExperimentDeps {
  readonly engine: FaultEngine
  readonly proxy: string
  readonly scheduler: Scheduler
  readonly probe: ProbeRunner
  readonly journal: Journal
  /** Cancels the experiment (the stage was cancelled); the fault is still lifted and rollbacks run. */
  readonly signal: AbortSignal
  /** Runs a rollback command. */
  readonly runCommand: (cmd: string) => Promise<{ exitCode: number | null }>
  /** Runs the stage's tests (when the experiment has `run-tests`). */
  readonly runTests?: () => Promise<{ exitCode: number | null }>
  /** Key of the experiment in the config, for error messages. */
  readonly key?: string
}

export interface ExperimentOutcome {
  readonly result: ChaosResult
  readonly metrics: ChaosMetric[]
  readonly errors: string[]
  readonly rounds: readonly ProbeRound[]
}

/** Name of the toxic an experiment creates (prefixed, so cleanup never touches anyone else's toxics). */
export function toxicNameFor(experiment: string): string {
  return `${TOXIC_NAME_PREFIX}${experiment}`
}

/** The bound on a whole experiment: its own `timeout`, or the sum of its phases plus a margin. */
export function experimentDeadlineMs(exp: ExperimentConfig): number {
  if (exp.timeout !== undefined) return exp.timeout
  const ss = exp['steady-state']
  const probeBound = Math.max(...ss.probes.map((p) => p.timeout)) + ss.interval
  return exp.duration + exp.recovery.timeout + 2 * ss.samples * probeBound + 30_000
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Runs one experiment against a fault engine; never throws. */
export async function runExperiment(exp: ExperimentConfig, deps: ExperimentDeps): Promise<ExperimentOutcome> {
  const { scheduler: s, journal, engine, proxy } = deps
  const ss = exp['steady-state']
  const toxicName = toxicNameFor(exp.name)
  const t0 = s.now()
  const deadline = t0 + experimentDeadlineMs(exp)
  const ctl = new AbortController()
  const onCancel = (): void => ctl.abort()
  if (deps.signal.aborted) ctl.abort()
  deps.signal.addEventListener('abort', onCancel, { once: true })
  const scheduleCtl = new AbortController()

  const rounds: ProbeRound[] = []
  const notes: string[] = []
  const errors: string[] = []
  let current: FaultState = NO_FAULT
  let before: SteadyStateVerdict = 'skipped'
  let during: SteadyStateVerdict = 'skipped'
  let after: SteadyStateVerdict = 'skipped'
  let liftedAt: number | null = null
  let recoveryMs: number | null = null
  let testsExit: number | null | undefined
  let testsTask: Promise<void> | null = null
  let scheduleTask: Promise<void> = Promise.resolve()

  const stopped = (): boolean => ctl.signal.aborted || s.now() >= deadline

  const round = async (phase: Phase): Promise<ProbeRound> => {
    const startMs = s.now()
    const outcomes = await Promise.all(ss.probes.map((p) => deps.probe(p, ctl.signal)))
    const r: ProbeRound = { phase, startMs, endMs: s.now(), outcomes }
    rounds.push(r)
    journal.record('probe-round', `${phase} ${roundPassed(r) ? 'pass' : 'fail'}`, {
      outcomes: outcomes.map((o) => ({
        probe: o.probe,
        ok: o.ok,
        ms: o.latencyMs === null ? null : Math.round(o.latencyMs * 10) / 10,
        detail: o.detail,
      })),
    })
    return r
  }

  /** Probe rounds every `interval` until `done` says so, at most `maxRounds`, never past the deadline. */
  const paced = async (
    phase: Phase,
    maxRounds: number,
    done: (r: ProbeRound[]) => boolean,
  ): Promise<ProbeRound[]> => {
    const out: ProbeRound[] = []
    for (let i = 0; i < maxRounds && !stopped(); i++) {
      const start = s.now()
      out.push(await round(phase))
      if (done(out) || stopped()) break
      await s.sleep(Math.max(0, start + ss.interval - s.now()), ctl.signal)
    }
    return out
  }

  const applyState = async (next: FaultState): Promise<void> => {
    for (const action of planTransition(proxy, current, next)) {
      journal.record('fault', describeAction(action))
      await engine.apply(action)
    }
    current = next
  }

  journal.record('phase', `experiment ${exp.name} on proxy ${proxy}: ${describeFault(exp.fault)}`)
  try {
    // A labelled block: leaving early must still pass through `finally` before the result is computed.
    main: {
      const timeline = faultTimeline(exp.fault, exp.duration, toxicName, `${deps.key ?? 'experiment'}.fault`)

      journal.record('phase', 'steady state before the fault')
      before = steadyVerdict(
        await paced('before', ss.samples, (r) => r.length >= ss.samples || !roundPassed(r.at(-1)!)),
      )
      if (stopped()) throw new Error(ctl.signal.aborted ? 'cancelled' : 'experiment timed out')
      if (before !== 'passed') {
        notes.push('steady state did not hold before the fault; the fault was not injected')
        break main
      }

      journal.record('phase', `fault on for ${exp.duration}ms`)
      const faultStart = s.now()
      let testsDone = !exp['run-tests'] || deps.runTests === undefined
      if (exp['run-tests'] && deps.runTests !== undefined) {
        journal.record('command', 'stage tests started under the fault')
        testsTask = deps
          .runTests()
          .then((r) => {
            testsExit = r.exitCode
            journal.record('command', `stage tests finished with exit code ${r.exitCode}`)
          })
          .catch((err) => {
            testsExit = null
            errors.push(`chaos experiment ${exp.name}: the stage tests could not run: ${message(err)}`)
          })
          .finally(() => {
            testsDone = true
          })
      }
      scheduleTask = (async () => {
        for (const ev of timeline) {
          const wait = faultStart + ev.atMs - s.now()
          if (wait > 0) await s.sleep(wait, scheduleCtl.signal)
          if (scheduleCtl.signal.aborted || stopped()) return
          await applyState(ev.state)
        }
      })()
      // A failed API call must not leave the probe loop running against a half-applied fault.
      const scheduleFailed = scheduleTask.then(
        () => false,
        () => true,
      )
      let scheduleBroken = false
      void scheduleFailed.then((failed) => {
        scheduleBroken = failed
      })
      const maxDuring = Math.ceil((deadline - s.now()) / Math.max(1, ss.interval)) + 1
      const duringRounds = await paced(
        'during',
        maxDuring,
        () => scheduleBroken || (s.now() - faultStart >= exp.duration && testsDone),
      )
      scheduleCtl.abort()
      await scheduleTask
      if (!testsDone) notes.push('the stage tests were still running at the experiment deadline')
      during = duringVerdict(duringRounds, {
        ...(ss.tolerance?.['max-error-rate'] === undefined
          ? {}
          : { maxErrorRate: ss.tolerance['max-error-rate'] }),
        ...(ss.tolerance?.['max-p95'] === undefined ? {} : { maxP95Ms: ss.tolerance['max-p95'] }),
      })

      journal.record('phase', 'fault lifted')
      liftedAt = s.now()
      await applyState(NO_FAULT)

      const bound = exp.recovery.timeout
      const maxRecovery = Math.ceil(bound / Math.max(1, ss.interval)) + exp.recovery.consecutive + 1
      const recoveryRounds = await paced(
        'recovery',
        maxRecovery,
        (r) => recoveryTime(r, liftedAt!, exp.recovery.consecutive) !== null || s.now() - liftedAt! >= bound,
      )
      recoveryMs = recoveryTime(recoveryRounds, liftedAt, exp.recovery.consecutive)
      if (recoveryMs !== null && recoveryMs > bound) recoveryMs = null
      if (recoveryMs === null) {
        notes.push(`did not recover (${exp.recovery.consecutive} passing rounds in a row) within ${bound}ms`)
      }

      journal.record('phase', 'steady state after the fault')
      after = steadyVerdict(await paced('after', ss.samples, (r) => r.length >= ss.samples))
      if (stopped() && after === 'skipped')
        throw new Error(ctl.signal.aborted ? 'cancelled' : 'experiment timed out')
    }
  } catch (err) {
    const text = message(err)
    errors.push(`chaos experiment ${exp.name}: ${text}`)
    notes.push(text)
    journal.record('error', text)
  } finally {
    scheduleCtl.abort()
    await scheduleTask.catch(() => undefined)
    try {
      const done = await engine.lift(proxy, toxicName)
      journal.record('lift', done.length === 0 ? 'nothing left to lift' : done.join('; '))
    } catch (err) {
      errors.push(`chaos experiment ${exp.name}: could not lift the fault: ${message(err)}`)
      journal.record('error', `lift failed: ${message(err)}`)
    }
    for (const cmd of exp.rollbacks) {
      try {
        const r = await deps.runCommand(cmd)
        journal.record('rollback', cmd, { exitCode: r.exitCode })
        if (r.exitCode !== 0)
          errors.push(`chaos experiment ${exp.name}: rollback \`${cmd}\` exited with ${r.exitCode}`)
      } catch (err) {
        errors.push(`chaos experiment ${exp.name}: rollback \`${cmd}\` failed: ${message(err)}`)
        journal.record('error', `rollback ${cmd} failed: ${message(err)}`)
      }
    }
    if (testsTask !== null) {
      // Bounded: the stage runner owns the test process and its timeout; we do not wait past our deadline.
      await Promise.race([testsTask, s.sleep(Math.max(0, deadline - s.now()))])
    }
    deps.signal.removeEventListener('abort', onCancel)
  }
  return finish()

  function finish(): ExperimentOutcome {
    const faultRounds = rounds.filter((r) => r.phase === 'during')
    const rate = errorRate(faultRounds)
    const latency = latencySummary(faultRounds)
    if (testsExit !== undefined && testsExit !== 0)
      notes.push(`the stage tests failed under the fault (exit ${testsExit})`)
    if (deps.signal.aborted && !notes.includes('cancelled')) notes.push('cancelled')
    const failed =
      before !== 'passed' ||
      during === 'failed' ||
      after !== 'passed' ||
      recoveryMs === null ||
      (testsExit !== undefined && testsExit !== 0) ||
      errors.length > 0
    const result: ChaosResult = {
      experiment: exp.name,
      fault: describeFault(exp.fault),
      steadyState: { before, during, after },
      errorRate: Math.round(rate * 10_000) / 10_000,
      latencyMs: latency,
      recoveryMs,
      recoveryBoundMs: exp.recovery.timeout,
      verdict: failed ? 'failed' : 'passed',
      ...(notes.length > 0 ? { notes: [...new Set(notes)] } : {}),
    }
    const metrics =
      liftedAt === null
        ? []
        : experimentMetrics(exp.name, {
            errorRate: rate,
            latency,
            recoveryMs,
            recoveryBoundMs: exp.recovery.timeout,
          })
    journal.record('phase', `verdict ${result.verdict}`, {
      probes: ss.probes.map(probeName),
      steadyState: result.steadyState,
    })
    return { result, metrics, errors, rounds }
  }
}
