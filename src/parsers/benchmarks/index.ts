/**
 * Benchmark-output parsing: one entry point over one parser per tool (`go.ts`, `cargo.ts`, …). Pure except
 * `parseBenchmarkFile`, which only adds the size check and the read. Every failure is a
 * `BenchmarkParseError` naming the file (and line when known) and saying what to do.
 */
import { stat, readFile } from 'node:fs/promises'
import type { ParsedBenchmarkReport } from '../../model/metric.js'
import { parseBenchmarkDotNet } from './benchmarkdotnet.js'
import { parseBenchmarkJs } from './benchmarkjs.js'
import { parseBenchmarkLuau } from './benchmarkluau.js'
import { parseCargo } from './cargo.js'
import { parseCatch2 } from './catch2.js'
import { excerpt } from './clean-text.js'
import { parseCustomBiggerIsBetter, parseCustomSmallerIsBetter } from './custom.js'
import { BenchmarkParseError } from './errors.js'
import type { FormatOutput, FormatParser } from './format-parser.js'
import { BENCHMARK_FORMATS, type BenchmarkFormat, isBenchmarkFormat } from './formats.js'
import { parseGauntletJson } from './gauntlet-json.js'
import { parseGo } from './go.js'
import { parseGoogleCpp } from './googlecpp.js'
import { parseHyperfine } from './hyperfine.js'
import { parseJmh } from './jmh.js'
import { parseJulia } from './julia.js'
import { parsePytest } from './pytest.js'
import { sniffBenchmarkFormat } from './sniff.js'
import { parseVitestBench } from './vitest-bench.js'

export { BENCHMARK_FORMATS, isBenchmarkFormat, type BenchmarkFormat } from './formats.js'
export { BenchmarkParseError } from './errors.js'
export { sniffBenchmarkFormat } from './sniff.js'
export { directionFromUnit, unitFamily, unitInfo, convert, type UnitInfo } from './units.js'
export { gauntletBenchmarkSchema, type GauntletBenchmarkJson } from './gauntlet-json.js'

/** Files larger than this are refused before they are read (override with `options.maxBytes`). */
export const DEFAULT_MAX_BENCHMARK_BYTES = 100 * 1024 * 1024
/** Files up to this size are sniffed whole (exact JSON shape checks); larger ones by their first 64 KiB. */
const SNIFF_WHOLE_BYTES = 1024 * 1024
const SNIFF_HEAD_CHARS = 64 * 1024

const PARSERS: Readonly<Record<BenchmarkFormat, FormatParser>> = {
  go: parseGo,
  cargo: parseCargo,
  benchmarkjs: parseBenchmarkJs,
  benchmarkluau: parseBenchmarkLuau,
  pytest: parsePytest,
  googlecpp: parseGoogleCpp,
  catch2: parseCatch2,
  julia: parseJulia,
  jmh: parseJmh,
  benchmarkdotnet: parseBenchmarkDotNet,
  customBiggerIsBetter: parseCustomBiggerIsBetter,
  customSmallerIsBetter: parseCustomSmallerIsBetter,
  hyperfine: parseHyperfine,
  'vitest-bench': parseVitestBench,
  gauntlet: parseGauntletJson,
}

export interface ParseBenchmarkOptions {
  /** Refuse inputs larger than this many bytes (default 100 MiB). */
  readonly maxBytes?: number
}

function tooLarge(path: string, bytes: number, maxBytes: number): BenchmarkParseError {
  return new BenchmarkParseError(
    path,
    `benchmark output is ${bytes} bytes, over the limit of ${maxBytes} bytes`,
    {
      hint: 'Write less output (filter the benchmarks, drop raw samples) or raise the limit if the file is genuine',
    },
  )
}

const FORMAT_LIST = BENCHMARK_FORMATS.join(', ')

/**
 * Parses the text of a benchmark tool's output. `format: 'auto'` sniffs it (custom formats cannot be
 * sniffed). Throws `BenchmarkParseError` for input that is too large, unrecognised, malformed, or holds no
 * benchmark result.
 */
