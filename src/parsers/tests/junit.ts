/**
 * JUnit XML → ParsedTestCase, streaming (one pass, no document tree), for every dialect in the corpus: pytest,
 * Jest, Mocha, Bazel, ScalaTest, tst, xUnit.net's JUnit output, Surefire (`<flakyFailure>`, `<rerunFailure>`),
 * nested `<testsuite>`s, `<testsuites>` or `<testsuite>` as root, and elements without attributes.
 *
 * Semantics follow junitparser as used by publish-unit-test-result-action (the reference for our corpus):
 * - the root must be `<testsuites>` or `<testsuite>`, otherwise the file is not JUnit (error);
 * - test cases are the `<testcase>` children of `<testsuite>`s reachable from the root through `<testsuite>`s only;
 *   a `<testcase>` without both `name` and `classname` is ignored;
 * - results are the `<failure>`, `<error>` and `<skipped>` elements anywhere inside the case; several resolve by
 *   severity (error > failure > success > skipped > disabled) and the winning kind's messages are joined;
 *   Surefire's `<flakyFailure>`/`<flakyError>`/`<rerunFailure>`/`<rerunError>` are not results: a case with only
 *   flaky reruns passed, one with a `<failure>` plus reruns failed;
 * - a case without results whose `status` attribute is `disabled` (tst) is skipped;
 * - `time` is seconds (commas dropped); `file` and `line` attributes are kept.
 * Mapping: `suite` = `name` of the innermost enclosing `<testsuite>` ('' when absent), `classname` = `classname`
 * attribute ('' when absent), `name` = `name` attribute ('' when absent).
 */
import type { ParsedTestCase } from '../../model/test-case.js'
import { MAX_DETAILS_CHARS, parseLine, plainDecimal, resolveOutcome, secondsToMs } from './case-outcome.js'
import type { RawResult } from './case-outcome.js'
import { TestReportParseError } from './errors.js'
import { localName } from './safe-xml.js'
import type { XmlAttributes, XmlHandler } from './safe-xml.js'

/** Upper bound on distinct interned strings, so a report of unique names cannot grow the table without limit. */
const MAX_INTERNED = 100_000
/** Slots of the recent-values cache in front of the intern table (a power of two). */
const RECENT_SLOTS = 256

/**
 * Copies a string so it no longer points into the piece of the file it was sliced from (`XML_CHUNK_BYTES`). V8 represents
 * `slice()` results of 13+ characters as views on their parent; keeping one test name would keep its whole
 * piece alive, i.e. the parsed report would hold on to roughly the whole file. Concatenating forces a fresh
 * flat string, and the 1-character offset slice of it only retains that small copy.
 */
function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1)
}

/**
 * Slot of the recent-values cache for `text[start, start + n)`, from its length and three characters: class and
 * file names of one suite usually differ near the end (`Class3`, `Class3.java`).
 */
function recentSlot(text: string, start: number, n: number): number {
  return (
    (n * 7 +
      text.charCodeAt(start + n - 1) * 31 +
      (n > 6 ? text.charCodeAt(start + n - 6) * 17 : 0) +
      text.charCodeAt(start + (n >> 1)) * 3) &
    (RECENT_SLOTS - 1)
  )
}

/** `parseLine` of the attribute at position `k`, reading the usual plain digits in place (no copy). */
function lineOf(attributes: XmlAttributes, k: number): number | null {
  if (k === -1) return null
  const start = attributes.rawStart(k)
  const end = attributes.rawEnd(k)
  if (start === -1 || end === start || end - start > 9) return parseLine(attributes.valueAt(k))
  const text = attributes.text
  let value = 0
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j)
    if (c < 48 || c > 57) return parseLine(attributes.valueAt(k))
    value = value * 10 + (c - 48)
  }
  return value
}

