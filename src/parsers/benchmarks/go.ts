/**
 * `go test -bench` text output. Rules follow github-action-benchmark (v1.22) so histories stay comparable:
 * - a result line is `<name>[-<procs>] <iterations> <value> <unit> [<value> <unit>…]`
 *   (https://go.googlesource.com/proposal/+/master/design/14313-benchmark-format.md);
 * - one metric per `value unit` pair, named `<name> - <unit>` after the first; when there are more than one
 *   pair, a legacy first entry is kept whose unit is the whole remainder (`ns/op\t12 B/op…`) — older versions
 *   stored that, and dropping it would break existing series;
 * - with more than one distinct `pkg:` line, names get ` (<pkg>)` unless the name already contains at least
 *   the last two segments of the package path (also with `/` spelled `_`);
 * - `extra` is `<iterations> times` plus `\n<procs> procs` when the name carried `-<procs>`.
 */
import type { ParsedMetric } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import { BenchmarkParseError } from './errors.js'
import type { FormatOutput } from './format-parser.js'

/** Characters a benchmark name may contain: Go's, plus what table-driven sub-benchmark names carry. */
const NAME_CHARS = /^Benchmark\w[\w()$%^&*+,\-./:;<=|[\]{}"#]*$/
const PROCS_SUFFIX = /-(\d+)$/
const FIRST_FIELD = /^(\S+)\s+/
const ITERATIONS_FIELD = /^(\d+)\s+/
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/

/** The parts of a result line `<name>[-<procs>] <iterations> <remainder>`. */
export interface GoResultLine {
  readonly name: string
  readonly procs?: string
  readonly times: string
  readonly remainder: string
}

/**
 * Splits a result line, or returns undefined for any other line. Equivalent to upstream's
 * `/^(?<name>Benchmark\w+[…]*?)(?<procs>-\d+)?\s+(?<times>\d+)\s+(?<remainder>.+)$/`, whose lazy name next to
 * `\w+` backtracks quadratically (a 20 kB line took 0.7 s): here each field is matched once, left to right.
 * The name plus procs is the first whitespace-free field; procs is its trailing `-<digits>`.
 */
export function matchGoResultLine(line: string): GoResultLine | undefined {
  if (!line.startsWith('Benchmark')) return undefined
  const first = FIRST_FIELD.exec(line)
  const field = first?.[1]
  if (first === null || field === undefined) return undefined
  const rest = line.slice(first[0].length)
  const iterations = ITERATIONS_FIELD.exec(rest)
  const times = iterations?.[1]
  if (iterations === null || times === undefined) return undefined
  const remainder = rest.slice(iterations[0].length)
  if (remainder === '' || LINE_TERMINATOR.test(remainder)) return undefined
  const procs = PROCS_SUFFIX.exec(field)
  const name = procs === null ? field : field.slice(0, procs.index)
  if (!NAME_CHARS.test(name)) return undefined
  return procs?.[1] === undefined ? { name, times, remainder } : { name, procs: procs[1], times, remainder }
}

const PKG_PREFIX = /^pkg:\s+/

function mentionsPackage(name: string, pkg: string): boolean {
  const segments = pkg.split('/')
  // At least two segments, so a package `cache` does not match a benchmark called BenchmarkCache.
  for (let i = 0; i + 2 <= segments.length; i++) {
    const suffix = segments.slice(i).join('/')
    if (name.includes(suffix) || name.includes(suffix.replace(/\//g, '_'))) return true
  }
  return false
}

/** Parses `go test -bench` output. */
export function parseGo(file: string, content: string): FormatOutput {
  const lines = content.split(/\r?\n/)
  const packages = new Set<string>()
  const pkgOf = (line: string): string | undefined => {
    const prefix = PKG_PREFIX.exec(line)
    return prefix === null ? undefined : line.slice(prefix[0].length)
  }
  for (const line of lines) {
    const pkg = pkgOf(line)
    if (pkg) packages.add(pkg)
  }
  const suffixPackages = packages.size > 1

  const metrics: ParsedMetric[] = []
  let pkg = ''
  lines.forEach((line, index) => {
    const pkgName = pkgOf(line)
    if (pkgName !== undefined) {
      pkg = pkgName
      return
    }
    const result = matchGoResultLine(line)
    if (!result) return
    const { name, procs, times, remainder } = result
    const extra = procs === undefined ? `${times} times` : `${times} times\n${procs} procs`
    const baseName = suffixPackages && pkg !== '' && !mentionsPackage(name, pkg) ? `${name} (${pkg})` : name

    const pieces = remainder.split(/[ \t]+/)
    const pairs: Array<[string, string]> = []
    if (pieces.length > 2) {
      // Legacy entry: the first value with everything after it as its unit.
      const secondAt = remainder.indexOf(pieces[1] ?? '')
      pairs.push([pieces[0] ?? '', remainder.slice(secondAt)])
    }
    for (let i = 0; i + 1 < pieces.length; i += 2) pairs.push([pieces[i] ?? '', pieces[i + 1] ?? ''])

    pairs.forEach(([valueText, unit], i) => {
      const value = Number.parseFloat(valueText)
      if (!Number.isFinite(value)) {
        throw new BenchmarkParseError(
          file,
          `Go benchmark '${name}' has a value '${valueText}' that is not a number`,
          {
            line: index + 1,
            hint: 'Pass the raw `go test -bench` output (one `BenchmarkX-8  1000  123 ns/op` line per result)',
          },
        )
      }
      metrics.push(buildMetric({ name: i > 0 ? `${baseName} - ${unit}` : baseName, unit, value, extra }))
    })
  })
  return { metrics }
}
