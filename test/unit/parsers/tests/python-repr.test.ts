import { describe, expect, it } from 'vitest'
import { asCall, parsePythonRepr } from './python-repr.js'

describe('python repr reader (corpus test helper)', () => {
  it.each([
    ['None', null],
    ['True', true],
    ['-1.5e3', -1500],
    ["'a\\nb\\x41\\u00e9\\\\'", 'a\nbAé\\'],
    ['"it\'s"', "it's"],
    ["'abc '\n   'def'", 'abc def'],
    ['[1, (2, 3), {}]', [1, [2, 3], {}]],
  ])('%s', (text, expected) => {
    expect(parsePythonRepr(text)).toEqual(expected)
  })

  it('reads calls with positional and keyword arguments', () => {
    const call = asCall(
      parsePythonRepr("mod.Case(\n  'pos',\n  name='x',\n  time=0.5,\n  err=E('m')\n)"),
      'Case',
    )
    expect(call.args).toEqual(['pos'])
    expect(call.kwargs.name).toBe('x')
    expect(call.kwargs.time).toBe(0.5)
    expect(asCall(call.kwargs.err, 'E').args).toEqual(['m'])
  })

  it('rejects trailing garbage', () => {
    expect(() => parsePythonRepr('None None')).toThrow(/trailing text/)
  })
})
