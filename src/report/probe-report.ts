// A small report with one row in every section. User templates are rendered against it once at load time, so
// a template that names a variable that does not exist fails there (strict mode), with its line, instead of
// in the middle of a run.

import type { AnalysisReport } from '../model/analysis-report.js'

/** Builds the probe report; a function so nothing is allocated at import time. */
export function probeReport(): AnalysisReport {
  const series = Array.from({ length: 5 }, (_, i) => ({
    timestamp: `2026-01-0${i + 1}T00:00:00Z`,
    value: 10 + i,
    sha: `${i}`.repeat(40),
    runId: i + 1,
  }))
  return {
    run: {
      repository: 'probe/probe',
      headRepository: 'probe/probe',
      sha: 'a'.repeat(40),
      ref: 'refs/pull/1/merge',
      branch: 'probe',
      event: 'pull_request',
      prNumber: 1,
      baseBranch: 'main',
      runId: 1,
      attempt: 1,
      timestamp: '2026-01-06T00:00:00Z',
      runner: { os: 'Linux', arch: 'X64', cpuModel: 'probe', cores: 2 },
    },
    verdict: 'error',
    findings: [
      {
        id: 'f1',
        kind: 'test-new-failure',
        severity: 'error',
        title: 'suite › test',
        reason: 'failed here, passed on main',
        subject: { type: 'test', key: 'suite::class::test', stage: 'unit' },
        location: { file: 'src/a.test.ts', line: 3 },
        message: 'expected 1 to be 2',
      },
      {
        id: 'f2',
        kind: 'test-flaky',
        severity: 'warning',
        title: 'suite › flaky',
        reason: 'passed on retry',
        subject: { type: 'test', key: 'suite::class::flaky', stage: 'unit' },
        numbers: { flips: 2, flipRate: 0.2 },
      },
      {
        id: 'f3',
        kind: 'test-fixed',
        severity: 'info',
        title: 'suite › fixed',
        reason: 'failed on main, passes here',
        subject: { type: 'test', key: 'suite::class::fixed', stage: 'unit' },
      },
      {
        id: 'f4',
        kind: 'metric-regression',
        severity: 'error',
        title: 'benchmark/s/get/mean',
        reason: 'z 6.0 ≥ 5 and Δ +40.0 % ≥ 10 %',
        subject: { type: 'metric', key: 'benchmark/s/get/mean', stage: 'benchmark' },
      },
      {
        id: 'f5',
        kind: 'budget',
        severity: 'error',
        title: 'p95 over budget',
        reason: 'p95 14 ms > 10 ms',
        subject: { type: 'metric', key: 'benchmark/s/get/p95', stage: 'benchmark' },
      },
      {
        id: 'f6',
        kind: 'chaos-failed',
        severity: 'error',
        title: 'latency',
        reason: 'steady state failed during the fault',
        subject: { type: 'chaos', key: 'latency', stage: 'chaos' },
      },
    ],
    comparisons: [
      {
        key: 'benchmark/s/get/mean',
        stage: 'benchmark',
        unit: 'ms',
        direction: 'lower',
        current: 14,
        baseline: { n: 5, window: 5, center: 10, spread: 0.5 },
        deltaPct: 40,
        z: 6,
        verdict: 'regressed',
        severity: 'error',
        badges: ['noisy'],
      },
      {
        key: 'benchmark/s/put/mean',
        stage: 'benchmark',
        unit: 'ms',
        direction: 'lower',
        current: 5,
        baseline: { n: 5, window: 5, center: 5, spread: 0.5 },
        deltaPct: 0,
        z: 0,
        verdict: 'unchanged',
        severity: null,
        badges: [],
      },
    ],
    tests: { tests: 4, passed: 3, failed: 1, errored: 0, skipped: 0, flaky: 1, newFailures: 1, fixed: 1 },
    stages: [],
    chaos: [
      {
        experiment: 'latency',
        fault: 'latency 200ms',
        steadyState: { before: 'passed', during: 'failed', after: 'passed' },
        errorRate: 0.2,
        latencyMs: { p50: 100, p95: 200, p99: 300 },
        recoveryMs: 1200,
        verdict: 'failed',
      },
    ],
    rules: {
      window: 30,
      minSamples: 5,
      minEffectPct: 10,
      warnZ: 3.5,
      failZ: 5,
      fdrQ: 0.05,
      retentionDays: 90,
    },
    series: { 'benchmark/s/get/mean': series },
    changepoints: { 'benchmark/s/get/mean': [3] },
    historyRuns: 5,
  }
}
