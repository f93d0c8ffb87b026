/**
 * Safe, streaming XML reading shared by the XML test-report parsers (JUnit, NUnit, xUnit, TRX).
 *
 * Why hand-written rather than `saxes` or `fast-xml-parser`: measured on this machine, saxes reads a generated
 * JUnit file at 26–43 MB/s with empty handlers, below our 40 MB/s target once real work is added, and
 * fast-xml-parser builds the whole document (memory ≈ many × file size on 100 MB reports). Test reports use a
 * small, regular subset of XML, so an `indexOf`-driven scanner is both faster and simpler to make safe:
 *
 * - No DTD processing at all. A DOCTYPE that declares entities (`<!ENTITY`) is refused, which stops external
 *   entities (XXE: files, URLs) and entity-expansion bombs (billion laughs) before any expansion could happen;
 *   nothing is ever read or fetched. Only the five predefined entities and character references are decoded.
 * - Well-formedness errors that matter for reports are caught with a position: unclosed/mismatched tags, bad
 *   attributes, undefined entities, bare `&`, characters XML forbids (e.g. U+0000), text outside the root,
 *   a missing root, truncated files.
 * - Input arrives in chunks (`write`/`end`), so a 100 MB file never has to be one string; only the unconsumed
 *   tail of a chunk is kept between writes, and it is finished in a small joint string rather than by copying
 *   the next chunk onto it. Bytes become text through `XmlChunkDecoder`, which copies ASCII pieces as Latin-1
 *   (no UTF-8 decoding) and streams everything else through `TextDecoder`.
 * - Speed comes from doing less per tag, not from skipping checks: element names and their attribute lists are
 *   remembered (`TagShape`), closing tags are compared in place, and one attribute view is reused, so the usual
 *   repeated `<testcase …>` costs a few `startsWith`/`indexOf` calls and no allocation; handlers can compare and
 *   parse attribute values in place (`rawStart`/`rawEnd`) instead of copying them out. Anything that differs
 *   from what was remembered takes the full, validating path.
 *
 * Not covered (not needed for reports): DTD validation, namespaces beyond stripping prefixes (`localName`), XML 1.1.
 */
import { isAscii } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { TestReportParseError } from './errors.js'
import { MAX_ELEMENT_TEXT_CHARS } from './case-outcome.js'

/**
 * Attributes of the element being opened, read lazily: the reader records where each name and value sits in its
 * text and only copies a value out when asked. Values that need entity decoding or whitespace normalisation are
 * decoded up front (and so validated), the rest are plain slices. A name like `__proto__` is just another name.
 *
 * One instance is reused for every element (no allocation per tag on the hot path), so it is only valid during
 * the `openTag` call it is passed to: read what you need there, do not keep it.
 */
export class XmlAttributes {
  private source = ''
  /** Per attribute: name start, name end, value start, value end (offsets into `source`); `count * 4` are current. */
  private readonly spans: number[] = []
  /** Per attribute: the decoded value when it differed from the raw text. */
  private readonly decoded: (string | undefined)[] = []
  private count = 0
  /** The attribute names in order, interned, when they are those of the element's remembered shape. */
  private known: readonly string[] | undefined

  /** How many attributes the element has. */
  get length(): number {
    return this.count
  }

  /** The decoded value of the attribute with this qualified name, or undefined. */
  get(name: string): string | undefined {
    const k = this.indexOf(name)
    return k === -1 ? undefined : this.valueAt(k)
  }

  /** Position of the attribute with this qualified name, for `valueAt` and the in-place readers; -1 when absent. */
  indexOf(name: string): number {
    const known = this.known
    if (known !== undefined) {
      // Interned names against (usually literal, so interned) `name`: a pointer comparison per attribute.
      for (let k = 0; k < this.count; k++) if (known[k] === name) return k
      return -1
    }
    const spans = this.spans
    const source = this.source
    const length = name.length
    const end = this.count * 4
    for (let i = 0; i < end; i += 4) {
      const start = spans[i]!
      if (spans[i + 1]! - start !== length) continue
      let j = 0
      while (j < length && source.charCodeAt(start + j) === name.charCodeAt(j)) j++
      if (j === length) return i >> 2
    }
    return -1
  }

  /** The decoded value of the attribute at position `k` (from `indexOf`). */
  valueAt(k: number): string {
    return this.decoded[k] ?? this.source.slice(this.spans[k * 4 + 2], this.spans[k * 4 + 3])
  }

  /**
   * Where the value at position `k` sits in `text` when it needed no decoding, so that its characters can be
   * compared or parsed in place without copying it out; -1 when it was decoded (then use `valueAt`).
   */
  rawStart(k: number): number {
    return this.decoded[k] === undefined ? this.spans[k * 4 + 2]! : -1
  }

  /** End (exclusive) in `text` of the value at position `k`; see `rawStart`. */
  rawEnd(k: number): number {
    return this.spans[k * 4 + 3]!
  }

  /** The document text the raw offsets point into (only valid during the `openTag` call). */
  get text(): string {
    return this.source
  }

