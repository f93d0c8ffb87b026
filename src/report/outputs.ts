// The action's report outputs (`status`, `tests-failed`, `regressions`) and the findings JSON file behind
// `findings-json`, computed from the analysis; the shell sets them and writes the file.

import type { AnalysisReport } from '../model/analysis-report.js'
import { isAtLeast } from '../model/severity.js'

/** Output names as in action.yml. */
export const REPORT_OUTPUTS = {
  status: 'status',
  testsFailed: 'tests-failed',
  regressions: 'regressions',
  findingsJson: 'findings-json',
  reportPath: 'report-path',
} as const

/** File name of the findings JSON inside the report directory. */
export const FINDINGS_FILE = 'findings.json'
/** Version of the findings JSON layout, so consumers can tell future changes apart. */
export const FINDINGS_JSON_VERSION = 1

/** Values of the `status`, `tests-failed` and `regressions` outputs. */
export function reportOutputs(report: AnalysisReport): {
  status: string
  testsFailed: number
  regressions: number
} {
  return {
    status: report.verdict,
    testsFailed: report.tests.failed + report.tests.errored,
    regressions: report.findings.filter(
      (f) => f.kind === 'metric-regression' && isAtLeast(f.severity, 'warning'),
    ).length,
  }
}

/** The content of findings.json: every finding with severity, reason and numbers, plus the run it belongs to. */
export function findingsJson(report: AnalysisReport): string {
  return `${JSON.stringify(
    {
      version: FINDINGS_JSON_VERSION,
      run: report.run,
      verdict: report.verdict,
      tests: report.tests,
      findings: report.findings,
    },
    null,
    2,
  )}\n`
}
