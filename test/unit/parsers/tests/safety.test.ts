/**
 * Hostile and broken inputs: external entities (file and loopback HTTP), entity-expansion bombs, oversized files,
 * missing/empty files, malformed XML and JSON with positions, and chunk boundaries anywhere in the input.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  parseTestReport,
  parseTestReportFile,
  TestReportParseError,
} from '../../../../src/parsers/tests/index.js'
import type { TestFormat } from '../../../../src/parsers/tests/index.js'
import { JUnitHandler } from '../../../../src/parsers/tests/junit.js'
import { SafeXmlReader } from '../../../../src/parsers/tests/safe-xml.js'

const fixtures = resolve(fileURLToPath(import.meta.url), '../../../../fixtures/parsers/tests')
const SECRET = 'TOP-SECRET-7f3a9c'

function parseError(fn: () => unknown): TestReportParseError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TestReportParseError) return e
    throw e
  }
  throw new Error('expected a TestReportParseError, but parsing succeeded')
}

async function parseErrorAsync(fn: () => Promise<unknown>): Promise<TestReportParseError> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof TestReportParseError) return e
    throw e
  }
  throw new Error('expected a TestReportParseError, but parsing succeeded')
}

describe('external entities (XXE)', () => {
  let dir: string
  let secretPath: string
  let requests = 0
  let baseUrl = ''
  const server = createServer((_req, res) => {
    requests++
    res.end(SECRET)
  })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gauntlet-xxe-'))
    secretPath = join(dir, 'secret.txt')
    writeFileSync(secretPath, SECRET)
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await new Promise<void>((ok) => server.close(() => ok()))
  })

  const junitWith = (doctype: string, body = '&xxe;'): string =>
    `<?xml version="1.0"?>\n${doctype}\n<testsuites><testsuite name="s"><testcase classname="c" name="n">` +
    `<failure message="x">${body}</failure></testcase></testsuite></testsuites>`
  const nunitWith = (doctype: string): string =>
    `<?xml version="1.0"?>\n${doctype}\n<test-results total="1"><test-suite name="s"><results>` +
    `<test-case name="n" executed="True" success="False"><failure><message>&xxe;</message></failure></test-case>` +
    `</results></test-suite></test-results>`

  const fileCases: [string, string, TestFormat][] = [
    ['absolute path', `<!DOCTYPE t [<!ENTITY xxe SYSTEM "SECRET_PATH">]>`, 'junit'],
    ['file URL', `<!DOCTYPE t [<!ENTITY xxe SYSTEM "SECRET_URL">]>`, 'junit'],
    ['relative path (as in the corpus)', `<!DOCTYPE t [<!ENTITY xxe SYSTEM "secret.txt">]>`, 'nunit'],
    ['parameter entity', `<!DOCTYPE t [<!ENTITY % xxe SYSTEM "SECRET_PATH"> %xxe;]>`, 'junit'],
  ]

  it.each(fileCases)('never reads a file entity: %s', async (_label, doctype, format) => {
    const dt = doctype
      .replace('SECRET_PATH', secretPath)
      .replace('SECRET_URL', pathToFileURL(secretPath).href)
    const xml = format === 'nunit' ? nunitWith(dt) : junitWith(dt)
    const path = join(dir, `report-${format}.xml`)
    writeFileSync(path, xml)
    const error = await parseErrorAsync(() => parseTestReportFile(path, 'auto'))
    expect(error.message).toMatch(/DOCTYPE declares entities.*XXE/)
    expect(error.message).not.toContain(SECRET)
    expect(error.line).toBe(2)
    const inMemory = parseError(() => parseTestReport(path, xml, format))
    expect(inMemory.message).not.toContain(SECRET)
  })

  it('never fetches a URL entity or an external DTD', async () => {
    const entity = junitWith(`<!DOCTYPE t [<!ENTITY xxe SYSTEM "${baseUrl}/entity">]>`)
    const dtdOnly = junitWith(`<!DOCTYPE testsuites SYSTEM "${baseUrl}/evil.dtd">`, 'plain text')
    expect(() => parseTestReport('entity.xml', entity, 'junit')).toThrow(TestReportParseError)
    // A DOCTYPE without entity declarations is skipped, never fetched; the report parses.
    const report = parseTestReport('dtd.xml', dtdOnly, 'junit')
    expect(report.tests[0]?.details).toBe('plain text')
    // Give a stray request (if the parser had issued one) time to land: one bounded macrotask round-trip.
    await new Promise<void>((ok) => setTimeout(ok, 50))
    expect(requests).toBe(0)
  })

  it('an undeclared entity is an error, not an empty string', () => {
    const error = parseError(() => parseTestReport('u.xml', junitWith('', '&xxe;'), 'junit'))
    expect(error.message).toMatch(/undefined entity &xxe;/)
  })
})

describe('entity-expansion bombs', () => {
  it('refuses billion laughs quickly with a clear error', () => {
    const path = join(fixtures, 'billion-laughs.xml')
    const started = process.hrtime.bigint()
    const error = parseError(() => parseTestReport(path, readFileSync(path), 'auto'))
    expect(error.message).toMatch(/entity-expansion \("billion laughs"\)/)
    expect(error.line).toBe(3)
    // No expansion happened: 10^9 "lol"s would take seconds and gigabytes.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000)
  })
})

describe('size limits and unreadable files', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gauntlet-size-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses content over maxBytes, naming the file, the limit and how to raise it', () => {
    const xml = '<testsuite>' + '<testcase classname="c" name="n"/>'.repeat(10) + '</testsuite>'
    const error = parseError(() => parseTestReport('reports/big.xml', xml, 'junit', { maxBytes: 100 }))
    expect(error.file).toBe('reports/big.xml')
    expect(error.message).toMatch(
      /^file=reports\/big\.xml: the report is \d+ bytes, over the limit of 100 bytes/,
    )
    expect(error.message).toContain('maxBytes')
  })

  it('checks a file size before reading it', async () => {
    const path = join(dir, 'big.xml')
    writeFileSync(path, '<testsuite>' + ' '.repeat(5000) + '</testsuite>')
    const error = await parseErrorAsync(() => parseTestReportFile(path, 'junit', { maxBytes: 1000 }))
    expect(error.message).toMatch(/over the limit of 1000 bytes/)
    await expect(parseTestReportFile(path, 'junit', { maxBytes: 10_000 })).resolves.toMatchObject({
      totals: { tests: 0 },
    })
  })

  it.each([
    ['missing file', 'does-not-exist.xml', /file does not exist/],
    ['empty file', 'empty.xml', /file is empty/],
    ['directory', '.', /not a regular file/],
  ])('%s', async (_label, name, reason) => {
    writeFileSync(join(dir, 'empty.xml'), '')
    const error = await parseErrorAsync(() => parseTestReportFile(join(dir, name), 'auto'))
    expect(error.message).toMatch(reason)
  })

  it('empty in-memory content is an error', () => {
    expect(parseError(() => parseTestReport('e.json', '', 'auto')).message).toMatch(/file is empty/)
  })

  it('an unknown format or an unrecognisable file is an error', () => {
    expect(parseError(() => parseTestReport('x.xml', '<html/>', 'auto')).message).toMatch(/cannot tell/)
    expect(parseError(() => parseTestReport('x.xml', '<a/>', 'bogus' as TestFormat)).message).toMatch(
      /unknown test report format/,
    )
  })
})

describe('malformed input: reason, line and column', () => {
  const xmlCases: [string, string, TestFormat, RegExp, number, number][] = [
    [
      'truncated file',
      readFileSync(join(fixtures, 'junit-malformed.xml'), 'utf8'),
      'junit',
      /unclosed tag <testcase> \(opened at line 4 col 5\)/,
      6,
      1,
    ],
    [
      'mismatched tag',
      '<testsuite>\n  <testcase>\n</testsuite>',
      'junit',
      /mismatched closing tag <\/testsuite>: expected <\/testcase>/,
      3,
      1,
    ],
    ['undefined entity', '<testsuite name="a&nbsp;b"/>', 'junit', /undefined entity &nbsp;/, 1, 19],
    [
      'bare ampersand',
      '<testsuite>\n<testcase name="a & b"/></testsuite>',
      'junit',
      /"&" must be escaped/,
      2,
      19,
    ],
    [
      'NUL character',
      '<testsuite>\n <testcase name="a\u0000"/></testsuite>',
      'junit',
      /U\+0000 is not allowed/,
      2,
      19,
    ],
    ['NUL reference', '<testsuite name="&#0;"/>', 'junit', /invalid character reference &#0;/, 1, 18],
    ['unquoted attribute', '<testsuite name=x/>', 'junit', /must be quoted/, 1, 17],
    ['duplicate attribute', '<testsuite name="a" name="b"/>', 'junit', /duplicate attribute "name"/, 1, 21],
    ['text before the root', 'hello <testsuite/>', 'junit', /text before the root element/, 1, 1],
    ['two roots', '<testsuite/><testsuite/>', 'junit', /content after the root element/, 1, 13],
    ['< in an attribute', '<testsuite name="a<b"/>', 'junit', /"<" in the value of attribute "name"/, 1, 19],
    [
      'unterminated comment',
      '<testsuite><!-- oops </testsuite>',
      'junit',
      /unterminated comment \(opened at line 1 col 12\)/,
      1,
      34,
    ],
    [
      'not JUnit',
      '<suites><suite/></suites>',
      'junit',
      /not a JUnit XML report: the root element is <suites>/,
      0,
      0,
    ],
    ['not NUnit', '<testsuites/>', 'nunit', /not an NUnit report/, 0, 0],
    ['not xUnit', '<testsuites/>', 'xunit', /not an xUnit.net report/, 0, 0],
    ['not TRX', '<testsuites/>', 'trx', /not a TRX report/, 0, 0],
    ['only a declaration', '<?xml version="1.0"?>\n', 'junit', /no root element/, 2, 1],
  ]

  it.each(xmlCases)('%s', (_label, content, format, reason, line, column) => {
    const error = parseError(() => parseTestReport('reports/x.xml', content, format))
    expect(error.message).toMatch(reason)
    expect(error.message.startsWith('file=reports/x.xml')).toBe(true)
    if (line > 0) {
      expect([error.line, error.column]).toEqual([line, column])
      expect(error.message).toContain(`line ${line} col ${column}: `)
    }
  })

  const jsonCases: [string, string, TestFormat, RegExp, number | undefined][] = [
    ['malformed mocha JSON', '{\n  "stats": {,}\n}', 'mocha-json', /malformed JSON/, 2],
    ['mocha JSON without tests', '{"stats": {}}', 'mocha-json', /not a Mocha JSON report/, undefined],
    [
      'malformed dart line',
      '{"protocolVersion":"0.1.1","type":"start","time":0}\n{"type": oops}\n',
      'dart-json',
      /malformed JSON/,
      2,
    ],
    ['dart stream without start', '{"type":"suite"}\n', 'dart-json', /first event must be/, 1],
  ]

  it.each(jsonCases)('%s', (_label, content, format, reason, line) => {
    const error = parseError(() => parseTestReport('reports/x.json', content, format))
    expect(error.message).toMatch(reason)
    expect(error.line).toBe(line)
  })
})

describe('chunk boundaries', () => {
  // Splitting the input anywhere (inside tags, entities, CRLF pairs, CDATA, surrogate pairs) must not change the result.
  const files = ['junit-unicode-entities.xml', 'junit-crlf.xml', 'junit-hostile.xml', 'junit-multiresult.xml']

  it.each(files)('%s parses the same in pieces of 1, 2, 3, 7 and 64 characters', (file) => {
    const text = readFileSync(join(fixtures, file), 'utf8')
    const whole = parseTestReport(file, text, 'junit').tests
    for (const size of [1, 2, 3, 7, 64]) {
      const handler = new JUnitHandler(file)
      const reader = new SafeXmlReader(file, handler)
      for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size))
      reader.end()
      expect(handler.tests, `pieces of ${size}`).toEqual(whole)
    }
  })
})
