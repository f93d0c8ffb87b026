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
}

/** A metric in the run record. */
export interface Metric {
  /** Stable key across runs: `stage/suite/name/measure`. */
  readonly key: string
  readonly stage: StageName
  readonly suite: string
  readonly name: string
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

/** Builds the stable key of a metric. Slashes inside parts are kept: keys are only ever compared whole. */
export function metricKey(stage: StageName, suite: string, name: string, measure: string): string {
  return `${stage}/${suite}/${name}/${measure}`
}
