/** The only source of time for pure code; tests pass a fixed clock. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
