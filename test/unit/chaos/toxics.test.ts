import { describe, expect, it } from 'vitest'
import {
  bandwidthDelayMs,
  latencyDelayMs,
  parseToxicCreate,
  parseToxicUpdate,
  sliceBoundaries,
} from '../../../src/chaos/proxy/toxics.js'
import { isLoopbackHost, splitHostPort } from '../../../src/chaos/proxy/proxy.js'

const none = () => false

describe('parseToxicCreate (Toxiproxy semantics)', () => {
  it('defaults stream, toxicity, name and attributes', () => {
    expect(parseToxicCreate({ type: 'latency' }, none)).toEqual({
      attributes: { latency: 0, jitter: 0 },
      name: 'latency_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
    })
  })
  it('keeps given fields and ignores unknown attributes', () => {
    expect(
      parseToxicCreate(
        {
          name: 'n',
          type: 'slicer',
          stream: 'UPSTREAM',
          toxicity: 0.5,
          attributes: { average_size: 10, colour: 1 },
        },
        none,
      ),
    ).toEqual({
      attributes: { average_size: 10, size_variation: 0, delay: 0 },
      name: 'n',
      type: 'slicer',
      stream: 'upstream',
      toxicity: 0.5,
    })
  })
  it.each([
    [
      { type: 'latency', stream: 'sideways' },
      'stream was invalid, can be either upstream or downstream',
      400,
    ],
    [{ type: 'nope' }, 'invalid toxic type', 400],
    [
      { type: 'latency', attributes: { latency: 'slow' } },
      'bad request body: attribute latency must be an integer, found "slow"',
      400,
    ],
    [
      { type: 'latency', attributes: { latency: 1.5 } },
      'bad request body: attribute latency must be an integer, found 1.5',
      400,
    ],
    [[], 'bad request body: expected a JSON object', 400],
  ])('%j → %s', (body, error, status) => {
    expect(parseToxicCreate(body, none)).toEqual({ error, status })
  })
  it('refuses a duplicate name with 409', () => {
    expect(parseToxicCreate({ type: 'latency' }, (n) => n === 'latency_downstream')).toEqual({
      error: 'toxic already exists',
      status: 409,
    })
  })
})

describe('parseToxicUpdate', () => {
  const current = parseToxicCreate({ type: 'latency', attributes: { latency: 10, jitter: 5 } }, none)
  it('merges attributes and keeps toxicity unless given', () => {
    if ('error' in current) throw new Error('setup')
    expect(parseToxicUpdate(current, { attributes: { latency: 20 } })).toMatchObject({
      attributes: { latency: 20, jitter: 5 },
      toxicity: 1,
    })
    expect(parseToxicUpdate(current, { toxicity: 0.1 })).toMatchObject({
      attributes: { latency: 10, jitter: 5 },
      toxicity: 0.1,
    })
  })
})

describe('toxic arithmetic', () => {
  it.each([
    [100, 0, 0.99, 100],
    [100, 50, 0, 50],
    [100, 50, 0.999, 149],
    [10, 50, 0, 0],
  ])('latency %i ± %i at random %d → %i', (latency, jitter, random, expected) => {
    expect(latencyDelayMs(latency, jitter, random)).toBe(expected)
  })
  it.each([
    [1000, 100, 10],
    [1000, 0, 0],
    [50_000, 100, 500],
  ])('%i bytes at %i KB/s take %i ms', (bytes, rate, ms) => {
    expect(bandwidthDelayMs(bytes, rate)).toBe(ms)
  })
  it('slices into pieces near the average size, covering the whole chunk in order', () => {
    let seed = 1
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    const cuts = sliceBoundaries(10_000, 100, 20, random)
    expect(cuts[0]).toBe(0)
    expect(cuts.at(-1)).toBe(10_000)
    const sizes = cuts.slice(1).map((c, i) => c - cuts[i]!)
    expect(sizes.every((s) => s > 0 && s <= 120 + 20)).toBe(true)
    expect(sliceBoundaries(5, 100, 0, random)).toEqual([0, 5])
  })
})

describe('addresses', () => {
  it.each([
    ['127.0.0.1:80', { host: '127.0.0.1', port: 80 }],
    ['[::1]:8474', { host: '::1', port: 8474 }],
    [':9000', { host: '', port: 9000 }],
    ['localhost:70000', null],
    ['nope', null],
  ])('splitHostPort(%s)', (text, expected) => {
    expect(splitHostPort(text)).toEqual(expected)
  })
  it.each([
    ['127.0.0.1', true],
    ['127.5.6.7', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['', false],
    ['10.0.0.1', false],
  ])('isLoopbackHost(%s) = %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})
