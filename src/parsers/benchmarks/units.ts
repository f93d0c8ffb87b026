/**
 * Units of benchmark metrics: which direction is better, and which units convert into each other.
 *
 * Hand-written because no maintained library knows benchmark units (`ns/iter`, `allocs/op`, `iter/sec`);
 * general unit libraries (e.g. convert-units) know neither the per-operation suffixes nor "which way is
 * worse". Rules, in order:
 * - time (`ns`, `us`/`µs`/`μs`, `ms`, `s`, `sec`, `nsec`, …), optionally per `iter`/`op`/anything → lower
 * - bytes (`B`, `KB`, `MiB`, `bytes`, `Megabytes`, …), optionally per operation → lower
 * - allocations, CPU cycles, instructions, errors, failures (incl. `errors/s`, `% errors`) → lower
 * - anything per unit of time (`ops/s`, `iter/sec`, `req/s`, `MB/s`, `MS/s`) and `Hz`, `rps`, `qps` → higher
 * - everything else (`%`, `Percent`, `x`, custom units) → `none`
 * Time units are matched case-sensitively (`MS/s` is mega-samples per second, not milliseconds per second).
 * KB/MB/GB are SI (1000), KiB/MiB/GiB binary (1024).
 */
import type { Direction } from '../../model/metric.js'

/** Seconds per time unit. */
const TIME_FACTORS: ReadonlyMap<string, number> = new Map([
  ['ns', 1e-9],
  ['nsec', 1e-9],
  ['nanosecond', 1e-9],
  ['nanoseconds', 1e-9],
  ['us', 1e-6],
  ['usec', 1e-6],
  ['microsecond', 1e-6],
  ['microseconds', 1e-6],
  ['ms', 1e-3],
  ['msec', 1e-3],
  ['millisecond', 1e-3],
  ['milliseconds', 1e-3],
  ['s', 1],
  ['sec', 1],
  ['secs', 1],
  ['second', 1],
  ['seconds', 1],
  ['min', 60],
  ['mins', 60],
  ['minute', 60],
  ['minutes', 60],
  ['h', 3600],
  ['hour', 3600],
  ['hours', 3600],
])

/** Bytes per byte unit (lower-case keys). */
const BYTE_FACTORS: ReadonlyMap<string, number> = new Map([
  ['b', 1],
  ['byte', 1],
  ['bytes', 1],
  ['kb', 1e3],
  ['kilobyte', 1e3],
  ['kilobytes', 1e3],
  ['mb', 1e6],
  ['megabyte', 1e6],
  ['megabytes', 1e6],
  ['gb', 1e9],
  ['gigabyte', 1e9],
  ['gigabytes', 1e9],
  ['tb', 1e12],
  ['kib', 1024],
  ['mib', 1024 ** 2],
  ['gib', 1024 ** 3],
  ['tib', 1024 ** 4],
])

/** Operations per second for frequency units (lower-case keys). */
const FREQUENCY_FACTORS: ReadonlyMap<string, number> = new Map([
  ['hz', 1],
  ['khz', 1e3],
  ['mhz', 1e6],
  ['ghz', 1e9],
  ['rps', 1],
  ['qps', 1],
  ['tps', 1],
])

/** Numerators of a rate that count operations, so `ops/s` and `op/ms` compare. */
const OPERATION_WORDS = new Set(['op', 'ops', 'operation', 'operations'])
const ITERATION_WORDS = new Set(['iter', 'iters', 'iteration', 'iterations'])
const LOWER_IS_BETTER_WORDS =
  /^(allocs?|allocations?|cycles?|instructions?|instrs?|errors?|errs?|failures?|fails?|faults?|misses|miss|retries|timeouts?|drops?|dropped|gc|pauses?)$/
const ERROR_WORDS = /(^|[^a-z])(err|error|errors|fail|failed|failure|failures)([^a-z]|$)/

/**
 * A unit reduced to what matters for comparisons: its first whitespace-separated token (legacy Go output
 * packs `ns/op\t12 B/op` into one unit), trimmed, with the micro signs `µ`/`μ` spelled `u`.
 */
function canonical(unit: string): string {
  const first = unit.trim().split(/\s+/)[0] ?? ''
  return first.replace(/[µμ]/g, 'u')
}

function timeFactor(token: string): number | undefined {
  // Short symbols are case-sensitive (MS = mega-samples); spelled-out words are not.
  const exact = TIME_FACTORS.get(token)
  if (exact !== undefined) return exact
  return token.length >= 3 ? TIME_FACTORS.get(token.toLowerCase()) : undefined
}

function byteFactor(token: string): number | undefined {
  return BYTE_FACTORS.get(token.toLowerCase())
}

/** How a unit can be converted: values in units with the same `family` convert by `factor` ratios. */
export interface UnitInfo {
  /** e.g. `time`, `time/iter`, `time/op`, `bytes`, `bytes/op`, `ops/time`, `iter/time`, `bytes/time`. */
  readonly family: string
  /** Size of one unit in the family's base unit (seconds, bytes, per-second). */
  readonly factor: number
}

