/**
 * The fast paths of the XML reading path must give exactly what the plain paths give:
 * - `XmlChunkDecoder`: ASCII pieces become text without UTF-8 decoding, other pieces go through the streaming
 *   decoder, including multi-byte characters cut by a piece boundary and ASCII pieces right after such a cut;
 * - `SafeXmlReader.write` with large chunks: the token cut by a chunk boundary is finished in a small joint string,
 *   then reading goes on in the chunk itself (or, for a token longer than the joint, in the joined text);
 * - the JUnit handler's in-place readers of `time`, `line`, `classname` and `file`, `plainDecimal`,
 *   `resolveOutcome`'s loop, and the entity decoder's loop (which must not find Object.prototype members).
 */
import { describe, expect, it } from 'vitest'
import { parseTestReport, TestReportParseError } from '../../../../src/parsers/tests/index.js'
import { plainDecimal, resolveOutcome, secondsToMs } from '../../../../src/parsers/tests/case-outcome.js'
import type { RawResult } from '../../../../src/parsers/tests/case-outcome.js'
import { JUnitHandler } from '../../../../src/parsers/tests/junit.js'
import {
  readXml,
  SafeXmlReader,
  XmlChunkDecoder,
  xmlDecoderFor,
} from '../../../../src/parsers/tests/safe-xml.js'
import type { XmlAttributes, XmlHandler } from '../../../../src/parsers/tests/safe-xml.js'

/** Decodes `bytes` cut at `cuts` through one XmlChunkDecoder. */
function decodeInPieces(bytes: Uint8Array, cuts: readonly number[]): string {
  const decoder = new XmlChunkDecoder(xmlDecoderFor('t.xml', bytes))
  let out = ''
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    out += decoder.decode(bytes.subarray(from, cut))
    from = cut
  }
  return out + decoder.flush()
}

describe('XmlChunkDecoder: ASCII fast path and streaming fallback', () => {
  const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'))
  const cases: [string, Uint8Array, string][] = [
    ['pure ASCII', utf8('<a x="1">plain text</a>'), '<a x="1">plain text</a>'],
    ['2-byte character', utf8('<a>caf\u00e9 au lait</a>'), '<a>caf\u00e9 au lait</a>'],
    ['3-byte character', utf8('<a>\u20ac 12 \u4e2d\u6587</a>'), '<a>\u20ac 12 \u4e2d\u6587</a>'],
    ['4-byte character (surrogate pair)', utf8('<a>ok \u{1f600} done</a>'), '<a>ok \u{1f600} done</a>'],
    ['invalid: a lead byte followed by ASCII', new Uint8Array([0x61, 0x62, 0xc3, 0x63, 0x64]), 'ab\ufffdcd'],
    ['invalid: a lone continuation byte', new Uint8Array([0x61, 0x80, 0x62]), 'a\ufffdb'],
    ['UTF-8 BOM (kept out of the text)', utf8('\ufeff<a>x</a>'), '<a>x</a>'],
    [
      'UTF-16LE with BOM (no fast path)',
      new Uint8Array(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>\u00e9t\u00e9</a>', 'utf16le')]),
      ),
      '<a>\u00e9t\u00e9</a>',
    ],
    [
      'windows-1252 declared (decoder, not Latin-1 by accident)',
      new Uint8Array(
        Buffer.concat([
          Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>'),
          Buffer.from([0x80, 0xe9]),
          Buffer.from('</a>'),
        ]),
      ),
      '<?xml version="1.0" encoding="windows-1252"?><a>\u20ac\u00e9</a>',
    ],
  ]

  it.each(cases)('%s: the same text for every single cut and for all cuts', (_label, bytes, expected) => {
    expect(decodeInPieces(bytes, [])).toBe(expected)
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decodeInPieces(bytes, [cut]), `cut at byte ${cut}`).toBe(expected)
    }
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, k) => k + 1)
    expect(decodeInPieces(bytes, everyByte)).toBe(expected)
  })

  it('an ASCII piece right after a piece ending mid-character goes through the decoder', () => {
    // "é" is C3 A9: the first piece ends after C3, the next piece (A9 then ASCII) and the one after are plain.
    const bytes = utf8('ab\u00e9cd')
    expect(decodeInPieces(bytes, [3, 4])).toBe('ab\u00e9cd')
    expect(decodeInPieces(bytes, [3])).toBe('ab\u00e9cd')
  })

  it('a multi-byte character cut at the end of the input becomes U+FFFD (as TextDecoder does)', () => {
    const bytes = utf8('ab\u20ac').subarray(0, 4) // E2 82 of E2 82 AC
    expect(decodeInPieces(bytes, [2])).toBe('ab\ufffd')
    expect(decodeInPieces(bytes, [3])).toBe(new TextDecoder().decode(bytes))
  })

  it('takes the fast path for ASCII (a one-byte Latin-1 copy of the bytes)', () => {
    const bytes = new Uint8Array(Buffer.from('<r>' + 'x'.repeat(1000) + '</r>'))
    const decoder = new XmlChunkDecoder(new TextDecoder('utf-8'))
    expect(decoder.decode(bytes)).toBe('<r>' + 'x'.repeat(1000) + '</r>')
    expect(decoder.flush()).toBe('')
  })
})

