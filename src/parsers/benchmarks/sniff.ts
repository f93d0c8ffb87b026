/**
 * Format detection from a file's first bytes. JSON files are recognised by shape (parsed when the head is
 * the whole file, by top-level key names when it is truncated); text files by a line only that tool prints.
 * `customBiggerIsBetter`/`customSmallerIsBetter` share one shape and differ only in meaning, so they are
 * never guessed.
 */
import type { BenchmarkFormat } from './formats.js'
import { matchBenchmarkJsLine } from './benchmarkjs.js'
import { matchCargoResultLine } from './cargo.js'
import { CATCH2_HEADER } from './catch2.js'
import { matchGoResultLine } from './go.js'

const LUAU_LINE = /^SUCCESS:?\s+\S+\s+:\s+[0-9.]\S*\s+\+\/-/
const GO_VALUE = /^[0-9.]+(?:e[-+]?\d+)?\s+\S/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstRecord(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) && isRecord(value[0]) ? value[0] : undefined
}

function sniffJsonValue(json: unknown): BenchmarkFormat | undefined {
  if (Array.isArray(json)) {
    const first = firstRecord(json)
    if (first && 'BenchmarkTools' in first && Array.isArray(json[1])) return 'julia'
    if (first && 'primaryMetric' in first) return 'jmh'
    return undefined
  }
  if (!isRecord(json)) return undefined
  if ('machine_info' in json && Array.isArray(json.benchmarks)) return 'pytest'
  if ('context' in json && Array.isArray(json.benchmarks)) return 'googlecpp'
  if (Array.isArray(json.Benchmarks) && 'HostEnvironmentInfo' in json) return 'benchmarkdotnet'
  if (Array.isArray(json.results) && typeof firstRecord(json.results)?.command === 'string')
    return 'hyperfine'
  if (Array.isArray(json.files) && Array.isArray(firstRecord(json.files)?.groups)) return 'vitest-bench'
  if (Array.isArray(json.metrics)) return 'gauntlet'
  return undefined
}

/** Key-name heuristics for a JSON head cut off before its end. */
function sniffJsonText(head: string): BenchmarkFormat | undefined {
  // Key names sit near the top; a bounded window keeps this cheap for a malformed 1 MB file.
  const text = head.slice(0, 64 * 1024)
  const has = (key: string): boolean => new RegExp(`"${key}"\\s*:`).test(text)
  if (text.startsWith('[')) {
    if (has('BenchmarkTools')) return 'julia'
    if (has('primaryMetric')) return 'jmh'
    return undefined
  }
  if (has('machine_info') && has('benchmarks')) return 'pytest'
  if (has('context') && has('benchmarks')) return 'googlecpp'
  if (has('HostEnvironmentInfo') && has('Benchmarks')) return 'benchmarkdotnet'
  if (has('results') && has('command')) return 'hyperfine'
  if (has('files') && has('groups')) return 'vitest-bench'
  if (
    /^\{\s*(?:"\$schema"\s*:\s*"[^"]*"\s*,\s*)?(?:"suite"\s*:\s*"[^"]*"\s*,\s*)?"metrics"\s*:\s*\[/.test(text)
  ) {
    return 'gauntlet'
  }
  return undefined
}

function sniffText(text: string): BenchmarkFormat | undefined {
  const lines = text.split(/\r?\n/)
  if (lines.some((l) => CATCH2_HEADER.test(l))) return 'catch2'
  if (lines.some((l) => matchCargoResultLine(l) !== undefined)) return 'cargo'
  if (lines.some((l) => matchBenchmarkJsLine(l) !== undefined)) return 'benchmarkjs'
  if (lines.some((l) => LUAU_LINE.test(l))) return 'benchmarkluau'
  const isGoLine = (l: string): boolean => GO_VALUE.test(matchGoResultLine(l)?.remainder ?? '')
  if (lines.some(isGoLine)) return 'go'
  return undefined
}

/**
 * Guesses the format of a benchmark output from its path and first bytes (`head`; the whole file when it
 * is small). Returns undefined when no format is recognised; the caller then asks for an explicit format.
 * A `.json` path is only ever matched against JSON formats.
 */
export function sniffBenchmarkFormat(path: string, head: string): BenchmarkFormat | undefined {
  const text = (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).trimStart()
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return sniffJsonText(text)
    }
    return sniffJsonValue(json)
  }
  if (/\.json$/i.test(path)) return undefined
  return sniffText(text)
}
