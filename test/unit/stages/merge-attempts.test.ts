import { describe, expect, it } from 'vitest'
import type { ParsedTestCase, ParsedTestStatus } from '../../../src/model/test-case.js'
import {
  MAX_METRIC_SAMPLES,
  mergeRepeatMetrics,
  mergeTestAttempts,
  type CollectedMetric,
} from '../../../src/stages/merge-attempts.js'

const t = (name: string, status: ParsedTestStatus, message: string | null = null): ParsedTestCase => ({
  suite: 's',
  classname: 'c',
  name,
  status,
  durationMs: 5,
  message,
})

describe('mergeTestAttempts', () => {
  it.each<{
    name: string
    runs: ParsedTestStatus[]
    status: string
    attempts: ParsedTestStatus[] | undefined
  }>([
    { name: 'single run passes through', runs: ['failed'], status: 'failed', attempts: undefined },
    {
      name: 'failed then passed is flaky',
      runs: ['failed', 'passed'],
      status: 'flaky',
      attempts: ['failed', 'passed'],
    },
    {
      name: 'errored then passed is flaky',
      runs: ['errored', 'passed'],
      status: 'flaky',
      attempts: ['errored', 'passed'],
    },
    {
      name: 'passed then failed is flaky too',
      runs: ['passed', 'failed'],
      status: 'flaky',
      attempts: ['passed', 'failed'],
    },
    {
      name: 'failing every time stays failed',
      runs: ['failed', 'failed', 'failed'],
      status: 'failed',
      attempts: ['failed', 'failed', 'failed'],
    },
    {
      name: 'passing every time stays passed',
      runs: ['passed', 'passed'],
      status: 'passed',
      attempts: ['passed', 'passed'],
    },
    {
      name: 'skipped then skipped',
      runs: ['skipped', 'skipped'],
      status: 'skipped',
      attempts: ['skipped', 'skipped'],
    },
  ])('$name', ({ runs, status, attempts }) => {
    const [merged] = mergeTestAttempts(
      'unit',
      runs.map((s) => [t('x', s)]),
    )
    expect(merged!.status).toBe(status)
    expect(merged!.attempts).toEqual(attempts)
    expect(merged!.id).toBe('s::c::x')
    expect(merged!.stage).toBe('unit')
  })

  it('keeps the last failure message of a flaky test', () => {
    const [merged] = mergeTestAttempts('unit', [
      [t('x', 'failed', 'boom 1')],
      [t('x', 'failed', 'boom 2')],
      [t('x', 'passed')],
    ])
    expect(merged).toMatchObject({ status: 'flaky', message: 'boom 2' })
  })

  it('records a test missing from a later run only with the runs it appeared in', () => {
    const merged = mergeTestAttempts('unit', [[t('a', 'failed'), t('gone', 'failed')], [t('a', 'passed')]])
    expect(merged.map((m) => [m.name, m.status, m.attempts])).toEqual([
      ['a', 'flaky', ['failed', 'passed']],
      ['gone', 'failed', ['failed']],
    ])
  })

  it('keeps same-named tests of one run apart, matched by occurrence', () => {
    const merged = mergeTestAttempts('unit', [
      [t('p', 'passed'), t('p', 'failed')],
      [t('p', 'passed'), t('p', 'passed')],
    ])
    expect(merged.map((m) => m.status)).toEqual(['passed', 'flaky'])
  })
})

const m = (name: string, value: number, extra: Partial<CollectedMetric> = {}): CollectedMetric => ({
  suite: 'b',
  name,
  unit: 'ms',
  value,
  direction: 'lower',
  ...extra,
})

describe('mergeRepeatMetrics', () => {
  it.each([
    { name: 'single run: value kept, samples = [value]', runs: [[m('x', 7)]], value: 7, samples: [7] },
    {
      name: 'single run: parser samples kept',
      runs: [[m('x', 7, { samples: [6, 7, 9] })]],
      value: 7,
      samples: [6, 7, 9],
    },
    {
      name: 'odd repeats: median',
      runs: [[m('x', 30)], [m('x', 10)], [m('x', 20)]],
      value: 20,
      samples: [30, 10, 20],
    },
    {
      name: 'even repeats: mean of middle two',
      runs: [[m('x', 1)], [m('x', 2)], [m('x', 3)], [m('x', 10)]],
      value: 2.5,
      samples: [1, 2, 3, 10],
    },
    {
      name: 'missing in a repeat: fewer samples',
      runs: [[m('x', 4)], [], [m('x', 6)]],
      value: 5,
      samples: [4, 6],
    },
  ])('$name', ({ runs, value, samples }) => {
    const [merged] = mergeRepeatMetrics(runs)
    expect(merged!.value).toBe(value)
    expect(merged!.samples).toEqual(samples)
  })

  it('keeps metrics with another unit or suite apart', () => {
    const merged = mergeRepeatMetrics([
      [m('x', 1), m('x', 100, { unit: 'ops/s', direction: 'higher' }), m('x', 5, { suite: 'other' })],
      [m('x', 3), m('x', 200, { unit: 'ops/s', direction: 'higher' })],
    ])
    expect(merged.map((x) => [x.suite, x.unit, x.value])).toEqual([
      ['b', 'ms', 2],
      ['b', 'ops/s', 150],
      ['other', 'ms', 5],
    ])
  })

  it('bounds samples to the newest MAX_METRIC_SAMPLES', () => {
    const many = Array.from({ length: MAX_METRIC_SAMPLES + 20 }, (_, i) => i)
    const [single] = mergeRepeatMetrics([[m('x', 1, { samples: many })]])
    expect(single!.samples).toHaveLength(MAX_METRIC_SAMPLES)
    expect(single!.samples[0]).toBe(20)
  })
})
