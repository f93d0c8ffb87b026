import { describe, expect, it } from 'vitest'
import {
  BudgetSyntaxError,
  breaks,
  budgetSubjects,
  evaluateBudgets,
  parseBudgets,
} from '../../../src/analysis/metrics/budgets.js'
import { keyMatches, memoryRateMbPerHour, unitClass } from '../../../src/analysis/metrics/metric-rules.js'
import { metric } from './build-records.js'

describe('budget parsing', () => {
  it.each([
    {
      text: 'benchmark/kv/get/p95 <= 20',
      pattern: 'benchmark/kv/get/p95',
      max: 20,
      min: undefined,
      inclusive: true,
    },
    { text: 'error_rate < 0.01', pattern: 'error_rate', max: 0.01, min: undefined, inclusive: false },
    { text: '  throughput >= 1e3 ', pattern: 'throughput', max: undefined, min: 1000, inclusive: true },
    { text: 'x > -5', pattern: 'x', max: undefined, min: -5, inclusive: false },
  ])('$text', ({ text, pattern, max, min, inclusive }) => {
    const [b] = parseBudgets([text])
    expect(b).toMatchObject({ pattern, inclusive })
    expect(b?.max).toBe(max)
    expect(b?.min).toBe(min)
  })

  it.each(['p95', 'p95 == 3', 'p95 <= fast', ''])('rejects %j with a message naming the entry', (text) => {
    expect(() => parseBudgets(['ok <= 1', text])).toThrow(BudgetSyntaxError)
    expect(() => parseBudgets(['ok <= 1', text])).toThrow(/analysis\.budgets\[1\]/)
  })

  it('accepts objects and NaN always breaks', () => {
    const [b] = parseBudgets([{ metric: 'p95', max: 20 }])
    expect(breaks(b!, 20)).toBeUndefined()
    expect(breaks(b!, 21)).toEqual({ side: 'max', bound: 20 })
    expect(breaks(b!, Number.NaN)).toEqual({ side: 'max', bound: 20 })
  })

  it('evaluates metrics and chaos subjects, one breach per subject', () => {
    const subjects = budgetSubjects(
      [metric('benchmark/kv/get/p95', 30)],
      [
        {
          experiment: 'e',
          fault: 'f',
          steadyState: { before: 'passed', during: 'passed', after: 'passed' },
          errorRate: 0.2,
          latencyMs: null,
          recoveryMs: null,
          verdict: 'passed',
        },
      ],
    )
    expect(subjects.map((s) => s.key)).toEqual(['benchmark/kv/get/p95', 'chaos/e/error_rate'])
    const breaches = evaluateBudgets(
      subjects,
      parseBudgets(['p95 <= 20', 'benchmark/** <= 25', 'error_rate <= 0.01']),
    )
    expect(breaches.map((b) => [b.subject.key, b.budget.source])).toEqual([
      ['benchmark/kv/get/p95', 'p95 <= 20'],
      ['chaos/e/error_rate', 'error_rate <= 0.01'],
    ])
  })
})

describe('metric rules', () => {
  it.each([
    ['p95', 'benchmark/kv/get/p95', true],
    ['get/p95', 'benchmark/kv/get/p95', true],
    ['95', 'benchmark/kv/get/p95', false],
    ['benchmark/*/get/*', 'benchmark/kv/get/p95', true],
    ['benchmark/*', 'benchmark/kv/get/p95', false],
  ])('%s matches %s: %s', (pattern, key, ok) => {
    expect(keyMatches(pattern, key)).toBe(ok)
  })

  it.each([
    ['ms', 'time'],
    ['ns/iter', 'time'],
    ['ops/sec', 'throughput'],
    ['MB/s', 'throughput'],
    ['B', 'memory'],
    ['allocs/op', 'count'],
    ['%', 'ratio'],
    ['widgets', 'other'],
  ])('unit %s is %s', (unit, cls) => {
    expect(unitClass(unit)).toBe(cls)
  })

  it.each([
    [12, 'MB/h', 12],
    [1, 'GB/h', 1000],
    [1, 'MB/min', 60],
    [5, 'MB/s', undefined],
  ])('%s %s = %s MB/h', (v, unit, rate) => {
    expect(memoryRateMbPerHour(v, unit)).toBe(rate)
  })
})
