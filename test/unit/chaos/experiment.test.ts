// The experiment engine on virtual time: a fake fault engine and a fake system under test whose health follows
// the fault (with a recovery lag), so recovery times and schedule timings are exact.
import { describe, expect, it } from 'vitest'
import { experimentConfig, type ExperimentConfig } from '../../../src/config/sections/chaos.js'
import { runExperiment, toxicNameFor } from '../../../src/chaos/experiment.js'
import { Journal } from '../../../src/chaos/journal.js'
import type { ProbeOutcome } from '../../../src/chaos/measure.js'
import type { ToxicSpec } from '../../../src/chaos/schedule.js'
import type { FaultEngine } from '../../../src/chaos/toxiproxy-client.js'
import type { FaultAction } from '../../../src/chaos/transition.js'
import type { ProxyJson } from '../../../src/chaos/proxy/proxy.js'
import { FakeScheduler } from './fake-scheduler.js'

const fixedClock = { now: () => new Date('2026-01-01T00:00:00Z') }

class FakeEngine implements FaultEngine {
  enabled = true
  toxic: ToxicSpec | null = null
  changedAt = -Infinity
  readonly log: Array<{ t: number; action: FaultAction }> = []
  lifts = 0
  failOn: ((a: FaultAction) => boolean) | null = null

  constructor(private readonly s: FakeScheduler) {}
  version(): Promise<string> {
    return Promise.resolve('fake')
  }
  populate(): Promise<ProxyJson[]> {
    return Promise.resolve([])
  }
  getProxy(name: string): Promise<ProxyJson> {
    return Promise.resolve({ name, listen: '', upstream: '', enabled: this.enabled, toxics: [] })
  }
  apply(action: FaultAction): Promise<void> {
    if (this.failOn?.(action) === true) return Promise.reject(new Error('proxy API said no'))
    this.log.push({ t: this.s.now(), action })
    if (action.kind === 'set-enabled') {
      this.enabled = action.enabled
      this.changedAt = this.s.now()
    } else if (action.kind === 'remove-toxic') {
      this.toxic = null
      this.changedAt = this.s.now()
    } else {
      this.toxic = action.toxic
    }
    return Promise.resolve()
  }
  lift(): Promise<string[]> {
    this.lifts++
    const done: string[] = []
    if (this.toxic !== null) done.push(`removed toxic ${this.toxic.name}`)
    if (!this.enabled) done.push('enabled proxy')
    this.toxic = null
    this.enabled = true
    return Promise.resolve(done)
  }
}

/** The system under test: down while the proxy is down or reset, and for `lagMs` after; slower under latency. */
function fakeService(s: FakeScheduler, engine: FakeEngine, opts: { lagMs: number; healthyBefore?: boolean }) {
  return async (): Promise<ProbeOutcome> => {
    const latency = 5 + (engine.toxic?.type === 'latency' ? (engine.toxic.attributes.latency ?? 0) : 0)
    await s.sleep(latency)
    if (opts.healthyBefore === false)
      return { probe: 'svc', ok: false, latencyMs: latency, detail: 'HTTP 500' }
    const faulty = !engine.enabled || engine.toxic?.type === 'reset_peer'
    if (faulty) return { probe: 'svc', ok: false, latencyMs: null, detail: 'ECONNRESET' }
    if (s.now() - latency - engine.changedAt < opts.lagMs)
      return { probe: 'svc', ok: false, latencyMs: latency, detail: 'HTTP 503' }
    return { probe: 'svc', ok: true, latencyMs: latency, detail: 'HTTP 200' }
  }
}

function experiment(extra: Record<string, unknown>): ExperimentConfig {
  return experimentConfig.parse({
    name: 'exp',
    'steady-state': { probes: [{ http: 'http://127.0.0.1:1/x' }], interval: '100ms', samples: 3 },
    recovery: { consecutive: 3, timeout: '2s' },
    duration: '3s',
    ...extra,
  })
}

function setup(lagMs = 0, healthyBefore = true) {
  const s = new FakeScheduler()
  const engine = new FakeEngine(s)
  const commands: Array<{ t: number; cmd: string }> = []
  return {
    s,
    engine,
    commands,
    deps: (over: Record<string, unknown> = {}) => ({
      engine,
      proxy: 'store',
      scheduler: s,
      probe: fakeService(s, engine, { lagMs, healthyBefore }),
      journal: new Journal(s, fixedClock),
      signal: new AbortController().signal,
      runCommand: (cmd: string) => {
        commands.push({ t: s.now(), cmd })
        return Promise.resolve({ exitCode: 0 })
      },
      ...over,
    }),
  }
}

