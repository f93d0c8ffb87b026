/**
 * Walks the whole `junit/` corpus (publish-unit-test-result-action's test files) and checks every case it finds —
 * discovered by file name, so held-out cases dropped into the folder are checked the same way:
 * - `<stem>.results` with no parse errors → our parse must give the same number of cases and, per case, the same
 *   class name + test name, status, message, time, file and line (compared as sorted lists; order is not part of
 *   the contract);
 * - `<stem>.exception`, or `.results` listing parse errors → our parse must throw `TestReportParseError`;
 * - both `.exception` and `.results` (upstream changed its mind; the corpus README lists the XXE cases and
 *   `non-junit`): the `.exception` wins, since the newer upstream results expanded an external entity, which we
 *   refuse by design;
 * - inputs declaring external entities: nothing read from the entity target may appear in results or errors.
 * Format: decided by the top folder as upstream does (junit-xml → junit, nunit → nunit, …; `xml/` and `json/`
 * → auto), and for successful cases `sniffTestFormat` must agree.
 * Known upstream quirk we do not copy: Mocha's `duration` is milliseconds, and upstream stores that number as
 * seconds (and drops a 0 duration); for Mocha the expected `time` is therefore compared with our `durationMs`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  boundText,
  MAX_MESSAGE_CHARS,
  parseTestReportFile,
  sniffTestFormat,
  TestReportParseError,
} from '../../../../src/parsers/tests/index.js'
import type { TestFormat } from '../../../../src/parsers/tests/index.js'
import type { ParsedTestCase } from '../../../../src/model/test-case.js'
import { asCall, parsePythonRepr } from './python-repr.js'
import type { PyValue } from './python-repr.js'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
const corpusRoot = process.env.GAUNTLET_CORPUS ?? resolve(projectRoot, '../shared/corpus')
const filesRoot = join(corpusRoot, 'junit', 'files')
const available = existsSync(filesRoot)

const INPUT_EXTENSIONS = ['.xml', '.trx', '.json']
const EXPECTATION_SUFFIXES = ['.results.json', '.results', '.exception', '.annotations', '.junit-xml']

const FOLDER_FORMATS: Record<string, TestFormat> = {
  'junit-xml': 'junit',
  nunit: 'nunit',
  xunit: 'xunit',
  trx: 'trx',
  mocha: 'mocha-json',
  dart: 'dart-json',
}

interface CorpusCase {
  readonly id: string
  readonly input: string
  readonly results?: string
  readonly exception?: string
  readonly format: TestFormat | 'auto'
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry)
    if (statSync(full).isDirectory()) walk(full, out)
    else out.push(full)
  }
  return out
}

function discoverCases(): CorpusCase[] {
  const byStem = new Map<string, { inputs: string[]; results?: string; exception?: string }>()
  for (const file of walk(filesRoot)) {
    let stem: string | undefined
    let kind: 'input' | 'results' | 'exception' | 'other' = 'other'
    const suffix = EXPECTATION_SUFFIXES.find((s) => file.endsWith(s))
    if (suffix) {
      stem = file.slice(0, -suffix.length)
      kind = suffix === '.results' ? 'results' : suffix === '.exception' ? 'exception' : 'other'
    } else {
      const ext = INPUT_EXTENSIONS.find((e) => file.endsWith(e))
      if (ext) {
        stem = file.slice(0, -ext.length)
        kind = 'input'
      }
    }
    if (stem === undefined || kind === 'other') continue
    const entry = byStem.get(stem) ?? { inputs: [] }
    if (kind === 'input') entry.inputs.push(file)
    else entry[kind] = file
    byStem.set(stem, entry)
  }
  const cases: CorpusCase[] = []
  for (const [stem, entry] of [...byStem].sort(([a], [b]) => a.localeCompare(b))) {
    if (!entry.results && !entry.exception) continue
    const rel = relative(filesRoot, stem)
    const top = rel.split(/[\\/]/)[0] ?? ''
    const format = FOLDER_FORMATS[top] ?? 'auto'
    // A case without input ("not-existing") keeps the extension its folder implies.
    const input =
      entry.inputs[0] ??
      `${stem}${top === 'json' || top === 'mocha' || top === 'dart' ? '.json' : top === 'trx' ? '.trx' : '.xml'}`
    cases.push({ id: rel, input, results: entry.results, exception: entry.exception, format })
  }
  return cases
}

interface ExpectedCase {
  readonly className: string
  readonly testName: string
  readonly status: ParsedTestCase['status']
  readonly message: string | null
  readonly time: number | null
  readonly file: string | null
  readonly line: number | null
}

const STATUS: Record<string, ParsedTestCase['status']> = {
  success: 'passed',
  failure: 'failed',
  error: 'errored',
  skipped: 'skipped',
  disabled: 'skipped',
}

function str(v: PyValue | undefined): string | null {
  return typeof v === 'string' ? v : null
}

function readExpected(path: string): { errors: number; cases: ExpectedCase[] } {
  const root = asCall(parsePythonRepr(readFileSync(path, 'utf8').trim()), 'ParsedUnitTestResults')
  const errors = root.kwargs.errors
  const cases = root.kwargs.cases
  if (!Array.isArray(errors) || !Array.isArray(cases)) throw new Error(`${path}: no errors/cases lists`)
  return {
    errors: errors.length,
    cases: cases.map((c: PyValue) => {
      const k = asCall(c, 'UnitTestCase').kwargs
      const result = str(k.result) ?? ''
      const status = STATUS[result]
      if (!status) throw new Error(`${path}: unknown result ${result}`)
      return {
        className: str(k.class_name) ?? '',
        testName: str(k.test_name) ?? '',
        status,
        message: str(k.message),
        time: typeof k.time === 'number' ? k.time : null,
        file: str(k.test_file),
        line: typeof k.line === 'number' ? k.line : null,
      }
    }),
  }
}

const sortKey = (c: { className: string; testName: string; status: string }): string =>
  `${c.className}\u0000${c.testName}\u0000${c.status}`

function compare(
  format: TestFormat | 'auto',
  expected: ExpectedCase[],
  actual: readonly ParsedTestCase[],
): string[] {
  const problems: string[] = []
  if (expected.length !== actual.length)
    problems.push(`case count: expected ${expected.length}, got ${actual.length}`)
  const ours = actual
    .map((t) => ({ ...t, className: t.classname, testName: t.name }))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || (a.durationMs ?? -1) - (b.durationMs ?? -1))
  const theirs = [...expected].sort(
    (a, b) => sortKey(a).localeCompare(sortKey(b)) || (a.time ?? -1) * 1000 - (b.time ?? -1) * 1000,
  )
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    const a = ours[i]!
    const e = theirs[i]!
    const label = `#${i} ${e.className} :: ${e.testName}`
    if (a.className !== e.className || a.testName !== e.testName) {
      problems.push(`${label}: name differs, got ${a.className} :: ${a.testName}`)
      continue
    }
    if (a.status !== e.status) problems.push(`${label}: status expected ${e.status}, got ${a.status}`)
    const expectedMessage = boundText(e.message, MAX_MESSAGE_CHARS)
    if (a.message !== expectedMessage) {
      problems.push(
        `${label}: message expected ${JSON.stringify(expectedMessage)}, got ${JSON.stringify(a.message)}`,
      )
    }
    if (format === 'mocha-json') {
      const ok = e.time === null ? a.durationMs === null || a.durationMs === 0 : a.durationMs === e.time
      if (!ok) problems.push(`${label}: mocha duration expected ${e.time} ms, got ${a.durationMs}`)
    } else if (
      e.time === null
        ? a.durationMs !== null
        : a.durationMs === null || Math.abs(a.durationMs / 1000 - e.time) > 1e-6
    ) {
      problems.push(`${label}: time expected ${e.time} s, got ${a.durationMs} ms`)
    }
    if ((a.file ?? null) !== e.file) problems.push(`${label}: file expected ${e.file}, got ${a.file}`)
    if ((a.line ?? null) !== e.line) problems.push(`${label}: line expected ${e.line}, got ${a.line}`)
  }
  return problems
}

/** Contents of files an input names as external entities (`<!ENTITY x SYSTEM "file">`), when they exist locally. */
function externalEntityContents(input: string): string[] {
  if (!existsSync(input)) return []
  const text = readFileSync(input, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/<!ENTITY\s+\S+\s+SYSTEM\s+["']([^"']+)["']/g)) {
    const target = resolve(dirname(input), m[1]!)
    if (existsSync(target)) out.push(readFileSync(target, 'utf8').trim())
  }
  return out.filter((c) => c !== '')
}

