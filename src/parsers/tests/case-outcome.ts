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
  const plain = plainDecimal(seconds)
  if (plain !== undefined) return plain * 1000
  let value = Number(seconds)
  if (value === 0 && seconds.trim() === '') return null
  if (Number.isNaN(value) && seconds.includes(',')) {
    const cleaned = seconds.replaceAll(',', '')
    value = cleaned.trim() === '' ? NaN : Number(cleaned)
  }
  return Number.isFinite(value) ? value * 1000 : null
}

/**
 * The value of the plain decimal `text[start, end)`, such as `0.012` or `12` (at most 15 digits, a dot only
 * between digits), exactly as `Number()` gives it, or undefined for anything else. Almost every `time` attribute
 * looks like this, and this loop is several times cheaper than `Number()` on a sliced string. Exact because both
 * the digits as an integer and the power of ten are exactly representable (< 2^53), so the one division is
 * correctly rounded, as the decimal-to-double conversion of `Number()` is.
 */
export function plainDecimal(text: string, start = 0, end = text.length): number | undefined {
  const n = end - start
  if (n <= 0 || n > 16) return undefined
  let digits = 0
  let mantissa = 0
  let scale = 1
  let dot = false
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c === 46 /* . */ && !dot && k > start && k < end - 1) {
      dot = true
      continue
    }
    if (c < 48 || c > 57) return undefined
    mantissa = mantissa * 10 + (c - 48)
    if (dot) scale *= 10
    digits++
  }
  return digits > 15 ? undefined : mantissa / scale
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

/**
 * Rank of each result kind: several results in one case resolve to the highest. Success (no result) would sit
 * between failure and skipped, but a case with results always has one of these kinds.
 */
const RANK: Record<RawResult['kind'], number> = { error: 4, failure: 3, skipped: 2, disabled: 1 }
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
 * Plain loops rather than filter/map chains: this runs once per test case, and a large report has 500 000.
 */
export function resolveOutcome(results: readonly RawResult[], statusAttribute?: string | null): CaseOutcome {
  if (results.length === 0) return statusAttribute === 'disabled' ? DISABLED : PASSED
  let winner: RawResult['kind'] = results[0]!.kind
  for (let k = 1; k < results.length; k++) {
    const kind = results[k]!.kind
    if (RANK[kind] > RANK[winner]) winner = kind
  }
  let message: string | null = null
  let details: string | null = null
  for (let k = 0; k < results.length; k++) {
    const result = results[k]!
    if (result.kind !== winner) continue
    const m = result.message
    if (typeof m === 'string' && m !== '') message = message === null ? m : message + '\n' + m
    const c = result.content
    if (typeof c === 'string') details = details === null ? c : details + '\n' + c
  }
  return {
    status: STATUS_OF[winner],
    message: boundText(message, MAX_MESSAGE_CHARS),
    details: boundText(details, MAX_DETAILS_CHARS),
  }
}

/** Wraps parsed cases with their totals. */
export function buildReport(tests: readonly ParsedTestCase[]): ParsedTestReport {
  return { tests, totals: countTests(tests) }
}
