import { describe, expect, it } from 'vitest'
import { LineSplitter, MAX_LINE_CHARS, TailBuffer } from '../../../src/stages/output-lines.js'

function split(chunks: string[]): string[] {
  const out: string[] = []
  const s = new LineSplitter((l) => out.push(l))
  for (const c of chunks) s.push(c)
  s.end()
  return out
}

describe('LineSplitter', () => {
  it.each([
    { name: 'whole lines', chunks: ['a\nb\n'], lines: ['a', 'b'] },
    { name: 'line across chunks', chunks: ['he', 'llo\nwor', 'ld\n'], lines: ['hello', 'world'] },
    { name: 'unterminated last line is flushed at end', chunks: ['a\nb'], lines: ['a', 'b'] },
    { name: 'CRLF endings', chunks: ['a\r\nb\r', '\n'], lines: ['a', 'b'] },
    { name: 'empty lines kept', chunks: ['\n\nx\n'], lines: ['', '', 'x'] },
    { name: 'nothing', chunks: [], lines: [] },
  ])('$name', ({ chunks, lines }) => {
    expect(split(chunks)).toEqual(lines)
  })

  it('cuts a line without newline into bounded pieces', () => {
    const out = split(['x'.repeat(MAX_LINE_CHARS * 2 + 5)])
    expect(out.map((l) => l.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS, 5])
  })
})

describe('TailBuffer', () => {
  it.each([
    { name: 'keeps everything under the budget', max: 100, add: ['a', 'b'], tail: 'a\nb' },
    { name: 'drops the oldest lines past the budget', max: 6, add: ['aa', 'bb', 'cc'], tail: 'bb\ncc' },
    { name: 'keeps the end of a single huge line', max: 4, add: ['abcdefgh'], tail: 'efgh' },
  ])('$name', ({ max, add, tail }) => {
    const t = new TailBuffer(max)
    for (const l of add) t.add(l)
    expect(t.toString()).toBe(tail)
  })

  it('stays bounded over many lines and returns the last n', () => {
    const t = new TailBuffer(1000)
    for (let i = 0; i < 20_000; i++) t.add(`line ${i}`)
    expect(t.toString().length).toBeLessThanOrEqual(1000)
    expect(t.lastLines(2)).toEqual(['line 19998', 'line 19999'])
    expect(t.toLines()[0]).toMatch(/^line 19\d{3}$/)
  })
})