  /** As a null-prototype record (for tree building). */
  toRecord(): Record<string, string> {
    const out = Object.create(null) as Record<string, string>
    const spans = this.spans
    const end = this.count * 4
    for (let i = 0; i < end; i += 4) {
      out[this.source.slice(spans[i], spans[i + 1])] =
        this.decoded[i >> 2] ?? this.source.slice(spans[i + 2], spans[i + 3])
    }
    return out
  }

  /** Starts a new element whose attributes sit in `source` (for the reader). */
  reset(source: string): void {
    this.source = source
    this.count = 0
    this.known = undefined
  }

  /** Tells the view that its attributes are exactly the first `count` of `names` (for the reader). */
  setKnownNames(names: readonly string[]): void {
    this.known = names
  }

  /** Records one attribute (for the reader); `decoded` is its value when it differs from the raw text. */
  add(
    nameStart: number,
    nameEnd: number,
    valueStart: number,
    valueEnd: number,
    decoded: string | undefined,
  ): void {
    const at = this.count * 4
    const spans = this.spans
    // Overwrite in place (the arrays only ever grow), so reuse allocates nothing.
    spans[at] = nameStart
    spans[at + 1] = nameEnd
    spans[at + 2] = valueStart
    spans[at + 3] = valueEnd
    this.decoded[this.count] = decoded
    this.count++
  }

  /** Whether an attribute named like `source[start, end)` is already recorded (compared in place, no copies). */
  has(start: number, end: number): boolean {
    const buf = this.source
    const spans = this.spans
    const length = end - start
    const last = this.count * 4
    for (let k = 0; k < last; k += 4) {
      const other = spans[k]!
      if (spans[k + 1]! - other !== length) continue
      let j = 0
      while (j < length && buf.charCodeAt(other + j) === buf.charCodeAt(start + j)) j++
      if (j === length) return true
    }
    return false
  }

  /** The recorded attribute names, interned (for the reader's shape cache). */
  names(): string[] {
    const names: string[] = []
    const last = this.count * 4
    for (let k = 0; k < last; k += 4)
      names.push(internString(this.source.slice(this.spans[k], this.spans[k + 1])))
    return names
  }

  /** Lets go of the document text once the element has been handled. */
  release(): void {
    this.source = ''
    this.count = 0
    this.known = undefined
  }
}

/** Receives the document as it is read. Throwing from a callback aborts the read with that error. */
export interface XmlHandler {
  /**
   * An element starts. `name` is the qualified name as written (`a:UnitTest`). `attributes` is a view the reader
   * reuses for the next element: read what you need during this call.
   */
  openTag(name: string, attributes: XmlAttributes): void
  /** An element ends (also called right after `openTag` for `<x/>`). */
  closeTag(name: string): void
  /** Character data (entities decoded, CDATA included); may arrive in several pieces. */
  text(text: string): void
  /**
   * Whether `text` is wanted right now. When false, text is only checked (entities, stray markup), not copied:
   * most text in a large report is indentation or output nobody reads.
   */
  wantsText?(): boolean
}

/** Strips a namespace prefix: `a:UnitTest` → `UnitTest`. */
export function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

// XML 1.0 forbids these code units anywhere in a document (surrogates are left to the decoder).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/
/** Name-start characters (ASCII letters, `_`, `:`, and non-ASCII letters in bulk, as XML allows). */
function isNameStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58 || code >= 0xc0
  )
}
/** Characters that end an entity name before its ";" (as `[^&;\s<]` would), making the "&" a bare one. */
const NOT_IN_REFERENCE = /[&<\s]/

// Character codes the scanner looks at.
const LT = 60
const GT = 62
const SLASH = 47
const BANG = 33
const QUESTION = 63
const EQ = 61
const QUOTE = 34
const APOS = 39
const SPACE = 32
const TAB = 9
const LF = 10
const CR = 13

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === TAB || code === CR
}

const WATCHED = ['<', '&', '\t', '\n']
const NEXT_LT = 0
const NEXT_AMP = 1
const NEXT_TAB = 2
const NEXT_LF = 3

const NONE = 0
const COMMENT = 1
const CDATA = 2

/**
 * What the reader remembers about an element name it has seen: the name itself (so later tags need neither a
 * character loop nor a fresh string for it) and the attribute names its last occurrence had, in order. Reports
 * repeat the same few elements with the same attributes hundreds of thousands of times, so checking
 * `name="` against the remembered name with one `startsWith` replaces the per-character name scan and the
 * duplicate-attribute check (the remembered list is known to be duplicate-free). Any difference falls back to
 * the full, validating path.
 */
interface TagShape {
  readonly name: string
  attributes: readonly string[]
}
/** Characters of a new chunk joined to the previous chunk's unconsumed tail (see `write`). */
const JOINT_CHARS = 4096

/** At most this many element names are remembered, so a document of endless distinct names cannot grow the cache. */
const MAX_SHAPES = 64

/**
 * A copy of `value` that does not share memory with the string it was sliced from. V8 represents `slice()`
 * results of 13 or more characters as views on their parent; a name kept in the shape cache would otherwise keep
 * a whole chunk of the document alive.
 */
function copyString(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1)
}

/**
 * The engine's interned (canonical) copy of `value`, also detached from the text it was sliced from. Property keys
 * are interned by V8, so comparing an interned attribute name with a string literal is a pointer comparison.
 * Only used for attribute names in the shape cache (bounded by MAX_SHAPES elements).
 */
