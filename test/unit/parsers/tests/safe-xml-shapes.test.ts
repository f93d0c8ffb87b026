/**
 * The reader's fast paths must not change what is accepted or refused: the shape cache (element names and their
 * attribute names remembered from earlier tags), the in-place closing-tag check, the reused attribute view, and
 * the JUnit handler's digit fast path for `line`. Each case reads a document where earlier tags prime the cache and
 * a later tag differs from them, and compares with what the first, uncached reading of the same tag gives.
 */
import { describe, expect, it } from 'vitest'
import { parseTestReport, TestReportParseError } from '../../../../src/parsers/tests/index.js'
import { readXml, readXmlTree, SafeXmlReader } from '../../../../src/parsers/tests/safe-xml.js'
import type { XmlAttributes, XmlElement } from '../../../../src/parsers/tests/safe-xml.js'

const primed = (tag: string, times = 3): string =>
  '<testsuite name="s">' +
  '<testcase classname="pkg.SomeLongClassName" name="a_rather_long_test_name" time="0.5" file="x.py" line="7"/>'.repeat(
    times,
  ) +
  tag +
  '</testsuite>'

function errorOf(content: string): TestReportParseError {
  try {
    parseTestReport('r.xml', content, 'junit')
  } catch (e) {
    if (e instanceof TestReportParseError) return e
    throw e
  }
  throw new Error('expected a TestReportParseError, but parsing succeeded')
}

describe('shape cache: a tag differing from the remembered shape is read in full', () => {
  it.each([
    ['fewer attributes', '<testcase classname="c" name="n"/>', { classname: 'c', name: 'n', line: null }],
    [
      'other order',
      '<testcase name="n" line="3" classname="c" time="1"/>',
      { classname: 'c', name: 'n', line: 3, durationMs: 1000 },
    ],
    [
      'more attributes',
      '<testcase classname="c" name="n" time="2" file="f.py" line="9" status="disabled"/>',
      { name: 'n', file: 'f.py', line: 9, durationMs: 2000 },
    ],
    ['spaces around =', '<testcase classname = "c" name= \'n\'/>', { classname: 'c', name: 'n' }],
    ['single quotes', "<testcase classname='c' name='n'/>", { classname: 'c', name: 'n' }],
    [
      'a longer name sharing a prefix',
      '<testcase classnameX="z" classname="c" name="n"/>',
      { classname: 'c', name: 'n' },
    ],
    [
      'entities and newlines',
      '<testcase classname="a&amp;b" name="x\ny"/>',
      { classname: 'a&b', name: 'x y' },
    ],
    ['line with a sign (general rule)', '<testcase classname="c" name="n" line="+4"/>', { line: 4 }],
    ['line not a number', '<testcase classname="c" name="n" line="4a"/>', { line: null }],
    ['line too long for the fast path', '<testcase classname="c" name="n" line="0000000012"/>', { line: 12 }],
  ])('%s', (_label, tag, expected) => {
    const tests = parseTestReport('r.xml', primed(tag), 'junit').tests
    expect(tests).toHaveLength(4)
    expect(tests[3]).toMatchObject(expected)
    // The primed cases themselves are unaffected.
    expect(tests[0]).toMatchObject({ classname: 'pkg.SomeLongClassName', line: 7, durationMs: 500 })
  })

  it.each([
    [
      'duplicate after cached attributes',
      '<testcase classname="c" name="n" name="m"/>',
      /duplicate attribute "name" in <testcase>/,
    ],
    [
      'duplicate of the first attribute',
      '<testcase classname="c" classname="d"/>',
      /duplicate attribute "classname"/,
    ],
    ['missing whitespace after a cached attribute', '<testcase classname="c"name="n"/>', /must be separated/],
    ['unquoted value', '<testcase classname=c/>', /must be quoted/],
    ['"<" in a value', '<testcase classname="a<b" name="n"/>', /"<" in the value of attribute "classname"/],
    ['undefined entity', '<testcase classname="&foo;" name="n"/>', /undefined entity &foo;/],
    ['bad end of tag', '<testcase classname="c" name="n"/ >', /expected "\/>"/],
  ])('refuses %s', (_label, tag, reason) => {
    expect(errorOf(primed(tag)).message).toMatch(reason)
  })

  it('a cached element name followed by more characters is another element', () => {
    const tree = readXmlTree(
      'r.xml',
      '<root><testcase a="1"/><testcase a="2"/><testcases a="3"/><testcase-x a="4"/></root>',
    )
    expect(tree.children.map((c) => (c as XmlElement).name)).toEqual([
      'testcase',
      'testcase',
      'testcases',
      'testcase-x',
    ])
    expect(tree.children.map((c) => (c as XmlElement).attributes.a)).toEqual(['1', '2', '3', '4'])
  })

  it('mismatched closing tags are still reported with the opening position', () => {
    const error = errorOf('<testsuite name="s">\n<testcase classname="c" name="n">\n</testcasex></testsuite>')
    expect(error.message).toMatch(
      /mismatched closing tag <\/testcasex>: expected <\/testcase> \(opened at line 2 col 1\)/,
    )
    expect(errorOf('<testsuite></testsuite ></testsuite>').message).toMatch(/without a matching opening tag/)
  })

  it('accepts whitespace before ">" in a closing tag', () => {
    const tests = parseTestReport(
      'r.xml',
      '<testsuite><testcase classname="c" name="n"></testcase  ></testsuite >',
      'junit',
    )
    expect(tests.tests).toHaveLength(1)
  })

  it('reads the same cached tag identically when it is cut by chunk boundaries anywhere', () => {
    const text = primed('<testcase classname="c" name="n" time="1" file="f" line="2"/>', 5)
    const whole = parseTestReport('r.xml', text, 'junit').tests
    for (const size of [1, 2, 5, 13]) {
      const names: string[] = []
      const reader = new SafeXmlReader('r.xml', {
        openTag: (name, attributes) =>
          names.push(`${name}:${attributes.get('name') ?? ''}:${attributes.get('line') ?? ''}`),
        closeTag: () => undefined,
        text: () => undefined,
      })
      for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size))
      reader.end()
      expect(names.slice(1), `pieces of ${size}`).toEqual(
        whole.map((t) => `testcase:${t.name}:${t.line === null ? '' : String(t.line)}`),
      )
    }
  })
})

describe('attribute view', () => {
  it('is only valid during openTag: afterwards it is empty rather than pointing at old text', () => {
    const kept: XmlAttributes[] = []
    readXml('r.xml', '<a x="1"><b y="2"/></a>', {
      openTag: (_name, attributes) => {
        expect(attributes.length).toBe(1)
        kept.push(attributes)
      },
      closeTag: () => undefined,
      text: () => undefined,
    })
    expect(kept[0]).toBe(kept[1])
    expect(kept[0]?.length).toBe(0)
    expect(kept[0]?.get('x')).toBeUndefined()
  })

  it('finds attributes by name, including odd names, on first and cached readings', () => {
    const seen: (string | undefined)[][] = []
    readXml(
      'r.xml',
      '<r><e __proto__="p" constructor="c" a:b="n"/><e __proto__="q" constructor="d" a:b="m"/></r>',
      {
        openTag: (name, attributes) => {
          if (name === 'e')
            seen.push([
              attributes.get('__proto__'),
              attributes.get('constructor'),
              attributes.get('a:b'),
              attributes.get('b'),
            ])
        },
        closeTag: () => undefined,
        text: () => undefined,
      },
    )
    expect(seen).toEqual([
      ['p', 'c', 'n', undefined],
      ['q', 'd', 'm', undefined],
    ])
  })
})
