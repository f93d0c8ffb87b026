import { parseArgs } from 'node:util'
import { analyze, isPullRequestRun } from '../../analysis/analyze.js'
import { createDirectoryStore, isHistoryDirectory } from '../../history/directory-store.js'
import { readRunRecordFile, readRunRecordsFromDirectory } from '../../history/record-files.js'
import { loadConfig } from '../../config/load.js'
import { analysisSection, type AnalysisConfig } from '../../config/sections/analysis.js'
import { systemClock } from '../../model/clock.js'
import type { RunRecord } from '../../model/run-record.js'
import { SEVERITIES, isAtLeast, type Severity } from '../../model/severity.js'
import { ExitCode, errorLine, type CliIo } from '../io.js'

/** Artifact retention of GitHub Actions, the default history window. */
export const DEFAULT_RETENTION_DAYS = 90

export const ANALYZE_USAGE = `gauntlet analyze --history-dir DIR --current RECORD.json [--json] [--config FILE] [--retention-days N] [--now ISO] [--fail-on SEVERITY]

Analyses one run record (RECORD.json or .json.gz) against the run records under DIR (read recursively) and
prints the findings; with --json the whole analysis report. Pull-request runs in DIR are never a baseline;
those of the same pull request confirm the current one. Exits 1 when --fail-on is given and reached, 2 on
bad usage or an unreadable current record.`

/** The edges `analyze` needs; tests and the lead's wiring pass their own (e.g. the HistoryStore backend). */
export interface AnalyzeDeps {
  loadHistory(dir: string, warn: (message: string) => void): Promise<RunRecord[]>
  readRecord(file: string): Promise<RunRecord>
  loadAnalysisConfig(file: string | undefined): Promise<AnalysisConfig>
  now(): Date
}

/**
 * A Gauntlet history folder (`.gauntlet/history`, `gauntlet history import`) is read through the directory
 * backend, snapshot included; any other folder is read as loose record files.
 */
async function loadHistoryFolder(dir: string, warn: (message: string) => void): Promise<RunRecord[]> {
  if (!(await isHistoryDirectory(dir))) return readRunRecordsFromDirectory(dir, warn)
  const contents = await createDirectoryStore({ directory: dir, clock: systemClock }).readAll()
  for (const w of contents.warnings) warn(w)
  return [...contents.records]
}

/** Default edges: the history folder reader, the config loader and the system clock. */
export const defaultAnalyzeDeps: AnalyzeDeps = {
  loadHistory: loadHistoryFolder,
  readRecord: readRunRecordFile,
  loadAnalysisConfig: async (file) =>
    file === undefined ? analysisSection.parse(undefined) : (await loadConfig(file)).analysis,
  now: () => new Date(),
}

/** `gauntlet analyze`: findings of one run against a history directory. */
export async function analyzeCommand(
  args: readonly string[],
  io: CliIo,
  deps: AnalyzeDeps = defaultAnalyzeDeps,
): Promise<number> {
  let o
  try {
    o = parseArgs({
      args: [...args],
      options: {
        'history-dir': { type: 'string' },
        current: { type: 'string' },
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        'retention-days': { type: 'string' },
        now: { type: 'string' },
        'fail-on': { type: 'string' },
      },
    }).values
  } catch (err) {
    io.stderr(`gauntlet analyze: ${errorLine(err)}\n\n${ANALYZE_USAGE}\n`)
    return ExitCode.Usage
  }
  if (o.current === undefined || o['history-dir'] === undefined) {
    io.stderr(`gauntlet analyze: --history-dir and --current are required\n\n${ANALYZE_USAGE}\n`)
    return ExitCode.Usage
  }
  const retentionDays =
    o['retention-days'] === undefined ? DEFAULT_RETENTION_DAYS : Number(o['retention-days'])
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    io.stderr(
      `gauntlet analyze: --retention-days must be a positive number, got ${JSON.stringify(o['retention-days'])}\n`,
    )
    return ExitCode.Usage
  }
  const now = o.now === undefined ? deps.now() : new Date(o.now)
  if (Number.isNaN(now.getTime())) {
    io.stderr(
      `gauntlet analyze: --now must be an ISO date such as 2026-11-23T10:00:00Z, got ${JSON.stringify(o.now)}\n`,
    )
    return ExitCode.Usage
  }
  const failOn = o['fail-on']
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    io.stderr(
      `gauntlet analyze: --fail-on must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(failOn)}\n`,
    )
    return ExitCode.Usage
  }
  let current: RunRecord
  let history: RunRecord[]
  let config: AnalysisConfig
  try {
    current = await deps.readRecord(o.current)
    config = await deps.loadAnalysisConfig(o.config)
    history = await deps.loadHistory(o['history-dir'], (m) => io.stderr(`gauntlet analyze: skipped ${m}\n`))
  } catch (err) {
    io.stderr(`gauntlet analyze: ${errorLine(err)}\n`)
    return ExitCode.Usage
  }
  const isPr = isPullRequestRun(current)
  const prRuns = isPr
    ? history.filter((r) => r.run.prNumber !== null && r.run.prNumber === current.run.prNumber)
    : []
  const report = analyze({
    current,
    baseline: history.filter((r) => !isPullRequestRun(r)),
    prRuns,
    config,
    now,
    retentionDays,
    isPullRequest: isPr,
  })
  if (o.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`)
  else {
    const lines = [
      `verdict: ${report.verdict} (${report.findings.length} findings, ${report.historyRuns} baseline runs)`,
    ]
    for (const f of report.findings) lines.push(`${f.severity.padEnd(8)} ${f.title} — ${f.reason}`)
    io.stdout(`${lines.join('\n')}\n`)
  }
  if (failOn !== undefined && report.verdict !== 'pass' && isAtLeast(report.verdict, failOn as Severity))
    return ExitCode.Failed
  return ExitCode.Ok
}

export default analyzeCommand
