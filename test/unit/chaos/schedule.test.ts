import { describe, expect, it } from 'vitest'
import { faultConfig } from '../../../src/config/sections/chaos.js'
import {
  describeFault,
  faultTimeline,
  MAX_TIMELINE_EVENTS,
  NO_FAULT,
  rampFraction,
} from '../../../src/chaos/schedule.js'
import { ChaosConfigError } from '../../../src/chaos/errors.js'
import { planTransition, describeAction } from '../../../src/chaos/transition.js'

const timeline = (fault: unknown, duration: number) =>
  faultTimeline(faultConfig.parse(fault), duration, 'gauntlet_t')
const compact = (fault: unknown, duration: number) =>
  timeline(fault, duration).map((e) => [
    e.atMs,
    e.state.enabled
      ? e.state.toxic === null
        ? 'ok'
        : `${e.state.toxic.type}:${JSON.stringify(e.state.toxic.attributes)}@${e.state.toxic.toxicity}`
      : 'down',
  ])

describe('faultTimeline', () => {
  it.each([
    ['outage', { type: 'outage' }, 1000, [[0, 'down']]],
    [
      'constant latency',
      { type: 'constant', toxic: { type: 'latency', latency: '200ms', jitter: '20ms' } },
      1000,
      [[0, 'latency:{"latency":200,"jitter":20}@1']],
    ],
    [
      'flapping down 1s/50% over 2.5s',
      { type: 'flapping', period: '1s' },
      2500,
      [
        [0, 'down'],
        [500, 'ok'],
        [1000, 'down'],
        [1500, 'ok'],
        [2000, 'down'],
      ],
    ],
    [
      'flapping 25% duty',
      { type: 'flapping', period: '400ms', duty: 0.25, toxic: { type: 'timeout' } },
      800,
      [
        [0, 'timeout:{"timeout":0}@1'],
        [100, 'ok'],
        [400, 'timeout:{"timeout":0}@1'],
        [500, 'ok'],
      ],
    ],
    [
      'bursts of resets',
      { type: 'bursts', every: '1s', length: '200ms' },
      2000,
      [
        [0, 'reset_peer:{"timeout":0}@1'],
        [200, 'ok'],
        [1000, 'reset_peer:{"timeout":0}@1'],
        [1200, 'ok'],
      ],
    ],
    [
      'partial: toxicity is the fraction',
      { type: 'partial', fraction: 0.25 },
      1000,
      [[0, 'reset_peer:{"timeout":0}@0.25']],
    ],
    [
      'partial re-drawn every 400ms',
      { type: 'partial', fraction: 0.5, resample: '400ms' },
      1000,
      [
        [0, 'reset_peer:{"timeout":0}@0.5'],
        [400, 'reset_peer:{"timeout":0}@0.5'],
        [800, 'reset_peer:{"timeout":0}@0.5'],
      ],
    ],
    [
      'degrading linear 0→300ms in 4 steps',
      { type: 'degrading', to: '300ms', step: '250ms' },
      1000,
      [
        [0, 'latency:{"latency":0,"jitter":0}@1'],
        [250, 'latency:{"latency":100,"jitter":0}@1'],
        [500, 'latency:{"latency":200,"jitter":0}@1'],
        [750, 'latency:{"latency":300,"jitter":0}@1'],
      ],
    ],
  ])('%s', (_name, fault, duration, expected) => {
    expect(compact(fault, duration)).toEqual(expected)
  })

  it('degrading exponentially starts slowly and ends at `to`', () => {
    const latencies = timeline(
      { type: 'degrading', from: '100ms', to: '900ms', ramp: 'exponential', step: '100ms' },
      1000,
    ).map((e) => e.state.toxic!.attributes.latency!)
    expect(latencies[0]).toBe(100)
    expect(latencies.at(-1)).toBe(900)
    for (let i = 1; i < latencies.length; i++) expect(latencies[i]!).toBeGreaterThanOrEqual(latencies[i - 1]!)
    // Convex: the first half of the time covers less than a quarter of the rise.
    expect(latencies[5]! - 100).toBeLessThan(0.25 * 800)
  })

  it('refuses schedules with too many steps instead of looping for ever', () => {
    const fault = faultConfig.parse({ type: 'flapping', period: '50ms' })
    expect(() =>
      faultTimeline(fault, 50 * MAX_TIMELINE_EVENTS, 'x', 'stages.chaos.experiments[0].fault'),
    ).toThrow(ChaosConfigError)
    expect(() =>
      faultTimeline(fault, 50 * MAX_TIMELINE_EVENTS, 'x', 'stages.chaos.experiments[0].fault'),
    ).toThrow(/stages\.chaos\.experiments\[0\]\.fault: .*more than 10000 steps/)
  })
})

