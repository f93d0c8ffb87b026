import { parseArgs } from 'node:util'
import type { ParsedMetric, ParsedTestCase } from '../../model/index.js'
import { countTests } from '../../model/index.js'
import { RESULT_FILE_FORMATS, parseResultFile, type ResultFileFormat } from '../../parsers/index.js'
import { ExitCode, errorLine, type CliIo } from '../io.js'

export const PARSE_USAGE = `gauntlet parse --format <format|auto> FILE... [--json]

Parses test reports or benchmark outputs and prints what Gauntlet reads from them. Formats: auto, ${RESULT_FILE_FORMATS.join(', ')}.
With --json it prints {"tests":[…],"totals":{…}} for test reports and {"metrics":[…]} for benchmark outputs
(both keys when the files mix the two). On unreadable input it exits 2 with one line naming the file.`

/** `gauntlet parse`: the public parse contract (docs/formats/README.md). */
export async function parseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'auto' }, json: { type: 'boolean', default: false } },
  })
  const format = values.format
  if (format !== 'auto' && !(RESULT_FILE_FORMATS as readonly string[]).includes(format)) {
    io.stderr(
      `gauntlet parse: unknown format '${format}'; accepted: auto, ${RESULT_FILE_FORMATS.join(', ')}\n`,
    )
    return ExitCode.Usage
  }
  if (positionals.length === 0) {
    io.stderr(`gauntlet parse: no file given\n\n${PARSE_USAGE}\n`)
    return ExitCode.Usage
  }
  const tests: ParsedTestCase[] = []
  const metrics: ParsedMetric[] = []
  let sawTests = false
  for (const file of positionals) {
    try {
      const parsed = await parseResultFile(file, format as ResultFileFormat | 'auto')
      if (parsed.kind === 'tests') {
        sawTests = true
        tests.push(...parsed.report.tests)
      } else metrics.push(...parsed.report.metrics)
    } catch (err) {
      io.stderr(`gauntlet parse: ${file}: ${errorLine(err).replace(`${file}: `, '')}\n`)
      return ExitCode.Usage
    }
  }
  const output: Record<string, unknown> = {}
  if (sawTests) {
    output.tests = tests.map((t) => ({
      suite: t.suite,
      classname: t.classname,
      name: t.name,
      status: t.status,
      durationMs: t.durationMs,
      message: t.message,
    }))
    output.totals = countTests(tests)
  }
  if (metrics.length > 0 || !sawTests) output.metrics = metrics
  if (values.json) io.stdout(`${JSON.stringify(output, null, 2)}\n`)
  else io.stdout(humanSummary(tests, metrics, sawTests))
  return ExitCode.Ok
}

function humanSummary(
  tests: readonly ParsedTestCase[],
  metrics: readonly ParsedMetric[],
  sawTests: boolean,
): string {
  const lines: string[] = []
  if (sawTests) {
    const t = countTests(tests)
    lines.push(
      `${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped`,
    )
    for (const test of tests.filter((x) => x.status === 'failed' || x.status === 'errored')) {
      lines.push(
        `  ✗ ${test.classname} › ${test.name}${test.message ? `: ${test.message.split('\n')[0]}` : ''}`,
      )
    }
  }
  for (const m of metrics)
    lines.push(`${m.name}: ${m.value} ${m.unit}${m.range ? ` (${m.range})` : ''} [${m.direction}]`)
  return `${lines.join('\n')}\n`
}