describe.skipIf(!available)('test-report parsers against the junit corpus', () => {
  const cases = available ? discoverCases() : []

  it('finds cases in the corpus', () => {
    expect(cases.length).toBeGreaterThan(50)
  })

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const expectError =
      c.exception !== undefined || (c.results !== undefined && readExpected(c.results).errors > 0)
    const leaked = externalEntityContents(c.input)
    let outcome: Awaited<ReturnType<typeof parseTestReportFile>> | TestReportParseError
    try {
      outcome = await parseTestReportFile(c.input, c.format)
    } catch (e) {
      if (!(e instanceof TestReportParseError)) throw e
      outcome = e
    }
    const rendered = outcome instanceof TestReportParseError ? outcome.message : JSON.stringify(outcome)
    for (const secret of leaked) expect(rendered).not.toContain(secret)

    if (expectError) {
      expect(outcome, `expected an error, got ${rendered.slice(0, 200)}`).toBeInstanceOf(TestReportParseError)
      return
    }
    if (outcome instanceof TestReportParseError) throw outcome
    const expected = readExpected(c.results!)
    expect(compare(c.format, expected.cases, outcome.tests)).toEqual([])
    expect(outcome.totals.tests).toBe(expected.cases.length)
    if (c.format !== 'auto') {
      expect(sniffTestFormat(c.input, readFileSync(c.input, 'utf8').slice(0, 4096))).toBe(c.format)
    }
  })
})

if (!available) {
  console.log(`test-report corpus absent at ${filesRoot} (set GAUNTLET_CORPUS); corpus checks skipped`)
}
