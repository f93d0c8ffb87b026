/**
 * Test-report parsers: a report file (JUnit XML in all its dialects, NUnit 2/3, xUnit.net v2, TRX, Mocha JSON,
 * Dart JSON) → `ParsedTestReport`.
 *
 * How each format maps onto `suite` / `classname` / `name` (details in each format's file):
 * | format     | suite                                  | classname                    | name                  |
 * |------------|----------------------------------------|------------------------------|-----------------------|
 * | junit      | innermost `<testsuite name>`           | `classname`                  | `name`                |
 * | nunit      | enclosing `<test-suite>` full name     | `classname` (NUnit 3; else '') | `name`              |
 * | xunit      | `<collection>`/`<class>` name          | `type`                       | `method`              |
 * | trx        | ''                                     | `TestMethod/@className` (before `,`) | `testName` minus `classname.` |
 * | mocha-json | ''                                     | ''                           | `fullTitle`           |
 * | dart-json  | suite `path`                           | ''                           | test `name`           |
 * Statuses: passed, failed, errored, skipped (JUnit's `disabled` and NUnit's ignored/not-run count as skipped).
 * Several results in one case: error > failure > success > skipped > disabled. `durationMs` comes from seconds
 * (milliseconds for Mocha and Dart, whose formats use them). `message` is bounded to 4 KB, `details` to 16 KB.
 *
 * Safety: XML is read by `safe-xml.ts` (no DTD entities, no external reads or fetches, entity bombs refused);
 * every input is size-checked against `maxBytes` (default 100 MB) before it is read; every failure is a
 * `TestReportParseError` naming the file, line and column.
 */
import { open, stat } from 'node:fs/promises'
import type { ParsedTestCase, ParsedTestReport } from '../../model/test-case.js'
import { buildReport } from './case-outcome.js'
import { parseDartJson } from './dart-json.js'
import { TestReportParseError } from './errors.js'
import { DEFAULT_MAX_REPORT_BYTES, TEST_FORMATS } from './formats.js'
import type { TestFormat } from './formats.js'
import { JUnitHandler } from './junit.js'
import { parseMochaJson } from './mocha-json.js'
import { parseNUnit } from './nunit.js'
import { readXml, SafeXmlReader, XML_CHUNK_BYTES, XmlChunkDecoder, xmlDecoderFor } from './safe-xml.js'
import { sniffTestFormat } from './sniff.js'
import { parseTrx } from './trx.js'
import { parseXUnit } from './xunit.js'

export { TestReportParseError } from './errors.js'
export { DEFAULT_MAX_REPORT_BYTES, TEST_FORMATS } from './formats.js'
export type { TestFormat } from './formats.js'
export { sniffTestFormat } from './sniff.js'
export { MAX_DETAILS_CHARS, MAX_MESSAGE_CHARS, boundText } from './case-outcome.js'

/** Options for the parsers. */
export interface TestParseOptions {
  /** Largest report accepted, in bytes (default 100 MB). Larger files are refused before they are read. */
  maxBytes?: number
}

/** How many characters of a report `sniffTestFormat` is given. */
const SNIFF_CHARS = 4096

function limitOf(options: TestParseOptions | undefined): number {
  return options?.maxBytes ?? DEFAULT_MAX_REPORT_BYTES
}

function tooLarge(path: string, bytes: number, limit: number): TestReportParseError {
  return new TestReportParseError(
    path,
    `the report is ${bytes} bytes, over the limit of ${limit} bytes (${(limit / 1024 / 1024).toFixed(1)} MB); ` +
      `raise the limit with the test parser option maxBytes if this report is expected to be this large`,
  )
}

function resolveFormat(path: string, head: string, format: TestFormat | 'auto'): TestFormat {
  if (format !== 'auto') {
    if (!TEST_FORMATS.includes(format)) {
      throw new TestReportParseError(
        path,
        `unknown test report format "${String(format)}"; use one of ${TEST_FORMATS.join(', ')}`,
      )
    }
    return format
  }
  const sniffed = sniffTestFormat(path, head)
  if (sniffed === undefined) {
    throw new TestReportParseError(
      path,
      `cannot tell the test report format from the file's start; name it explicitly (${TEST_FORMATS.join(', ')})`,
    )
  }
  return sniffed
}

