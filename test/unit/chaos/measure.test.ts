import { describe, expect, it } from 'vitest'
import {
  duringVerdict,
  errorRate,
  latencySummary,
  recoveryTime,
  steadyVerdict,
  type ProbeRound,
} from '../../../src/chaos/measure.js'
import { judgeHttp } from '../../../src/chaos/probes.js'

/** Rounds from a compact spec: `[startMs, endMs, [ok, latency|null]...]`. */
function rounds(spec: Array<[number, number, ...Array<[boolean, number | null]>]>): ProbeRound[] {
  return spec.map(([startMs, endMs, ...outcomes]) => ({
    phase: 'during',
    startMs,
    endMs,
    outcomes: outcomes.map(([ok, latencyMs], i) => ({ probe: `p${i}`, ok, latencyMs, detail: '' })),
  }))
}

describe('errorRate and latencySummary', () => {
  it('counts failed probes over all probes', () => {
    const r = rounds([
      [0, 10, [true, 10], [false, null]],
      [100, 110, [true, 20], [true, 30]],
    ])
    expect(errorRate(r)).toBe(0.25)
    expect(errorRate([])).toBe(0)
  })

  it('summarises the latency of answered probes only; null when none answered', () => {
    const r = rounds(
      Array.from(
        { length: 100 },
        (_, i) => [i * 10, i * 10 + 1, [true, i + 1]] as [number, number, [boolean, number]],
      ),
    )
    // simple-statistics interpolates between ranks.
    expect(latencySummary(r)).toEqual({ p50: 50.5, p95: 95.05, p99: 99.01 })
    expect(latencySummary(rounds([[0, 1, [false, null]]]))).toBeNull()
  })
})

describe('recoveryTime', () => {
  it.each([
    [
      'first round passes',
      [
        [1000, 1005, [true, 5]],
        [1100, 1105, [true, 5]],
        [1200, 1205, [true, 5]],
      ],
      3,
      5,
    ],
    [
      'fails, then recovers',
      [
        [1000, 1010, [false, null]],
        [1100, 1110, [false, null]],
        [1200, 1210, [true, 10]],
        [1300, 1310, [true, 10]],
      ],
      2,
      210,
    ],
    [
      'a relapse restarts the streak',
      [
        [1000, 1010, [true, 5]],
        [1100, 1110, [false, null]],
        [1200, 1210, [true, 5]],
        [1300, 1310, [true, 5]],
      ],
      2,
      210,
    ],
    [
      'never N in a row',
      [
        [1000, 1010, [true, 5]],
        [1100, 1110, [false, null]],
        [1200, 1210, [true, 5]],
      ],
      2,
      null,
    ],
  ] as const)('%s', (_name, spec, consecutive, expected) => {
    expect(recoveryTime(rounds(spec as never), 1000, consecutive)).toBe(expected)
  })
})

describe('verdicts', () => {
  const good = rounds([
    [0, 10, [true, 10]],
    [100, 110, [true, 12]],
  ])
  const half = rounds([
    [0, 10, [true, 10]],
    [100, 110, [false, null]],
  ])
  it('steady state holds only when every round passed', () => {
    expect(steadyVerdict(good)).toBe('passed')
    expect(steadyVerdict(half)).toBe('failed')
    expect(steadyVerdict([])).toBe('skipped')
  })
  it.each([
    ['no tolerance', half, undefined, 'skipped'],
    ['error rate within', half, { maxErrorRate: 0.5 }, 'passed'],
    ['error rate over', half, { maxErrorRate: 0.49 }, 'failed'],
    ['p95 within', good, { maxP95Ms: 12 }, 'passed'],
    ['p95 over', good, { maxP95Ms: 11 }, 'failed'],
    ['p95 with no answers', rounds([[0, 1, [false, null]]]), { maxP95Ms: 100 }, 'failed'],
    ['no rounds', [], { maxErrorRate: 1 }, 'failed'],
  ] as const)('during: %s', (_n, r, tol, expected) => {
    expect(duringVerdict(r, tol)).toBe(expected)
  })
})

describe('judgeHttp', () => {
  it.each([
    [{}, 200, 10, true, 'HTTP 200'],
    [{}, 204, 10, true, 'HTTP 204'],
    [{}, 503, 10, false, 'HTTP 503'],
    [{ status: [200, 404] }, 404, 10, true, 'HTTP 404'],
    [{ status: [200] }, 201, 10, false, 'HTTP 201'],
    [{ 'max-latency': 100 }, 200, 150, false, 'HTTP 200 in 150ms > 100ms'],
    [{ 'max-latency': 100 }, 200, 100, true, 'HTTP 200'],
  ])('%j status %i in %ims → %s', (probe, status, latency, ok, detail) => {
    expect(judgeHttp(probe, status, latency)).toEqual({ ok, detail })
  })
})
