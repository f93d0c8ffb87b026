// Size limits, hostile names, file-system errors: never a crash, never lost or smuggled data.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BenchmarkParseError,
  DEFAULT_MAX_BENCHMARK_BYTES,
  parseBenchmarkFile,
  parseBenchmarkOutput,
} from '../../../../src/parsers/benchmarks/index.js'

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-parsers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function fileError(path: string, options?: { maxBytes?: number }): Promise<BenchmarkParseError> {
  const err: unknown = await parseBenchmarkFile(path, 'auto', options).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(BenchmarkParseError)
  return err as BenchmarkParseError
}

const cargoLine = 'test a ... bench:   10 ns/iter (+/- 1)\n'

describe('size limit', () => {
  it('defaults to 100 MiB', () => {
    expect(DEFAULT_MAX_BENCHMARK_BYTES).toBe(100 * 1024 * 1024)
  })

  it('refuses a file over the default limit by its size on disk', async () => {
    const path = join(dir, 'huge.txt')
    writeFileSync(path, '')
    truncateSync(path, DEFAULT_MAX_BENCHMARK_BYTES + 1) // sparse: no disk space used
    const err = await fileError(path)
    expect(err.reason).toBe(
      `benchmark output is ${DEFAULT_MAX_BENCHMARK_BYTES + 1} bytes, over the limit of ${DEFAULT_MAX_BENCHMARK_BYTES} bytes`,
    )
    expect(err.file).toBe(path)
  })

  it('honours maxBytes for files and strings, counting UTF-8 bytes', async () => {
    const path = join(dir, 'small.txt')
    writeFileSync(path, cargoLine)
    const bytes = Buffer.byteLength(cargoLine)
    expect((await parseBenchmarkFile(path, 'cargo', { maxBytes: bytes })).metrics).toHaveLength(1)
    expect((await fileError(path, { maxBytes: bytes - 1 })).reason).toMatch(/over the limit of/)

    const wide = `test µ ... bench:   10 ns/iter (+/- 1)\n` // µ is 2 bytes in UTF-8
    const wideBytes = Buffer.byteLength(wide)
    expect(parseBenchmarkOutput('w.txt', wide, 'cargo', { maxBytes: wideBytes }).metrics).toHaveLength(1)
    expect(() => parseBenchmarkOutput('w.txt', wide, 'cargo', { maxBytes: wideBytes - 1 })).toThrow(
      `benchmark output is ${wideBytes} bytes, over the limit of ${wideBytes - 1} bytes`,
    )
  })
})

describe('file-system errors', () => {
  it('names a missing file', async () => {
    const err = await fileError(join(dir, 'nope.json'))
    expect(err.reason).toBe('file does not exist')
    expect(err.hint).toMatch(/result path/)
  })

  it('refuses a directory', async () => {
    expect((await fileError(dir)).reason).toBe('not a regular file')
  })
})

describe('hostile input', () => {
  const hostile = [
    'pipe | table',
    'tick `rm -rf /`',
    '<img src=x onerror=alert(1)>',
    'two\nlines\tand tab',
    '[link](javascript:alert(1)) @everyone',
  ]

  it('keeps markup and newlines as data but strips control characters', () => {
    const names = [...hostile, 'bell\u0007 esc\u001b[31mred\u001b[0m nul\u0000 cr\r del\u007f bidi\u202eevil']
    const json = JSON.stringify({ metrics: names.map((name, i) => ({ name, unit: 'ms\u0007', value: i })) })
    const { metrics } = parseBenchmarkOutput('h.json', json, 'gauntlet')
    expect(metrics.map((m) => m.name)).toStrictEqual([...hostile, 'bell esc[31mred[0m nul cr del bidievil'])
    expect(metrics.every((m) => m.unit === 'ms')).toBe(true)
  })

  it('cleans names from text formats too', () => {
    const text = 'test <b>bold</b>|`x`\u001b ... bench:   10 ns/iter (+/- 1)\n'
    expect(parseBenchmarkOutput('c.txt', text, 'cargo').metrics[0]?.name).toBe('<b>bold</b>|`x`')
  })

  it('refuses absurdly deep Julia groups with an error instead of a stack overflow', () => {
    let group = '["TrialEstimate",{"time":1,"gctime":0,"memory":0,"allocs":0,"params":["Parameters",{}]}]'
    for (let i = 0; i < 200; i++) group = `["BenchmarkGroup",{"data":{"g":${group}},"tags":[]}]`
    const json = `[{"Julia":"1.10","BenchmarkTools":"1.4"},[${group}]]`
    expect(() => parseBenchmarkOutput('deep.json', json, 'julia')).toThrow(/nested deeper than 64 levels/)
  })

  it('parses many lines in one pass', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `test t${i} ... bench:   ${i + 1} ns/iter (+/- 1)`)
    const { metrics } = parseBenchmarkOutput('many.txt', lines.join('\n'), 'cargo')
    expect(metrics).toHaveLength(20_000)
    expect(metrics[19_999]).toStrictEqual({
      name: 't19999',
      unit: 'ns/iter',
      value: 20000,
      range: '± 1',
      direction: 'lower',
    })
  })
})

// Long hostile lines shaped to make backtracking regexes quadratic (a 20 kB Go line took 0.7 s with the
// upstream pattern; these are 200 kB). They must simply be parsed or rejected; the suite's 30 s test timeout
// is the only clock involved.
describe('long hostile lines', () => {
  const n = 200_000
  type Format = 'auto' | 'go' | 'cargo' | 'catch2' | 'benchmarkjs' | 'benchmarkluau' | 'customBiggerIsBetter'
  // [label, content, format, expected reason (error) or expected metric count]
  const cases: Array<[string, string, Format, RegExp | number]> = [
    ['Go name without fields', `Benchmark${'a'.repeat(n)}\n`, 'go', /^No benchmark result was found/],
    ['Go pkg line with trailing CR', `pkg:${' '.repeat(n)}\r\nBenchmarkA-2 \t 10\t 5 ns/op\n`, 'go', 1],
    ['cargo spaces after test', `test ${' '.repeat(n)}x\n`, 'cargo', /^No benchmark result was found/],
    [
      'catch2 digit run',
      `benchmark name  samples  iterations  estimated\n---\n${'1'.repeat(n)}\n`,
      'catch2',
      /^No benchmark found for bench suite/,
    ],
    ['benchmark.js repeated " x "', `${' x 1 a ±a'.repeat(n / 10)}\n`, 'benchmarkjs', /^No benchmark result/],
    [
      'luau digit run',
      `SUCCESS: a : ${'1'.repeat(n)}\n`,
      'benchmarkluau',
      /has no finite value \(Infinity\)/,
    ],
    ['sniffing a long digit line', `${'1'.repeat(n)}\n`, 'auto', /^could not detect the benchmark format$/],
    ['sniffing repeated " x "', `${' x 1 a ±a'.repeat(n / 10)}\n`, 'auto', /^could not detect/],
    [
      'custom numeric string',
      JSON.stringify([{ name: 'a', unit: 'ms', value: `${'1'.repeat(n)}x` }]),
      'customBiggerIsBetter',
      /\$\[0\]\.value: expected a number or a numeric string/,
    ],
  ]

  it.each(cases)('%s', (_label, content, format, expected) => {
    if (typeof expected === 'number') {
      expect(parseBenchmarkOutput('hostile.txt', content, format).metrics).toHaveLength(expected)
      return
    }
    let caught: unknown
    try {
      parseBenchmarkOutput('hostile.txt', content, format)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(BenchmarkParseError)
    expect((caught as BenchmarkParseError).reason).toMatch(expected)
  })
})