function internString(value: string): string {
  return Object.keys({ [value]: 0 })[0] ?? copyString(value)
}

/** Thrown inside the scanner when a token is cut by the end of the current chunk; one shared instance (no stacks). */
class NeedMoreInput extends Error {}
const NEED_MORE = new NeedMoreInput('more input needed')

/**
 * Push parser: `write()` chunks of decoded text, then `end()`. Errors are `TestReportParseError`s naming the file,
 * line and column.
 */
export class SafeXmlReader {
  private buf = ''
  private pos = 0
  // Open elements: name, line and column of each, in parallel arrays (no object per element on the hot path).
  private readonly stack: string[] = []
  private readonly stackLines: number[] = []
  private readonly stackColumns: number[] = []
  private seenRoot = false
  private rootClosed = false
  private started = false
  /** Cache for `nextIndex`: -2 = unknown, -1 = none left in the buffer. */
  private readonly nextAt = [-2, -2, -2, -2]
  /** Whether the scanner is inside a comment or CDATA section that continues into the next chunk. */
  private open: typeof NONE | typeof COMMENT | typeof CDATA = NONE
  private openedAt = { line: 0, column: 0 }
  private pendingCr = false
  // Line tracking: `line` is the number of the line that starts at `lineStart` (an index into `buf`, may be
  // negative after compaction); `counted` is how far newlines have been counted; `nextNl` caches the next one.
  private line = 1
  private lineStart = 0
  private counted = 0
  private nextNl = -2
  private readonly shapes: TagShape[] = []
  private readonly attributes = new XmlAttributes()

  constructor(
    private readonly file: string,
    private readonly handler: XmlHandler,
  ) {}