/** Records every event, so two readings of one document can be compared exactly. */
class Recorder implements XmlHandler {
  readonly events: string[] = []
  private text_ = ''
  openTag(name: string, attributes: XmlAttributes): void {
    this.flushText()
    this.events.push(`<${name} ${JSON.stringify(attributes.toRecord())}`)
  }
  closeTag(name: string): void {
    this.flushText()
    this.events.push(`</${name}`)
  }
  text(text: string): void {
    this.text_ += text
  }
  private flushText(): void {
    if (this.text_ !== '') this.events.push(`#${this.text_}`)
    this.text_ = ''
  }
}

function eventsOf(pieces: readonly string[]): string[] {
  const recorder = new Recorder()
  const reader = new SafeXmlReader('big.xml', recorder)
  for (const piece of pieces) reader.write(piece)
  reader.end()
  return recorder.events
}

function cutInto(text: string, size: number, offset: number): string[] {
  const pieces: string[] = [text.slice(0, offset)]
  for (let i = offset; i < text.length; i += size) pieces.push(text.slice(i, i + size))
  return pieces
}

/** A document with every kind of token, several times, so that large chunks end inside each kind somewhere. */
function bigDocument(): string {
  let doc = '<?xml version="1.0"?>\r\n<!-- head comment -->\n<testsuites name="s&amp;s">\n'
  for (let k = 0; k < 120; k++) {
    doc +=
      `  <testsuite name="suite${k}" time="1.5">\r\n` +
      `    <testcase classname="pkg.Class${k % 7}" name="caf\u00e9 \u{1f600} ${k}" time="0.0${k % 10}" line="${k}">` +
      `<failure message="expected &lt;${k}&gt; &#x4e2d; &#20013;">trace &amp; more\n\tat x</failure>` +
      `<system-out><![CDATA[raw <out> & ]] ]]>\r\n</system-out><!-- c ${k} -->` +
      '</testcase>\n' +
      `    <testcase classname="pkg.Long" name="${'n'.repeat(k % 3 === 0 ? 5000 : 40)}"/>\n` +
      `    <testcase name='single' classname = 'q'>${'text '.repeat(k % 5 === 0 ? 2000 : 3)}</testcase>\n` +
      '  </testsuite>\n'
  }
  return doc + '</testsuites>\n'
}

