/**
 * xUnit.net v2 XML (`<assemblies>` / `<assembly>`) → ParsedTestCase.
 *
 * Mirrors the `xunit-to-junit.xslt` of the reference implementation: every `<assembly>` (at any depth) holds
 * `<collection>` or `<class>` elements whose `<test>` children are the cases.
 * Mapping: `suite` = the collection/class `name`, `classname` = the test's `type`, `name` = its `method`
 * (falling back to `name` when `method` is absent); a `<reason>` child means skipped (message = its text), a
 * `<failure>` child means failed (message = `failure/message`, details = message + `stack-trace`); failure beats
 * skipped. `time` is seconds.
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { resolveOutcome, secondsToMs } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { childElements, descendants, firstChild, readXmlTree, stringValue } from './safe-xml.js'
import type { XmlElement } from './safe-xml.js'

/** Parses an xUnit.net v2 XML report. */
export function parseXUnit(file: string, content: string | Uint8Array): ParsedTestCase[] {
  const root = readXmlTree(file, content)
  if (root.name !== 'assemblies' && root.name !== 'assembly') {
    throw new TestReportParseError(
      file,
      `not an xUnit.net report: the root element is <${root.name}>, expected <assemblies> or <assembly>`,
    )
  }
  const assemblies =
    root.name === 'assembly' ? [root, ...descendants(root, 'assembly')] : descendants(root, 'assembly')
  const tests: ParsedTestCase[] = []
  for (const assembly of assemblies) {
    for (const group of childElements(assembly)) {
      if (group.name !== 'collection' && group.name !== 'class') continue
      for (const test of childElements(group, 'test')) tests.push(toCase(test, group))
    }
  }
  return tests
}

function firstText(element: XmlElement | undefined): string {
  if (!element) return ''
  for (const child of element.children) if (typeof child === 'string') return child
  return ''
}

function toCase(test: XmlElement, group: XmlElement): ParsedTestCase {
  const a = test.attributes
  const results: RawResult[] = []
  const reason = firstChild(test, 'reason')
  if (reason) {
    const message = firstText(reason)
    results.push({ kind: 'skipped', message, content: null })
  }
  for (const failure of childElements(test, 'failure')) {
    const message = stringValue(firstChild(failure, 'message'))
    results.push({
      kind: 'failure',
      message,
      content: message + stringValue(firstChild(failure, 'stack-trace')),
    })
  }
  const outcome = resolveOutcome(results)
  return {
    suite: group.attributes.name ?? '',
    classname: a.type ?? '',
    name: a.method ?? a.name ?? '',
    status: outcome.status,
    durationMs: secondsToMs(a.time),
    message: outcome.message,
    details: outcome.details,
    file: null,
    line: null,
  }
}
