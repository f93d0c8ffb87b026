import { describe, expect, it } from 'vitest'
import {
  downsample,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatValue,
  plural,
  sparkline,
} from '../../../src/report/format.js'

describe('formatValue', () => {
  it.each([
    [1.234, 'ms', '1.23 ms'],
    [1500, 'ms', '1.5 s'],
    [0.5, 'ms', '500 µs'],
    [0.0004, 's', '400 µs'],
    [2048, 'B', '2 KiB'],
    [3 * 1024 ** 3, 'B', '3 GiB'],
    [12.5, '%', '12.5 %'],
    [12345.6, 'ops/s', '12,346 ops/s'],
    [0, 'ms', '0 ms'],
    [42, '', '42'],
    [NaN, 'ms', 'NaN ms'],
  ])('formatValue(%d, %j) = %j', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected)
  })
})

describe('formatNumber and formatCount', () => {
  it.each([
    [0.000123, '0.000123'],
    [1.005, '1'],
    [99.95, '100'],
    [-3.14159, '-3.14'],
  ])('formatNumber(%d) = %j', (n, expected) => {
    expect(formatNumber(n)).toBe(expected)
  })
  it('groups thousands', () => {
    expect(formatCount(10_000)).toBe('10,000')
  })
})

describe('formatPercent', () => {
  it.each([
    [4.23, '+4.2 %'],
    [-12, '-12.0 %'],
    [0.04, '±0.0 %'],
    [12_345, '+12,345 %'],
    [Infinity, '—'],
  ])('formatPercent(%d) = %j', (n, expected) => {
    expect(formatPercent(n)).toBe(expected)
  })
})

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_300, '12.3 s'],
    [95_000, '1m 35s'],
    [7_260_000, '2h 1m'],
    [-1, '—'],
  ])('formatDuration(%d) = %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})

describe('plural', () => {
  it.each([
    [0, 'test', undefined, '0 tests'],
    [1, 'test', undefined, '1 test'],
    [2, 'chaos experiment', undefined, '2 chaos experiments'],
    [3, 'child', 'children', '3 children'],
  ])('plural(%d, %j, %j) = %j', (n, singular, pluralForm, expected) => {
    expect(plural(n, singular, pluralForm)).toBe(expected)
  })
})

describe('sparkline', () => {
  it('maps the lowest value to ▁ and the highest to █', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█')
  })
  it('draws a flat series in the middle and skips non-finite values', () => {
    expect(sparkline([5, 5, NaN, 5])).toBe('▄▄▄')
  })
  it('is empty for no data and bounded in width', () => {
    expect(sparkline([])).toBe('')
    expect(
      Array.from(
        sparkline(
          Array.from({ length: 500 }, (_, i) => i),
          30,
        ),
      ),
    ).toHaveLength(30)
  })
})

describe('downsample', () => {
  it('averages equal buckets and keeps short series', () => {
    expect(downsample([1, 3, 5, 7], 2)).toEqual([2, 6])
    expect(downsample([1, 2], 5)).toEqual([1, 2])
  })
})