  /** Feeds the next piece of the document. */
  write(chunk: string): void {
    if (this.pendingCr) {
      chunk = '\r' + chunk
      this.pendingCr = false
    }
    if (chunk === '') return
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    // XML end-of-line handling: CRLF and lone CR become LF before parsing. A CR ending this chunk may be the
    // first half of a CRLF, so it waits for the next one.
    if (chunk.includes('\r')) {
      if (chunk.endsWith('\r')) {
        this.pendingCr = true
        chunk = chunk.slice(0, -1)
      }
      chunk = chunk.replace(/\r\n?/g, '\n')
    }
    const bad = FORBIDDEN_CHAR.exec(chunk)
    if (this.pos > 0) this.compact()
    if (bad) {
      const at = this.buf.length + bad.index
      this.buf += chunk
      this.nextNl = -2
      this.nextAt.fill(-2)
      // Parse up to the bad character first so earlier, more telling errors win.
      this.scan(false, at)
      throw this.error(
        `character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
        at,
      )
    }
    const tail = this.buf.length
    if (tail > 0 && chunk.length > 2 * JOINT_CHARS) {
      // The token cut by the previous chunk's end usually completes within a few hundred characters. Finish it
      // in a small joint string (the tail plus the chunk's start), then go on in the chunk itself: `tail + chunk`
      // would copy the whole chunk once more (a cons string flattened on the first search), which was a whole
      // extra copy of the file in memory traffic and, for a small report, in peak RSS.
      let cut = JOINT_CHARS
      const code = chunk.charCodeAt(cut - 1)
      if (code >= 0xd800 && code <= 0xdbff) cut++
      this.buf += chunk.slice(0, cut)
      this.nextNl = -2
      this.nextAt.fill(-2)
      this.scan(false, this.buf.length)
      if (this.pos >= tail) {
        // Everything before the chunk is consumed: `buf[tail + x]` is `chunk[x]`, so switch to the chunk.
        this.advanceLines(this.pos)
        this.lineStart -= tail
        this.counted -= tail
        this.pos -= tail
        this.buf = chunk
      } else {
        // A token longer than the joint (a huge tag): join the rest of the chunk as well.
        this.compact()
        this.buf += chunk.slice(cut)
      }
    } else {
      this.buf += chunk
    }
    this.nextNl = -2
    this.nextAt.fill(-2)
    this.scan(false, this.buf.length)
  }

  /** Signals the end of the document and checks that it was complete. */
  end(): void {
    if (this.pendingCr) {
      this.pendingCr = false
      this.write('\n')
    }
    this.scan(true, this.buf.length)
    const depth = this.stack.length
    if (depth > 0) {
      throw this.error(
        `unclosed tag <${this.stack[depth - 1]}> (opened at line ${this.stackLines[depth - 1]} col ` +
          `${this.stackColumns[depth - 1]}); the file is truncated or malformed`,
        this.buf.length,
      )
    }
    if (!this.seenRoot) throw this.error('no root element; the file is not XML or is empty', this.buf.length)
  }

  /** Drops the consumed prefix of the buffer, keeping line bookkeeping relative to the new start. */
  private compact(): void {
    this.advanceLines(this.pos)
    this.buf = this.buf.slice(this.pos)
    this.lineStart -= this.pos
    this.counted -= this.pos
    this.pos = 0
    this.nextNl = -2
    this.nextAt.fill(-2)
  }

  /**
   * Next index of a watched character at or after `from` in the buffer, or -1. Results are cached per character
   * and only recomputed once passed, so checking every attribute value costs one `indexOf` pass per chunk and
   * character instead of one per value (rare characters such as `&` would otherwise be searched to the end of the
   * buffer again and again).
   */
  private nextIndex(which: number, from: number): number {
    let at = this.nextAt[which]!
    if (at === -1 || at >= from) return at
    at = this.buf.indexOf(WATCHED[which]!, from)
    this.nextAt[which] = at
    return at
  }

  private advanceLines(to: number): void {
    for (;;) {
      if (this.nextNl === -2) this.nextNl = this.buf.indexOf('\n', this.counted)
      if (this.nextNl === -1 || this.nextNl >= to) break
      this.line++
      this.lineStart = this.nextNl + 1
      this.counted = this.nextNl + 1
      this.nextNl = -2
    }
    if (to > this.counted) this.counted = to
  }

  private position(at: number): { line: number; column: number } {
    this.advanceLines(at)
    return { line: this.line, column: at - this.lineStart + 1 }
  }

  private error(reason: string, at: number): TestReportParseError {
    return new TestReportParseError(this.file, reason, this.position(at))
  }

  private scan(final: boolean, limit: number): void {
    const buf = this.buf
    while (this.pos < limit) {
      const start = this.pos
      if (this.open !== NONE) {
        if (!this.continueSection(final, limit)) return
        continue
      }
      try {
        // Through the cache: attribute checks have usually found this "<" already.
        const lt = this.nextIndex(NEXT_LT, start)
        if (lt === -1 || lt >= limit) {
          // Text up to the end of what we have. Keep a possibly cut entity for the next chunk.
          let end = limit
          if (!final) {
            const amp = buf.lastIndexOf('&', limit - 1)
            if (amp >= start && buf.indexOf(';', amp) === -1) end = amp
            // Likewise a "]]" that the next chunk may complete to the forbidden "]]>".
            if (end === limit && end > start && buf.charCodeAt(end - 1) === 93 /* ] */) {
              end--
              if (end > start && buf.charCodeAt(end - 1) === 93) end--
            }
          }
          if (end > start) this.onText(start, end)
          this.pos = end
          if (!final) return
          continue
        }
        if (lt > start) {
          this.onText(start, lt)
          this.pos = lt
        }
        this.markup(lt, final, limit)
      } catch (e) {
        if (e === NEED_MORE) {
          if (final) throw this.error(this.truncatedReason(this.pos), this.pos)
          return
        }
        throw e
      }
    }
  }

  /**
   * Inside a comment or CDATA section: consume up to its end, or, when the end is not in this chunk yet, all but
   * the last two characters (which may start the terminator), passing CDATA text on as it goes. Streaming these
   * keeps a 50 MB `<system-out>` CDATA block linear instead of re-scanning and re-joining it per chunk.
   * Returns false when more input is needed.
   */
  private continueSection(final: boolean, limit: number): boolean {
    const buf = this.buf
    const cdata = this.open === CDATA
    const end = buf.indexOf(cdata ? ']]>' : '-->', this.pos)
    if (end === -1 || end + 3 > limit) {
      if (final) {
        const what = cdata ? 'unterminated CDATA section' : 'unterminated comment'
        throw this.error(`${what} (opened at line ${this.openedAt.line} col ${this.openedAt.column})`, limit)
      }
      const keep = Math.max(this.pos, limit - 2)
      if (cdata && keep > this.pos && this.handler.wantsText?.() !== false)
        this.handler.text(buf.slice(this.pos, keep))
      this.pos = keep
      return false
    }
    if (cdata && end > this.pos && this.handler.wantsText?.() !== false)
      this.handler.text(buf.slice(this.pos, end))
    this.pos = end + 3
    this.open = NONE
    return true
  }

  private truncatedReason(at: number): string {
    const head = this.buf.slice(at, at + 12)
    if (head.startsWith('<!--')) return 'unterminated comment'
    if (head.startsWith('<![CDATA[')) return 'unterminated CDATA section'
    if (head.startsWith('<!')) return 'unterminated declaration'
    if (head.startsWith('<?')) return 'unterminated processing instruction'
    return 'unterminated tag; the file is truncated'
  }

  /** Handles the markup starting at `lt` (`buf[lt] === '<'`). */
  private markup(lt: number, final: boolean, limit: number): void {
    const buf = this.buf
    if (lt + 1 >= limit) throw NEED_MORE
    const next = buf.charCodeAt(lt + 1)
    if (next === SLASH) {
      const depth = this.stack.length
      const expected = depth > 0 ? this.stack[depth - 1]! : ''
      const end = lt + 2 + expected.length
      // Usual case: `</name>` exactly as opened; checked in place, without searching for ">".
      if (depth > 0 && end < limit && buf.charCodeAt(end) === GT && buf.startsWith(expected, lt + 2)) {
        this.stack.pop()
        this.stackLines.pop()
        this.stackColumns.pop()
        this.pos = end + 1
        if (depth === 1) this.rootClosed = true
        this.handler.closeTag(expected)
        return
      }
      const gt = buf.indexOf('>', lt + 2)
      if (gt === -1 || gt >= limit) throw NEED_MORE
      let nameEnd = gt
      while (nameEnd > lt + 2 && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--
      const open = this.stack.pop()
      const openLine = this.stackLines.pop()
      const openColumn = this.stackColumns.pop()
      if (open === undefined) {
        throw this.error(`closing tag </${buf.slice(lt + 2, nameEnd)}> without a matching opening tag`, lt)
      }
      // Compare in place: the usual case needs no copy of the name.
      if (nameEnd - lt - 2 !== open.length || !buf.startsWith(open, lt + 2)) {
        throw this.error(
          `mismatched closing tag </${buf.slice(lt + 2, nameEnd)}>: expected </${open}> ` +
            `(opened at line ${openLine} col ${openColumn})`,
          lt,
        )
      }
      this.pos = gt + 1
      if (this.stack.length === 0) this.rootClosed = true
      this.handler.closeTag(open)
      return
    }
    if (next === BANG) {
      if (lt + 4 > limit && !final) throw NEED_MORE
      if (buf.startsWith('<!--', lt)) {
        this.open = COMMENT
        this.openedAt = this.position(lt)
        this.pos = lt + 4
        return
      }
      if (lt + 9 > limit && !final) throw NEED_MORE
      if (buf.startsWith('<![CDATA[', lt)) {
        if (this.stack.length === 0) throw this.error('CDATA section outside the root element', lt)
        this.open = CDATA
        this.openedAt = this.position(lt)
        this.pos = lt + 9
        return
      }
      if (buf.startsWith('<!DOCTYPE', lt)) {
        this.doctype(lt, limit)
        return
      }
      throw this.error('unexpected markup "<!"; expected a comment, CDATA section or DOCTYPE', lt)
    }
    if (next === QUESTION) {
      const end = buf.indexOf('?>', lt + 2)
      if (end === -1 || end + 2 > limit) throw NEED_MORE
      this.pos = end + 2
      return
    }
    this.startTag(lt, limit)
  }

  private doctype(lt: number, limit: number): void {
    const buf = this.buf
    if (this.seenRoot) throw this.error('DOCTYPE after the root element', lt)
    // Find the end, skipping an internal subset in [...] and quoted strings.
    let i = lt + 9
    let inSubset = false
    for (;;) {
      if (i >= limit) throw NEED_MORE
      const c = buf.charCodeAt(i)
      if (c === QUOTE || c === APOS) {
        const close = buf.indexOf(c === QUOTE ? '"' : "'", i + 1)
        if (close === -1 || close >= limit) throw NEED_MORE
        i = close + 1
        continue
      }
      if (c === 91 /* [ */) inSubset = true
      else if (c === 93 /* ] */) inSubset = false
      else if (c === GT && !inSubset) break
      i++
    }
    const body = buf.slice(lt, i + 1)
    const entity = body.indexOf('<!ENTITY')
    if (entity !== -1) {
      throw this.error(
        'the DOCTYPE declares entities (<!ENTITY …>); entity declarations are refused to prevent external entity ' +
          '(XXE) reads and entity-expansion ("billion laughs") attacks. Remove the DOCTYPE from the report',
        lt + entity,
      )
    }
    this.pos = i + 1
  }

  /** The remembered shape whose name starts at `at` and is followed by a delimiter, if any. */
  private knownShape(at: number, limit: number): TagShape | undefined {
    const buf = this.buf
    const first = buf.charCodeAt(at)
    const shapes = this.shapes
    for (let k = 0; k < shapes.length; k++) {
      const shape = shapes[k]!
      const name = shape.name
      const end = at + name.length
      if (name.charCodeAt(0) !== first || end >= limit) continue
      const d = buf.charCodeAt(end)
      if ((isSpace(d) || d === GT || d === SLASH) && buf.startsWith(name, at)) return shape
    }
    return undefined
  }

  private startTag(lt: number, limit: number): void {
    const buf = this.buf
    let i = lt + 1
    let name: string
    const shape = this.knownShape(i, limit)
    if (shape !== undefined) {
      name = shape.name
      i += name.length
    } else {
      while (i < limit) {
        const c = buf.charCodeAt(i)
        if (isSpace(c) || c === GT || c === SLASH) break
        i++
      }
      if (i >= limit) throw NEED_MORE
      name = buf.slice(lt + 1, i)
      if (!isNameStart(name.charCodeAt(0))) {
        throw this.error(`invalid element name "<${name.slice(0, 40)}"`, lt)
      }
    }
    if (this.rootClosed) throw this.error(`content after the root element: <${name}>`, lt)
    const memo = shape?.attributes
    // Attributes read so far, and how many of them matched the remembered shape in order (fast path).
    let count = 0
    let matched = 0
    const attributes = this.attributes
    attributes.reset(buf)
    let selfClosing = false
    for (;;) {
      const before = i
      while (i < limit && isSpace(buf.charCodeAt(i))) i++
      if (i >= limit) throw NEED_MORE
      const c = buf.charCodeAt(i)
      if (c === GT) {
        i++
        break
      }
      if (c === SLASH) {
        if (i + 1 >= limit) throw NEED_MORE
        if (buf.charCodeAt(i + 1) !== GT) throw this.error(`expected "/>" in tag <${name}>`, i)
        selfClosing = true
        i += 2
        break
      }
      if (i === before) throw this.error(`attributes of <${name}> must be separated by whitespace`, i)
      const nameStart = i
      let nameEnd = -1
      if (memo !== undefined && matched === count && count < memo.length) {
        // Fast path: the attribute the last <name> had at this position, written as `attr="` or `attr='`.
        const expected = memo[count]!
        const eq = i + expected.length
        if (eq + 1 < limit && buf.charCodeAt(eq) === EQ && buf.startsWith(expected, i)) {
          const q = buf.charCodeAt(eq + 1)
          if (q === QUOTE || q === APOS) {
            nameEnd = eq
            i = eq + 1
            matched++
          }
        }
      }
      if (nameEnd === -1) {
        // Not as remembered: the full, validating reading of `name = "`, kept out of this (hot) method so that it
        // stays small enough to be optimised early and quickly.
        i = this.attributeStart(nameStart, limit, name)
        nameEnd = this.nameEnd
      }
      const close = buf.indexOf(buf.charCodeAt(i) === QUOTE ? '"' : "'", i + 1)
      if (close === -1 || close >= limit) throw NEED_MORE
      // "<" in a value is an error; "&", tab and newline mean it must be decoded/normalised.
      const lessThan = this.nextIndex(NEXT_LT, i + 1)
      if (lessThan !== -1 && lessThan < close) {
        throw this.error(
          `"<" in the value of attribute "${buf.slice(nameStart, nameEnd)}" of <${name}>`,
          lessThan,
        )
      }
      const amp = this.nextIndex(NEXT_AMP, i + 1)
      const tab = this.nextIndex(NEXT_TAB, i + 1)
      const lf = this.nextIndex(NEXT_LF, i + 1)
      const special = (amp !== -1 && amp < close) || (tab !== -1 && tab < close) || (lf !== -1 && lf < close)
      attributes.add(
        nameStart,
        nameEnd,
        i + 1,
        close,
        special ? this.decode(normalizeAttribute(buf.slice(i + 1, close)), i + 1) : undefined,
      )
      count++
      i = close + 1
    }
    if (shape === undefined) {
      if (this.shapes.length < MAX_SHAPES) {
        this.shapes.push({ name: copyString(name), attributes: attributes.names() })
      }
    } else if (matched !== count || count > (memo?.length ?? 0)) {
      shape.attributes = attributes.names()
    } else if (memo !== undefined) {
      attributes.setKnownNames(memo)
    }
    if (this.stack.length === 0) {
      if (this.seenRoot) throw this.error(`a second root element <${name}>`, lt)
      this.seenRoot = true
    }
    this.pos = i
    if (selfClosing) {
      this.handler.openTag(name, attributes)
      attributes.release()
      if (this.stack.length === 0) this.rootClosed = true
      this.handler.closeTag(name)
    } else {
      this.advanceLines(lt)
      this.stack.push(name)
      this.stackLines.push(this.line)
      this.stackColumns.push(lt - this.lineStart + 1)
      this.handler.openTag(name, attributes)
      attributes.release()
    }
  }

