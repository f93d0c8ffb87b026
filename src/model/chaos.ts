export type SteadyStateVerdict = 'passed' | 'failed' | 'skipped'

export interface LatencySummary {
  readonly p50: number
  readonly p95: number
  readonly p99: number
}

/** What one chaos experiment measured. */
export interface ChaosResult {
  readonly experiment: string
  /** Human description of the fault, e.g. `latency 200ms ±50ms flapping 2s/50%`. */
  readonly fault: string
  readonly steadyState: {
    readonly before: SteadyStateVerdict
    readonly during: SteadyStateVerdict
    readonly after: SteadyStateVerdict
  }
  /** Fraction of failed probes while the fault was active, 0..1. */
  readonly errorRate: number
  /** Probe latency while the fault was active; null when no probe completed. */
  readonly latencyMs: LatencySummary | null
  /** From lifting the fault to N consecutive passing probes; null when it did not recover within the bound. */
  readonly recoveryMs: number | null
  /** The recovery bound (ms) the experiment allowed; `recoveryMs` null means not recovered within it. */
  readonly recoveryBoundMs?: number
  readonly verdict: 'passed' | 'failed'
  /** Path of the experiment's journal, relative to the workspace. */
  readonly journal?: string
  readonly notes?: readonly string[]
}