describe('SafeXmlReader with large chunks (joint string, then the chunk itself)', () => {
  const doc = bigDocument()
  const whole = eventsOf([doc])

  it.each([
    [8193, 0],
    [8193, 4097],
    [9001, 123],
    [12289, 7000],
    [16384, 1],
    [65536, 5003],
  ])('chunks of %i characters after a first piece of %i read the same events', (size, offset) => {
    expect(eventsOf(cutInto(doc, size, offset))).toEqual(whole)
  })

  it('a token longer than the joint (a 20 000-character attribute) is joined in full', () => {
    const long = '<r><a v="' + 'x'.repeat(20000) + '"/><b>t</b></r>'
    const expected = eventsOf([long])
    for (const size of [8193, 10000, 12000]) expect(eventsOf(cutInto(long, size, 5))).toEqual(expected)
  })

  it('an entity cut by a chunk boundary is decoded once, in text and in attributes', () => {
    const filler = 'y'.repeat(9000)
    for (const cut of [9005, 9006, 9007, 9008]) {
      const text = `<r>${filler}&amp;<e a="${filler}&lt;z"/></r>`
      const at = text.indexOf('&amp;')
      const pieces = [text.slice(0, at + (cut - 9005)), text.slice(at + (cut - 9005))]
      expect(eventsOf(pieces)).toEqual(eventsOf([text]))
    }
    const junit = `<testsuite name="s"><testcase classname="c" name="${'n'.repeat(9000)}&amp;m"/></testsuite>`
    const amp = junit.indexOf('&amp;')
    for (let d = 0; d <= 5; d++) {
      const handler = new JUnitHandler('j.xml')
      const reader = new SafeXmlReader('j.xml', handler)
      reader.write(junit.slice(0, amp + d))
      reader.write(junit.slice(amp + d) + ' '.repeat(9000))
      reader.end()
      expect(handler.tests[0]?.name).toBe('n'.repeat(9000) + '&m')
    }
  })

  it('a CDATA section cut by a chunk boundary keeps its text whole', () => {
    const body = 'z'.repeat(9000) + ' <not a tag> & ]] '
    const text = `<r><![CDATA[${body}]]></r>`
    for (const cut of [5000, 9010, 9020, text.length - 4, text.length - 3]) {
      expect(eventsOf([text.slice(0, cut), text.slice(cut) + '\n'.repeat(9000)])).toEqual(eventsOf([text]))
    }
  })

  it('"]]>" in text is refused wherever a chunk boundary cuts it', () => {
    const text = '<r>' + 'w'.repeat(9000) + ']]>x</r>'
    const at = text.indexOf(']]>')
    for (let cut = at - 1; cut <= at + 3; cut++) {
      expect(() => eventsOf([text.slice(0, cut), text.slice(cut)]), `cut at ${cut - at}`).toThrow(
        /line 1 col 9004: "\]\]>" is not allowed in text/,
      )
    }
    // Text ending in "]" that is not followed by ">" is kept whole.
    const fine = '<r>a]' + 'b'.repeat(9000) + ']]</r>'
    for (const cut of [5, 6, 9005, 9006, 9007]) {
      expect(eventsOf([fine.slice(0, cut), fine.slice(cut)])).toEqual([
        '<r {}',
        `#a]${'b'.repeat(9000)}]]`,
        '</r',
      ])
    }
  })

  it('errors after several chunk switches name the same line and column as in one piece', () => {
    const bad = doc.replace('</testsuites>', '<oops attr=novalue/></testsuites>')
    const positionOf = (pieces: readonly string[]): string => {
      try {
        eventsOf(pieces)
      } catch (e) {
        if (e instanceof TestReportParseError) return `${e.line}:${e.column} ${e.message}`
        throw e
      }
      throw new Error('expected an error')
    }
    const expected = positionOf([bad])
    expect(expected).toMatch(/must be quoted/)
    for (const size of [8193, 12289, 65536]) expect(positionOf(cutInto(bad, size, 77))).toBe(expected)
  })

  it('line numbers stay right whatever the cut (short lines, every offset)', () => {
    const lines = '<r>\n' + '<t a="1"/>\n'.repeat(3000) + '<t a=1/>\n</r>\n'
    let expected = ''
    try {
      eventsOf([lines])
    } catch (e) {
      expected = (e as Error).message
    }
    expect(expected).toMatch(/line 3002 col 6: value of attribute "a" in <t> must be quoted/)
    for (let offset = 0; offset < 12; offset++) {
      expect(() => eventsOf(cutInto(lines, 8193, offset)), `offset ${offset}`).toThrow(expected)
    }
  })

  it('columns stay right on one long line, and for a tag left open before the switch', () => {
    const oneLine = '<r><u>' + '<t a="1"/>'.repeat(3000) + '<t a=1/></u></r>'
    for (let offset = 0; offset < 12; offset++) {
      expect(() => eventsOf(cutInto(oneLine, 8193, offset)), `offset ${offset}`).toThrow(
        /line 1 col 30012: value of attribute "a" in <t> must be quoted/,
      )
    }
    const unclosed = '<r>' + '<t a="1"/>'.repeat(900) + '<open>' + '<t a="1"/>'.repeat(2000)
    for (let offset = 0; offset < 12; offset++) {
      expect(() => eventsOf(cutInto(unclosed, 8193, offset)), `offset ${offset}`).toThrow(
        /unclosed tag <open> \(opened at line 1 col 9004\)/,
      )
    }
  })
})

