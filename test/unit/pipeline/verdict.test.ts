import { describe, expect, it } from 'vitest'
import type { FailOn } from '../../../src/config/action-contract.js'
import type { AnalysisReport, Finding, Severity, StageResult } from '../../../src/model/index.js'
import { decideVerdict } from '../../../src/pipeline/verdict.js'

function finding(severity: Severity): Finding {
  return {
    id: `x:${severity}`,
    kind: 'metric-regression',
    severity,
    title: 't',
    reason: 'r',
    subject: { type: 'metric', key: 'k' },
  }
}

function stage(status: StageResult['status'], continueOnError = false): StageResult {
  return {
    name: 'unit',
    status,
    exitCode: 0,
    durationMs: 1,
    attempts: 1,
    resultFiles: [],
    errors: [],
    continueOnError,
  }
}

function report(findings: Finding[], failed = 0, stages: StageResult[] = []): AnalysisReport {
  const order: Severity[] = ['info', 'warning', 'error', 'critical']
  const top = findings.map((f) => f.severity).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0]
  return {
    run: {} as AnalysisReport['run'],
    verdict: top === undefined || top === 'info' ? 'pass' : top,
    findings,
    comparisons: [],
    tests: {
      tests: 10,
      passed: 10 - failed,
      failed,
      errored: 0,
      skipped: 0,
      flaky: 0,
      newFailures: 0,
      fixed: 0,
    },
    stages,
    chaos: [],
    rules: {
      window: 30,
      minSamples: 5,
      minEffectPct: 5,
      warnZ: 3.5,
      failZ: 5,
      fdrQ: 0.05,
      retentionDays: 90,
    },
    series: {},
    changepoints: {},
    historyRuns: 0,
  }
}

describe('decideVerdict', () => {
  it.each<[string, Severity[], FailOn, boolean]>([
    ['no findings pass', [], 'error', false],
    ['a warning passes at fail-on error', ['warning'], 'error', false],
    ['a warning fails at fail-on warning', ['warning'], 'warning', true],
    ['an error fails at fail-on error', ['error'], 'error', true],
    ['an error passes at fail-on critical', ['error'], 'critical', false],
    ['a critical fails at fail-on critical', ['critical'], 'critical', true],
    ['a critical passes at fail-on never', ['critical'], 'never', false],
  ])('%s', (_, severities, failOn, failed) => {
    expect(decideVerdict(report(severities.map(finding)), failOn).failed).toBe(failed)
  })

  it('fails on failing tests whatever the severity threshold', () => {
    const v = decideVerdict(report([], 2), 'critical')
    expect(v.failed).toBe(true)
    expect(v.reasons).toEqual(['2 tests failed'])
  })

  it('fails on a failed stage unless it may fail', () => {
    expect(decideVerdict(report([], 0, [stage('timed-out')]), 'error').reasons).toEqual([
      'stage unit timed out',
    ])
    expect(decideVerdict(report([], 0, [stage('failed', true)]), 'error').failed).toBe(false)
  })

  it('reports the status as the most severe finding', () => {
    expect(decideVerdict(report([finding('warning'), finding('error')]), 'never').status).toBe('error')
  })
})