describe('rampFraction', () => {
  it.each([
    ['linear', 0, 0],
    ['linear', 0.5, 0.5],
    ['linear', 1, 1],
    ['linear', 2, 1],
    ['exponential', 0, 0],
    ['exponential', 1, 1],
  ] as const)('%s(%d) = %d', (ramp, f, expected) => {
    expect(rampFraction(ramp, f)).toBeCloseTo(expected, 10)
  })
})

describe('describeFault', () => {
  it.each([
    [{ type: 'outage' }, 'outage'],
    [{ type: 'flapping', period: '1s', duty: 0.5 }, 'down flapping 1s/50%'],
    [
      { type: 'constant', toxic: { type: 'latency', latency: '200ms', jitter: '50ms' } },
      'latency 200ms ±50ms',
    ],
    [
      { type: 'constant', toxic: { type: 'bandwidth', rate: 10, stream: 'upstream' } },
      'bandwidth 10KB/s upstream',
    ],
    [{ type: 'degrading', to: '800ms', ramp: 'exponential' }, 'latency 0ms→800ms exponential'],
    [{ type: 'bursts', every: '2s', length: '300ms' }, 'reset_peer bursts 300ms every 2s'],
    [{ type: 'partial', fraction: 0.3 }, 'reset_peer on 30% of connections'],
  ])('%j → %s', (fault, text) => {
    expect(describeFault(faultConfig.parse(fault))).toBe(text)
  })
})

describe('planTransition', () => {
  const latency = (ms: number) => ({
    name: 'gauntlet_t',
    type: 'latency' as const,
    stream: 'downstream' as const,
    toxicity: 1,
    attributes: { latency: ms, jitter: 0 },
  })
  it.each([
    ['nothing to nothing', NO_FAULT, NO_FAULT, []],
    ['down', NO_FAULT, { enabled: false, toxic: null }, ['set-enabled:false']],
    ['up', { enabled: false, toxic: null }, NO_FAULT, ['set-enabled:true']],
    ['add toxic', NO_FAULT, { enabled: true, toxic: latency(10) }, ['add-toxic']],
    ['same toxic: no call', { enabled: true, toxic: latency(10) }, { enabled: true, toxic: latency(10) }, []],
    [
      'ramp step updates in place',
      { enabled: true, toxic: latency(10) },
      { enabled: true, toxic: latency(20) },
      ['update-toxic'],
    ],
    ['lift', { enabled: true, toxic: latency(10) }, NO_FAULT, ['remove-toxic']],
    [
      'new epoch re-draws the same toxic',
      { enabled: true, toxic: latency(10), epoch: 0 },
      { enabled: true, toxic: latency(10), epoch: 1 },
      ['update-toxic'],
    ],
    [
      'type change replaces',
      { enabled: true, toxic: latency(10) },
      { enabled: true, toxic: { ...latency(0), type: 'timeout' as const, attributes: { timeout: 0 } } },
      ['remove-toxic', 'add-toxic'],
    ],
    [
      'toxic to down',
      { enabled: true, toxic: latency(10) },
      { enabled: false, toxic: null },
      ['remove-toxic', 'set-enabled:false'],
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(
      planTransition('p', from, to).map((a) =>
        a.kind === 'set-enabled' ? `${a.kind}:${a.enabled}` : a.kind,
      ),
    ).toEqual(expected)
  })

  it('describes actions for the journal', () => {
    expect(describeAction({ kind: 'add-toxic', proxy: 'p', toxic: latency(5) })).toBe(
      'add downstream latency toxic gauntlet_t on p (latency=5, jitter=0; toxicity 1)',
    )
    expect(describeAction({ kind: 'set-enabled', proxy: 'p', enabled: false })).toBe('disable proxy p')
  })
})
