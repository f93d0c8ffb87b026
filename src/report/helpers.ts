// Handlebars helpers available to every template (default and user). Helpers only format numbers and our own
// words; text from test output reaches templates already escaped by the view model.

import type { HelperOptions } from 'handlebars'
import { escapeHtml, safeUrl } from './escape.js'
import { formatCount, formatDuration, formatPercent, formatValue, plural, sparkline } from './format.js'
import type { TextTarget } from './view-model.js'
import { iconFor } from './view-model.js'

/** The part of a Handlebars environment the helpers need. */
interface HelperHost {
  registerHelper(name: string, fn: (...args: never[]) => unknown): void
}

function targetOf(options: HelperOptions): TextTarget {
  const root = (options.data as { root?: { target?: TextTarget } } | undefined)?.root
  return root?.target ?? 'text'
}

/** Handlebars passes its options object last; this drops it so helpers can take optional arguments. */
function args(list: unknown[]): { values: unknown[]; options: HelperOptions } {
  const options = list[list.length - 1] as HelperOptions
  return { values: list.slice(0, -1), options }
}

/** Strings and numbers as text; anything else (an object a template passed by mistake) as empty. */
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : ''
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v)
}

/**
 * Registers: `num value unit` (`1.23 ms`), `pct n` (`+4.2 %`), `duration ms`, `count n` (`12,345`),
 * `plural n "test" ["tests"]`, `iconOf severity|verdict`, `sparklineOf values`, `link text url`, `indent text n`,
 * and the comparisons `eq`, `gt`, `or`, `and`, `not`.
 */
export function registerHelpers(env: HelperHost): void {
  const helpers: Record<string, (...list: unknown[]) => unknown> = {
    num: (...list) => {
      const { values } = args(list)
      return formatValue(num(values[0]), typeof values[1] === 'string' ? values[1] : '')
    },
    pct: (...list) => formatPercent(num(args(list).values[0])),
    duration: (...list) => formatDuration(num(args(list).values[0])),
    count: (...list) => formatCount(num(args(list).values[0])),
    plural: (...list) => {
      const { values } = args(list)
      return plural(num(values[0]), str(values[1]), typeof values[2] === 'string' ? values[2] : undefined)
    },
    iconOf: (...list) => {
      const { values, options } = args(list)
      return iconFor(targetOf(options), str(values[0]))
    },
    sparklineOf: (...list) => {
      const v = args(list).values[0]
      return Array.isArray(v) ? sparkline(v.map(num)) : ''
    },
    link: (...list) => {
      const { values, options } = args(list)
      const text = str(values[0])
      const url = safeUrl(typeof values[1] === 'string' ? values[1] : null)
      if (!url) return text
      switch (targetOf(options)) {
        case 'markdown':
          return `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`
        case 'slack':
          return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${text}>`
        case 'html':
          return `<a href="${escapeHtml(url)}">${text}</a>`
        default:
          return `${text} (${url})`
      }
    },
    indent: (...list) => {
      const { values } = args(list)
      const pad = ' '.repeat(Math.max(0, Math.min(16, num(values[1] ?? 2))))
      return str(values[0])
        .split('\n')
        .map((l) => (l === '' ? l : pad + l))
        .join('\n')
    },
    eq: (...list) => {
      const { values } = args(list)
      return values[0] === values[1]
    },
    gt: (...list) => {
      const { values } = args(list)
      return num(values[0]) > num(values[1])
    },
    or: (...list) => args(list).values.some(Boolean),
    and: (...list) => args(list).values.every(Boolean),
    not: (...list) => !args(list).values[0],
  }
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn)
}
