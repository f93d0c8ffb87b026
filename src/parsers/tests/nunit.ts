/**
 * NUnit 2 (`<test-results>`) and NUnit 3 (`<test-run>`) → ParsedTestCase.
 *
 * Mirrors the `nunit3-to-junit.xslt` the reference implementation (publish-unit-test-result-action) applies to
 * both versions, so results agree with the corpus:
 * - every `<test-case>` inside a `<test-suite>` is a case; its suite is the nearest enclosing `<test-suite>`, named
 *   by `fullname`, else `classname`, else the names of the enclosing `TestSuite`/`Namespace` suites joined by `.`;
 * - `classname` = the case's `classname` attribute (NUnit 3; '' in NUnit 2), `name` = its `name` (NUnit 2 puts
 *   the full method path there);
 * - skipped when `executed="False"`, `result` is Skipped/Ignored/NotRunnable/Inconclusive or `runstate` is
 *   Skipped/Ignored/NotRunnable (message = `reason/message`);
 * - a `<failure>` child is a failure, or an error when `result="Error"` (message = `failure/message`, details =
 *   `failure/stack-trace`); failure beats skipped;
 * - time from `duration` (NUnit 3) or `time` (NUnit 2), in seconds.
 * The tree is needed because suite names depend on ancestors; NUnit files are not held to the streaming target.
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { resolveOutcome, secondsToMs } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { childElements, firstChild, readXmlTree, stringValue } from './safe-xml.js'
import type { XmlElement } from './safe-xml.js'

const NUNIT_ROOTS = new Set(['test-results', 'test-run', 'test-suite'])
const SKIPPED_RESULTS = new Set(['Skipped', 'Ignored', 'NotRunnable', 'Inconclusive'])
const SKIPPED_RUNSTATES = new Set(['Skipped', 'Ignored', 'NotRunnable'])

/** Parses an NUnit 2 or 3 XML report. */
export function parseNUnit(file: string, content: string | Uint8Array): ParsedTestCase[] {
  const root = readXmlTree(file, content)
  if (!NUNIT_ROOTS.has(root.name)) {
    throw new TestReportParseError(
      file,
      `not an NUnit report: the root element is <${root.name}>, expected <test-results> (NUnit 2) or <test-run> (NUnit 3)`,
    )
  }
  const tests: ParsedTestCase[] = []
  const walk = (element: XmlElement, suite: XmlElement | undefined): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue
      if (child.name === 'test-suite') walk(child, child)
      else if (child.name === 'test-case') {
        if (suite) tests.push(toCase(child, suite))
      } else if (!IGNORED.has(child.name)) walk(child, suite)
    }
  }
  if (root.name === 'test-suite') walk(root, root)
  else walk(root, undefined)
  return tests
}

// Elements the XSLT drops with everything inside them.
const IGNORED = new Set(['command-line', 'settings', 'filter', 'properties', 'reason', 'failure'])

function suiteName(suite: XmlElement): string {
  const a = suite.attributes
  if (a.fullname !== undefined) return a.fullname
  if (a.classname !== undefined) return a.classname
  let prefix = ''
  for (let p = suite.parent; p; p = p.parent) {
    if (p.name === 'test-suite' && (p.attributes.type === 'TestSuite' || p.attributes.type === 'Namespace')) {
      prefix = `${p.attributes.name ?? ''}.` + prefix
    }
  }
  return prefix + (a.name ?? '')
}

function toCase(testCase: XmlElement, suite: XmlElement): ParsedTestCase {
  const a = testCase.attributes
  const results: RawResult[] = []
  if (
    a.executed === 'False' ||
    SKIPPED_RESULTS.has(a.result ?? '') ||
    SKIPPED_RUNSTATES.has(a.runstate ?? '')
  ) {
    const reason = firstChild(testCase, 'reason')
    const message = reason ? stringValue(firstChild(reason, 'message')) : ''
    results.push({ kind: 'skipped', message: message === '' ? null : message, content: null })
  }
  for (const failure of childElements(testCase, 'failure')) {
    results.push({
      kind: a.result === 'Error' ? 'error' : 'failure',
      message: stringValue(firstChild(failure, 'message')),
      content: stringValue(firstChild(failure, 'stack-trace')),
    })
  }
  const outcome = resolveOutcome(results, a.result)
  return {
    suite: suiteName(suite),
    classname: a.classname ?? '',
    name: a.name ?? '',
    status: outcome.status,
    durationMs: secondsToMs(a.duration ?? a.time),
    message: outcome.message,
    details: outcome.details,
    file: null,
    line: null,
  }
}
