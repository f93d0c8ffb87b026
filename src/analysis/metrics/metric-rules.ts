/**
 * Per-metric rules from the config: override matching (glob or suffix, with expiry), the unit class of a
 * metric and its minimum practical effect.
 */
import picomatch from 'picomatch'
import type { AnalysisConfig } from '../../config/sections/analysis.js'
import type { RunnerFingerprint } from '../../model/run-record.js'

export type Override = AnalysisConfig['overrides'][number]

const matcherCache = new Map<string, (s: string) => boolean>()

/** True when `key` matches `pattern` as a picomatch glob, exactly, or as a `/`-separated suffix. */
export function keyMatches(pattern: string, key: string): boolean {
  if (key === pattern || key.endsWith(`/${pattern}`)) return true
  let m = matcherCache.get(pattern)
  if (m === undefined) {
    m = picomatch(pattern, { dot: true })
    matcherCache.set(pattern, m)
  }
  return m(key)
}

/** The first override that matches `key` and has not expired at `now` (an expired one no longer applies). */
export function findOverride(overrides: readonly Override[], key: string, now: Date): Override | undefined {
  for (const o of overrides) {
    if (!keyMatches(o.metric, key)) continue
    if (o.expires !== undefined) {
      const until = Date.parse(o.expires)
      if (!Number.isNaN(until) && now.getTime() > until + 86_400_000 - 1) continue
    }
    return o
  }
  return undefined
}

export type UnitClass = 'time' | 'throughput' | 'memory' | 'count' | 'ratio' | 'other'

const TIME_UNITS = /^(ns|us|µs|μs|ms|s|sec|seconds?|min|minutes?|h|hours?)(\/(iter|op|call))?$/i
const THROUGHPUT =
  /(ops?|iter|req|requests?|queries|msgs?|messages?|events?|items?|B|KB|MB|GB)\s*\/\s*(s|sec|second|ms|min)$|ops\/sec|iter\/sec|hz$/i
const MEMORY = /^(B|bytes?|KB|KiB|MB|MiB|GB|GiB)$/i
const COUNT = /(instructions?|instr|cycles|allocs?|allocations?)(\/op)?$/i
const RATIO = /^(%|percent|ratio|fraction)$/i

/** Classifies a unit for the minimum-effect table. */
export function unitClass(unit: string): UnitClass {
  const u = unit.trim()
  if (TIME_UNITS.test(u)) return 'time'
  if (COUNT.test(u)) return 'count'
  if (MEMORY.test(u)) return 'memory'
  if (THROUGHPUT.test(u)) return 'throughput'
  if (RATIO.test(u)) return 'ratio'
  return 'other'
}

/** GitHub-hosted runners report an image version; self-hosted ones usually do not. */
export function isHostedRunner(runner: RunnerFingerprint): boolean {
  return runner.imageVersion !== undefined && runner.imageVersion !== ''
}

/** Minimum practical effect in percent for a metric, before the different-runner doubling. */
export function minEffectFor(
  config: AnalysisConfig,
  unit: string,
  hosted: boolean,
  override: Override | undefined,
): number {
  if (override?.['min-effect'] !== undefined) return override['min-effect']
  const cls = unitClass(unit)
  if (cls === 'count') return config['count-min-effect']
  if (hosted && (cls === 'time' || cls === 'throughput'))
    return Math.max(config['min-effect'], config['hosted-wall-clock-min-effect'])
  return config['min-effect']
}

/** Key identifying a runner fingerprint (the image version is left out: it changes weekly on hosted runners). */
export function fingerprintKey(r: RunnerFingerprint): string {
  return `${r.os}|${r.arch}|${r.cpuModel}|${r.cores}`
}

/** Memory growth in MB per hour when the unit is memory per minute/hour (`MB/h`, `KiB/min`); per-second units are I/O throughput. */
export function memoryRateMbPerHour(value: number, unit: string): number | undefined {
  const m = /^(B|bytes|KB|KiB|MB|MiB|GB|GiB)\s*\/\s*(min|h|hr|hour)$/i.exec(unit.trim())
  if (m === null) return undefined
  const size: Record<string, number> = {
    b: 1e-6,
    bytes: 1e-6,
    kb: 1e-3,
    kib: 1024 / 1e6,
    mb: 1,
    mib: 1.048576,
    gb: 1000,
    gib: 1073.741824,
  }
  const per: Record<string, number> = { min: 60, h: 1, hr: 1, hour: 1 }
  return value * size[m[1]!.toLowerCase()]! * per[m[2]!.toLowerCase()]!
}
