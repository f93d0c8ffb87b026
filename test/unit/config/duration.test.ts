import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { durationMs, parseDuration } from '../../../src/config/sections/duration.js'

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h30m', 5_400_000],
    ['2s500ms', 2_500],
    ['250ms', 250],
    ['1.5s', 1_500],
    ['0.25m', 15_000],
    ['0s', 0],
    ['90', 90_000],
    ['2.5', 2_500],
    [' 5m ', 300_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each([
    '',
    ' ',
    'ms',
    's',
    '5 m',
    '5min',
    '1d',
    '-5s',
    '30s1m',
    '1m1m',
    '1.s',
    '.5s',
    '5m 30s',
    '10 seconds',
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('durationMs schema', () => {
  it.each([
    [30, 30_000],
    [0.25, 250],
    [0, 0],
    ['10m', 600_000],
    ['1m30s', 90_000],
    ['250ms', 250],
  ])('%j parses to %d ms', (input, ms) => {
    expect(durationMs.parse(input)).toBe(ms)
  })

  it.each([-1, 'banana', true, null, [], {}, '1d'])('rejects %j with the duration message', (input) => {
    const result = durationMs.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/^a duration such as 250ms, 30s/)
  })

  it('publishes its own pattern to the JSON schema, so editors apply the same rule', () => {
    type Alternatives = { anyOf: { type: string; pattern?: string }[] }
    const json = z.toJSONSchema(durationMs, { io: 'input' }) as unknown as {
      $defs: { Duration: Alternatives }
    }
    const pattern = json.$defs.Duration.anyOf.find((s) => s.type === 'string')?.pattern
    expect(pattern).toBeDefined()
    const re = new RegExp(pattern!)
    for (const ok of ['30s', '1m30s', '250ms', '90']) expect(re.test(ok)).toBe(true)
    for (const bad of ['', '5min', '30s1m']) expect(re.test(bad)).toBe(false)
  })
})
