import type { AnalysisConfig } from '../config/sections/analysis.js'
import type { FindingKind } from '../model/finding.js'
import type { RunRecord } from '../model/run-record.js'

export type { AnalysisConfig }

/** Everything {@link analyze} needs, as plain data: no I/O happens inside the analysis. */
export interface AnalysisInput {
  /** The run being analysed. */
  readonly current: RunRecord
  /** Trusted default-branch runs, any order; PR runs found here are ignored. */
  readonly baseline: readonly RunRecord[]
  /** Earlier runs of the same pull request (confirmation and flaky detection only; never a baseline). */
  readonly prRuns?: readonly RunRecord[]
  readonly config: AnalysisConfig
  /** Injected clock reading; the retention window and budget projections are relative to it. */
  readonly now: Date
  readonly retentionDays: number
  readonly isPullRequest: boolean
}

/**
 * The stable id of a finding, `<kind>:<subject key>`; alert deduplication keys derive from it, so it must not
 * contain anything that changes between runs (no values, no run ids). Change points add `@<sha>` of the
 * first run of the new regime to the key, since one metric can have several.
 */
export function findingId(kind: FindingKind, subjectKey: string): string {
  return `${kind}:${subjectKey}`
}
