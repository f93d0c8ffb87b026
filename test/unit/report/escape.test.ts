import { describe, expect, it } from 'vitest'
import {
  cleanText,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownTableCell,
  escapeSlackMrkdwn,
  markdownCodeBlock,
  safeUrl,
  sanitizeHeader,
  truncateText,
} from '../../../src/report/escape.js'
import { hostileNames } from '../../fixtures/report/hostile-names.js'

const names = hostileNames()
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/
// eslint-disable-next-line no-control-regex -- checking for control characters
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/

describe('escapeMarkdown on the hostile-names corpus', () => {
  it.each(names)('$id renders as inert inline text', ({ text }) => {
    const out = escapeMarkdown(text)
    // Read the source as the renderer would: our zero-width-space entity is invisible, others are opaque.
    const seen = out.replace(/&#8203;/g, '\u200B').replace(/&#?\w+;/g, '¤')
    expect(out).not.toMatch(/[\r\n]/)
    expect(out).not.toMatch(/<[a-z!/]/i) // no HTML tag or comment can open
    expect(seen).not.toMatch(/(^|[^\\])[|`*_[\]~]/) // every markdown metacharacter is backslash-escaped
    expect(seen).not.toMatch(/@[\w-]/) // no mention survives: a zero-width space follows every @
    expect(seen).not.toMatch(/#\d/) // no issue reference
    expect(seen).not.toMatch(/https?:\/\//) // no autolink
    expect(out).not.toMatch(INVISIBLE)
    expect(out).not.toMatch(CONTROL)
    expect(Array.from(seen.replace(/\\/g, '')).length).toBeLessThanOrEqual(300)
  })

  it.each(names)('$id snapshot across escapers', ({ id, text }) => {
    expect({
      markdown: escapeMarkdown(text, 80),
      cell: escapeMarkdownTableCell(text, 80),
      slack: escapeSlackMrkdwn(text, 80),
      html: escapeHtml(text, 80),
      header: sanitizeHeader(text, 80),
    }).toMatchSnapshot(id)
  })
})

describe('escapers by example', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['<script>', '&lt;script&gt;'],
    ['@octocat', '@&#8203;octocat'],
    ['cc @org/team', 'cc @&#8203;org/team'],
    ['#12', '\\#&#8203;12'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['see https://x.io', 'see https&#58;//x.io'],
    ['a\r\nb', 'a b'],
    ['x\u202Eyz', 'xyz'],
    ['mail user@example.com', 'mail user@&#8203;example.com'],
    ['', ''],
  ])('escapeMarkdown(%j) = %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })

  it('gives a table cell a placeholder when empty, so the row keeps its columns', () => {
    expect(escapeMarkdownTableCell('')).toBe(' ')
    expect(escapeMarkdownTableCell('a|b\nc')).toBe('a\\|b c')
  })

  it.each([
    ['<!channel> now', '&lt;!channel&gt; now'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['@here and @channel', '@\u200Bhere and @\u200Bchannel'],
    ['a & b', 'a &amp; b'],
    ['<https://evil|click>', '&lt;https://evil|click&gt;'],
  ])('escapeSlackMrkdwn(%j) = %j', (input, expected) => {
    expect(escapeSlackMrkdwn(input)).toBe(expected)
  })

  it.each([
    ['<b title="x">\'&', '&lt;b title=&quot;x&quot;&gt;&#39;&amp;'],
    ['line1\nline2', 'line1\nline2'],
  ])('escapeHtml(%j) = %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })

  it.each([
    ['Regression\r\nBcc: victim@example.com', 'Regression Bcc: victim@example.com'],
    ['a\rb\nc\u2028d', 'a b c d'],
    ['  spaced   out  ', 'spaced out'],
  ])('sanitizeHeader(%j) = %j', (input, expected) => {
    expect(sanitizeHeader(input)).toBe(expected)
  })

  it('cuts long headers and names to the bound, ending with an ellipsis', () => {
    expect(Array.from(sanitizeHeader('x'.repeat(500), 200))).toHaveLength(200)
    expect(sanitizeHeader('x'.repeat(500), 200).endsWith('…')).toBe(true)
  })
})

describe('markdownCodeBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const block = markdownCodeBlock('has ```` four')
    expect(block.startsWith('`````text\n')).toBe(true)
    expect(block.endsWith('\n`````')).toBe(true)
  })

  it('keeps the first lines and says how many were dropped', () => {
    const block = markdownCodeBlock(Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'), 3)
    expect(block).toBe('```text\nline 0\nline 1\nline 2\n… (17 more lines)\n```')
  })

  it('strips control and bidi characters and normalises CR', () => {
    expect(markdownCodeBlock('a\r\nb\u202Ec\u0007')).toBe('```text\na\nbc\n```')
  })
})

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    const out = truncateText('🚀'.repeat(10), 4)
    expect(out).toBe('🚀🚀🚀…')
  })
  it('leaves short text alone', () => {
    expect(truncateText('abc', 3)).toBe('abc')
  })
})

describe('cleanText', () => {
  it('keeps emoji joiners and tabs, drops zero-width spaces and the BOM', () => {
    expect(cleanText('👨\u200D👩\tx\u200B\uFEFF')).toBe('👨\u200D👩\tx')
  })
})

describe('safeUrl', () => {
  it.each([
    ['https://github.com/o/r/actions/runs/1', 'https://github.com/o/r/actions/runs/1'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
    ['javascript:alert(1)', null],
    ['data:text/html,<b>', null],
    ['https://x.io/a b', null],
    ['https://x.io/"onmouseover', null],
    ['/relative/path', null],
    ['', null],
    [undefined, null],
  ])('safeUrl(%j) = %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected)
  })
})
