/*
 * Fault schedules as data: what the fault looks like at each moment of an experiment. Pure: the experiment engine
 * walks the timeline with its (injectable) scheduler, so flapping, ramps and bursts are tested without sleeping.
 */
import type { FaultConfig, ToxicConfig } from '../config/sections/chaos.js'
import { ChaosConfigError } from './errors.js'
import type { StreamDirection, ToxicType } from './proxy/toxics.js'

/** A toxic as sent to the Toxiproxy API. */
export interface ToxicSpec {
  readonly name: string
  readonly type: ToxicType
  readonly stream: StreamDirection
  readonly toxicity: number
  readonly attributes: Readonly<Record<string, number>>
}

/** What the proxy should look like: enabled or down, and at most one toxic of this experiment. */
export interface FaultState {
  readonly enabled: boolean
  readonly toxic: ToxicSpec | null
  /**
   * Bumped to re-roll which connections a partial toxic affects: the transition then updates the toxic even when
   * its attributes are unchanged, and Toxiproxy (and the embedded proxy) re-sample toxicity on update.
   */
  readonly epoch?: number
}

/** No fault: the proxy enabled without the experiment's toxic. */
export const NO_FAULT: FaultState = { enabled: true, toxic: null }

/** One step of a schedule: from `atMs` (since the fault began) the proxy should be in `state`. */
export interface TimelineEvent {
  readonly atMs: number
  readonly state: FaultState
}

/** Upper bound on schedule steps, so a typo (`period: 1ms` over an hour) cannot make a runaway loop. */
export const MAX_TIMELINE_EVENTS = 10_000

/** Converts a toxic of the config (durations in ms, kebab-case) to Toxiproxy's attribute names. */
export function toxicAttributes(toxic: Exclude<ToxicConfig, { type: 'down' }>): Record<string, number> {
  switch (toxic.type) {
    case 'latency':
      return { latency: toxic.latency, jitter: toxic.jitter }
    case 'bandwidth':
      return { rate: toxic.rate }
    case 'slow_close':
      return { delay: toxic.delay }
    case 'timeout':
      return { timeout: toxic.timeout }
    case 'reset_peer':
      return { timeout: toxic.timeout }
    case 'slicer':
      return {
        average_size: toxic['average-size'],
        size_variation: toxic['size-variation'],
        delay: toxic['delay-us'],
      }
    case 'limit_data':
      return { bytes: toxic.bytes }
  }
}

/** The fault state a toxic config means when it is on. */
export function stateFor(toxic: ToxicConfig, name: string, toxicity?: number): FaultState {
  if (toxic.type === 'down') return { enabled: false, toxic: null }
  return {
    enabled: true,
    toxic: {
      name,
      type: toxic.type,
      stream: toxic.stream,
      toxicity: toxicity ?? toxic.toxicity,
      attributes: toxicAttributes(toxic),
    },
  }
}

/** Fraction 0..1 of a ramp at position `f` (0..1). Exponential: slow start, steep end (e^(4f)−1)/(e^4−1). */
export function rampFraction(ramp: 'linear' | 'exponential', f: number): number {
  const x = Math.min(1, Math.max(0, f))
  if (ramp === 'linear') return x
  const k = 4
  return Math.expm1(k * x) / Math.expm1(k)
}

function pushBounded(events: TimelineEvent[], event: TimelineEvent, key: string): void {
  if (events.length >= MAX_TIMELINE_EVENTS) {
    throw new ChaosConfigError(
      key,
      `the fault schedule has more than ${MAX_TIMELINE_EVENTS} steps; lengthen period/every/step or shorten duration`,
    )
  }
  events.push(event)
}

/**
 * The schedule of a fault over `durationMs`, as state changes sorted by time (the first at 0). Lifting the fault at
 * `durationMs` is the engine's job, not part of the timeline. `key` names the config entry in errors.
 */
