import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/analysis/analyze.js'
import type { RunRecord } from '../../../src/model/run-record.js'
import type { TestCase } from '../../../src/model/test-case.js'
import { config, nowAfter, run, test } from './build-records.js'

function analyzeTests(
  history: readonly (readonly TestCase[])[],
  current: readonly TestCase[],
  extra: { prRuns?: RunRecord[]; sha?: string; cfg?: Record<string, unknown> } = {},
) {
  const runs = history.map((tests, i) => run(i, { tests }))
  const i = history.length
  const cur = run(i, { tests: current, ...(extra.sha ? { sha: extra.sha } : {}) })
  return analyze({
    current: cur,
    baseline: runs,
    prRuns: extra.prRuns ?? [],
    config: config(extra.cfg),
    now: nowAfter(i),
    retentionDays: 90,
    isPullRequest: false,
  })
}

const A = 's::c::a'
const B = 's::c::b'

describe('test findings', () => {
  it.each([
    {
      name: 'new failure',
      history: [[test(A, 'passed')]],
      current: [test(A, 'failed', { message: 'boom' })],
      kind: 'test-new-failure',
      severity: 'error',
    },
    {
      name: 'new test that fails is a new failure',
      history: [[test(B, 'passed')]],
      current: [test(B, 'passed'), test(A, 'errored')],
      kind: 'test-new-failure',
      severity: 'error',
    },
    {
      name: 'still failing',
      history: [[test(A, 'failed')]],
      current: [test(A, 'failed')],
      kind: 'test-still-failing',
      severity: 'warning',
    },
    {
      name: 'fixed',
      history: [[test(A, 'failed')]],
      current: [test(A, 'passed')],
      kind: 'test-fixed',
      severity: 'info',
    },
    {
      name: 'new test',
      history: [[test(B, 'passed')]],
      current: [test(B, 'passed'), test(A, 'passed')],
      kind: 'test-new',
      severity: 'info',
    },
    {
      name: 'removed test',
      history: [[test(A, 'passed'), test(B, 'passed')]],
      current: [test(B, 'passed')],
      kind: 'test-removed',
      severity: 'info',
    },
    {
      name: 'flaky by retries',
      history: [[test(A, 'passed')]],
      current: [test(A, 'flaky', { attempts: ['failed', 'passed'] })],
      kind: 'test-flaky',
      severity: 'warning',
    },
    {
      name: 'flaky by flip rate',
      history: ['passed', 'failed', 'passed', 'failed', 'passed', 'passed'].map((s) => [
        test(A, s as TestCase['status']),
      ]),
      current: [test(A, 'passed')],
      kind: 'test-flaky',
      severity: 'warning',
    },
    {
      name: 'slowed down beyond the duration rule',
      history: Array.from({ length: 6 }, () => [test(A, 'passed', { durationMs: 2000 })]),
      current: [test(A, 'passed', { durationMs: 4000 })],
      kind: 'test-slowed',
      severity: 'warning',
    },
  ])('$name', ({ history, current, kind, severity }) => {
    const report = analyzeTests(history, current)
    const f = report.findings.find((x) => x.kind === kind)
    expect(f?.severity).toBe(severity)
    expect(f?.id).toBe(`${kind}:${A}`)
  })

  it('counts flips and the rate for the flip-rate rule', () => {
    const history = ['passed', 'failed', 'passed', 'failed', 'passed', 'passed'].map((s) => [
      test(A, s as TestCase['status']),
    ])
    const f = analyzeTests(history, [test(A, 'passed')]).findings.find((x) => x.kind === 'test-flaky')
    expect(f?.numbers).toMatchObject({ flips: 4, n: 7 })
    expect(f?.numbers?.flipRate).toBeCloseTo(4 / 6, 9)
  })

  it('flags a test that passed and failed on the same commit', () => {
    const earlier = run(0, { tests: [test(A, 'failed')], sha: 'same', pr: 3 })
    const report = analyzeTests([[test(A, 'passed')]], [test(A, 'passed')], {
      prRuns: [earlier],
      sha: 'same',
    })
    expect(report.findings.find((f) => f.kind === 'test-flaky')?.reason).toMatch(
      /passed and failed on commit same/,
    )
    expect(report.tests.flaky).toBe(1)
  })

  it.each([
    { name: '+10 % is under 25 %', now: 2200, slowed: false },
    { name: '+50 % but only +500 ms', base: 1000, now: 1500, slowed: false },
    { name: '+100 % and +2 s', now: 4000, slowed: true },
  ])('duration rule: $name', ({ base = 2000, now, slowed }) => {
    const history = Array.from({ length: 6 }, () => [test(A, 'passed', { durationMs: base })])
    expect(
      analyzeTests(history, [test(A, 'passed', { durationMs: now })]).findings.some(
        (f) => f.kind === 'test-slowed',
      ),
    ).toBe(slowed)
  })

  it('lists the slowest tests and counts totals', () => {
    const report = analyzeTests(
      [],
      [test(A, 'passed', { durationMs: 5 }), test(B, 'failed', { durationMs: 50 })],
      { cfg: { tests: { slowest: 1 } } },
    )
    expect(report.slowestTests).toEqual([{ id: B, stage: 'unit', durationMs: 50 }])
    expect(report.tests).toMatchObject({ tests: 2, passed: 1, failed: 1, newFailures: 1, fixed: 0, flaky: 0 })
    expect(report.verdict).toBe('error')
  })

  it('a quarantined failing test is info with a badge; an ignored one disappears', () => {
    const q = analyzeTests([[test(A, 'passed')]], [test(A, 'failed')], {
      cfg: { overrides: [{ metric: 's::c::*', quarantine: true, reason: 'known' }] },
    })
    expect(q.findings[0]).toMatchObject({
      kind: 'test-new-failure',
      severity: 'info',
      badges: ['quarantined'],
    })
    const i = analyzeTests([[test(A, 'passed')]], [test(A, 'failed')], {
      cfg: { overrides: [{ metric: A, ignore: true, reason: 'known' }] },
    })
    expect(i.findings).toEqual([])
  })

  it('a skipped stage does not remove its tests', () => {
    const cur = {
      ...run(1),
      stages: [
        {
          name: 'unit' as const,
          status: 'skipped' as const,
          exitCode: null,
          durationMs: 0,
          attempts: 0,
          resultFiles: [],
          errors: [],
          continueOnError: false,
        },
      ],
    }
    const report = analyze({
      current: cur,
      baseline: [run(0, { tests: [test(A, 'passed')] })],
      config: config(),
      now: nowAfter(1),
      retentionDays: 90,
      isPullRequest: false,
    })
    expect(report.findings.filter((f) => f.kind === 'test-removed')).toEqual([])
  })
})
