import type { StageName } from './stage.js'

/** Status of a test as parsers report it (the public `gauntlet parse` contract). */
export const PARSED_TEST_STATUSES = ['passed', 'failed', 'errored', 'skipped'] as const
export type ParsedTestStatus = (typeof PARSED_TEST_STATUSES)[number]

/** Status in a run record: a test that failed and then passed on a retry of its stage is `flaky`. */
export type TestStatus = ParsedTestStatus | 'flaky'

/** One test case as a parser reads it from a report file. */
export interface ParsedTestCase {
  readonly suite: string
  readonly classname: string
  readonly name: string
  readonly status: ParsedTestStatus
  /** Null when the report does not say. */
  readonly durationMs: number | null
  /** First failure/error/skip message, bounded; null when there is none. */
  readonly message: string | null
  /** Longer failure content (stack trace), bounded. */
  readonly details?: string | null
  readonly file?: string | null
  readonly line?: number | null
}

export interface TestTotals {
  readonly tests: number
  readonly passed: number
  readonly failed: number
  readonly errored: number
  readonly skipped: number
}

/** What a test-report parser returns for one file. */
export interface ParsedTestReport {
  readonly tests: readonly ParsedTestCase[]
  readonly totals: TestTotals
}

/** A test in the run record. */
export interface TestCase {
  /** Stable id across runs: `suite::classname::name`. */
  readonly id: string
  readonly stage: StageName
  readonly suite: string
  readonly classname: string
  readonly name: string
  readonly status: TestStatus
  readonly durationMs: number | null
  readonly message?: string | null
  readonly details?: string | null
  readonly file?: string | null
  readonly line?: number | null
  /** Outcome of each attempt when the stage was retried, oldest first. */
  readonly attempts?: readonly ParsedTestStatus[]
}

/** Builds the stable id of a test. */
export function testId(suite: string, classname: string, name: string): string {
  return `${suite}::${classname}::${name}`
}

/** Counts statuses; `flaky` counts as passed, since the test passed in the end. */
export function countTests(tests: Iterable<{ readonly status: TestStatus }>): TestTotals {
  let passed = 0
  let failed = 0
  let errored = 0
  let skipped = 0
  let total = 0
  for (const t of tests) {
    total++
    if (t.status === 'passed' || t.status === 'flaky') passed++
    else if (t.status === 'failed') failed++
    else if (t.status === 'errored') errored++
    else skipped++
  }
  return { tests: total, passed, failed, errored, skipped }
}
