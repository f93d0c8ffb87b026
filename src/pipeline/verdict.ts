import type { FailOn } from '../config/action-contract.js'
import type { AnalysisReport } from '../model/index.js'
import { isAtLeast } from '../model/index.js'

const STATUS_WORDS = {
  failed: 'failed',
  'timed-out': 'timed out',
  cancelled: 'was cancelled',
  passed: 'passed',
  skipped: 'was skipped',
} as const

export interface StepVerdict {
  /** The `status` output: `pass` or the most severe finding. */
  readonly status: AnalysisReport['verdict']
  readonly failed: boolean
  /** Why the step fails (empty when it passes), one reason per line, for `core.setFailed`. */
  readonly reasons: readonly string[]
}

/**
 * Decides whether the step fails. Failing tests and stages that failed without `continue-on-error` always fail
 * it (a red test is never a matter of thresholds); findings fail it from the `fail-on` severity up.
 * `fail-on: never` turns every failure into a report only.
 */
export function decideVerdict(report: AnalysisReport, failOn: FailOn): StepVerdict {
  const reasons: string[] = []
  const broken = report.tests.failed + report.tests.errored
  if (broken > 0) reasons.push(`${broken} test${broken === 1 ? '' : 's'} failed`)
  for (const stage of report.stages) {
    if (stage.status !== 'passed' && stage.status !== 'skipped' && !stage.continueOnError) {
      reasons.push(`stage ${stage.name} ${STATUS_WORDS[stage.status]}`)
    }
  }
  if (failOn !== 'never' && report.verdict !== 'pass' && isAtLeast(report.verdict, failOn)) {
    const count = report.findings.filter((f) => isAtLeast(f.severity, failOn)).length
    reasons.push(`${count} finding${count === 1 ? '' : 's'} at or above fail-on: ${failOn}`)
  }
  return { status: report.verdict, failed: failOn !== 'never' && reasons.length > 0, reasons }
}
