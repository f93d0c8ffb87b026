/**
 * Every format against our own small fixtures (test/fixtures/parsers/tests/), so `npm test` covers each behaviour
 * without the corpus: statuses, several results per case, nested suites, flaky reruns, unicode, entities, CRLF,
 * hostile names, and the suite/classname/name mapping of each format.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseTestReport, parseTestReportFile } from '../../../../src/parsers/tests/index.js'
import type { TestFormat } from '../../../../src/parsers/tests/index.js'
import type { ParsedTestCase, TestTotals } from '../../../../src/model/test-case.js'

const fixtures = resolve(fileURLToPath(import.meta.url), '../../../../fixtures/parsers/tests')

type Expected = Partial<ParsedTestCase> & Pick<ParsedTestCase, 'name' | 'status'>

interface Row {
  readonly fixture: string
  readonly format: TestFormat
  readonly totals: TestTotals
  readonly cases: readonly Expected[]
}

const totals = (
  tests: number,
  passed: number,
  failed: number,
  errored: number,
  skipped: number,
): TestTotals => ({
  tests,
  passed,
  failed,
  errored,
  skipped,
})

const rows: readonly Row[] = [
  {
    fixture: 'junit-statuses.xml',
    format: 'junit',
    totals: totals(6, 2, 1, 1, 2),
    cases: [
      {
        suite: 'statuses',
        classname: 'pkg.Statuses',
        name: 'passes',
        status: 'passed',
        durationMs: 250,
        message: null,
        file: 'tests/statuses.py',
        line: 10,
      },
      {
        classname: 'pkg.Statuses',
        name: 'fails',
        status: 'failed',
        durationMs: 1500,
        message: 'assert 1 == 2',
        details: 'Traceback: line 20',
        line: 20,
      },
      { name: 'errors', status: 'errored', durationMs: 0, message: 'boom', details: null },
      { name: 'is skipped', status: 'skipped', durationMs: 1, message: 'not on linux' },
      { classname: '', name: 'disabled_test', status: 'skipped', message: null },
      // junitparser drops commas from times (thousands separators); so do we, to agree with the corpus.
      { name: 'thousands', status: 'passed', durationMs: 1_234_500 },
      // The `<testcase time="1"/>` without name and classname is not a case.
    ],
  },
  {
    fixture: 'junit-multiresult.xml',
    format: 'junit',
    totals: totals(4, 0, 2, 1, 1),
    cases: [
      { suite: 'multi', name: 'error wins', status: 'errored', message: 'e1', details: 'error text' },
      { name: 'failure beats skipped', status: 'failed', message: 'f2', details: 'ft' },
      { name: 'two failures join', status: 'failed', message: 'first\nsecond', details: 'one\ntwo' },
      { name: 'skipped only', status: 'skipped', message: null },
    ],
  },
  {
    fixture: 'junit-nested.xml',
    format: 'junit',
    totals: totals(3, 3, 0, 0, 0),
    cases: [
      { suite: 'innermost', name: 'deep', status: 'passed', durationMs: null },
      { suite: 'inner', name: 'middle', status: 'passed' },
      { suite: 'outer', name: 'top', status: 'passed' },
    ],
  },
  {
    fixture: 'junit-surefire-flaky.xml',
    format: 'junit',
    totals: totals(3, 2, 1, 0, 0),
    cases: [
      {
        suite: 'com.example.FlakyTest',
        name: 'passesOnRerun',
        status: 'passed',
        message: null,
        durationMs: 300,
      },
      {
        name: 'failsEveryRun',
        status: 'failed',
        message: 'expected 1',
        details: 'java.lang.AssertionError: expected 1',
      },
      { name: 'errorOnRerunOnly', status: 'passed', message: null },
    ],
  },
  {
    fixture: 'junit-unicode-entities.xml',
    format: 'junit',
    totals: totals(2, 1, 1, 0, 0),
    cases: [
      {
        suite: 'ユニコード 🎉',
        classname: 'Ünïcödé.Klasse',
        name: 'emoji 😀 and CJK 汉字',
        status: 'passed',
      },
      {
        classname: 'ents',
        name: `<tag> & "quotes" 'apos' A`,
        status: 'failed',
        message: 'line1\nline2',
        details: 'raw <xml> & stuff and text & more',
      },
    ],
  },
  {
    fixture: 'junit-crlf.xml',
    format: 'junit',
    totals: totals(1, 0, 1, 0, 0),
    cases: [{ name: 'crlf', status: 'failed', message: 'm', details: 'a\nb\nc' }],
  },
  {
    fixture: 'junit-hostile.xml',
    format: 'junit',
    totals: totals(6, 5, 1, 0, 0),
    cases: [
      { suite: 'hostile | suite', classname: 'a|b|c', name: 'pipes | in | name', status: 'passed' },
      { classname: 'back`ticks`', name: '```code fence```', status: 'passed' },
      {
        name: '<script>alert(1)</script>',
        status: 'failed',
        message: '<img src=x onerror=alert(1)>',
        details: '<script>',
      },
      // A literal newline in an attribute is normalised to a space (XML rule); an encoded one survives.
      { name: 'literal newline in attribute', status: 'passed' },
      { name: 'encoded\nnewline', status: 'passed' },
      { classname: '__proto__', name: 'constructor', status: 'passed' },
    ],
  },
  {
    fixture: 'nunit2.xml',
    format: 'nunit',
    totals: totals(5, 1, 1, 1, 2),
    cases: [
      {
        suite: 'Unit.MathTests',
        classname: '',
        name: 'Unit.MathTests.Adds',
        status: 'passed',
        durationMs: 12,
      },
      {
        name: 'Unit.MathTests.Divides',
        status: 'failed',
        durationMs: 34,
        message: 'Expected: 2\nBut was: 3',
        details: 'at Unit.MathTests.Divides() in MathTests.cs:line 12',
      },
      { name: 'Unit.MathTests.Throws', status: 'errored', message: 'System.NullReferenceException' },
      { name: 'Unit.MathTests.Ignored', status: 'skipped', message: 'not today', durationMs: null },
      { name: 'Unit.MathTests.NotRunnable', status: 'skipped', message: null },
    ],
  },
  {
    fixture: 'nunit3.xml',
    format: 'nunit',
    totals: totals(4, 1, 2, 0, 1),
    cases: [
      {
        suite: 'App.Tests.CalcTests',
        classname: 'App.Tests.CalcTests',
        name: 'Adds(1,2)',
        status: 'passed',
        durationMs: 250,
      },
      {
        name: 'Fails',
        status: 'failed',
        message: '  Expected: True\n  But was:  False\n',
        details: 'at App.Tests.CalcTests.Fails() in Calc.cs:line 30',
      },
      { name: 'Skipped', status: 'skipped', message: 'ignored for now', durationMs: 0 },
      // NUnit 3 reports exceptions as result="Failed" label="Error"; like the reference XSLT we keep it failed.
      { name: 'Errors', status: 'failed', message: 'System.Exception : boom' },
    ],
  },
  {
    fixture: 'xunit.xml',
    format: 'xunit',
    totals: totals(3, 1, 1, 0, 1),
    cases: [
      {
        suite: 'Test collection for App.Tests.CalcTests',
        classname: 'App.Tests.CalcTests',
        name: 'Adds',
        status: 'passed',
        durationMs: 12.3,
      },
      {
        name: 'Fails',
        status: 'failed',
        message: 'Assert.True() Failure',
        details: 'Assert.True() Failure   at App.Tests.CalcTests.Fails() in Calc.cs:line 20',
      },
      { name: 'Skipped', status: 'skipped', message: 'flaky on CI' },
    ],
  },
  {
    fixture: 'trx.trx',
    format: 'trx',
    totals: totals(4, 1, 1, 1, 1),
    cases: [
      { suite: '', classname: 'App.Tests.CalcTests', name: 'Adds', status: 'passed', durationMs: 12.3 },
      {
        name: 'Fails',
        status: 'failed',
        durationMs: 62_500,
        message: 'Assert.AreEqual failed. Expected:<1>. Actual:<2>.',
        details:
          'Assert.AreEqual failed. Expected:<1>. Actual:<2>.   at App.Tests.CalcTests.Fails() in Calc.cs:line 9',
      },
      { name: 'Skipped', status: 'skipped', durationMs: 1250, message: 'Test ignored' },
      { name: 'Crashed', status: 'errored', durationMs: 100, message: null },
    ],
  },
  {
    fixture: 'mocha.json',
    format: 'mocha-json',
    totals: totals(4, 1, 1, 1, 1),
    cases: [
      {
        suite: '',
        classname: '',
        name: 'Calc adds',
        status: 'passed',
        durationMs: 3,
        file: '/repo/test/calc.spec.js',
      },
      { name: 'Calc fails', status: 'failed', durationMs: 12, message: 'expected 1 to equal 2[31m' },
      { name: 'Calc errors', status: 'errored', message: 'boom', details: 'boom\nError: boom' },
      { name: 'Calc pending', status: 'skipped', durationMs: null },
    ],
  },
  {
    fixture: 'dart.jsonl',
    format: 'dart-json',
    totals: totals(4, 1, 1, 1, 1),
    cases: [
      {
        suite: 'test/calc_test.dart',
        classname: '',
        name: 'calc adds',
        status: 'passed',
        durationMs: 10,
        file: 'file:///repo/test/calc_test.dart',
        line: 5,
      },
      {
        name: 'calc fails',
        status: 'failed',
        message: 'Expected: <2>\n  Actual: <1>',
        details: 'Expected: <2>\n  Actual: <1>\npackage:test expect\ntest/calc_test.dart 10:5',
      },
      { name: 'calc skipped', status: 'skipped', message: 'Skip: later', line: 13 },
      { name: 'calc crashes', status: 'errored', message: 'Bad state: boom' },
    ],
  },
]

describe('test-report parsers: fixtures', () => {
  it.each(rows.map((r) => [r.fixture, r] as const))('%s', async (_name, row) => {
    const path = join(fixtures, row.fixture)
    const report = await parseTestReportFile(path, row.format)
    expect(report.totals).toEqual(row.totals)
    expect(report.tests).toHaveLength(row.cases.length)
    row.cases.forEach((expected, i) => expect(report.tests[i], `case ${i}`).toMatchObject(expected))
    // The in-memory API (string and bytes) and format sniffing agree with the file API.
    const bytes = readFileSync(path)
    expect(parseTestReport(path, bytes, 'auto')).toEqual(report)
    expect(parseTestReport(path, bytes.toString('utf8'), row.format)).toEqual(report)
  })

  it('reads UTF-16 XML with a BOM', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-16"?><testsuite name="s"><testcase classname="c" name="ü"/></testsuite>'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])
    const report = parseTestReport('utf16.xml', bytes, 'auto')
    expect(report.tests.map((t) => t.name)).toEqual(['ü'])
  })

  it('reads ISO-8859-1 declared XML', () => {
    const head = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><testsuite name="s"><testcase classname="c" name="',
      'latin1',
    )
    const bytes = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('"/></testsuite>', 'latin1')])
    expect(parseTestReport('latin1.xml', bytes, 'junit').tests[0]?.name).toBe('é')
  })

  it('bounds messages to 4 KB and details to 16 KB, marking the cut', () => {
    const long = 'x'.repeat(100_000)
    const xml = `<testsuite><testcase classname="c" name="n"><failure message="${long}">${long}</failure></testcase></testsuite>`
    const [test] = parseTestReport('long.xml', xml, 'junit').tests
    expect(test?.message?.length).toBe(4096)
    expect(test?.message?.endsWith('… [truncated]')).toBe(true)
    expect(test?.details?.length).toBe(16 * 1024)
  })

  it('does not split a surrogate pair when bounding', () => {
    const xml = `<testsuite><testcase classname="c" name="n"><failure message="${'a'.repeat(4082)}${'😀'.repeat(10)}"/></testcase></testsuite>`
    const message = parseTestReport('emoji.xml', xml, 'junit').tests[0]?.message ?? ''
    expect(message.endsWith('… [truncated]')).toBe(true)
    expect(() => encodeURIComponent(message)).not.toThrow()
  })
})