/** Parses a unit into family and factor; undefined for units that convert into nothing else. */
export function unitInfo(unit: string): UnitInfo | undefined {
  const token = canonical(unit)
  if (token === '') return undefined
  const slash = token.indexOf('/')
  if (slash === -1) {
    const t = timeFactor(token)
    if (t !== undefined) return { family: 'time', factor: t }
    const b = byteFactor(token)
    if (b !== undefined) return { family: 'bytes', factor: b }
    const f = FREQUENCY_FACTORS.get(token.toLowerCase())
    if (f !== undefined) return { family: 'ops/time', factor: f }
    return undefined
  }
  const numerator = token.slice(0, slash)
  const denominator = token.slice(slash + 1)
  if (numerator === '' || denominator === '' || denominator.includes('/')) return undefined
  const perTime = timeFactor(denominator)
  const denominatorWord = denominator.toLowerCase()
  if (perTime !== undefined) {
    // A rate: X per time. Base unit is X per second.
    const lower = numerator.toLowerCase()
    if (OPERATION_WORDS.has(lower)) return { family: 'ops/time', factor: 1 / perTime }
    if (ITERATION_WORDS.has(lower)) return { family: 'iter/time', factor: 1 / perTime }
    const b = byteFactor(numerator)
    if (b !== undefined) return { family: 'bytes/time', factor: b / perTime }
    return undefined
  }
  const perWhat = ITERATION_WORDS.has(denominatorWord)
    ? 'iter'
    : OPERATION_WORDS.has(denominatorWord)
      ? 'op'
      : undefined
  if (perWhat === undefined) return undefined
  const t = timeFactor(numerator)
  if (t !== undefined) return { family: `time/${perWhat}`, factor: t }
  const b = byteFactor(numerator)
  if (b !== undefined) return { family: `bytes/${perWhat}`, factor: b }
  return undefined
}

/**
 * The family of a unit (`time`, `time/iter`, `bytes/op`, `ops/time`, …) or undefined when it converts into
 * nothing else. Two metrics whose units differ but share a family changed scale, not meaning; a change to a
 * unit of another family (or an unknown one) is a real unit change.
 */
export function unitFamily(unit: string): string | undefined {
  return unitInfo(unit)?.family
}

/**
 * Converts `value` from unit `from` to unit `to` (e.g. `1.5, 'ms', 'us'` → 1500). Identical units (after
 * trimming and micro-sign spelling) always convert; otherwise both must share a family. Returns undefined
 * when the units do not convert.
 */
export function convert(value: number, from: string, to: string): number | undefined {
  if (canonical(from) === canonical(to)) return value
  const a = unitInfo(from)
  const b = unitInfo(to)
  if (a === undefined || b === undefined || a.family !== b.family) return undefined
  // Multiply before dividing and round off binary noise so 1 ms → 1000000 ns exactly.
  const result = (value * a.factor) / b.factor
  return Number.parseFloat(result.toPrecision(15))
}

/**
 * Which way is better for a unit (see the file header for the rules). Per-metric overrides come later,
 * from the configuration; custom-bigger/smaller formats set direction from the tool, not from here.
 */
export function directionFromUnit(unit: string): Direction {
  // Outputs repeat a handful of units thousands of times; the rules below are regex-heavy.
  const known = directionCache.get(unit)
  if (known !== undefined) return known
  const direction = computeDirection(unit)
  // Bounded: once full, new units are computed each time (legacy Go units embed numbers and never repeat).
  if (directionCache.size < DIRECTION_CACHE_SIZE) directionCache.set(unit, direction)
  return direction
}

const DIRECTION_CACHE_SIZE = 1024
const directionCache = new Map<string, Direction>()

function computeDirection(unit: string): Direction {
  const raw = unit.trim()
  if (raw === '') return 'none'
  const lowerRaw = raw.toLowerCase()
  if (ERROR_WORDS.test(lowerRaw)) return 'lower'
  const info = unitInfo(raw)
  if (info !== undefined) {
    if (info.family.endsWith('/time')) return 'higher'
    return 'lower'
  }
  const token = canonical(raw)
  const slash = token.indexOf('/')
  const numerator = slash === -1 ? token : token.slice(0, slash)
  const denominator = slash === -1 ? '' : token.slice(slash + 1)
  if (LOWER_IS_BETTER_WORDS.test(numerator.toLowerCase())) return 'lower'
  // X per unit of time is throughput, whatever X is (requests, samples, messages).
  if (denominator !== '' && timeFactor(denominator) !== undefined && timeFactor(numerator) === undefined) {
    return 'higher'
  }
  // Something measured in time or bytes per anything (ns/call, KB/request) is a cost.
  if (denominator !== '' && (timeFactor(numerator) !== undefined || byteFactor(numerator) !== undefined)) {
    return 'lower'
  }
  return 'none'
}
