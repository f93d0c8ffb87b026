/**
 * Dart's `dart test --reporter json` event stream (one JSON object per line) → ParsedTestCase.
 *
 * Follows the reference implementation (`dart.py`) and the protocol
 * (https://github.com/dart-lang/test/blob/master/pkgs/test/doc/json_reporter.md): `testStart` opens a test
 * (name, suite, url, line), `testDone` gives `result` (success | failure | error), `hidden` and `skipped`, `error`
 * events attach the message and stack trace, and a `print` event of `messageType: "skip"` carries the skip reason.
 * Hidden tests (setUpAll/tearDownAll pseudo-tests) are dropped. A test with no `testDone` is errored: the run
 * died while it was running.
 * Mapping: `suite` = the suite's `path`, `classname` = '', `name` = the test name, `file` = the test `url`,
 * `line` = its `line`; time = `testDone.time − testStart.time` (ms).
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { resolveOutcome } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { decodeText, isRecord, num, parseJson, str } from './json-input.js'

interface DartTest {
  name?: string
  suiteId?: number
  url?: string
  line?: number
  start?: number
  end?: number
  result?: string
  hidden?: boolean
  skipped?: boolean
  error?: string
  stackTrace?: string
  reason?: string
}

/** Parses a Dart JSON reporter event stream. */
export function parseDartJson(file: string, content: string | Uint8Array): ParsedTestCase[] {
  const text = decodeText(content)
  const suites = new Map<number, string>()
  const tests = new Map<number, DartTest>()
  const order: DartTest[] = []
  let lineNo = 0
  let sawEvent = false
  for (const line of text.split('\n')) {
    lineNo++
    if (line.trim() === '') continue
    const event = parseJson(file, line, lineNo - 1)
    if (!isRecord(event)) {
      throw new TestReportParseError(file, 'not a Dart JSON event: expected one object per line', {
        line: lineNo,
        column: 1,
      })
    }
    if (!sawEvent && !(event.type === 'start' && 'protocolVersion' in event)) {
      throw new TestReportParseError(
        file,
        'not a Dart JSON reporter stream: the first event must be {"type":"start","protocolVersion":…}',
        { line: lineNo, column: 1 },
      )
    }
    sawEvent = true
    const type = event.type
    if (type === 'suite' && isRecord(event.suite)) {
      const id = num(event.suite.id)
      if (id !== undefined) suites.set(id, str(event.suite.path) ?? '')
    } else if (type === 'testStart' && isRecord(event.test)) {
      const t = event.test
      const id = num(t.id)
      if (id === undefined) continue
      const test: DartTest = {
        name: str(t.name),
        suiteId: num(t.suiteID),
        url: str(t.url),
        line: num(t.line),
        start: num(event.time),
      }
      tests.set(id, test)
      order.push(test)
    } else {
      const id = num(event.testID)
      const test = id === undefined ? undefined : tests.get(id)
      if (!test) continue
      if (type === 'testDone') {
        test.result = str(event.result)
        test.hidden = event.hidden === true
        test.skipped = event.skipped === true
        test.end = num(event.time)
      } else if (type === 'error') {
        test.error = str(event.error)
        test.stackTrace = str(event.stackTrace)
      } else if (type === 'print' && event.messageType === 'skip') {
        test.reason = str(event.message)
      }
    }
  }
  if (!sawEvent) throw new TestReportParseError(file, 'no Dart JSON events in the file')
  const out: ParsedTestCase[] = []
  for (const test of order) {
    if (test.hidden === true || test.suiteId === undefined) continue
    const result = test.result ?? 'error'
    const results: RawResult[] = []
    if (result !== 'success') {
      const content = [test.error, test.stackTrace].filter((t): t is string => !!t).join('\n')
      results.push({ kind: result === 'failure' ? 'failure' : 'error', message: test.error ?? null, content })
    } else if (test.skipped === true) {
      results.push({ kind: 'skipped', message: test.reason ?? null })
    }
    const outcome = resolveOutcome(results)
    out.push({
      suite: suites.get(test.suiteId) ?? '',
      classname: '',
      name: test.name ?? '',
      status: outcome.status,
      durationMs: test.start !== undefined && test.end !== undefined ? test.end - test.start : null,
      message: outcome.message,
      details: outcome.details,
      file: test.url ?? null,
      line: test.line ?? null,
    })
  }
  return out
}
