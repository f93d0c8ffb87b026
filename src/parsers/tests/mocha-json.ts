/**
 * Mocha's `--reporter json` output → ParsedTestCase.
 *
 * Follows the reference implementation's reading (publish-unit-test-result-action `mocha.py`): each entry of
 * `tests` is a case named by `fullTitle`, with `file`; a non-empty `err` is an error when `err.errorMode` is set,
 * else a failure (message = `err.message` with control characters removed, details = name, message and stack);
 * a test whose `fullTitle` is listed in `pending` is skipped.
 * Mapping: `suite` = '' and `classname` = '' (Mocha has no class; `fullTitle` already holds the describe path),
 * `name` = `fullTitle`. `duration` is milliseconds in Mocha's format and is kept as such (the reference puts the
 * millisecond number into JUnit's seconds field; we do not repeat that).
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { resolveOutcome } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { decodeText, isRecord, num, parseJson, str } from './json-input.js'

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1F]/g

/** Parses a Mocha JSON reporter file. */
export function parseMochaJson(file: string, content: string | Uint8Array): ParsedTestCase[] {
  const data = parseJson(file, decodeText(content))
  if (!isRecord(data) || !Array.isArray(data.tests)) {
    throw new TestReportParseError(file, 'not a Mocha JSON report: expected an object with a "tests" array')
  }
  const pending = new Set<string>()
  if (Array.isArray(data.pending)) {
    for (const p of data.pending) {
      const title = isRecord(p) ? str(p.fullTitle) : undefined
      if (title !== undefined) pending.add(title)
    }
  }
  const tests: ParsedTestCase[] = []
  for (const test of data.tests) {
    if (!isRecord(test)) continue
    const fullTitle = str(test.fullTitle) ?? str(test.title) ?? ''
    const results: RawResult[] = []
    const err = test.err
    if (isRecord(err) && Object.keys(err).length > 0) {
      const message = str(err.message)
      const content = [str(err.name), message, str(err.stack)]
        .filter((t): t is string => t !== undefined && t !== '')
        .map((t) => t.replace(CONTROL, ''))
        .join('\n')
      results.push({
        kind: err.errorMode ? 'error' : 'failure',
        message: message?.replace(CONTROL, '') ?? null,
        content,
      })
    } else if (pending.has(fullTitle)) {
      results.push({ kind: 'skipped' })
    }
    const outcome = resolveOutcome(results)
    tests.push({
      suite: '',
      classname: '',
      name: fullTitle,
      status: outcome.status,
      durationMs: num(test.duration) ?? null,
      message: outcome.message,
      details: outcome.details,
      file: str(test.file) ?? null,
      line: null,
    })
  }
  return tests
}