describe('runExperiment on virtual time', () => {
  it('measures recovery from lifting an outage to N passing rounds in a row', async () => {
    const { engine, deps } = setup(300)
    const out = await runExperiment(
      experiment({ fault: { type: 'outage' }, rollbacks: ['echo undo'] }),
      deps(),
    )
    expect(out.result.steadyState).toEqual({ before: 'passed', during: 'skipped', after: 'passed' })
    expect(out.result.errorRate).toBe(1)
    expect(out.result.latencyMs).toBeNull()
    // Lifted at L; rounds at L, L+100, L+200 fail (lag 300); the round at L+300 passes and ends 5 ms later.
    expect(out.result.recoveryMs).toBe(305)
    expect(out.result.verdict).toBe('passed')
    expect(engine.log.map((l) => l.action)).toEqual([
      { kind: 'set-enabled', proxy: 'store', enabled: false },
      { kind: 'set-enabled', proxy: 'store', enabled: true },
    ])
    expect(out.metrics).toEqual([
      {
        name: 'exp/recovery_ms',
        suite: 'exp',
        measure: 'recovery_ms',
        unit: 'ms',
        value: 305,
        direction: 'lower',
      },
      {
        name: 'exp/error_rate',
        suite: 'exp',
        measure: 'error_rate',
        unit: 'ratio',
        value: 1,
        direction: 'lower',
      },
    ])
    expect(engine.lifts).toBe(1)
  })

  it('flaps the fault on the period and duty cycle', async () => {
    const { engine, deps } = setup(0)
    const out = await runExperiment(
      experiment({ fault: { type: 'flapping', period: '1s', duty: 0.5 }, duration: '3s' }),
      deps(),
    )
    const toggles = engine.log.filter((l) => l.action.kind === 'set-enabled')
    const start = toggles[0]!.t
    expect(toggles.map((l) => [l.t - start, (l.action as { enabled: boolean }).enabled])).toEqual([
      [0, false],
      [500, true],
      [1000, false],
      [1500, true],
      [2000, false],
      [2500, true],
    ])
    // Half of the time down: about half of the probes during the fault failed.
    expect(out.result.errorRate).toBeGreaterThan(0.35)
    expect(out.result.errorRate).toBeLessThan(0.65)
    expect(out.result.fault).toBe('down flapping 1s/50%')
  })

  it('ramps latency up and judges the during-fault tolerance on p95', async () => {
    const { engine, deps } = setup(0)
    const out = await runExperiment(
      experiment({
        fault: { type: 'degrading', from: '0ms', to: '400ms', step: '500ms', ramp: 'linear' },
        duration: '2s',
        'steady-state': {
          probes: [{ http: 'http://127.0.0.1:1/x' }],
          interval: '100ms',
          samples: 2,
          tolerance: { 'max-p95': '200ms' },
        },
      }),
      deps(),
    )
    const latencies = engine.log
      .filter((l) => l.action.kind !== 'set-enabled' && l.action.kind !== 'remove-toxic')
      .map((l) => (l.action as { toxic: ToxicSpec }).toxic.attributes.latency)
    expect(latencies).toEqual([0, 133, 267, 400])
    expect(engine.log[0]!.action.kind).toBe('add-toxic')
    expect(engine.log.slice(1, 4).every((l) => l.action.kind === 'update-toxic')).toBe(true)
    expect(engine.log.at(-1)!.action).toEqual({
      kind: 'remove-toxic',
      proxy: 'store',
      name: toxicNameFor('exp'),
    })
    expect(out.result.steadyState.during).toBe('failed')
    expect(out.result.latencyMs!.p95).toBeGreaterThan(200)
    expect(out.result.verdict).toBe('failed')
    expect(out.metrics.map((m) => m.name)).toEqual([
      'exp/recovery_ms',
      'exp/error_rate',
      'exp/p50_latency_ms',
      'exp/p95_latency_ms',
      'exp/p99_latency_ms',
    ])
  })

  it('does not inject the fault when the steady state fails before, but still runs rollbacks', async () => {
    const { engine, commands, deps } = setup(0, false)
    const out = await runExperiment(experiment({ fault: { type: 'outage' }, rollbacks: ['undo'] }), deps())
    expect(out.result.steadyState).toEqual({ before: 'failed', during: 'skipped', after: 'skipped' })
    expect(out.result.verdict).toBe('failed')
    expect(out.result.notes).toContain(
      'steady state did not hold before the fault; the fault was not injected',
    )
    expect(engine.log).toEqual([])
    expect(out.metrics).toEqual([])
    expect(commands.map((c) => c.cmd)).toEqual(['undo'])
  })

  it('lifts the fault and runs rollbacks when the proxy API fails mid-schedule', async () => {
    const { engine, commands, deps } = setup(0)
    let calls = 0
    engine.failOn = () => ++calls === 3
    const out = await runExperiment(
      experiment({ fault: { type: 'flapping', period: '1s' }, rollbacks: ['undo'] }),
      deps(),
    )
    expect(out.result.verdict).toBe('failed')
    expect(out.errors.join('\n')).toMatch(/proxy API said no/)
    expect(engine.lifts).toBe(1)
    expect(engine.enabled).toBe(true)
    expect(commands.map((c) => c.cmd)).toEqual(['undo'])
  })

  it('stops on cancel, lifts the fault and runs rollbacks', async () => {
    const { s, engine, commands, deps } = setup(0)
    const ctl = new AbortController()
    const probe = fakeService(s, engine, { lagMs: 0 })
    const out = await runExperiment(
      experiment({ fault: { type: 'outage' }, duration: '60s', rollbacks: ['undo'] }),
      deps({
        signal: ctl.signal,
        probe: async () => {
          if (s.now() > 1000) ctl.abort()
          return probe()
        },
      }),
    )
    expect(s.now()).toBeLessThan(5000)
    expect(out.result.verdict).toBe('failed')
    expect(out.result.notes).toContain('cancelled')
    expect(engine.enabled).toBe(true)
    expect(commands.map((c) => c.cmd)).toEqual(['undo'])
  })

  it('reports no recovery within the bound and uses the bound as the metric', async () => {
    const { engine, deps } = setup(60_000)
    const out = await runExperiment(
      experiment({ fault: { type: 'outage' }, recovery: { timeout: '1s' } }),
      deps(),
    )
    expect(out.result.recoveryMs).toBeNull()
    expect(out.result.verdict).toBe('failed')
    expect(out.metrics.find((m) => m.name === 'exp/recovery_ms')!.value).toBe(1000)
    expect(out.result.notes!.join(' ')).toMatch(/did not recover .* within 1000ms/)
    expect(engine.lifts).toBe(1)
  })

  it('runs the stage tests while the fault is on and fails the experiment when they fail', async () => {
    const { s, engine, deps } = setup(0)
    let seenEnabled: boolean | null = null
    const out = await runExperiment(
      experiment({ fault: { type: 'outage' }, duration: '1s', 'run-tests': true }),
      deps({
        runTests: async () => {
          await s.sleep(10)
          seenEnabled = engine.enabled
          await s.sleep(2000)
          return { exitCode: 1 }
        },
      }),
    )
    expect(seenEnabled).toBe(false)
    // The fault is held until the tests finished (≈ 2 s), not only the 1 s duration.
    const lift = engine.log.find((l) => l.action.kind === 'set-enabled' && l.action.enabled)!
    const down = engine.log.find((l) => l.action.kind === 'set-enabled' && !l.action.enabled)!
    expect(lift.t - down.t).toBeGreaterThanOrEqual(2000)
    expect(out.result.verdict).toBe('failed')
    expect(out.result.notes).toContain('the stage tests failed under the fault (exit 1)')
  })

  it('records what happened in the journal', async () => {
    const { deps } = setup(0)
    const d = deps()
    await runExperiment(experiment({ fault: { type: 'partial', fraction: 0.3 } }), d)
    const kinds = new Set(d.journal.entries.map((e) => e.kind))
    expect([...kinds].sort()).toEqual(['fault', 'lift', 'phase', 'probe-round'])
    const fault = d.journal.entries.find((e) => e.kind === 'fault')!
    expect(fault.message).toMatch(/add downstream reset_peer toxic gauntlet_exp on store .*toxicity 0.3/)
  })
})
