/**
 * Reading JUnit files from disk piece by piece (`XML_CHUNK_BYTES` at a time) gives the same cases as parsing the
 * whole text at once, whatever falls on a piece boundary: a multi-byte UTF-8 character cut in two (then ASCII
 * pieces, which take the fast path, must still come after it), a BOM, UTF-16 (no fast path at all).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseTestReport, parseTestReportFile } from '../../../src/parsers/tests/index.js'
import { XML_CHUNK_BYTES } from '../../../src/parsers/tests/safe-xml.js'

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-junit-chunks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="chunks">\n'
const asciiCase = (k: number): string =>
  `  <testcase classname="pkg.Class${k % 7}" name="test_${k}" time="0.0${k % 10}" line="${k}"/>\n`

/**
 * A report whose one non-ASCII character `char` starts `before` bytes before the first piece boundary, with
 * about three more pieces of ASCII cases after it.
 */
function reportWithCharAt(char: string, before: number): string {
  // Byte lengths are counted as pieces are added: re-measuring the growing text is quadratic.
  const parts = [HEAD]
  let bytes = HEAD.length
  let k = 0
  const add = (part: string): void => {
    parts.push(part)
    bytes += Buffer.byteLength(part)
  }
  while (bytes < XML_CHUNK_BYTES - 400) add(asciiCase(k++))
  const open = '  <testcase classname="pkg.Wide" name="'
  const pad = XML_CHUNK_BYTES - before - bytes - open.length
  add(`${open}${'p'.repeat(pad)}${char} end" time="1.5"/>\n`)
  while (bytes < 4 * XML_CHUNK_BYTES) add(asciiCase(k++))
  return parts.join('') + '</testsuite>\n'
}

describe('parseTestReportFile reads pieces exactly like the whole text', () => {
  const chars: [string, string][] = [
    ['2-byte é', '\u00e9'],
    ['3-byte €', '\u20ac'],
    ['4-byte 😀', '\u{1f600}'],
  ]
  const cases: [string, string, number][] = []
  for (const [label, char] of chars) {
    const bytes = Buffer.byteLength(char)
    // The character ends right before the boundary (0), or is cut after 1..bytes-1 of its bytes.
    for (let before = 0; before <= bytes; before++)
      cases.push([`${label}, ${before} byte(s) before the boundary`, char, before])
  }

  it.each(cases)('%s', async (_label, char, before) => {
    const text = reportWithCharAt(char, before)
    const path = join(dir, `char-${before}-${char.codePointAt(0)}.xml`)
    writeFileSync(path, text)
    const expected = parseTestReport(path, text, 'junit')
    const fromFile = await parseTestReportFile(path, 'junit')
    expect(fromFile).toEqual(expected)
    expect(fromFile.tests.find((t) => t.classname === 'pkg.Wide')?.name.endsWith(`${char} end`)).toBe(true)
    expect(fromFile.tests.length).toBeGreaterThan(3000)
  })

  it('a UTF-8 BOM and an all-ASCII body', async () => {
    const text = reportWithCharAt('x', 0)
    const path = join(dir, 'bom.xml')
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
    expect(await parseTestReportFile(path, 'junit')).toEqual(parseTestReport(path, text, 'junit'))
  })

  it('UTF-16LE with a BOM (decoder only), a non-ASCII name across a boundary', async () => {
    const text = reportWithCharAt('\u20ac', 1).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    const path = join(dir, 'utf16.xml')
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    expect(await parseTestReportFile(path, 'junit')).toEqual(parseTestReport(path, text, 'junit'))
  })

  it('an invalid lead byte ending a piece, ASCII after it: U+FFFD in place, as TextDecoder makes it', async () => {
    const text = reportWithCharAt('#', 1)
    const bytes = Buffer.from(text)
    const at = bytes.indexOf('#')
    bytes[at] = 0xc3 // a lead byte followed by ASCII: invalid
    const path = join(dir, 'invalid.xml')
    writeFileSync(path, bytes)
    const report = await parseTestReportFile(path, 'junit')
    expect(report).toEqual(parseTestReport(path, new TextDecoder().decode(bytes), 'junit'))
    expect(report.tests.find((t) => t.classname === 'pkg.Wide')?.name.endsWith('\ufffd end')).toBe(true)
  })
})
