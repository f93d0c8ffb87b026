import { describe, expect, it } from 'vitest'
import {
  experimentConfig,
  faultConfig,
  probeConfig,
  toxicConfig,
} from '../../../src/config/sections/chaos.js'
import { stagesSection } from '../../../src/config/sections/stages.js'
import { validateChaosStage } from '../../../src/chaos/validate.js'
import { toxicAttributes } from '../../../src/chaos/schedule.js'

const probes = { probes: [{ http: 'http://127.0.0.1:1/' }] }

describe('chaos config schema', () => {
  it('fills defaults for an experiment', () => {
    const exp = experimentConfig.parse({ name: 'e', 'steady-state': probes, fault: { type: 'outage' } })
    expect(exp.duration).toBe(3000)
    expect(exp.recovery).toEqual({ consecutive: 3, timeout: 10_000 })
    expect(exp['steady-state'].interval).toBe(200)
    expect(exp['steady-state'].samples).toBe(3)
    expect(exp['steady-state'].probes[0]).toMatchObject({ method: 'GET', timeout: 1000 })
    expect(exp.rollbacks).toEqual([])
    expect(exp['run-tests']).toBe(false)
  })

  it('reads tolerance error rates as fractions or percentages', () => {
    const parse = (v: unknown) =>
      experimentConfig.parse({
        name: 'e',
        fault: { type: 'outage' },
        'steady-state': { ...probes, tolerance: { 'max-error-rate': v } },
      })['steady-state'].tolerance!['max-error-rate']
    expect(parse(0.25)).toBe(0.25)
    expect(parse('5%')).toBeCloseTo(0.05, 10)
    expect(() => parse(2)).toThrow()
  })

  it.each([
    [
      { type: 'latency', latency: '200ms', jitter: '20ms' },
      { latency: 200, jitter: 20 },
    ],
    [{ type: 'bandwidth', rate: 50 }, { rate: 50 }],
    [{ type: 'slow_close', delay: '1s' }, { delay: 1000 }],
    [{ type: 'timeout' }, { timeout: 0 }],
    [{ type: 'reset_peer', timeout: '100ms' }, { timeout: 100 }],
    [
      { type: 'slicer', 'average-size': 64, 'delay-us': 10 },
      { average_size: 64, size_variation: 0, delay: 10 },
    ],
    [{ type: 'limit_data', bytes: 100 }, { bytes: 100 }],
  ])('toxic %j → Toxiproxy attributes %j', (toxic, attrs) => {
    const parsed = toxicConfig.parse(toxic)
    if (parsed.type === 'down') throw new Error('unexpected')
    expect(toxicAttributes(parsed)).toEqual(attrs)
    expect(parsed.stream).toBe('downstream')
    expect(parsed.toxicity).toBe(1)
  })

  it.each([
    ['unknown toxic', () => toxicConfig.parse({ type: 'explode' })],
    ['unknown key', () => toxicConfig.parse({ type: 'latency', latency: 1, colour: 'red' })],
    [
      'bursts longer than their interval',
      () => faultConfig.parse({ type: 'bursts', every: '100ms', length: '200ms' }),
    ],
    [
      'partial with down',
      () => faultConfig.parse({ type: 'partial', fraction: 0.5, toxic: { type: 'down' } }),
    ],
    ['flapping period too short', () => faultConfig.parse({ type: 'flapping', period: '10ms' })],
    ['probe with two targets', () => probeConfig.parse({ http: 'http://x/', tcp: '127.0.0.1:1' })],
    [
      'bad experiment name',
      () => experimentConfig.parse({ name: 'Bad Name', fault: { type: 'outage' }, 'steady-state': probes }),
    ],
  ])('refuses %s', (_name, parse) => {
    expect(parse).toThrow()
  })
})

describe('validateChaosStage', () => {
  const stage = (chaos: Record<string, unknown>) => stagesSection.parse({ chaos }).chaos!
  const exp = (extra: Record<string, unknown> = {}) => ({
    name: 'e',
    fault: { type: 'outage' },
    'steady-state': probes,
    ...extra,
  })
  const proxy = (name: string, listen = '127.0.0.1:20000') => ({ name, listen, upstream: '127.0.0.1:1' })

  it.each([
    ['a valid stage', { proxies: [proxy('a')], experiments: [exp()] }, []],
    [
      'toxiproxy without url',
      { engine: 'toxiproxy', proxies: [proxy('a')], experiments: [exp()] },
      ['stages.chaos.url: engine toxiproxy needs the Toxiproxy API URL, e.g. url: http://127.0.0.1:8474'],
    ],
    [
      'unknown proxy',
      { proxies: [proxy('a')], experiments: [exp({ proxy: 'b' })] },
      ['stages.chaos.experiments[0].proxy: no proxy named "b" under stages.chaos.proxies'],
    ],
    [
      'ambiguous proxy',
      { proxies: [proxy('a'), proxy('b', '127.0.0.1:20001')], experiments: [exp()] },
      ['stages.chaos.experiments[0].proxy: say which proxy the fault goes on (one of a, b)'],
    ],
    [
      'duplicates',
      { proxies: [proxy('a'), proxy('a')], experiments: [exp({ proxy: 'a' }), exp({ proxy: 'a' })] },
      [
        'stages.chaos.proxies[1].name: proxy "a" is defined twice; give each a unique name',
        'stages.chaos.proxies[1].listen: 127.0.0.1:20000 is used by two proxies',
        'stages.chaos.experiments[1].name: experiment "e" is defined twice; names key metrics and journals',
      ],
    ],
    [
      'non-loopback listen',
      { proxies: [proxy('a', '0.0.0.0:20000')], experiments: [exp()] },
      [
        'stages.chaos.proxies[0].listen: 0.0.0.0:20000 is not a loopback address; use 127.0.0.1 or set stages.chaos.allow-remote: true',
      ],
    ],
    [
      'non-loopback allowed',
      { 'allow-remote': true, proxies: [proxy('a', '0.0.0.0:20000')], experiments: [exp()] },
      [],
    ],
  ])('%s', (_name, chaos, expected) => {
    expect(validateChaosStage(stage(chaos))).toEqual(expected)
  })
})
