// Walks the shared bench-formats corpus (github-action-benchmark's own test data and snapshots) and checks
// that every `*.expected.json` case is reproduced exactly, plus the manifest's negative cases. Cases are
// discovered, not listed, so held-out cases dropped into the folder are checked the same way.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BenchmarkParseError,
  directionFromUnit,
  isBenchmarkFormat,
  parseBenchmarkFile,
  parseBenchmarkOutput,
  sniffBenchmarkFormat,
} from '../../../../src/parsers/benchmarks/index.js'

const corpusRoot = resolve(
  process.env.GAUNTLET_CORPUS ?? resolve(import.meta.dirname, '../../../../../shared/corpus'),
)
const benchRoot = join(corpusRoot, 'bench-formats')
const available = existsSync(benchRoot)
if (!available)
  console.log(`bench-formats corpus absent at ${benchRoot}: corpus tests skipped (set GAUNTLET_CORPUS)`)

interface ExpectedBench {
  name: string
  unit: string
  value: number
  range?: string
  extra?: string
}
interface ExpectedCase {
  tool: string
  input: string
  result: { benches: ExpectedBench[] }
}
interface NegativeCase {
  tool: string
  input: string
  expect_error: string
}

function findExpected(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry)
    if (statSync(full).isDirectory()) out.push(...findExpected(full))
    else if (entry.endsWith('.expected.json')) out.push(full)
  }
  return out.sort()
}

const cases = available
  ? findExpected(benchRoot).map((path) => ({
      path,
      data: JSON.parse(readFileSync(path, 'utf8')) as ExpectedCase,
    }))
  : []
const manifestPath = join(benchRoot, 'manifest.json')
const negatives: NegativeCase[] =
  available && existsSync(manifestPath)
    ? ((JSON.parse(readFileSync(manifestPath, 'utf8')) as { negative_cases?: NegativeCase[] })
        .negative_cases ?? [])
    : []

/** Our metric restricted to the keys github-action-benchmark writes, keeping only keys we actually set. */
function upstreamView(metric: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  for (const key of ['name', 'unit', 'value', 'range', 'extra']) if (key in metric) view[key] = metric[key]
  return view
}

describe.skipIf(!available)('bench-formats corpus', () => {
  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThan(0)
  })

  for (const { path, data } of cases) {
    const label = `${data.tool} ${relative(benchRoot, path)}`
    it(`reproduces ${label}`, async () => {
      expect(isBenchmarkFormat(data.tool)).toBe(true)
      const input = join(benchRoot, data.input)
      const format = data.tool as Parameters<typeof parseBenchmarkOutput>[2]
      const report = await parseBenchmarkFile(input, format)
      const metrics = report.metrics as unknown as Array<Record<string, unknown>>

      expect(metrics.map(upstreamView)).toStrictEqual(data.result.benches)
      for (const m of metrics) {
        // No null/undefined-valued keys anywhere, and nothing the upstream format does not carry.
        for (const [key, value] of Object.entries(m))
          expect(value, `${String(m.name)}.${key}`).not.toBeUndefined()
        expect(JSON.parse(JSON.stringify(m))).toStrictEqual(m)
        expect(m).not.toHaveProperty('samples')
        expect(m).not.toHaveProperty('tags')
        const expectedDirection =
          data.tool === 'customBiggerIsBetter'
            ? 'higher'
            : data.tool === 'customSmallerIsBetter'
              ? 'lower'
              : directionFromUnit(String(m.unit))
        expect(m.direction).toBe(expectedDirection)
      }
    })

    if (!data.tool.startsWith('custom')) {
      it(`sniffs ${label} as ${data.tool}`, () => {
        const input = join(benchRoot, data.input)
        expect(sniffBenchmarkFormat(input, readFileSync(input, 'utf8'))).toBe(data.tool)
      })
    }
  }

  for (const neg of negatives) {
    it(`rejects ${neg.input} read as ${neg.tool}`, () => {
      const input = join(benchRoot, neg.input)
      // Upstream patterns match String(err) of a plain Error ("Error: <message>"); ours match the reason.
      const pattern = new RegExp(neg.expect_error.replace(/^\^Error: /, '^'))
      let caught: unknown
      try {
        parseBenchmarkOutput(input, readFileSync(input, 'utf8'), neg.tool as 'go')
      } catch (err) {
        caught = err
      }
      expect(caught).toBeInstanceOf(BenchmarkParseError)
      const err = caught as BenchmarkParseError
      expect(err.file).toBe(input)
      expect(err.reason).toMatch(pattern)
      expect(err.message).toContain(input)
    })
  }
})
