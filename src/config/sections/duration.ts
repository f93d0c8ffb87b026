import { z } from 'zod'

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const

// Units in descending order, each at most once (`1h30m`, `1m30s`, `2s500ms`); a bare number means seconds.
// Written once as a string so the JSON Schema `pattern` editors check is the very regex the loader applies.
const NUM = String.raw`\d+(?:\.\d+)?`
const DURATION_SOURCE = String.raw`^\s*(?:(?=\d)(?:(${NUM})h)?(?:(${NUM})m)?(?:(${NUM})s)?(?:(${NUM})ms)?|(${NUM}))\s*$`
const DURATION_RE = new RegExp(DURATION_SOURCE)

/** What the loader says a duration may look like; also the error text for a bad one. */
export const DURATION_EXPECTED =
  'a duration such as 250ms, 30s, 10m, 1h or 1m30s, or a number of seconds >= 0'

/**
 * Parses `250ms`, `30s`, `10m`, `1h`, `1m30s`, `1.5s` or a bare number of seconds (`"90"`) to milliseconds.
 * Returns `undefined` for anything else (empty text, negative numbers, unknown units, units out of order).
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_RE.exec(text)
  if (!m) return undefined
  const [, h, min, s, ms, bare] = m
  if (bare !== undefined) return Math.round(Number(bare) * 1000)
  const total =
    Number(h ?? 0) * UNIT_MS.h + Number(min ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s + Number(ms ?? 0)
  return Math.round(total)
}

/**
 * A duration written as `250ms`, `30s`, `10m`, `1h`, `1m30s`, or a bare number of seconds; parsed to milliseconds.
 * Every branch carries the same message so that a wrong type, a negative number and a malformed string all tell
 * the user what a duration looks like.
 */
export const durationMs = z
  .union(
    [
      z.number({ error: DURATION_EXPECTED }).nonnegative({ error: DURATION_EXPECTED }),
      z.string({ error: DURATION_EXPECTED }).regex(DURATION_RE, { error: DURATION_EXPECTED }),
    ],
    { error: DURATION_EXPECTED },
  )
  .transform((raw) => (typeof raw === 'number' ? Math.round(raw * 1000) : (parseDuration(raw) ?? 0)))
  .meta({ id: 'Duration', description: 'Duration: 250ms, 30s, 10m, 1h, 1m30s, or a number of seconds.' })