describe('JUnit in-place attribute readers', () => {
  const one = (attributes: string): Record<string, unknown> => {
    const tests = parseTestReport(
      'r.xml',
      `<testsuite name="s"><testcase ${attributes}/></testsuite>`,
      'junit',
    ).tests
    expect(tests).toHaveLength(1)
    return tests[0] as unknown as Record<string, unknown>
  }
  it.each([
    ['plain time', 'name="n" time="0.019"', { durationMs: Number('0.019') * 1000 }],
    ['integer time', 'name="n" time="12"', { durationMs: 12000 }],
    ['time with thousands comma', 'name="n" time="1,234.5"', { durationMs: 1234500 }],
    ['time with an entity', 'name="n" time="&#49;.5"', { durationMs: 1500 }],
    ['time with spaces', 'name="n" time=" 2.5 "', { durationMs: 2500 }],
    ['time not a number', 'name="n" time="abc"', { durationMs: null }],
    ['empty time', 'name="n" time=""', { durationMs: null }],
    ['exponent time', 'name="n" time="1e-3"', { durationMs: 1 }],
    ['line with an entity', 'name="n" line="&#52;2"', { line: 42 }],
    ['empty line', 'name="n" line=""', { line: null }],
    ['classname with an entity', 'name="n" classname="a&amp;b"', { classname: 'a&b' }],
    ['empty classname', 'name="n" classname=""', { classname: '' }],
    ['file with an entity', 'name="n" file="x&lt;y.py"', { file: 'x<y.py' }],
    ['no classname, no file', 'name="n"', { classname: '', file: null }],
  ])('%s', (_label, attributes, expected) => {
    expect(one(attributes)).toMatchObject(expected)
  })

  it('class and file names that share a cache slot are still told apart', () => {
    // Same length, same characters at the hashed positions, different elsewhere.
    const names = ['aXcdefgh1', 'aYcdefgh1', 'aXcdefgh1', 'aZcdefgh1']
    const cases = names.map((n, k) => `<testcase classname="${n}" file="${n}.py" name="t${k}"/>`).join('')
    const tests = parseTestReport('r.xml', `<testsuite name="s">${cases}</testsuite>`, 'junit').tests
    expect(tests.map((t) => t.classname)).toEqual(names)
    expect(tests.map((t) => t.file)).toEqual(names.map((n) => `${n}.py`))
  })
})

