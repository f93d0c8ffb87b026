import { performance } from 'node:perf_hooks'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * Time for the experiment engine: a monotonic clock and a cancellable sleep. Injected so schedule logic (flapping,
 * ramps, bursts, recovery) runs on virtual time in unit tests.
 */
export interface Scheduler {
  /** Monotonic milliseconds; only differences matter. */
  now(): number
  /** Resolves after `ms`, or early (never rejects) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real scheduler: performance.now() and timers. */
export const realScheduler: Scheduler = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    if (ms <= 0 || signal?.aborted === true) return
    await delay(ms, undefined, signal === undefined ? {} : { signal }).catch(() => undefined)
  },
}
