import { describe, expect, it } from 'vitest'
import { backoffDelay, deliverAlerts } from '../../../src/alerts/delivery.js'
import { ChannelError, parseRetryAfter, redactSecrets } from '../../../src/alerts/errors.js'
import type { AlertChannel, DeliveryPolicy, Notification } from '../../../src/alerts/types.js'

function policy(sleeps: number[]): DeliveryPolicy {
  return {
    timeoutMs: 1_000,
    retries: 3,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
    random: () => 0.5,
  }
}

const SLACK: Notification = { channel: 'slack', key: 's', message: { text: 't', blocks: [] } }
const PD: Notification = {
  channel: 'pagerduty',
  key: 'p',
  event: { event_action: 'resolve', dedup_key: 'p' },
}

function scripted(outcomes: (Error | null)[]): AlertChannel & { calls: number } {
  const ch = {
    calls: 0,
    send(): Promise<void> {
      const o = outcomes[ch.calls++]
      return o ? Promise.reject(o) : Promise.resolve()
    },
  }
  return ch
}

function log() {
  const lines: string[] = []
  return { lines, warning: (s: string) => lines.push(`W ${s}`), info: (s: string) => lines.push(`I ${s}`) }
}

describe('deliverAlerts', () => {
  it.each([
    ['429 with Retry-After then ok', [new ChannelError('HTTP 429', true, 2_000), null], 2, 1, [2_000]],
    [
      'two 5xx then ok',
      [new ChannelError('HTTP 500', true), new ChannelError('HTTP 502', true), null],
      3,
      1,
      [75, 150],
    ],
    ['400 is not retried', [new ChannelError('HTTP 400', false)], 1, 0, []],
    ['gives up after retries', Array(5).fill(new ChannelError('HTTP 503', true)), 4, 0, [75, 150, 300]],
    ['unknown errors are not retried', [new TypeError('boom https://secret')], 1, 0, []],
  ])('%s', async (_name, outcomes, calls, delivered, sleeps) => {
    const seen: number[] = []
    const ch = scripted(outcomes as (Error | null)[])
    const l = log()
    const out = await deliverAlerts([SLACK], { slack: ch }, policy(seen), l)
    expect(ch.calls).toBe(calls)
    expect(out.delivered).toBe(delivered)
    expect(out.failed.length).toBe(1 - delivered)
    expect(seen).toEqual(sleeps)
    expect(l.lines.filter((x) => x.startsWith('W')).length).toBe(1 - delivered)
    expect(l.lines.join('\n')).not.toContain('secret')
  })

  it('a dead channel does not stop the others and gives one warning naming it', async () => {
    const dead = scripted(Array(10).fill(new ChannelError('network error (TypeError ECONNREFUSED)', true)))
    const ok = scripted([null, null])
    const l = log()
    const out = await deliverAlerts([SLACK, PD, SLACK], { slack: dead, pagerduty: ok }, policy([]), l)
    expect(out.delivered).toBe(1)
    expect(out.failed).toEqual([
      { channel: 'slack', reason: 'network error (TypeError ECONNREFUSED) (after 4 attempts)' },
    ])
    expect(l.lines.filter((x) => x.startsWith('W'))).toEqual([
      'W Alert channel slack failed: network error (TypeError ECONNREFUSED) (after 4 attempts)',
    ])
  })

  it('reports a missing channel', async () => {
    const out = await deliverAlerts([PD], {}, policy([]), log())
    expect(out.failed).toEqual([{ channel: 'pagerduty', reason: 'channel not configured' }])
  })
})

describe('policy helpers', () => {
  it.each([
    [0, 0, undefined, 50],
    [0, 0.999, undefined, 100],
    [5, 0.5, undefined, 750],
    [1, 0.5, 120_000, 30_000],
  ])('backoff attempt %i random %f retryAfter %s → %i', (attempt, r, ra, expected) => {
    const p = { ...policy([]), random: () => r }
    expect(backoffDelay(p, attempt, ra)).toBe(expected)
  })

  it.each([
    ['3', 3_000],
    ['0.5', 500],
    ['Mon, 23 Nov 2026 10:00:05 GMT', 5_000],
    ['soon', undefined],
    [null, undefined],
  ])('Retry-After %s → %s', (v, ms) => {
    expect(parseRetryAfter(v, Date.parse('2026-11-23T10:00:00Z'))).toBe(ms)
  })

  it('redacts every secret occurrence', () => {
    expect(redactSecrets('a hunter22 b hunter22', ['hunter22'])).toBe('a *** b ***')
  })
})
