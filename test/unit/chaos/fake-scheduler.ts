// Virtual time for the experiment engine: sleeps resolve in time order, and time jumps to the next timer only
// when every pending promise chain has settled (checked with setImmediate), so no test ever really waits.
import type { Scheduler } from '../../../src/chaos/scheduler.js'

interface Timer {
  at: number
  seq: number
  resolve: () => void
}

export class FakeScheduler implements Scheduler {
  private t = 0
  private seq = 0
  private timers: Timer[] = []
  private ticking = false
  /** Bound on timer firings, so a runaway loop fails the test instead of hanging it. */
  fired = 0

  constructor(private readonly maxFirings = 100_000) {}

  now(): number {
    return this.t
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.resolve()
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.timers = this.timers.filter((x) => x !== timer)
        resolve()
      }
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      this.timers.push(timer)
      signal?.addEventListener('abort', onAbort, { once: true })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.ticking) return
    this.ticking = true
    setImmediate(() => {
      this.ticking = false
      if (this.timers.length === 0) return
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const next = this.timers.shift()!
      if (++this.fired > this.maxFirings) throw new Error('fake scheduler: too many timers (runaway loop?)')
      this.t = Math.max(this.t, next.at)
      next.resolve()
      this.schedule()
    })
  }
}
