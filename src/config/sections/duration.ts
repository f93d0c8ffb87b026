import { z } from 'zod'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

/**
 * A duration written as `250ms`, `30s`, `10m`, `1h`, `1m30s`, or a bare number of seconds; parsed to milliseconds.
 */
export const durationMs = z.union([z.number().nonnegative(), z.string()]).transform((raw, ctx) => {
  if (typeof raw === 'number') return Math.round(raw * 1000)
  const text = raw.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as 30s, 10m, 1h or 1m30s, found ${JSON.stringify(raw)}`,
    })
    return z.NEVER
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2] as keyof typeof UNIT_MS], 0))
})
