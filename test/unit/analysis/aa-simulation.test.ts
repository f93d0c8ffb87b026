import { describe, expect, it } from 'vitest'
import {
  mulberry32,
  runAaEvaluation,
  stationarySeries,
} from '../../../src/analysis/evaluation/aa-simulation.js'
import { config } from './build-records.js'

describe('A/A simulation', () => {
  it('mulberry32 is deterministic and uniform-ish', () => {
    const a = mulberry32(1)
    const b = mulberry32(1)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    expect(mean).toBeGreaterThan(0.45)
    expect(mean).toBeLessThan(0.55)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
  })

  it.each(['log-normal', 'bimodal', 'spiky', 'bimodal-spiky'] as const)(
    '%s series are positive and stationary',
    (kind) => {
      const s = stationarySeries(kind, 400, mulberry32(3))
      expect(s.every((v) => v > 0)).toBe(true)
      const half = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!
      expect(half(s.slice(0, 200)) / half(s.slice(200))).toBeCloseTo(1, 1)
    },
  )

  it('counts metric-runs and raises no false error on a small seeded sample', () => {
    const r = runAaEvaluation(config(), 8, 40, 1729)
    expect(r.metricRuns).toBe(8 * 39)
    expect(r.falseErrors).toBe(0)
    expect(runAaEvaluation(config(), 8, 40, 1729)).toEqual(r)
  })
})