  /** Where `attributeStart` found the end of the attribute name it read. */
  private nameEnd = 0

  /**
   * Reads an attribute's `name = ` from `nameStart` (not matching the element's remembered shape), checking every
   * rule; returns the index of the value's opening quote and leaves the name's end in `nameEnd`.
   */
  private attributeStart(nameStart: number, limit: number, element: string): number {
    const buf = this.buf
    let i = nameStart
    while (i < limit) {
      const d = buf.charCodeAt(i)
      if (d === EQ || isSpace(d) || d === GT || d === SLASH || d === LT) break
      i++
    }
    if (i >= limit) throw NEED_MORE
    const nameEnd = i
    if (!isNameStart(buf.charCodeAt(nameStart))) {
      throw this.error(
        `invalid attribute name "${buf.slice(nameStart, Math.min(nameEnd, nameStart + 40))}" in <${element}>`,
        nameStart,
      )
    }
    while (i < limit && isSpace(buf.charCodeAt(i))) i++
    if (i >= limit) throw NEED_MORE
    if (buf.charCodeAt(i) !== EQ) {
      throw this.error(`attribute "${buf.slice(nameStart, nameEnd)}" of <${element}> has no value`, i)
    }
    i++
    while (i < limit && isSpace(buf.charCodeAt(i))) i++
    if (i >= limit) throw NEED_MORE
    const quote = buf.charCodeAt(i)
    if (quote !== QUOTE && quote !== APOS) {
      throw this.error(
        `value of attribute "${buf.slice(nameStart, nameEnd)}" in <${element}> must be quoted`,
        i,
      )
    }
    if (this.attributes.has(nameStart, nameEnd)) {
      throw this.error(`duplicate attribute "${buf.slice(nameStart, nameEnd)}" in <${element}>`, nameStart)
    }
    this.nameEnd = nameEnd
    return i
  }

