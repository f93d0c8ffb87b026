import { describe, expect, it } from 'vitest'
import { findingsJson, reportOutputs } from '../../../src/report/outputs.js'
import { allGreen, onlyFailures, onlyRegressions } from '../../fixtures/report/reports.js'

describe('reportOutputs', () => {
  it.each([
    ['all green', allGreen(), { status: 'pass', testsFailed: 0, regressions: 0 }],
    ['regressions', onlyRegressions(), { status: 'error', testsFailed: 0, regressions: 2 }],
    ['failures', onlyFailures(), { status: 'error', testsFailed: 3, regressions: 0 }],
  ] as const)('%s', (_name, report, expected) => {
    expect(reportOutputs(report)).toEqual(expected)
  })
})

describe('findingsJson', () => {
  it('round-trips every finding with its numbers', () => {
    const report = onlyRegressions()
    const parsed = JSON.parse(findingsJson(report))
    expect(parsed.version).toBe(1)
    expect(parsed.findings).toEqual(report.findings)
    expect(parsed.run.sha).toBe(report.run.sha)
  })
})
