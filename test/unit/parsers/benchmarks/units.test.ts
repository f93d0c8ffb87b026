// Direction and unit-family rules, table-driven.
import { describe, expect, it } from 'vitest'
import type { Direction } from '../../../../src/model/metric.js'
import { convert, directionFromUnit, unitFamily } from '../../../../src/parsers/benchmarks/index.js'

const directions: Array<[string, Direction]> = [
  // time, alone and per iteration/operation
  ['ns', 'lower'],
  ['us', 'lower'],
  ['µs', 'lower'],
  ['μs', 'lower'],
  ['ms', 'lower'],
  ['s', 'lower'],
  ['sec', 'lower'],
  ['nsec', 'lower'],
  ['Seconds', 'lower'],
  ['ns/iter', 'lower'],
  ['us/iter', 'lower'],
  ['ns/op', 'lower'],
  ['ms/op', 'lower'],
  ['ms/request', 'lower'],
  ['  ns/op  ', 'lower'],
  // legacy Go combined unit: the first token decides
  ['ns/op\t 907.83 MB/s\t       0 B/op', 'lower'],
  // bytes and allocations
  ['B', 'lower'],
  ['KB', 'lower'],
  ['MiB', 'lower'],
  ['bytes', 'lower'],
  ['Megabytes', 'lower'],
  ['B/op', 'lower'],
  ['KB/request', 'lower'],
  ['allocs/op', 'lower'],
  ['allocs', 'lower'],
  ['cycles/iter', 'lower'],
  // errors
  ['errors', 'lower'],
  ['errors/s', 'lower'],
  ['% errors', 'lower'],
  ['error rate', 'lower'],
  ['failures', 'lower'],
  // throughput
  ['ops/s', 'higher'],
  ['ops/sec', 'higher'],
  ['op/ms', 'higher'],
  ['iter/sec', 'higher'],
  ['Hz', 'higher'],
  ['kHz', 'higher'],
  ['req/s', 'higher'],
  ['rps', 'higher'],
  ['MB/s', 'higher'],
  ['GiB/s', 'higher'],
  ['MS/s', 'higher'],
  ['msgs/second', 'higher'],
  // unknown
  ['', 'none'],
  ['%', 'none'],
  ['Percent', 'none'],
  ['x', 'none'],
  ['frames/op', 'none'],
  ['auxMetricUnits', 'none'],
]

describe('directionFromUnit', () => {
  it.each(directions)('%j → %s', (unit, direction) => {
    expect(directionFromUnit(unit)).toBe(direction)
  })
})

const families: Array<[string, string | undefined]> = [
  ['ns', 'time'],
  ['µs', 'time'],
  ['s', 'time'],
  ['ns/iter', 'time/iter'],
  ['ms/iter', 'time/iter'],
  ['ns/op', 'time/op'],
  ['B', 'bytes'],
  ['MiB', 'bytes'],
  ['B/op', 'bytes/op'],
  ['ops/s', 'ops/time'],
  ['ops/ms', 'ops/time'],
  ['Hz', 'ops/time'],
  ['iter/sec', 'iter/time'],
  ['MB/s', 'bytes/time'],
  // no family: units that convert into nothing else
  ['allocs/op', undefined],
  ['MS/s', undefined],
  ['req/s', undefined],
  ['Percent', undefined],
  ['', undefined],
]

describe('unitFamily', () => {
  it.each(families)('%j → %s', (unit, family) => {
    expect(unitFamily(unit)).toBe(family)
  })
})

const conversions: Array<[number, string, string, number | undefined]> = [
  [1.5, 'ms', 'us', 1500],
  [1, 'ms', 'ns', 1_000_000],
  [250, 'ns', 'us', 0.25],
  [2, 's', 'ms', 2000],
  [3, 'µs', 'us', 3],
  [3, 'μs', 'ns', 3000],
  [1, 'min', 's', 60],
  [1200, 'ns/iter', 'us/iter', 1.2],
  [7, 'ms/op', 'ns/op', 7_000_000],
  [2, 'KB', 'B', 2000],
  [1, 'KiB', 'B', 1024],
  [1, 'MiB', 'KiB', 1024],
  [3, 'KB/op', 'B/op', 3000],
  [1, 'ops/ms', 'ops/s', 1000],
  [5000, 'ops/s', 'ops/ms', 5],
  [2, 'kHz', 'ops/s', 2000],
  [1, 'GB/s', 'MB/s', 1000],
  // identical units always convert, known or not
  [42, 'allocs/op', 'allocs/op', 42],
  [42, ' Percent ', 'Percent', 42],
  // different families or unknown units: not convertible
  [1, 'ns', 'ns/iter', undefined],
  [1, 'ns/iter', 'ns/op', undefined],
  [1, 'ms', 'B', undefined],
  [1, 'ops/s', 'iter/sec', undefined],
  [1, 'MS/s', 'ms/s', undefined],
  [1, 'Percent', '%', undefined],
]

describe('convert', () => {
  it.each(conversions)('%d %s → %s = %s', (value, from, to, expected) => {
    expect(convert(value, from, to)).toBe(expected)
  })

  it('round-trips through a family without drift', () => {
    for (const v of [0.001, 1, 123.456, 1e9]) {
      const there = convert(v, 'ms', 'ns')
      expect(there).toBeDefined()
      expect(convert(there ?? Number.NaN, 'ns', 'ms')).toBe(v)
    }
  })
})