  private onText(start: number, end: number): void {
    const buf = this.buf
    if (this.stack.length > 0 && this.handler.wantsText?.() === false) {
      // Not wanted: still refuse bad entity references, without copying the text (usually indentation).
      const amp = this.nextIndex(NEXT_AMP, start)
      if (amp !== -1 && amp < end) this.decode(buf.slice(start, end), start)
      return
    }
    const raw = buf.slice(start, end)
    if (this.stack.length === 0) {
      if (raw.trim() !== '') {
        throw this.error(
          this.seenRoot ? 'text after the root element' : 'text before the root element; the file is not XML',
          start + (raw.length - raw.trimStart().length),
        )
      }
      return
    }
    if (raw.includes(']]>')) throw this.error('"]]>" is not allowed in text', start + raw.indexOf(']]>'))
    this.handler.text(this.decode(raw, start))
  }

  /**
   * Decodes entity and character references in `raw`, which starts at `offset` in the buffer. A loop rather than
   * `replace` with a callback: failure messages in large reports are full of `&lt;`, and the callback per match
   * was the single most expensive line of a profile.
   */
  private decode(raw: string, offset: number): string {
    let amp = raw.indexOf('&')
    if (amp === -1) return raw
    let out = ''
    let done = 0
    while (amp !== -1) {
      const semi = raw.indexOf(';', amp + 1)
      // A reference is `&name;` where the name holds no "&", "<" or whitespace; anything else is a bare "&".
      const name = semi === -1 ? '' : raw.slice(amp + 1, semi)
      if (semi === -1 || NOT_IN_REFERENCE.test(name)) {
        throw this.error('"&" must be escaped as "&amp;"', offset + amp)
      }
      out += raw.slice(done, amp) + this.reference(name, offset + amp)
      done = semi + 1
      amp = raw.indexOf('&', done)
    }
    return done === 0 ? out : out + raw.slice(done)
  }

