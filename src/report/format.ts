// Number, unit and duration formatting for reports. Hand-written rather than Intl-only because the unit scaling
// (ns → µs → ms → s, B → KiB → MiB) and the signed-percent style (`+4.2 %`) are ours; Intl does the grouping.

const GROUPING = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** `12345` → `12,345`. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? GROUPING.format(n) : String(n)
}

/** Three significant digits without trailing noise: `1.234` → `1.23`, `1234.5` → `1,235`, `0.000123` → `0.000123`. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (n === 0) return '0'
  const abs = Math.abs(n)
  if (abs >= 1000) return GROUPING.format(Math.round(n))
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)))
  return String(Number(n.toFixed(Math.min(digits, 12))))
}

const TIME_UNITS: readonly (readonly [string, number])[] = [
  ['ns', 1e-9],
  ['µs', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
]
const TIME_ALIASES: Readonly<Record<string, string>> = {
  us: 'µs',
  μs: 'µs',
  sec: 's',
  secs: 's',
  seconds: 's',
}
const BYTE_UNITS: readonly (readonly [string, number])[] = [
  ['B', 1],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
]

/** Rescales a value within its unit family so that it reads naturally: `1500 ms` → `1.5 s`, `2048 B` → `2 KiB`. */
function scale(value: number, unit: string): { value: number; unit: string } {
  const u = TIME_ALIASES[unit] ?? unit
  for (const family of [TIME_UNITS, BYTE_UNITS]) {
    const from = family.find(([name]) => name === u)
    if (!from || !Number.isFinite(value)) continue
    const base = value * from[1]
    let best = family[0]!
    for (const candidate of family) if (Math.abs(base) >= candidate[1]) best = candidate
    if (base === 0) best = from
    return { value: base / best[1], unit: best[0] }
  }
  return { value, unit }
}

/** `formatValue(1.234, 'ms')` → `1.23 ms`; `formatValue(1500, 'ms')` → `1.5 s`; `%` stays `12.5 %`. */
export function formatValue(value: number, unit: string): string {
  const scaled = scale(value, unit)
  const number = formatNumber(scaled.value)
  return scaled.unit === '' ? number : `${number} ${scaled.unit}`
}

/** Signed percent with one decimal: `4.23` → `+4.2 %`, `-12` → `-12.0 %`, `0.04` → `±0.0 %`. */
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct)) return '—'
  const rounded = Math.round(pct * 10) / 10
  if (rounded === 0) return '±0.0 %'
  const sign = rounded > 0 ? '+' : '-'
  const abs = Math.abs(rounded)
  return `${sign}${abs >= 1000 ? GROUPING.format(abs) : abs.toFixed(1)} %`
}

/** Human duration: `850` → `850 ms`, `12_300` → `12.3 s`, `95_000` → `1m 35s`, `7_260_000` → `2h 1m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${formatNumber(ms)} ms`
  if (ms < 60_000) return `${formatNumber(ms / 1000)} s`
  const totalSeconds = Math.round(ms / 1000)
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds % 60
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s}s`
}

/** `plural(1, 'test')` → `1 test`; `plural(2, 'test')` → `2 tests`; an explicit plural wins. */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : (pluralForm ?? `${singular}s`)}`
}

const BARS = '▁▂▃▄▅▆▇█'

/** Unicode sparkline of at most `width` points (bucket means), `▁` for the lowest value and `█` for the highest. */
export function sparkline(values: readonly number[], width = 30): string {
  const points = downsample(values.filter(Number.isFinite), width)
  if (points.length === 0) return ''
  const min = Math.min(...points)
  const max = Math.max(...points)
  const range = max - min
  return points
    .map((v) => BARS[range === 0 ? 3 : Math.min(7, Math.floor(((v - min) / range) * 8))] ?? '▄')
    .join('')
}

/** Reduces a series to at most `max` points by averaging equal buckets; keeps the order. */
export function downsample(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values]
  const out: number[] = []
  for (let i = 0; i < max; i++) {
    const from = Math.floor((i * values.length) / max)
    const to = Math.floor(((i + 1) * values.length) / max)
    let sum = 0
    for (let j = from; j < to; j++) sum += values[j]!
    out.push(sum / Math.max(1, to - from))
  }
  return out
}
