/**
 * Builds `ParsedMetric` objects the same way for every format: text fields cleaned of control characters,
 * optional keys present only when they have a value (JSON output never carries null/undefined keys),
 * direction from the unit unless the format decides it.
 */
import type { Direction, ParsedMetric } from '../../model/metric.js'
import { stripControlChars } from './clean-text.js'
import { directionFromUnit } from './units.js'

export interface MetricFields {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly range?: string | undefined
  readonly extra?: string | undefined
  readonly direction?: Direction | undefined
  readonly samples?: readonly number[] | undefined
  readonly tags?: readonly string[] | undefined
}

/** A metric with cleaned text and no undefined-valued keys; direction defaults to `directionFromUnit`. */
export function buildMetric(fields: MetricFields): ParsedMetric {
  const unit = stripControlChars(fields.unit)
  // One literal with the always-present keys, then the optional ones: few hidden-class transitions, which
  // matters when a Go output yields hundreds of thousands of metrics.
  const metric: Mutable<ParsedMetric> = {
    name: stripControlChars(fields.name),
    unit,
    value: fields.value,
    direction: fields.direction ?? directionFromUnit(unit),
  }
  if (fields.range !== undefined) metric.range = stripControlChars(fields.range)
  if (fields.extra !== undefined) metric.extra = stripControlChars(fields.extra)
  if (fields.samples !== undefined && fields.samples.length > 0) metric.samples = [...fields.samples]
  if (fields.tags !== undefined && fields.tags.length > 0) metric.tags = fields.tags.map(stripControlChars)
  return metric
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