  /** The text a reference `&name;` stands for (`at` is where it starts, for errors). */
  private reference(name: string, at: number): string {
    // A switch, not a record look-up: `&constructor;` must not find Object.prototype's members.
    switch (name) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
    }
    if (name.startsWith('#')) {
      const hex = name.startsWith('#x')
      const digits = name.slice(hex ? 2 : 1)
      const valid = hex ? /^[0-9A-Fa-f]+$/.test(digits) : /^[0-9]+$/.test(digits)
      const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : NaN
      if (!isXmlChar(code)) throw this.error(`invalid character reference &${name};`, at)
      return String.fromCodePoint(code)
    }
    throw this.error(
      `undefined entity &${name};; only &lt; &gt; &amp; &quot; &apos; and character references are allowed`,
      at,
    )
  }
}

function isXmlChar(code: number): boolean {
  if (!Number.isInteger(code)) return false
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

/** XML attribute-value normalisation: literal tabs and newlines become spaces. */
function normalizeAttribute(raw: string): string {
  return raw.indexOf('\n') === -1 && raw.indexOf('\t') === -1 ? raw : raw.replace(/[\t\n]/g, ' ')
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding bytes and reading whole inputs

const DECL_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/

/**
 * Chooses the text decoder for a document from its first bytes: a BOM wins, then the XML declaration's
 * `encoding`, then UTF-8. Unknown encodings are an error rather than silently garbled names.
 */
export function xmlDecoderFor(file: string, head: Uint8Array): TextDecoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8')
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le')
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be')
  if (head[0] === 0x3c && head[1] === 0x00) return new TextDecoder('utf-16le')
  if (head[0] === 0x00 && head[1] === 0x3c) return new TextDecoder('utf-16be')
  const ascii = Buffer.from(head.subarray(0, 200)).toString('latin1')
  const label = DECL_ENCODING.exec(ascii)?.[1]
  if (label === undefined) return new TextDecoder('utf-8')
  try {
    // UTF-16 declared without a BOM in an 8-bit stream is a lie we can read as UTF-8.
    return new TextDecoder(/^utf-?16/i.test(label) ? 'utf-8' : label)
  } catch {
    throw new TestReportParseError(file, `unsupported encoding "${label}" in the XML declaration`, {
      line: 1,
      column: 1,
    })
  }
}

/**
 * Bytes read from a report file per read call (each read is then decoded in `XML_TEXT_BYTES` pieces). Large
 * enough that a 100 MB file needs only ~400 round trips to the I/O thread pool; the buffer is allocated once.
 * Measured on a generated 100 MB report when this was also the decoded piece size: 1 MB pieces raised peak RSS
 * growth from ~165 MB to ~290 MB without a measurable speed gain.
 */
export const XML_CHUNK_BYTES = 1 << 18

/**
 * Bytes decoded into one piece of text for the reader. Below V8's large-object threshold (128 KB), so a piece
 * is an ordinary young-generation string, reusing memory the runtime already holds, instead of fresh
 * large-object pages that stay in the resident set until a full GC: with 256 KB pieces a 1 MB report raised
 * peak RSS by about its own size in text pieces alone.
 */
export const XML_TEXT_BYTES = 1 << 16

/**
 * Bytes → text for the reader, piece by piece, with an ASCII fast path. Almost every report is pure ASCII; for
 * such a piece a Latin-1 copy of the bytes is the text (ASCII is the same in Latin-1 and UTF-8), about twice as
 * fast as streaming UTF-8 decoding (measured: 0.26 vs 0.54 ms per 256 KB; `isAscii` costs 0.006 ms). Any other
 * piece goes through the streaming `TextDecoder`, which also carries a multi-byte sequence cut by the end of a
 * piece over to the next one. The fast path is only taken when the decoder holds no such partial sequence: a
 * UTF-8 decoder can only be holding one when the last byte it was given is not ASCII, so that is tracked.
 */
export class XmlChunkDecoder {
  /** Whether `decoder` may be holding the start of a multi-byte sequence cut at the end of its last input. */
  private pending = false
  private readonly asciiCompatible: boolean

  constructor(private readonly decoder: TextDecoder) {
    // Only UTF-8 is taken fast: other 8-bit encodings (windows-1252…) agree on ASCII too, but are rare enough that
    // the decoder is simpler to trust. The decoder keeps a leading BOM out of the text; the fast path never sees
    // one, as its bytes are not ASCII.
    this.asciiCompatible = decoder.encoding === 'utf-8'
  }

  /** The text of the next piece of the input. */
  decode(bytes: Uint8Array): string {
    if (this.asciiCompatible && !this.pending && isAscii(bytes)) return latin1Text(bytes)
    if (bytes.length > 0 && this.asciiCompatible) this.pending = bytes[bytes.length - 1]! >= 0x80
    return this.decoder.decode(bytes, { stream: true })
  }

  /** Decodes `bytes` and writes the text to `reader` in pieces of at most `XML_TEXT_BYTES` bytes. */
  feed(bytes: Uint8Array, reader: SafeXmlReader): void {
    for (let i = 0; i < bytes.length; i += XML_TEXT_BYTES) {
      reader.write(this.decode(bytes.subarray(i, i + XML_TEXT_BYTES)))
    }
  }

  /** The end of the input: whatever the decoder still holds (a cut sequence becomes U+FFFD), usually ''. */
  flush(): string {
    if (this.asciiCompatible && !this.pending) return ''
    this.pending = false
    return this.decoder.decode()
  }
}

function latin1Text(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  return buffer.toString('latin1', 0, buffer.length)
}

/** Reads a whole in-memory document (string or bytes) through `handler`. */
export function readXml(file: string, content: string | Uint8Array, handler: XmlHandler): void {
  const reader = new SafeXmlReader(file, handler)
  if (typeof content === 'string') {
    for (let i = 0; i < content.length; i += XML_CHUNK_BYTES) {
      let end = Math.min(content.length, i + XML_CHUNK_BYTES)
      const code = content.charCodeAt(end - 1)
      if (code >= 0xd800 && code <= 0xdbff && end < content.length) end++
      reader.write(content.slice(i, end))
      i = end - XML_CHUNK_BYTES
    }
  } else {
    const decoder = new XmlChunkDecoder(xmlDecoderFor(file, content))
    decoder.feed(content, reader)
    reader.write(decoder.flush())
  }
  reader.end()
}

// ---------------------------------------------------------------------------------------------------------------
// A small element tree, for the formats whose mapping needs look-ups across the document (NUnit, xUnit, TRX)

/** One element of the tree: local name, attributes, and children (elements and text) in document order. */
export interface XmlElement {
  readonly name: string
  readonly attributes: Record<string, string>
  readonly children: (XmlElement | string)[]
  readonly parent: XmlElement | undefined
}

/** Builds an element tree; text per element is bounded so a huge output block cannot exhaust memory. */
export class XmlTreeBuilder implements XmlHandler {
  root: XmlElement | undefined
  private current: XmlElement | undefined
  private readonly textBudget: number[] = []

  openTag(name: string, attributes: XmlAttributes): void {
    const element: XmlElement = {
      name: localName(name),
      attributes: attributes.toRecord(),
      children: [],
      parent: this.current,
    }
    if (this.current) this.current.children.push(element)
    else this.root = element
    this.current = element
    this.textBudget.push(MAX_ELEMENT_TEXT_CHARS)
  }

  closeTag(): void {
    this.current = this.current?.parent
    this.textBudget.pop()
  }

  text(text: string): void {
    if (!this.current) return
    const budget = this.textBudget[this.textBudget.length - 1] ?? 0
    if (budget <= 0) return
    const kept = text.length > budget ? text.slice(0, budget) : text
    this.textBudget[this.textBudget.length - 1] = budget - kept.length
    this.current.children.push(kept)
  }
}

/** Reads a document into a tree. */
export function readXmlTree(file: string, content: string | Uint8Array): XmlElement {
  const builder = new XmlTreeBuilder()
  readXml(file, content, builder)
  if (!builder.root) throw new TestReportParseError(file, 'no root element; the file is not XML or is empty')
  return builder.root
}

/** Child elements with the given local name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child)
  }
  return out
}

/** The first child element with the given local name. */
export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) if (typeof child !== 'string' && child.name === name) return child
  return undefined
}

/** XPath string-value: all descendant text in document order. */
export function stringValue(element: XmlElement | undefined): string {
  if (!element) return ''
  let out = ''
  for (const child of element.children) out += typeof child === 'string' ? child : stringValue(child)
  return out
}

/** Every descendant element with the given local name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (e: XmlElement): void => {
    for (const child of e.children) {
      if (typeof child === 'string') continue
      if (child.name === name) out.push(child)
      walk(child)
    }
  }
  walk(element)
  return out
}
