import { execFile } from 'node:child_process'
import * as os from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { promisify } from 'node:util'
import { createChannels, createDryRunChannels } from '../../alerts/index.js'
import { DEFAULT_CONFIG_PATH, FAIL_ON, type FailOn } from '../../config/action-contract.js'
import { loadConfig } from '../../config/load.js'
import type { Config } from '../../config/schema.js'
import { createDirectoryStore } from '../../history/directory-store.js'
import { LOCAL_EVENT, systemClock, type Finding } from '../../model/index.js'
import { runPipeline } from '../../pipeline/run-pipeline.js'
import { repositoryFromRemote, runInfoForLocal, type LocalGitFacts } from '../../record/run-info.js'
import { runnerFingerprint } from '../../record/runner-fingerprint.js'
import { createLineLogger, installCancelHandlers, parseStageSelection } from '../../stages/index.js'
import { ExitCode, errorLine, type CliIo } from '../io.js'

export const RUN_USAGE = `gauntlet run [--config FILE] [--stages a,b] [--history-dir DIR] [-C DIR] [--fail-on LEVEL]

Runs the configured stages, compares them with the local history, writes report.md, report.html and
findings.json, and saves this run into the history. Paths are relative to -C (default: the current directory).
Alerts go to the channels named by GAUNTLET_SLACK_WEBHOOK_URL, GAUNTLET_PAGERDUTY_ROUTING_KEY and
GAUNTLET_SMTP_URL, or are written to the report folder when none is set or alerts.dry-run is true.`

async function gitFacts(cwd: string): Promise<LocalGitFacts> {
  const git = async (...args: string[]): Promise<string | undefined> => {
    try {
      const { stdout } = await promisify(execFile)('git', args, { cwd, timeout: 5000 })
      return stdout.trim() || undefined
    } catch {
      return undefined
    }
  }
  const [sha, branch, remote] = await Promise.all([
    git('rev-parse', 'HEAD'),
    git('rev-parse', '--abbrev-ref', 'HEAD'),
    git('remote', 'get-url', 'origin'),
  ])
  const repository = remote === undefined ? undefined : repositoryFromRemote(remote)
  return {
    ...(sha === undefined ? {} : { sha }),
    ...(branch === undefined || branch === 'HEAD' ? {} : { branch }),
    ...(repository === undefined ? {} : { remote: repository }),
  }
}