/** `secondsToMs` of the attribute at position `k`, reading a plain decimal in place (no copy). */
function durationOf(attributes: XmlAttributes, k: number): number | null {
  if (k === -1) return null
  const start = attributes.rawStart(k)
  if (start !== -1) {
    const plain = plainDecimal(attributes.text, start, attributes.rawEnd(k))
    if (plain !== undefined) return plain * 1000
  }
  return secondsToMs(attributes.valueAt(k))
}

// What each open element is to the JUnit reading (numbers, not an enum: the hot path compares them a lot).
const ROOT = 0
const SUITE = 1
const CASE = 2
const RESULT = 3
const OTHER = 4
type Frame = typeof ROOT | typeof SUITE | typeof CASE | typeof RESULT | typeof OTHER

interface OpenResult {
  kind: RawResult['kind']
  message: string | null
  content: string
}

/** Streaming JUnit reader: feed it to `SafeXmlReader`, then take `tests`. */
export class JUnitHandler implements XmlHandler {
  readonly tests: ParsedTestCase[] = []
  private readonly frames: Frame[] = []
  /** Interned `name` of each open `<testsuite>`. */
  private readonly suiteNames: string[] = []
  /** The open `<testcase>`'s attributes, read when it opens (the reader's attribute view lives only that long). */
  private inCase = false
  private caseName: string | undefined
  /** Interned already. */
  private caseClassname: string | undefined
  private caseStatus: string | undefined
  private caseDurationMs: number | null = null
  /** Interned already. */
  private caseFile: string | undefined
  private caseLine: number | null = null
  /** Results of the open case; reused (emptied) per case, as `resolveOutcome` only reads it. */
  private readonly results: RawResult[] = []
  private result: OpenResult | undefined
  /** Depth of the open result element, so only its own text counts as its content. */
  private resultDepth = 0

  /** Repeated values (suite, class and file names) share one string; see `detach` for why values are copied. */
  private readonly interned = new Map<string, string>()

  constructor(private readonly file: string) {}

  /**
   * Recently seen values by a cheap key (length and three characters, where class and file names tend to differ),
   * checked before the hash table: cases repeat a handful of class and file names, and comparing with one
   * candidate is much cheaper than hashing every value for the table look-up. A collision only costs that look-up.
   */
  private readonly recentClassnames: string[] = new Array<string>(RECENT_SLOTS).fill('')
  /** As `recentClassnames`, for `file`: one cache per field, so a class and a file name never evict each other. */
  private readonly recentFiles: string[] = new Array<string>(RECENT_SLOTS).fill('')
  private readonly recentSuites: string[] = new Array<string>(RECENT_SLOTS).fill('')

  private internField(value: string, recent: string[]): string {
    const n = value.length
    if (n === 0) return ''
    const slot = recentSlot(value, 0, n)
    const cached = recent[slot]!
    if (cached === value) return cached
    const interned = this.intern(value)
    recent[slot] = interned
    return interned
  }

  /**
   * `internField` for the attribute at position `k`, comparing the cached candidate with the document text in
   * place: a repeated class or file name (the usual case) then costs no copy at all.
   */
  private internAttribute(attributes: XmlAttributes, k: number, recent: string[]): string | undefined {
    if (k === -1) return undefined
    const start = attributes.rawStart(k)
    if (start === -1) return this.internField(attributes.valueAt(k), recent)
    const end = attributes.rawEnd(k)
    const n = end - start
    if (n === 0) return ''
    const text = attributes.text
    const slot = recentSlot(text, start, n)
    const cached = recent[slot]!
    if (cached.length === n && text.startsWith(cached, start)) return cached
    const interned = this.intern(text.slice(start, end))
    recent[slot] = interned
    return interned
  }

  private intern(value: string): string {
    const known = this.interned.get(value)
    if (known !== undefined) return known
    const copy = detach(value)
    if (this.interned.size < MAX_INTERNED) this.interned.set(copy, copy)
    return copy
  }

