// Bad input gives a BenchmarkParseError naming the file, the line where known, a reason and a hint.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BenchmarkParseError,
  type BenchmarkFormat,
  parseBenchmarkOutput,
} from '../../../../src/parsers/benchmarks/index.js'

const fixtures = join(import.meta.dirname, '../../../fixtures/parsers/benchmarks')
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8')

function parseError(path: string, content: string, format: BenchmarkFormat | 'auto'): BenchmarkParseError {
  try {
    parseBenchmarkOutput(path, content, format)
  } catch (err) {
    if (err instanceof BenchmarkParseError) return err
    throw err
  }
  throw new Error('expected a BenchmarkParseError')
}

const goOutput = fixture('go/one-package.txt')

interface Row {
  label: string
  file: string
  content: string
  format: BenchmarkFormat | 'auto'
  reason: RegExp
  line?: number
}

const rows: Row[] = [
  // github-action-benchmark's negative cases, on our own Go output.
  {
    label: 'go read as cargo',
    file: 'go.txt',
    content: goOutput,
    format: 'cargo',
    reason: /^No benchmark result was found in go\.txt$/,
  },
  {
    label: 'go read as pytest',
    file: 'go.txt',
    content: goOutput,
    format: 'pytest',
    reason: /^Output file for 'pytest' must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as googlecpp',
    file: 'go.txt',
    content: goOutput,
    format: 'googlecpp',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as jmh',
    file: 'go.txt',
    content: goOutput,
    format: 'jmh',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as julia',
    file: 'go.txt',
    content: goOutput,
    format: 'julia',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as benchmarkdotnet',
    file: 'go.txt',
    content: goOutput,
    format: 'benchmarkdotnet',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as customBiggerIsBetter',
    file: 'go.txt',
    content: goOutput,
    format: 'customBiggerIsBetter',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as customSmallerIsBetter',
    file: 'go.txt',
    content: goOutput,
    format: 'customSmallerIsBetter',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as hyperfine',
    file: 'go.txt',
    content: goOutput,
    format: 'hyperfine',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as vitest-bench',
    file: 'go.txt',
    content: goOutput,
    format: 'vitest-bench',
    reason: /must be JSON file/,
    line: 1,
  },
  {
    label: 'go read as gauntlet',
    file: 'go.txt',
    content: goOutput,
    format: 'gauntlet',
    reason: /must be a Gauntlet benchmark JSON file/,
    line: 1,
  },
  {
    label: 'unknown tool',
    file: 'go.txt',
    content: goOutput,
    format: 'foo' as BenchmarkFormat,
    reason: /^FATAL: Unexpected tool: 'foo'$/,
  },
  {
    label: 'unrecognised text',
    file: 'notes.txt',
    content: 'hello\nworld\n',
    format: 'auto',
    reason: /^could not detect the benchmark format$/,
  },
  {
    label: 'custom array sniffed',
    file: 'c.json',
    content: fixture('custom/mixed.json'),
    format: 'auto',
    reason: /could not detect/,
  },
  {
    label: 'empty file',
    file: 'empty.json',
    content: '',
    format: 'pytest',
    reason: /must be JSON file/,
    line: 1,
  },
  // Text formats: malformed lines.
  {
    label: 'go value not a number',
    file: 'bad.txt',
    content: fixture('go/bad-value.txt'),
    format: 'go',
    reason: /'BenchmarkBroken' has a value 'fast' that is not a number/,
    line: 2,
  },
  {
    label: 'luau value not a number',
    file: 'bad.txt',
    content: fixture('benchmarkluau/bad.txt'),
    format: 'benchmarkluau',
    reason: /no '<value><unit>'/,
    line: 1,
  },
  {
    label: 'catch2 table cut after mean',
    file: 'c2.txt',
    content: fixture('catch2/missing-stddev.txt'),
    format: 'catch2',
    reason: /^Std-dev values cannot be retrieved for benchmark 'crc32 4KiB'/,
    line: 7,
  },
  {
    label: 'catch2 header without separator',
    file: 'c2.txt',
    content: fixture('catch2/no-separator.txt'),
    format: 'catch2',
    reason: /^Separator '------' does not appear/,
    line: 1,
  },
  {
    label: 'catch2 header with no benchmark',
    file: 'c2.txt',
    content: 'benchmark name  samples  iterations  estimated\n-----\nnot a row\n',
    format: 'catch2',
    reason: /^No benchmark found for bench suite/,
    line: 1,
  },
  // JSON formats: syntax and shape.
  {
    label: 'gauntlet syntax error',
    file: 'g.json',
    content: fixture('gauntlet/syntax-error.json.txt'),
    format: 'gauntlet',
    reason: /must be a Gauntlet benchmark JSON file: .*JSON/,
    line: 4,
  },
  {
    label: 'gauntlet schema errors name JSON paths',
    file: 'g.json',
    content: fixture('gauntlet/invalid.json'),
    format: 'gauntlet',
    reason:
      /\$\.metrics\[1\]: give "value" or "samples".*\$\.metrics\[2\]: Unrecognized key: "vaule".*\$\.metrics\[3\]\.samples\[1\]: .*expected number/,
  },
  {
    label: 'gauntlet empty metrics',
    file: 'g.json',
    content: '{"metrics": []}',
    format: 'gauntlet',
    reason: /^No benchmark result was found/,
  },
  {
    label: 'custom bad value',
    file: 'c.json',
    content: fixture('custom/bad-value.json'),
    format: 'customSmallerIsBetter',
    reason: /\$\[1\]\.value: expected a number or a numeric string/,
  },
  {
    label: 'custom missing name',
    file: 'c.json',
    content: '[{"unit": "ms", "value": 1}]',
    format: 'customBiggerIsBetter',
    reason: /\$\[0\]\.name/,
  },
  {
    label: 'julia raw trial',
    file: 'j.json',
    content: fixture('julia/raw-trial.json'),
    format: 'julia',
    reason: /^Only TrialEstimate is supported/,
  },
  {
    label: 'julia not an array',
    file: 'j.json',
    content: '{"a": 1}',
    format: 'julia',
    reason: /\$\[1\]: expected an array of BenchmarkGroups/,
  },
  {
    label: 'pytest shape',
    file: 'p.json',
    content: '{"benchmarks": [{"fullname": "x", "stats": {"ops": "fast"}}]}',
    format: 'pytest',
    reason: /\$\.benchmarks\[0\]\.stats\.ops: .*expected number/,
  },
  {
    label: 'jmh shape',
    file: 'j.json',
    content: '[{"benchmark": "b"}]',
    format: 'jmh',
    reason: /\$\[0\]\.primaryMetric/,
  },
  {
    label: 'hyperfine negative time',
    file: 'h.json',
    content: '{"results": [{"command": "x", "mean": -1}]}',
    format: 'hyperfine',
    reason: /\$\.results\[0\]\.mean/,
  },
  {
    label: 'vitest shape',
    file: 'v.json',
    content: '{"files": [{"groups": [{"fullName": "g", "benchmarks": [{"name": "b"}]}]}]}',
    format: 'vitest-bench',
    reason: /\$\.files\[0\]\.groups\[0\]\.benchmarks\[0\]\.mean/,
  },
  {
    label: 'BenchmarkDotNet where every benchmark failed',
    file: 'bdn.json',
    content: '{"HostEnvironmentInfo": {}, "Benchmarks": [{"FullName": "A.B", "Statistics": null}]}',
    format: 'auto',
    reason: /^No benchmark result was found in bdn\.json$/,
  },
  {
    label: 'cargo value not a number',
    file: 'c.txt',
    content: 'test a ... bench:     ... ns/iter (+/- 1)\n',
    format: 'cargo',
    reason: /^benchmark 'a' has no finite value/,
  },
]

describe('BenchmarkParseError for bad input', () => {
  it.each(rows)('$label', ({ file, content, format, reason, line }) => {
    const err = parseError(file, content, format)
    expect(err.file).toBe(file)
    expect(err.reason).toMatch(reason)
    expect(err.line).toBe(line)
    expect(err.hint).toBeTruthy()
    // The message alone is actionable: file, line, reason and hint.
    expect(err.message.startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `)).toBe(true)
    expect(err.message).toContain(err.reason)
    expect(err.message).toContain(err.hint)
    expect(err.name).toBe('BenchmarkParseError')
  })

  it('quotes at most a short, control-free excerpt of the input', () => {
    const content = `\u001b[31m${'x'.repeat(10_000)}\n`
    const err = parseError('big.txt', content, 'auto')
    expect(err.message.length).toBeLessThan(1000)
    expect(err.message).not.toContain('\u001b')
  })
})
