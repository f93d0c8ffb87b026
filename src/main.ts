import * as core from '@actions/core'
import { readFile, readdir } from 'node:fs/promises'
import * as os from 'node:os'
import { resolve } from 'node:path'
import { createChannels, createDryRunChannels } from './alerts/index.js'
import { Outputs } from './config/action-contract.js'
import { readInputs } from './config/inputs.js'
import { loadConfig } from './config/load.js'
import { createHistoryStore } from './history/create-store.js'
import { hasArtifactRuntime, parseRepository, type EnvMap } from './github/env.js'
import { createGitHubClient } from './github/octokit.js'
import { createActionsArtifactTransport } from './history/artifact-transport.js'
import { systemClock } from './model/index.js'
import { runPipeline } from './pipeline/run-pipeline.js'
import { runInfoFromActions, type EventPayload } from './record/run-info.js'
import { runnerFingerprint } from './record/runner-fingerprint.js'
import { createGitHubCommentPoster } from './report/github-comment-poster.js'
import type { Annotation } from './report/annotations.js'
import { installCancelHandlers, type Logger } from './stages/index.js'

const actionsLogger: Logger = {
  startGroup: (name) => core.startGroup(name),
  endGroup: () => core.endGroup(),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
}

function annotate(a: Annotation): void {
  const props = {
    title: a.title,
    ...(a.file === undefined ? {} : { file: a.file }),
    ...(a.line === undefined ? {} : { startLine: a.line }),
  }
  if (a.level === 'error') core.error(a.message, props)
  else if (a.level === 'warning') core.warning(a.message, props)
  else core.notice(a.message, props)
}

async function readEventPayload(path: string | undefined): Promise<EventPayload> {
  if (path === undefined || path === '') return {}
  try {
    return JSON.parse(await readFile(path, 'utf8')) as EventPayload
  } catch (err) {
    core.warning(`The event payload ${path} could not be read (${String(err)}); PR details are unknown.`)
    return {}
  }
}

/** The artifact that carries report.md, comment.md, report.html, findings.json and dry-run alerts. */
export const REPORT_ARTIFACT = 'gauntlet-report'

/**
 * Uploads the report folder as an artifact of this run, so reviewers can open report.html and a fork PR's
 * comment survives the read-only token. A failure is a warning: the verdict does not depend on it.
 */
async function uploadReport(
  env: EnvMap,
  token: string,
  directory: string,
  retentionDays: number,
): Promise<void> {
  const repository = parseRepository(env.GITHUB_REPOSITORY)
  if (!hasArtifactRuntime(env) || repository === null) return
  try {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true })
    const files = entries.filter((e) => e.isFile()).map((e) => resolve(e.parentPath, e.name))
    if (files.length === 0) return
    await createActionsArtifactTransport({ token, repository }).upload(
      REPORT_ARTIFACT,
      files,
      directory,
      retentionDays,
    )
  } catch (err) {
    core.warning(
      `The report artifact ${REPORT_ARTIFACT} was not uploaded: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
}

/**
 * Runs the action: reads inputs and config once, wires the GitHub edges (history artifacts, PR comment, alert
 * channels, job summary, annotations, outputs) to the shared pipeline, and fails the step on the verdict.
 * Never throws: every failure ends in `core.setFailed`.
 */
export async function run(): Promise<void> {
  const controller = new AbortController()
  const uninstall = installCancelHandlers(controller)
  try {
    const env = process.env
    const inputs = readInputs(env)
    for (const secret of inputs.secrets) core.setSecret(secret)
    if (inputs.mode !== 'run') {
      throw new Error(
        `mode '${inputs.mode}' is not available in this version; use mode: run (matrix shards and the fork-PR report job come with collect/report support)`,
      )
    }
    const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory)
    const config = await loadConfig(resolve(workspace, inputs.config))
    const payload = await readEventPayload(env.GITHUB_EVENT_PATH)
    const now = systemClock.now()
    const runInfo = runInfoFromActions(env, payload, runnerFingerprint(os, env), now)
    const retentionDays = inputs.historyRetentionDays

    const { store, warnings } = createHistoryStore(
      { ...config.history, 'retention-days': retentionDays },
      {
        env,
        token: inputs.githubToken,
        workingDirectory: workspace,
        clock: systemClock,
        mask: core.setSecret,
        log: core,
      },
    )
    for (const w of warnings) core.warning(w)

    const isPr = runInfo.prNumber !== null
    const poster =
      isPr && inputs.githubToken
        ? createGitHubCommentPoster(
            createGitHubClient({ token: inputs.githubToken, env, mask: core.setSecret, log: core }),
            runInfo.repository,
          )
        : null
    const reportDir = resolve(workspace, config.report.directory)
    const channels = config.alerts['dry-run']
      ? createDryRunChannels(reportDir)
      : createChannels(
          {
            ...(inputs.slackWebhookUrl ? { slackWebhookUrl: inputs.slackWebhookUrl } : {}),
            ...(inputs.pagerdutyRoutingKey ? { pagerdutyRoutingKey: inputs.pagerdutyRoutingKey } : {}),
            ...(inputs.smtpUrl ? { smtpUrl: inputs.smtpUrl } : {}),
          },
          {
            pagerdutyUrl: config.alerts['pagerduty-url'],
            ...(config.alerts.email.from ? { emailFrom: config.alerts.email.from } : {}),
            mask: core.setSecret,
          },
        )
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
    const defaultBranch = payload.repository?.default_branch ?? 'main'

    const result = await runPipeline({
      config,
      workspace,
      ...(inputs.stages.length > 0 ? { selection: inputs.stages } : {}),
      failOn: inputs.failOn,
      commentMode: inputs.comment,
      retentionDays,
      run: runInfo,
      defaultBranch,
      pullRequest: isPr
        ? { number: runInfo.prNumber, headBranch: runInfo.branch, headRepositoryId: null }
        : null,
      logger: actionsLogger,
      clock: systemClock,
      signal: controller.signal,
      history: store,
      poster,
      channels,
      sinks: {
        summary: async (markdown) => {
          await core.summary.addRaw(markdown).write()
        },
        annotate,
        setOutput: (name, value) => core.setOutput(name, value),
        warn: (m) => core.warning(m),
      },
      links: {
        ...(runInfo.url ? { run: runInfo.url, fullReport: runInfo.url } : {}),
        commit: `${server}/${runInfo.repository}/commit/${runInfo.sha}`,
        ...(config.report['history-url'] ? { history: config.report['history-url'] } : {}),
      },
    })
    await uploadReport(env, inputs.githubToken ?? '', result.reportDirectory, retentionDays)
    core.setOutput(Outputs.Status, result.verdict.status)
    if (result.verdict.failed) core.setFailed(`Gauntlet: ${result.verdict.reasons.join('; ')}`)
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err))
  } finally {
    uninstall()
  }
}