/** `gauntlet run`: the whole pipeline on this machine, with the directory history backend. */
export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      config: { type: 'string', short: 'c' },
      stages: { type: 'string' },
      'history-dir': { type: 'string' },
      'working-directory': { type: 'string', short: 'C', default: '.' },
      'fail-on': { type: 'string', default: 'error' },
    },
  })
  const failOn = values['fail-on']
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    io.stderr(`gauntlet run: --fail-on '${failOn}' is not one of ${FAIL_ON.join(', ')}\n`)
    return ExitCode.Usage
  }
  const workspace = resolve(values['working-directory'])
  let config: Config
  let selection
  try {
    config = await loadConfig(resolve(workspace, values.config ?? DEFAULT_CONFIG_PATH))
    selection = values.stages === undefined ? undefined : parseStageSelection(values.stages)
  } catch (err) {
    io.stderr(`gauntlet run: ${err instanceof Error ? err.message : String(err)}\n`)
    return ExitCode.Usage
  }

  const git = await gitFacts(workspace)
  const run = runInfoForLocal(git, runnerFingerprint(os, process.env), systemClock.now())
  // Local runs are this machine's own history: the checkout's branch is the baseline and local runs are trusted.
  const localConfig: Config = {
    ...config,
    history: { ...config.history, 'trusted-events': [...config.history['trusted-events'], LOCAL_EVENT] },
  }
  const reportDir = resolve(workspace, config.report.directory)
  const secrets = {
    slackWebhookUrl: process.env.GAUNTLET_SLACK_WEBHOOK_URL,
    pagerdutyRoutingKey: process.env.GAUNTLET_PAGERDUTY_ROUTING_KEY,
    smtpUrl: process.env.GAUNTLET_SMTP_URL,
  }
  const anySecret = Object.values(secrets).some((s) => s !== undefined && s !== '')
  const channels =
    config.alerts['dry-run'] || !anySecret
      ? createDryRunChannels(reportDir)
      : createChannels(
          {
            ...(secrets.slackWebhookUrl ? { slackWebhookUrl: secrets.slackWebhookUrl } : {}),
            ...(secrets.pagerdutyRoutingKey ? { pagerdutyRoutingKey: secrets.pagerdutyRoutingKey } : {}),
            ...(secrets.smtpUrl ? { smtpUrl: secrets.smtpUrl } : {}),
          },
          { pagerdutyUrl: config.alerts['pagerduty-url'], mask: () => undefined },
        )

  const controller = new AbortController()
  const uninstall = installCancelHandlers(controller)
  try {
    const result = await runPipeline({
      config: localConfig,
      workspace,
      ...(selection === undefined ? {} : { selection }),
      failOn: failOn as FailOn,
      commentMode: 'never',
      retentionDays: config.history['retention-days'],
      run,
      defaultBranch: run.branch,
      pullRequest: null,
      logger: createLineLogger((line) => io.stdout(`${line}\n`)),
      clock: systemClock,
      signal: controller.signal,
      history: createDirectoryStore({
        directory: resolve(workspace, values['history-dir'] ?? config.history.directory),
        clock: systemClock,
      }),
      poster: null,
      channels,
      sinks: { warn: () => undefined },
      links: {},
    })
    io.stdout(`\n${summaryText(result.report, result.verdict.reasons, result.reportDirectory)}\n`)
    return result.verdict.failed ? ExitCode.Failed : ExitCode.Ok
  } catch (err) {
    io.stderr(`gauntlet run: ${errorLine(err)}\n`)
    return ExitCode.Usage
  } finally {
    uninstall()
  }
}

const ICONS = { info: 'ℹ', warning: '⚠', error: '✗', critical: '‼' } as const

function summaryText(
  report: Awaited<ReturnType<typeof runPipeline>>['report'],
  reasons: readonly string[],
  dir: string,
): string {
  const t = report.tests
  const lines = [
    `Gauntlet: ${report.verdict === 'pass' ? 'PASS' : report.verdict.toUpperCase()} (${report.historyRuns} baseline run(s))`,
    `  stages:  ${report.stages.map((s) => `${s.name} ${s.status} in ${(s.durationMs / 1000).toFixed(1)}s`).join(', ')}`,
    `  tests:   ${t.tests} total, ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ${t.flaky} flaky`,
    `  metrics: ${report.comparisons.length} compared, ${count(report.comparisons, 'regressed')} regressed, ${count(report.comparisons, 'improved')} improved, ${count(report.comparisons, 'new')} new`,
  ]
  for (const c of report.chaos) {
    const p95 = c.latencyMs === null ? 'n/a' : `${c.latencyMs.p95.toFixed(1)} ms`
    const recovery = c.recoveryMs === null ? 'did not recover' : `recovered in ${c.recoveryMs} ms`
    lines.push(
      `  chaos:   ${c.experiment} ${c.verdict}, error rate ${(c.errorRate * 100).toFixed(1)} %, p95 ${p95}, ${recovery}`,
    )
  }
  const shown = report.findings.filter((f: Finding) => f.severity !== 'info').slice(0, 15)
  for (const f of shown) lines.push(`  ${ICONS[f.severity]} ${f.severity}: ${f.title} — ${f.reason}`)
  for (const r of reasons) lines.push(`  fails: ${r}`)
  lines.push(`  report:  ${dir}/report.md, report.html, findings.json`)
  return lines.join('\n')
}

function count(rows: readonly { verdict: string }[], verdict: string): number {
  return rows.filter((r) => r.verdict === verdict).length
}