export function parseBenchmarkOutput(
  path: string,
  content: string,
  format: BenchmarkFormat | 'auto',
  options: ParseBenchmarkOptions = {},
): ParsedBenchmarkReport {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BENCHMARK_BYTES
  // Cheap upper bound first (UTF-8 uses at most 3 bytes per UTF-16 unit) so huge strings are not scanned.
  if (content.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(content, 'utf8')
    if (bytes > maxBytes) throw tooLarge(path, bytes, maxBytes)
  }

  let resolved: BenchmarkFormat
  if (format === 'auto') {
    const head = content.length <= SNIFF_WHOLE_BYTES ? content : content.slice(0, SNIFF_HEAD_CHARS)
    const sniffed = sniffBenchmarkFormat(path, head)
    if (sniffed === undefined) {
      throw new BenchmarkParseError(path, 'could not detect the benchmark format', {
        hint: `Set the result's format explicitly to one of: ${FORMAT_LIST} (customBiggerIsBetter/customSmallerIsBetter are never detected). The file begins: "${excerpt(content)}"`,
      })
    }
    resolved = sniffed
  } else if (isBenchmarkFormat(format)) {
    resolved = format
  } else {
    // Reachable from untyped callers (config files, CLI flags); wording kept from github-action-benchmark.
    throw new BenchmarkParseError(path, `FATAL: Unexpected tool: '${excerpt(String(format), 80)}'`, {
      hint: `Use one of: ${FORMAT_LIST}, or auto`,
    })
  }

  let out: FormatOutput
  try {
    out = PARSERS[resolved](path, content)
  } catch (err) {
    if (err instanceof BenchmarkParseError) throw err
    // Callers rely on one error type; anything else is a parser bug met by an unusual file.
    throw new BenchmarkParseError(
      path,
      `the '${resolved}' parser failed: ${err instanceof Error ? err.message : String(err)}`,
      {
        hint: 'This is a bug in Gauntlet: please report it with the file (or a redacted copy)',
        cause: err,
      },
    )
  }
  if (out.metrics.length === 0) {
    throw new BenchmarkParseError(path, `No benchmark result was found in ${path}`, {
      hint: `Check that the file is the output of the '${resolved}' tool and that the benchmarks ran. The file begins: "${excerpt(content)}"`,
    })
  }
  const broken = out.metrics.find((m) => !Number.isFinite(m.value))
  if (broken !== undefined) {
    throw new BenchmarkParseError(
      path,
      `benchmark '${broken.name}' has no finite value (${String(broken.value)})`,
      {
        hint: `Check that the file is complete, unmodified '${resolved}' output`,
      },
    )
  }
  return {
    metrics: out.metrics,
    ...(out.suite === undefined ? {} : { suite: out.suite }),
    ...(out.warnings === undefined || out.warnings.length === 0 ? {} : { warnings: out.warnings }),
  }
}

/**
 * Reads and parses a benchmark output file. The size is checked with `stat` before reading, so an
 * oversized file is refused without loading it.
 */
export async function parseBenchmarkFile(
  path: string,
  format: BenchmarkFormat | 'auto',
  options: ParseBenchmarkOptions = {},
): Promise<ParsedBenchmarkReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BENCHMARK_BYTES
  let content: string
  try {
    const info = await stat(path)
    if (!info.isFile()) {
      throw new BenchmarkParseError(path, 'not a regular file', { hint: 'Point the result path at a file' })
    }
    if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes)
    content = await readFile(path, 'utf8')
  } catch (err) {
    if (err instanceof BenchmarkParseError) throw err
    const code = (err as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'file does not exist' : `cannot read file (${code ?? String(err)})`
    throw new BenchmarkParseError(path, reason, {
      hint: 'Check the result path of the benchmark stage and that the benchmark command wrote the file',
      cause: err,
    })
  }
  return parseBenchmarkOutput(path, content, format, options)
}
