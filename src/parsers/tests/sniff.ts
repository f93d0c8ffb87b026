/**
 * Guessing a test report's format from its first bytes, so users can point Gauntlet at a folder of mixed reports.
 * XML formats are told apart by the root element; JSON formats by their shape; the file extension only breaks ties
 * when the head says nothing (e.g. a `.trx` cut before its root).
 */
import type { TestFormat } from './formats.js'

const ROOTS: Record<string, TestFormat> = {
  testsuites: 'junit',
  testsuite: 'junit',
  'test-results': 'nunit',
  'test-run': 'nunit',
  'test-suite': 'nunit',
  assemblies: 'xunit',
  assembly: 'xunit',
  TestRun: 'trx',
}

/** The first element's local name, skipping the XML declaration, comments, PIs and DOCTYPE; undefined if none. */
function rootElementName(head: string): string | undefined {
  let i = 0
  for (;;) {
    const lt = head.indexOf('<', i)
    if (lt === -1) return undefined
    if (head.slice(i, lt).trim() !== '') return undefined
    if (head.startsWith('<?', lt)) {
      const end = head.indexOf('?>', lt)
      if (end === -1) return undefined
      i = end + 2
    } else if (head.startsWith('<!--', lt)) {
      const end = head.indexOf('-->', lt)
      if (end === -1) return undefined
      i = end + 3
    } else if (head.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset.
      const close = head.indexOf(']>', lt)
      const end = head.indexOf('>', lt)
      const subset = head.indexOf('[', lt)
      const inSubset = subset !== -1 && subset < end
      const stop = inSubset ? close : end
      if (stop === -1) return undefined
      i = stop + (inSubset ? 2 : 1)
    } else {
      const m = /^<([A-Za-z_][-\w.:]*)/.exec(head.slice(lt, lt + 200))
      if (!m?.[1]) return undefined
      const name = m[1]
      const colon = name.indexOf(':')
      return colon === -1 ? name : name.slice(colon + 1)
    }
  }
}

/**
 * Guesses the format of a report from `path` and the start of its content (a few KB are plenty).
 * Returns undefined when the head matches no supported format.
 */
export function sniffTestFormat(path: string, head: string): TestFormat | undefined {
  const text = (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).trimStart()
  if (text.startsWith('<')) {
    const root = rootElementName(text)
    if (root !== undefined) return ROOTS[root]
    return /\.trx$/i.test(path) ? 'trx' : undefined
  }
  if (text.startsWith('{')) {
    const firstLine = text.split('\n', 1)[0] ?? ''
    if (/"type"\s*:\s*"start"/.test(firstLine) && /"protocolVersion"/.test(firstLine)) return 'dart-json'
    if (/^\{\s*"stats"\s*:/.test(text) || (/"stats"\s*:/.test(text) && /"tests"\s*:/.test(text)))
      return 'mocha-json'
    return undefined
  }
  if (text === '' && /\.trx$/i.test(path)) return 'trx'
  return undefined
}
