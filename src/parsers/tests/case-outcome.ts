/**
 * What every format shares once its elements are read: the severity rule for several results in one test case,
 * bounded messages, seconds → milliseconds, and the totals. Kept format-free so each parser stays a thin mapping
 * from its own elements to these calls.
 */
import { countTests } from '../../model/test-case.js'
import type { ParsedTestCase, ParsedTestReport, ParsedTestStatus } from '../../model/test-case.js'

/** Longest `message` kept, in UTF-16 code units (the PR comment and alerts only ever show the start). */
export const MAX_MESSAGE_CHARS = 4 * 1024
/** Longest `details` (stack trace / result content) kept. */
export const MAX_DETAILS_CHARS = 16 * 1024
/** Longest text kept per XML element while reading, so one huge `<system-out>` cannot exhaust memory. */
export const MAX_ELEMENT_TEXT_CHARS = 64 * 1024
/** Appended to a bounded text so readers know it was cut. */
export const TRUNCATION_MARK = '… [truncated]'

/** Cuts `text` to at most `max` code units, marking the cut; keeps null/empty as null. */
export function boundText(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined || text === '') return null
  if (text.length <= max) return text
  let end = max - TRUNCATION_MARK.length
  // Never split a surrogate pair: a lone high surrogate makes invalid JSON/UTF-8 downstream.
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end) + TRUNCATION_MARK
}

/**
 * Seconds as a report writes them → milliseconds; null when absent or not a number. Commas are dropped first,
 * as junitparser does (`1,234.5` is a thousands separator), so our times agree with the reference corpus.
 */
export function secondsToMs(seconds: string | number | null | undefined): number | null {
  if (seconds === null || seconds === undefined) return null
  if (typeof seconds === 'number') return Number.isFinite(seconds) ? seconds * 1000 : null
  // Fast path first: almost every time attribute is a plain number.
  let value = Number(seconds)
  if (value === 0 && seconds.trim() === '') return null
  if (Number.isNaN(value) && seconds.includes(',')) {
    const cleaned = seconds.replaceAll(',', '')
    value = cleaned.trim() === '' ? NaN : Number(cleaned)
  }
  return Number.isFinite(value) ? value * 1000 : null
}

/** Parses a 1-based line number attribute; null when absent or not an integer. */
export function parseLine(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return null
  return Number.parseInt(text, 10)
}

/** A result element found inside one test case. */
export interface RawResult {
  readonly kind: 'error' | 'failure' | 'skipped' | 'disabled'
  readonly message?: string | null
  readonly content?: string | null
}

/** Most severe first: several results in one case resolve to the first kind present (error > failure > success > skipped > disabled; success is "no result"). */
const SEVERITY: readonly RawResult['kind'][] = ['error', 'failure']
const STATUS_OF: Record<RawResult['kind'], ParsedTestStatus> = {
  error: 'errored',
  failure: 'failed',
  skipped: 'skipped',
  disabled: 'skipped',
}

const PASSED: CaseOutcome = { status: 'passed', message: null, details: null }
const DISABLED: CaseOutcome = { status: 'skipped', message: null, details: null }

/** The outcome of one case: status plus the joined messages/contents of the winning severity. */
export interface CaseOutcome {
  readonly status: ParsedTestStatus
  readonly message: string | null
  readonly details: string | null
}

/**
 * Resolves several result elements to one outcome. A case with an `<error>` and a `<failure>` is errored; with a
 * `<skipped>` and a `<failure>` failed; with none, passed, unless its `status` attribute says `disabled` (tst).
 * Messages and contents of the winning kind are joined with newlines, as the reference implementation does.
 */
export function resolveOutcome(results: readonly RawResult[], statusAttribute?: string | null): CaseOutcome {
  if (results.length === 0) return statusAttribute === 'disabled' ? DISABLED : PASSED
  let winner: RawResult['kind'] | undefined
  for (const kind of SEVERITY) {
    if (results.some((r) => r.kind === kind)) {
      winner = kind
      break
    }
  }
  // success outranks skipped/disabled: a case with no error/failure but an explicit skip is still skipped only
  // when there is a skip element and nothing more severe.
  if (winner === undefined && results.some((r) => r.kind === 'skipped')) winner = 'skipped'
  if (winner === undefined && results.some((r) => r.kind === 'disabled')) winner = 'disabled'
  if (winner === undefined) {
    if (statusAttribute === 'disabled') return { status: 'skipped', message: null, details: null }
    return { status: 'passed', message: null, details: null }
  }
  const chosen = results.filter((r) => r.kind === winner)
  const messages = chosen.map((r) => r.message).filter((m): m is string => typeof m === 'string' && m !== '')
  const contents = chosen.map((r) => r.content).filter((c): c is string => typeof c === 'string')
  return {
    status: STATUS_OF[winner],
    message: boundText(messages.length > 0 ? messages.join('\n') : null, MAX_MESSAGE_CHARS),
    details: boundText(contents.length > 0 ? contents.join('\n') : null, MAX_DETAILS_CHARS),
  }
}

/** Wraps parsed cases with their totals. */
export function buildReport(tests: readonly ParsedTestCase[]): ParsedTestReport {
  return { tests, totals: countTests(tests) }
}
