import { describe, expect, it } from 'vitest'
import { sniffTestFormat, TEST_FORMATS } from '../../../../src/parsers/tests/index.js'
import type { TestFormat } from '../../../../src/parsers/tests/index.js'

describe('sniffTestFormat', () => {
  const rows: [string, string, string, TestFormat | undefined][] = [
    ['testsuites root', 'r.xml', '<?xml version="1.0"?>\n<testsuites name="x">', 'junit'],
    [
      'testsuite root with BOM and comment',
      'r.xml',
      '\uFEFF<?xml version="1.0"?><!-- hi --><testsuite>',
      'junit',
    ],
    ['NUnit 2', 'r.xml', '<?xml version="1.0"?><!--c--><test-results name="x">', 'nunit'],
    ['NUnit 3', 'r.xml', '<test-run id="2">', 'nunit'],
    ['xUnit assemblies', 'r.xml', '<assemblies>', 'xunit'],
    ['xUnit single assembly', 'r.xml', '<assembly name="a">', 'xunit'],
    [
      'TRX with namespace',
      'r.trx',
      '<TestRun id="1" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">',
      'trx',
    ],
    ['DOCTYPE with internal subset', 'r.xml', '<!DOCTYPE t [\n<!ENTITY x "y">\n]>\n<test-results>', 'nunit'],
    ['prefixed root', 'r.xml', '<j:testsuites xmlns:j="urn:x">', 'junit'],
    ['unknown root', 'r.xml', '<html><body>', undefined],
    ['cut before the root, .trx extension', 'r.trx', '<?xml version="1.0"?><!-- long', 'trx'],
    [
      'Dart event stream',
      'r.json',
      '{"protocolVersion":"0.1.1","runnerVersion":"1.24.0","pid":1,"type":"start","time":0}\n{"type":"suite"}',
      'dart-json',
    ],
    ['Mocha JSON', 'r.json', '{\n  "stats": {\n    "suites": 3', 'mocha-json'],
    ['other JSON', 'r.json', '{"name": "package"}', undefined],
    ['JSON array', 'r.json', '[1, 2]', undefined],
    ['plain text', 'r.txt', 'PASS all tests', undefined],
    ['empty', 'r.xml', '', undefined],
  ]
  it.each(rows)('%s', (_label, path, head, expected) => {
    expect(sniffTestFormat(path, head)).toBe(expected)
  })

  it('lists every format once', () => {
    expect(new Set(TEST_FORMATS).size).toBe(6)
  })
})
