import type { StageName } from './stage.js'

/** Which way is worse: `lower` means lower is better (latency), `higher` means higher is better (throughput). */
export type Direction = 'lower' | 'higher' | 'none'

/** One benchmark value as a parser reads it (the public `gauntlet parse` contract). */
export interface ParsedMetric {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly range?: string
  readonly extra?: string
  readonly direction: Direction
  /** Raw samples when the format carries them (hyperfine, Gauntlet JSON, vitest bench). */
  readonly samples?: readonly number[]
  readonly tags?: readonly string[]
}

export interface ParsedBenchmarkReport {
  readonly metrics: readonly ParsedMetric[]
  /** Suite name when the format carries one (Gauntlet JSON `suite`); the stage config's suite wins otherwise. */
  readonly suite?: string
  /** Entries the parser skipped on purpose (e.g. a BenchmarkDotNet benchmark that failed and has no statistics). */
  readonly warnings?: readonly string[]
}

/** A metric in the run record. */
export interface Metric {
  /** Stable key across runs: `stage/suite/name/measure`. */
  readonly key: string
  readonly stage: StageName
  readonly suite: string
  readonly name: string
  /** What was measured when one benchmark reports several values (go's `B/op`); empty otherwise. */
  readonly measure: string
  readonly unit: string
  readonly direction: Direction
  /** Summary value: the median of `samples` when there are several. */
  readonly value: number
  /** Raw samples (one per repeat), bounded. */
  readonly samples: readonly number[]
  readonly range?: string
  readonly tags?: readonly string[]
}

/**
 * Builds the stable key of a metric, `stage/suite/name[/measure]`; an empty measure is left out. Slashes inside
 * parts are kept: keys are only ever compared whole.
 */
export function metricKey(stage: StageName, suite: string, name: string, measure = ''): string {
  return measure === '' ? `${stage}/${suite}/${name}` : `${stage}/${suite}/${name}/${measure}`
}
