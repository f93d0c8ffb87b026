import { open } from 'node:fs/promises'
import type { ParsedBenchmarkReport, ParsedTestReport } from '../model/index.js'
import {
  BENCHMARK_FORMATS,
  parseBenchmarkFile,
  sniffBenchmarkFormat,
  type BenchmarkFormat,
} from './benchmarks/index.js'
import { TEST_FORMATS, parseTestReportFile, sniffTestFormat, type TestFormat } from './tests/index.js'

export type ResultFileFormat = TestFormat | BenchmarkFormat

/** Every format name `--format` and the config's `results[].format` accept, besides `auto`. */
export const RESULT_FILE_FORMATS: readonly ResultFileFormat[] = [...TEST_FORMATS, ...BENCHMARK_FORMATS]

export type ParsedResultFile =
  | {
      readonly kind: 'tests'
      readonly path: string
      readonly format: TestFormat
      readonly report: ParsedTestReport
    }
  | {
      readonly kind: 'benchmarks'
      readonly path: string
      readonly format: BenchmarkFormat
      readonly report: ParsedBenchmarkReport
    }

export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError'
  constructor(readonly file: string) {
    super(
      `${file}: could not tell the format from the file's start; name it with --format (or results[].format): ` +
        RESULT_FILE_FORMATS.join(', '),
    )
  }
}

const SNIFF_BYTES = 8192

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

function isTestFormat(format: string): format is TestFormat {
  return (TEST_FORMATS as readonly string[]).includes(format)
}

/** Resolves `auto` by sniffing the file's first bytes; test formats are tried first. */
export async function detectFormat(path: string): Promise<ResultFileFormat> {
  const head = await readHead(path)
  const format = sniffTestFormat(path, head) ?? sniffBenchmarkFormat(path, head)
  if (format === undefined) throw new UnknownFormatError(path)
  return format
}

/** Parses one result file of any supported format. Errors name the file and the reason. */
export async function parseResultFile(
  path: string,
  format: ResultFileFormat | 'auto',
  options: { maxBytes?: number } = {},
): Promise<ParsedResultFile> {
  const resolved = format === 'auto' ? await detectFormat(path).catch(rethrowMissing(path)) : format
  if (isTestFormat(resolved)) {
    return {
      kind: 'tests',
      path,
      format: resolved,
      report: await parseTestReportFile(path, resolved, options),
    }
  }
  return {
    kind: 'benchmarks',
    path,
    format: resolved,
    report: await parseBenchmarkFile(path, resolved, options),
  }
}

function rethrowMissing(path: string): (err: unknown) => never {
  return (err) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${path}: file does not exist`)
    if ((err as NodeJS.ErrnoException).code === 'EISDIR')
      throw new Error(`${path}: is a directory, not a file`)
    throw err
  }
}
