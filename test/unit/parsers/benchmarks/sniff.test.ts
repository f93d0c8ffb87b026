// Format detection from the first bytes of our own fixtures and of small inline samples.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type BenchmarkFormat, sniffBenchmarkFormat } from '../../../../src/parsers/benchmarks/index.js'

const fixtures = join(import.meta.dirname, '../../../fixtures/parsers/benchmarks')
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8')

const fromFixtures: Array<[string, BenchmarkFormat | undefined]> = [
  ['go/two-packages.txt', 'go'],
  ['go/one-package.txt', 'go'],
  ['cargo/libtest.txt', 'cargo'],
  ['benchmarkjs/suite.txt', 'benchmarkjs'],
  ['benchmarkluau/run.txt', 'benchmarkluau'],
  ['catch2/v3.txt', 'catch2'],
  ['pytest/small.json', 'pytest'],
  ['googlecpp/repetitions.json', 'googlecpp'],
  ['julia/estimates.json', 'julia'],
  ['jmh/avgt-params.json', 'jmh'],
  ['benchmarkdotnet/with-failed.json', 'benchmarkdotnet'],
  ['hyperfine/export.json', 'hyperfine'],
  ['vitest-bench/report.json', 'vitest-bench'],
  ['gauntlet/suite.json', 'gauntlet'],
  // Same shape for both custom formats: never guessed.
  ['custom/mixed.json', undefined],
  ['go/bad-value.txt', undefined],
]

describe('sniffBenchmarkFormat', () => {
  it.each(fromFixtures)('%s → %s', (file, format) => {
    expect(sniffBenchmarkFormat(file, fixture(file))).toBe(format)
  })

  // A head cut off mid-file is not valid JSON: key names decide.
  it.each(fromFixtures.filter(([f, fmt]) => f.endsWith('.json') && fmt !== undefined))(
    'truncated head of %s → %s',
    (file, format) => {
      const text = fixture(file)
      expect(sniffBenchmarkFormat(file, text.slice(0, Math.floor(text.length * 0.8)))).toBe(format)
    },
  )

  const inline: Array<[string, string, string, BenchmarkFormat | undefined]> = [
    ['BOM before JSON', 'r.json', '\ufeff{"metrics": [{"name": "a", "unit": "ms", "value": 1}]}', 'gauntlet'],
    ['leading blank lines', 'r.txt', '\n\n  BenchmarkX-4 \t 100\t 5 ns/op\n', 'go'],
    ['CRLF cargo', 'r.txt', 'test a ... bench:   10 ns/iter (+/- 1)\r\n', 'cargo'],
    ['text in a .json file', 'r.json', 'BenchmarkX-4 \t 100\t 5 ns/op\n', undefined],
    ['empty', 'r.txt', '', undefined],
    ['JSON of no known shape', 'r.json', '{"hello": "world"}', undefined],
    ['JSON array of numbers', 'r.json', '[1, 2, 3]', undefined],
    ['benchmark.js with +-', 'r.txt', 'a x 1,000 ops/sec +-1.00% (50 runs sampled)\n', 'benchmarkjs'],
  ]
  it.each(inline)('%s', (_label, path, head, format) => {
    expect(sniffBenchmarkFormat(path, head)).toBe(format)
  })
})
