/**
 * Visual Studio TRX (`<TestRun>`, MSTest / NUnit / xUnit adapters) → ParsedTestCase.
 *
 * Mirrors the `trx-to-junit.xslt` of the reference implementation:
 * - each `<UnitTestResult>` joins its `<UnitTest>` definition: by `testId` = `UnitTest/@id` (2010 schema), or by
 *   `executionId` = `UnitTest/Execution/@id` (2006 schema); a result without a definition is dropped;
 * - `classname` = `TestMethod/@className` up to the first `,` (assembly-qualified names), `name` = `testName`
 *   without a leading `<classname>.`; `suite` is '' (TRX has no suite level; the reference calls it MSTestSuite);
 * - outcome: containing `Failed` → failed, `Error` (or no outcome) → errored, `Passed` → passed, anything else
 *   (NotExecuted, Inconclusive, Timeout, …) → skipped; message = `Output/ErrorInfo/Message`, details = message +
 *   `StackTrace`;
 * - time from `duration` (`hh:mm:ss.fffffff`), else `endTime − startTime`, else 0.
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { resolveOutcome } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { descendants, firstChild, readXmlTree, stringValue } from './safe-xml.js'
import type { XmlElement } from './safe-xml.js'

const NS_2006 = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2006'

/** Parses a TRX report. */
export function parseTrx(file: string, content: string | Uint8Array): ParsedTestCase[] {
  const root = readXmlTree(file, content)
  if (root.name !== 'TestRun') {
    throw new TestReportParseError(
      file,
      `not a TRX report: the root element is <${root.name}>, expected <TestRun>`,
    )
  }
  const byExecution = root.attributes.xmlns === NS_2006
  const definitions = new Map<string, XmlElement[]>()
  for (const unitTest of descendants(root, 'UnitTest')) {
    const key = byExecution ? firstChild(unitTest, 'Execution')?.attributes.id : unitTest.attributes.id
    if (key === undefined) continue
    const list = definitions.get(key)
    if (list) list.push(unitTest)
    else definitions.set(key, [unitTest])
  }
  const tests: ParsedTestCase[] = []
  for (const result of descendants(root, 'UnitTestResult')) {
    const key = byExecution ? result.attributes.executionId : result.attributes.testId
    for (const unitTest of (key !== undefined && definitions.get(key)) || [])
      tests.push(toCase(result, unitTest))
  }
  return tests
}

function toCase(result: XmlElement, unitTest: XmlElement): ParsedTestCase {
  const a = result.attributes
  const fullClass = firstChild(unitTest, 'TestMethod')?.attributes.className ?? ''
  const comma = fullClass.indexOf(',')
  const classname = comma === -1 ? fullClass : fullClass.slice(0, comma)
  const testName = a.testName ?? ''
  const name = testName.startsWith(`${classname}.`) ? testName.slice(classname.length + 1) : testName
  const errorInfo = firstChild(firstChild(result, 'Output') ?? result, 'ErrorInfo')
  const message = stringValue(firstChild(errorInfo ?? result, 'Message'))
  const stack = stringValue(firstChild(errorInfo ?? result, 'StackTrace'))
  const outcome = a.outcome ?? 'Error'
  const results: RawResult[] = []
  if (!outcome.includes('Passed') && !outcome.includes('Failed') && !outcome.includes('Error')) {
    results.push({ kind: 'skipped', message, content: message })
  }
  if (outcome.includes('Failed')) results.push({ kind: 'failure', message, content: message + stack })
  if (outcome.includes('Error')) results.push({ kind: 'error', message, content: message + stack })
  const resolved = resolveOutcome(results)
  return {
    suite: '',
    classname,
    name,
    status: resolved.status,
    durationMs: trxDurationMs(a),
    message: resolved.message,
    details: resolved.details,
    file: null,
    line: null,
  }
}

/** `hh:mm:ss.fffffff` → ms, rounded to 0.1 µs as the reference formats it; else end − start; else 0. */
export function trxDurationMs(a: Record<string, string>): number {
  const duration = a.duration
  if (duration !== undefined) {
    const m = /^(\d+):(\d+):(\d+(?:\.\d*)?)$/.exec(duration.trim())
    if (m) return roundMs(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]))
    return 0
  }
  if (a.startTime !== undefined && a.endTime !== undefined) {
    const start = Date.parse(a.startTime)
    const end = Date.parse(a.endTime)
    if (Number.isFinite(start) && Number.isFinite(end)) {
      // Date.parse keeps only milliseconds; TRX times carry 7 fractional digits.
      return roundMs((end - start) / 1000 + (subMs(a.endTime) - subMs(a.startTime)))
    }
  }
  return 0
}

function subMs(time: string): number {
  const m = /\.(\d+)/.exec(time)
  if (!m?.[1] || m[1].length <= 3) return 0
  return Number(`0.000${m[1].slice(3)}`)
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1e7) / 1e4
}