  openTag(qname: string, attributes: XmlAttributes): void {
    const name = localName(qname)
    const depth = this.frames.length
    if (depth === 0) {
      if (name !== 'testsuites' && name !== 'testsuite') {
        throw new TestReportParseError(
          this.file,
          `not a JUnit XML report: the root element is <${qname}>, expected <testsuites> or <testsuite>`,
        )
      }
      if (name === 'testsuite') {
        this.frames.push(SUITE)
        this.suiteNames.push(this.internField(attributes.get('name') ?? '', this.recentSuites))
      } else {
        this.frames.push(ROOT)
      }
      return
    }
    const parent = this.frames[depth - 1]
    if (parent === ROOT || parent === SUITE) {
      if (name === 'testsuite') {
        this.frames.push(SUITE)
        this.suiteNames.push(this.internField(attributes.get('name') ?? '', this.recentSuites))
        return
      }
      if (name === 'testcase' && parent === SUITE) {
        this.frames.push(CASE)
        this.inCase = true
        // Read now: the attribute view only lives during this call. Numbers are parsed and repeated names
        // interned straight from the document text, so a usual case copies out nothing but its name.
        this.caseName = attributes.get('name')
        this.caseClassname = this.internAttribute(
          attributes,
          attributes.indexOf('classname'),
          this.recentClassnames,
        )
        this.caseStatus = attributes.get('status')
        this.caseDurationMs = durationOf(attributes, attributes.indexOf('time'))
        this.caseFile = this.internAttribute(attributes, attributes.indexOf('file'), this.recentFiles)
        this.caseLine = lineOf(attributes, attributes.indexOf('line'))
        if (this.results.length !== 0) this.results.length = 0
        return
      }
      this.frames.push(OTHER)
      return
    }
    if (this.inCase && this.result === undefined) {
      // Anywhere inside a case, as junitparser iterates all descendants.
      if (name === 'failure' || name === 'error' || name === 'skipped') {
        this.frames.push(RESULT)
        this.result = { kind: name, message: attributes.get('message') ?? null, content: '' }
        this.resultDepth = depth + 1
        return
      }
    }
    this.frames.push(OTHER)
  }

  closeTag(): void {
    const frame = this.frames.pop()
    if (frame === SUITE) {
      this.suiteNames.pop()
    } else if (frame === RESULT && this.frames.length + 1 === this.resultDepth && this.result) {
      this.results.push({
        kind: this.result.kind,
        message: this.result.message,
        content: this.result.content === '' && !this.resultHadText ? null : this.result.content,
      })
      this.result = undefined
      this.resultHadText = false
    } else if (frame === CASE && this.inCase) {
      this.finishCase()
      this.inCase = false
      // Slices of the current piece of the file: do not keep it alive past the case.
      this.caseName = this.caseStatus = undefined
    }
  }

  private resultHadText = false

  wantsText(): boolean {
    return this.result !== undefined && this.frames.length === this.resultDepth
  }

  text(text: string): void {
    const result = this.result
    // Only the result element's own text (not its children's) is its content, as in lxml's `.text`.
    if (result === undefined || this.frames.length !== this.resultDepth) return
    this.resultHadText = true
    if (result.content.length < MAX_DETAILS_CHARS) result.content += text
  }

  private finishCase(): void {
    const name = this.caseName
    const classname = this.caseClassname
    if (name === undefined && classname === undefined) return
    const outcome = resolveOutcome(this.results, this.caseStatus)
    const file = this.caseFile
    this.tests.push({
      suite: this.suiteNames[this.suiteNames.length - 1] ?? '',
      classname: classname ?? '',
      name: detach(name ?? ''),
      status: outcome.status,
      durationMs: this.caseDurationMs,
      message: outcome.message === null ? null : detach(outcome.message),
      details: outcome.details === null ? null : detach(outcome.details),
      file: file ?? null,
      line: this.caseLine,
    })
    if (this.results.length !== 0) this.results.length = 0
  }
}
