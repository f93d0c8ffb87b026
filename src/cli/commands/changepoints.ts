import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { detectChangePoints } from '../../analysis/changepoints/e-divisive.js'
import {
  detectSustainedShifts,
  type SustainedShiftOptions,
} from '../../analysis/changepoints/sustained-shifts.js'
import { analysisSection } from '../../config/sections/analysis.js'
import { ExitCode, errorLine, type CliIo } from '../io.js'

/** Largest series file the command reads (a 90-day history is a few KB; this bounds hostile input). */
export const MAX_SERIES_BYTES = 64 * 1024 * 1024

export const CHANGEPOINTS_USAGE = `gauntlet changepoints --input SERIES.json [--json] [--window N] [--p-value P] [--min-magnitude PCT] [--min-segment N] [--no-wandering] [--otava]

Reads {"values":[…]} (null marks a missing observation; an optional "timestamps" array of the same length is
checked and otherwise ignored) and prints the change points: with --json exactly {"changepoints":[indices]},
each the 0-based index of the first point after a change. Defaults are the analysis config's: window 50,
p ≤ 0.001, min magnitude = min-effect 5 %, regimes shorter than 3 points are transients; on a series that
wanders (a random walk, a drifting size) also jumps and changes of slope, which --no-wandering turns off.
--otava runs Apache Otava's algorithm alone (no serial-correlation correction, no transient filter).`

/** Input shape problems, naming the file and what to write instead. */
export class SeriesInputError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}; expected {"values":[number|null, …], "timestamps"?: [...]}`)
    this.name = 'SeriesInputError'
  }
}

/** Validates the parsed JSON of a series file. */
export function readSeries(file: string, data: unknown): (number | null)[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new SeriesInputError(file, 'top level is not an object')
  const values = (data as { values?: unknown }).values
  if (!Array.isArray(values)) throw new SeriesInputError(file, '"values" is missing or not an array')
  const out: (number | null)[] = []
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i]
    if (v === null) out.push(null)
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v)
    else throw new SeriesInputError(file, `values[${i}] is ${JSON.stringify(v)}, not a finite number or null`)
  }
  const ts = (data as { timestamps?: unknown }).timestamps
  if (ts !== undefined && (!Array.isArray(ts) || ts.length !== values.length)) {
    throw new SeriesInputError(file, `"timestamps" must be an array as long as "values" (${values.length})`)
  }
  return out
}

function numberOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback
  const v = Number(raw)
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}], got ${JSON.stringify(raw)}`)
  return v
}

/** `gauntlet changepoints`: change-point detection on one series. */
export async function changepointsCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        input: { type: 'string' },
        json: { type: 'boolean', default: false },
        window: { type: 'string' },
        'p-value': { type: 'string' },
        'min-magnitude': { type: 'string' },
        'min-segment': { type: 'string' },
        'no-wandering': { type: 'boolean', default: false },
        otava: { type: 'boolean', default: false },
      },
    })
  } catch (err) {
    io.stderr(`gauntlet changepoints: ${errorLine(err)}\n\n${CHANGEPOINTS_USAGE}\n`)
    return ExitCode.Usage
  }
  const o = parsed.values
  if (o.input === undefined) {
    io.stderr(`gauntlet changepoints: --input is required\n\n${CHANGEPOINTS_USAGE}\n`)
    return ExitCode.Usage
  }
  const defaults = analysisSection.parse(undefined)
  let values: (number | null)[]
  let options: SustainedShiftOptions
  try {
    options = {
      windowLen: numberOption('window', o.window, defaults.changepoints.window, 2, 100_000),
      maxPValue: numberOption('p-value', o['p-value'], defaults.changepoints['p-value'], 0, 1),
      minMagnitude:
        numberOption(
          'min-magnitude',
          o['min-magnitude'],
          defaults.changepoints['min-magnitude'] ?? defaults['min-effect'],
          0,
          1e9,
        ) / 100,
      minSegment: numberOption(
        'min-segment',
        o['min-segment'],
        defaults.changepoints['min-segment'],
        1,
        100_000,
      ),
      wandering: !o['no-wandering'] && defaults.changepoints.wandering,
    }
    const text = await readFile(o.input, 'utf8')
    if (text.length > MAX_SERIES_BYTES)
      throw new SeriesInputError(o.input, `larger than ${MAX_SERIES_BYTES} bytes`)
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (err) {
      throw new SeriesInputError(o.input, `not valid JSON (${errorLine(err)})`)
    }
    values = readSeries(o.input, data)
  } catch (err) {
    io.stderr(`gauntlet changepoints: ${errorLine(err)}\n`)
    return ExitCode.Usage
  }
  const indices = o.otava
    ? detectChangePoints(values, options).map((c) => c.index)
    : detectSustainedShifts(values, options).map((s) => s.index)
  if (o.json) io.stdout(`${JSON.stringify({ changepoints: indices })}\n`)
  else {
    io.stdout(
      indices.length === 0
        ? `no change points in ${values.length} values\n`
        : `${indices.length} change point(s) in ${values.length} values: ${indices.join(', ')} (index of the first point after each change)\n`,
    )
  }
  return ExitCode.Ok
}

export default changepointsCommand