describe('plainDecimal agrees with Number()', () => {
  const fixed = ['0', '0.0', '0.019', '12', '1.5', '007', '123456789012345', '1234567.8901234', '0.1', '0.3']
  const rejected = ['', '.5', '5.', '1.2.3', '-1', '+1', '1e3', ' 1', '1 ', '0x10', '1,5', '1234567890123456']
  it.each(fixed)('%s', (text) => {
    expect(plainDecimal(text)).toBe(Number(text))
    expect(secondsToMs(text)).toBe(Number(text) * 1000)
  })
  it.each(rejected)('"%s" is left to the general rule', (text) => {
    expect(plainDecimal(text)).toBeUndefined()
  })
  it('on 2000 generated decimals (fixed seed)', () => {
    let seed = 12345
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let k = 0; k < 2000; k++) {
      const int = String(next() % 100000)
      const frac = String(next()).slice(0, 1 + (next() % 9))
      const text = next() % 4 === 0 ? int : `${int}.${frac}`
      expect(plainDecimal(text), text).toBe(Number(text))
    }
  })
  it('reads a range of a longer string', () => {
    expect(plainDecimal('time="0.25"', 6, 10)).toBe(0.25)
  })
})

describe('resolveOutcome', () => {
  const r = (kind: RawResult['kind'], message: string | null, content: string | null): RawResult => ({
    kind,
    message,
    content,
  })
  it.each<
    [string, RawResult[], string | null, { status: string; message: string | null; details: string | null }]
  >([
    ['no results', [], null, { status: 'passed', message: null, details: null }],
    ['no results, disabled', [], 'disabled', { status: 'skipped', message: null, details: null }],
    ['one failure', [r('failure', 'm', 'c')], null, { status: 'failed', message: 'm', details: 'c' }],
    [
      'error beats failure',
      [r('failure', 'f', 'cf'), r('error', 'e', 'ce')],
      null,
      { status: 'errored', message: 'e', details: 'ce' },
    ],
    [
      'failure beats skipped',
      [r('skipped', 's', null), r('failure', 'f', null)],
      null,
      { status: 'failed', message: 'f', details: null },
    ],
    [
      'two failures are joined; empty messages dropped, empty contents kept',
      [r('failure', 'a', 'x'), r('failure', '', ''), r('failure', 'b', null)],
      null,
      { status: 'failed', message: 'a\nb', details: 'x\n' },
    ],
    [
      'skipped with disabled status',
      [r('skipped', null, null)],
      'disabled',
      { status: 'skipped', message: null, details: null },
    ],
    ['disabled kind', [r('disabled', 'd', null)], null, { status: 'skipped', message: 'd', details: null }],
  ])('%s', (_label, results, status, expected) => {
    expect(resolveOutcome(results, status)).toEqual(expected)
  })
})

describe('entity references', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '&%s; is an undefined entity, not an Object.prototype member',
    (name) => {
      expect(() => readXml('r.xml', `<r>a &${name}; b</r>`, new Recorder())).toThrow(
        new RegExp(`undefined entity &${name};`),
      )
    },
  )
  it.each([
    ['predefined', '<r>&lt;&gt;&amp;&quot;&apos;</r>', '<>&"\''],
    ['decimal and hex references', '<r>&#65;&#x42;&#x1F600;</r>', 'AB\u{1f600}'],
    ['text around references', '<r>a&amp;b&amp;c</r>', 'a&b&c'],
  ])('%s', (_label, xml, text) => {
    const recorder = new Recorder()
    readXml('r.xml', xml, recorder)
    expect(recorder.events).toEqual(['<r {}', `#${text}`, '</r'])
  })
  it.each([
    ['bare &', '<r>a & b</r>', /"&" must be escaped/],
    ['no semicolon', '<r>a &amp b</r>', /"&" must be escaped/],
    ['bad character reference', '<r>&#xD800;</r>', /invalid character reference &#xD800;/],
    ['empty reference', '<r>&;</r>', /undefined entity &;/],
  ])('%s', (_label, xml, reason) => {
    expect(() => readXml('r.xml', xml, new Recorder())).toThrow(reason)
  })
})