function parseJUnit(path: string, content: string | Uint8Array): ParsedTestCase[] {
  const handler = new JUnitHandler(path)
  readXml(path, content, handler)
  return handler.tests
}

function parseAs(path: string, content: string | Uint8Array, format: TestFormat): ParsedTestCase[] {
  switch (format) {
    case 'junit':
      return parseJUnit(path, content)
    case 'nunit':
      return parseNUnit(path, content)
    case 'xunit':
      return parseXUnit(path, content)
    case 'trx':
      return parseTrx(path, content)
    case 'mocha-json':
      return parseMochaJson(path, content)
    case 'dart-json':
      return parseDartJson(path, content)
  }
}

function headOf(content: string | Uint8Array): string {
  if (typeof content === 'string') return content.slice(0, SNIFF_CHARS)
  const bytes = content.subarray(0, SNIFF_CHARS * 2)
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00)) {
    return new TextDecoder('utf-16le').decode(bytes)
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) {
    return new TextDecoder('utf-16be').decode(bytes)
  }
  return new TextDecoder('utf-8').decode(bytes)
}

/**
 * Parses one report held in memory. `path` is only used in error messages and for sniffing.
 * @throws TestReportParseError when the content is empty, too large, malformed, unsafe or not of the format.
 */
export function parseTestReport(
  path: string,
  content: string | Buffer,
  format: TestFormat | 'auto',
  options?: TestParseOptions,
): ParsedTestReport {
  const limit = limitOf(options)
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length
  if (bytes > limit) throw tooLarge(path, bytes, limit)
  if (bytes === 0) throw new TestReportParseError(path, 'file is empty')
  return buildReport(parseAs(path, content, resolveFormat(path, headOf(content), format)))
}

/**
 * Reads and parses one report file. The size is checked before anything is read; JUnit files are streamed (read
 * 256 KB at a time, decoded and scanned 64 KB at a time) so memory stays proportional to the tests found, not to
 * the file.
 * @throws TestReportParseError when the file does not exist, is empty, too large, malformed or unsafe.
 */
export async function parseTestReportFile(
  path: string,
  format: TestFormat | 'auto',
  options?: TestParseOptions,
): Promise<ParsedTestReport> {
  const limit = limitOf(options)
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new TestReportParseError(path, 'not a regular file')
    size = info.size
  } catch (e) {
    if (e instanceof TestReportParseError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new TestReportParseError(path, 'file does not exist')
    throw new TestReportParseError(path, `cannot read the file: ${(e as Error).message}`)
  }
  if (size > limit) throw tooLarge(path, size, limit)
  if (size === 0) throw new TestReportParseError(path, 'file is empty')
  const handle = await open(path, 'r')
  try {
    const first = Buffer.alloc(Math.min(size, XML_CHUNK_BYTES))
    const { bytesRead } = await handle.read(first, 0, first.length, 0)
    const head = first.subarray(0, bytesRead)
    const resolved = resolveFormat(path, headOf(head), format)
    if (resolved !== 'junit' || bytesRead >= size) {
      if (bytesRead >= size) return buildReport(parseAs(path, head, resolved))
      const all = Buffer.alloc(size)
      head.copy(all)
      let offset = bytesRead
      while (offset < size) {
        const r = await handle.read(all, offset, size - offset, offset)
        if (r.bytesRead === 0) break
        offset += r.bytesRead
      }
      return buildReport(parseAs(path, all.subarray(0, offset), resolved))
    }
    // Streaming JUnit: decode and scan piece by piece.
    const handler = new JUnitHandler(path)
    const reader = new SafeXmlReader(path, handler)
    const decoder = new XmlChunkDecoder(xmlDecoderFor(path, head))
    decoder.feed(head, reader)
    // The first piece's buffer is reused for the rest: the reader keeps text, never the bytes.
    const piece = first
    let offset = bytesRead
    for (;;) {
      const r = await handle.read(piece, 0, piece.length, offset)
      if (r.bytesRead === 0) break
      offset += r.bytesRead
      // The file may grow while we read; the limit still holds.
      if (offset > limit) throw tooLarge(path, offset, limit)
      decoder.feed(piece.subarray(0, r.bytesRead), reader)
    }
    reader.write(decoder.flush())
    reader.end()
    return buildReport(handler.tests)
  } finally {
    await handle.close()
  }
}
