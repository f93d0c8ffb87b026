/** The four stages, in the order they always run. */
export const STAGE_NAMES = ['unit', 'integration', 'benchmark', 'chaos'] as const
export type StageName = (typeof STAGE_NAMES)[number]

export type StageStatus = 'passed' | 'failed' | 'timed-out' | 'cancelled' | 'skipped'

/** What running one stage produced, besides the tests and metrics parsed from its result files. */
export interface StageResult {
  readonly name: StageName
  readonly status: StageStatus
  /** Exit code of the last command that ran; null when killed by a signal or never started. */
  readonly exitCode: number | null
  readonly durationMs: number
  /** Number of times the stage ran (1 + retries used). */
  readonly attempts: number
  /** Benchmark `repeat` runs completed; absent when the stage is not repeated. */
  readonly repeats?: number
  /** Result files that were parsed, relative to the workspace. */
  readonly resultFiles: readonly string[]
  /** Problems worth showing (parse errors, service failures), each naming the file or service. */
  readonly errors: readonly string[]
  /** Whether a failure of this stage is tolerated (`continue-on-error`). */
  readonly continueOnError: boolean
}
