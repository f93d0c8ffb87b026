import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Document, LineCounter, Node } from 'yaml'

/** A 1-based line and column in the YAML source. */
export interface SourcePosition {
  readonly line: number
  readonly col: number
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value)
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined
}

function start(node: Node | null | undefined): number | undefined {
  return node?.range?.[0]
}

// `key:` with nothing after it is a null scalar whose zero-width range sits at the start of the next line;
// pointing there would blame the wrong line, so such values are located by their key instead.
function isEmptyValue(node: Node | null | undefined): boolean {
  if (node === null || node === undefined) return true
  const range = node.range
  return (
    isScalar(node) && node.value === null && range !== null && range !== undefined && range[0] === range[1]
  )
}

/**
 * Where the value (or, with `on: 'key'`, the key) at `path` is written in the document. When the path does not
 * exist (a required key is missing), the deepest part that does exist is used, pointing at its key, so the user
 * lands on the mapping that lacks the key. Aliases are followed; falls back to 1:1 for an empty document.
 */
export function locatePath(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  on: 'key' | 'value' = 'value',
): SourcePosition {
  let node: Node | null | undefined = doc.contents
  let keyNode: Node | undefined
  let complete = true
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment))
      if (pair === undefined) {
        complete = false
        break
      }
      keyNode = (pair.key as Node | null) ?? undefined
      node = pair.value as Node | null
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined
      node = node.items[segment] as Node | null
    } else {
      complete = false
      break
    }
  }
  const preferKey = on === 'key' || !complete || isEmptyValue(node)
  const offset = (preferKey ? start(keyNode) : undefined) ?? start(node) ?? start(keyNode) ?? 0
  const pos = lineCounter.linePos(offset)
  return { line: pos.line, col: pos.col }
}