export function faultTimeline(
  fault: FaultConfig,
  durationMs: number,
  toxicName: string,
  key = 'fault',
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  switch (fault.type) {
    case 'constant':
      return [{ atMs: 0, state: stateFor(fault.toxic, toxicName) }]
    case 'partial': {
      const on = stateFor(fault.toxic, toxicName, fault.fraction)
      if (fault.resample === undefined) return [{ atMs: 0, state: on }]
      for (let k = 0; k * fault.resample < durationMs; k++) {
        pushBounded(events, { atMs: k * fault.resample, state: { ...on, epoch: k } }, key)
      }
      return events
    }
    case 'outage':
      return [{ atMs: 0, state: { enabled: false, toxic: null } }]
    case 'flapping': {
      const on = stateFor(fault.toxic, toxicName)
      const onFor = Math.max(1, Math.round(fault.period * fault.duty))
      for (let start = 0; start < durationMs; start += fault.period) {
        pushBounded(events, { atMs: start, state: on }, key)
        if (start + onFor < durationMs) pushBounded(events, { atMs: start + onFor, state: NO_FAULT }, key)
      }
      return events
    }
    case 'bursts': {
      const on = stateFor(fault.toxic, toxicName)
      for (let start = 0; start < durationMs; start += fault.every) {
        pushBounded(events, { atMs: start, state: on }, key)
        if (start + fault.length < durationMs)
          pushBounded(events, { atMs: start + fault.length, state: NO_FAULT }, key)
      }
      return events
    }
    case 'degrading': {
      const steps = Math.max(1, Math.floor((durationMs - 1) / fault.step) + 1)
      for (let i = 0; i < steps; i++) {
        const f = steps === 1 ? 1 : i / (steps - 1)
        const latency = Math.round(fault.from + (fault.to - fault.from) * rampFraction(fault.ramp, f))
        pushBounded(
          events,
          {
            atMs: i * fault.step,
            state: {
              enabled: true,
              toxic: {
                name: toxicName,
                type: 'latency',
                stream: fault.stream,
                toxicity: 1,
                attributes: { latency, jitter: fault.jitter },
              },
            },
          },
          key,
        )
      }
      return events
    }
  }
}

function ms(v: number): string {
  return v % 1000 === 0 && v > 0 ? `${v / 1000}s` : `${v}ms`
}

/** Short human description of a toxic, e.g. `latency 200ms ±50ms`. */
export function describeToxic(toxic: ToxicConfig): string {
  switch (toxic.type) {
    case 'down':
      return 'down'
    case 'latency':
      return `latency ${ms(toxic.latency)}${toxic.jitter > 0 ? ` ±${ms(toxic.jitter)}` : ''}`
    case 'bandwidth':
      return `bandwidth ${toxic.rate}KB/s`
    case 'slow_close':
      return `slow_close ${ms(toxic.delay)}`
    case 'timeout':
      return `timeout ${toxic.timeout === 0 ? '(hold)' : ms(toxic.timeout)}`
    case 'reset_peer':
      return `reset_peer${toxic.timeout > 0 ? ` after ${ms(toxic.timeout)}` : ''}`
    case 'slicer':
      return `slicer ${toxic['average-size']}B`
    case 'limit_data':
      return `limit_data ${toxic.bytes}B`
  }
}

/** Human description of a fault schedule, e.g. `down flapping 1s/50%` (the ChaosResult's `fault`). */
export function describeFault(fault: FaultConfig): string {
  const stream = (t: ToxicConfig): string =>
    t.type === 'down' || t.stream === 'downstream' ? '' : ' upstream'
  switch (fault.type) {
    case 'constant':
      return `${describeToxic(fault.toxic)}${stream(fault.toxic)}`
    case 'flapping':
      return `${describeToxic(fault.toxic)}${stream(fault.toxic)} flapping ${ms(fault.period)}/${Math.round(fault.duty * 100)}%`
    case 'degrading':
      return `latency ${ms(fault.from)}→${ms(fault.to)} ${fault.ramp}${fault.stream === 'upstream' ? ' upstream' : ''}`
    case 'bursts':
      return `${describeToxic(fault.toxic)}${stream(fault.toxic)} bursts ${ms(fault.length)} every ${ms(fault.every)}`
    case 'partial':
      return (
        `${describeToxic(fault.toxic)}${stream(fault.toxic)} on ${Math.round(fault.fraction * 100)}% of connections` +
        (fault.resample === undefined ? '' : `, re-drawn every ${ms(fault.resample)}`)
      )
    case 'outage':
      return 'outage'
  }
}
