import * as core from '@actions/core'
import { readFile, readdir } from 'node:fs/promises'
import * as os from 'node:os'
import { resolve } from 'node:path'
import type { AlertChannels } from './alerts/index.js'
import { Inputs, Outputs } from './config/action-contract.js'
import { InputError, readInputs, type ActionInputs } from './config/inputs.js'
import { loadConfig } from './config/load.js'
import type { Config } from './config/schema.js'
import { createHistoryStore } from './history/create-store.js'
import { shardArtifactName } from './history/shard-name.js'
import type { HistoryStore, PullRequestRef } from './history/store.js'
import { GitHubEnv, envInt, hasArtifactRuntime, parseRepository, type EnvMap } from './github/env.js'
import { createGitHubClient, type GitHubClient } from './github/octokit.js'
import { findOpenPullRequestByHeadSha } from './github/pull-requests.js'
import { createActionsArtifactTransport } from './history/artifact-transport.js'
import { systemClock, type RunInfo, type RunnerFingerprint } from './model/index.js'
import type { PipelineResult, PublishContext } from './pipeline/run-pipeline.js'
import { runInfoFromActions, type EventPayload } from './record/run-info.js'
import { runnerFingerprint } from './record/runner-fingerprint.js'
import {
  FORK_PR_SHARD,
  WORKFLOW_RUN_EVENT,
  isForkPullRequest,
  runInfoFromWorkflowRun,
  workflowRunSource,
  type SourcePullRequest,
} from './record/source-run.js'
import { createGitHubCommentPoster } from './report/github-comment-poster.js'
import type { CommentPoster } from './report/sticky-comment.js'
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

async function writeSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown).write()
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
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
    await createActionsArtifactTransport({
      token,
      repository,
      runAttempt: envInt(env, GitHubEnv.RunAttempt) ?? 1,
    }).upload(REPORT_ARTIFACT, files, directory, retentionDays)
  } catch (err) {
    core.warning(`The report artifact ${REPORT_ARTIFACT} was not uploaded: ${errorText(err)}`)
  }
}

/** What every mode reads once: inputs, config, event, machine, history backend. */
interface Shell {
  readonly env: EnvMap
  readonly inputs: ActionInputs
  readonly config: Config
  readonly workspace: string
  readonly payload: EventPayload
  readonly runner: RunnerFingerprint
  readonly store: HistoryStore
  readonly signal: AbortSignal
  readonly github: () => GitHubClient | null
}

async function openShell(env: EnvMap, inputs: ActionInputs, signal: AbortSignal): Promise<Shell> {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory)
  const config = await loadConfig(resolve(workspace, inputs.config))
  const payload = await readEventPayload(env.GITHUB_EVENT_PATH)
  const { store, warnings } = createHistoryStore(
    { ...config.history, 'retention-days': inputs.historyRetentionDays },
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
  let client: GitHubClient | null | undefined
  const github = (): GitHubClient | null =>
    (client ??= inputs.githubToken
      ? createGitHubClient({ token: inputs.githubToken, env, mask: core.setSecret, log: core })
      : null)
  return {
    env,
    inputs,
    config,
    workspace,
    payload,
    runner: runnerFingerprint(os, env),
    store,
    signal,
    github,
  }
}

// The pipeline of each mode and the alert adapters are imported when a mode runs, not when the bundle starts:
// a run that stops on its inputs or config (the commonest failure) then never parses the parsers, analysis,
// Handlebars, the chaos proxy or nodemailer, and each mode loads only its own pipeline.
// (issue 8, start-up). A full run still loads them, a few milliseconds later.
async function alertChannels(shell: Shell): Promise<AlertChannels> {
  const { config, inputs } = shell
  const { createChannels, createDryRunChannels } = await import('./alerts/index.js')
  if (config.alerts['dry-run']) return createDryRunChannels(resolve(shell.workspace, config.report.directory))
  return createChannels(
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
}

/** The edges of the shared tail (history, analysis, report, alerts) for a record of `run`. */
async function publishContext(
  shell: Shell,
  run: RunInfo,
  poster: CommentPoster | null,
  pullRequest: PullRequestRef | null,
  untrustedSource: boolean,
): Promise<PublishContext> {
  const { config, inputs } = shell
  const server = shell.env.GITHUB_SERVER_URL ?? 'https://github.com'
  return {
    config,
    workspace: shell.workspace,
    failOn: inputs.failOn,
    commentMode: inputs.comment,
    retentionDays: inputs.historyRetentionDays,
    defaultBranch: shell.payload.repository?.default_branch ?? 'main',
    pullRequest,
    logger: actionsLogger,
    clock: systemClock,
    history: shell.store,
    poster,
    channels: await alertChannels(shell),
    untrustedSource,
    sinks: {
      summary: writeSummary,
      annotate,
      setOutput: (name, value) => core.setOutput(name, value),
      warn: (m) => core.warning(m),
    },
    links: {
      ...(run.url ? { run: run.url, fullReport: run.url } : {}),
      commit: `${server}/${run.repository}/commit/${run.sha}`,
      ...(config.report['history-url'] ? { history: config.report['history-url'] } : {}),
    },
  }
}

/** The pull request of a run in this repository's own event (its head repository id is not needed there). */
function pullRequestRefOf(run: RunInfo): PullRequestRef | null {
  return run.prNumber === null
    ? null
    : { number: run.prNumber, headBranch: run.branch, headRepositoryId: null }
}

function posterFor(shell: Shell, run: RunInfo): CommentPoster | null {
  if (run.prNumber === null) return null
  const client = shell.github()
  return client === null ? null : createGitHubCommentPoster(client, run.repository)
}

/** Uploads the report folder, sets `status` and fails the step on the verdict. */
async function finish(shell: Shell, result: PipelineResult): Promise<void> {
  await uploadReport(
    shell.env,
    shell.inputs.githubToken ?? '',
    result.reportDirectory,
    shell.inputs.historyRetentionDays,
  )
  core.setOutput(Outputs.Status, result.verdict.status)
  if (result.verdict.failed) core.setFailed(`Gauntlet: ${result.verdict.reasons.join('; ')}`)
}

/** `mode: run`: stages, analysis, report, alerts and history in one job; a fork PR also hands its record on. */
async function runMode(shell: Shell): Promise<void> {
  const { inputs, env, payload } = shell
  const run = runInfoFromActions(env, payload, shell.runner, systemClock.now())
  const fork = run.prNumber !== null && isForkPullRequest(payload)
  if (fork) {
    core.info(
      `Fork pull request (${run.headRepository}): its token is read-only, so no comment is posted (the comment is in the job summary and the ${REPORT_ARTIFACT} artifact) and the record is saved as shard ${FORK_PR_SHARD} (${shardArtifactName(FORK_PR_SHARD)}) for a ${WORKFLOW_RUN_EVENT} job with mode: report.`,
    )
  }
  const pullRequest = pullRequestRefOf(run)
  const { runPipeline } = await import('./pipeline/run-pipeline.js')
  const result = await runPipeline({
    ...(await publishContext(shell, run, fork ? null : posterFor(shell, run), pullRequest, false)),
    run,
    ...(inputs.stages.length > 0 ? { selection: inputs.stages } : {}),
    signal: shell.signal,
  })
  if (fork) {
    const saved = await shell.store
      .saveShard(FORK_PR_SHARD, result.record, inputs.historyRetentionDays)
      .catch((err: unknown) => ({ recordSaved: false, snapshotSaved: false, warnings: [errorText(err)] }))
    for (const w of saved.warnings) core.warning(w)
    if (!saved.recordSaved)
      core.warning(
        `The record was not saved as ${shardArtifactName(FORK_PR_SHARD)}; the ${WORKFLOW_RUN_EVENT} report job will find no shard to comment with.`,
      )
  }
  await finish(shell, result)
}

/** `mode: collect`: one matrix shard; no history, analysis, comment or alerts. */
async function collectMode(shell: Shell): Promise<void> {
  const { inputs, env } = shell
  // readInputs refuses collect mode without a shard; this guards the type only.
  const shard = inputs.shard
  if (shard === undefined)
    throw new InputError([{ input: Inputs.Shard, value: '', expected: 'a shard name in mode: collect' }])
  const { collectShard } = await import('./pipeline/collect-shard.js')
  const result = await collectShard({
    config: shell.config,
    workspace: shell.workspace,
    ...(inputs.stages.length > 0 ? { selection: inputs.stages } : {}),
    logger: actionsLogger,
    clock: systemClock,
    signal: shell.signal,
    baseEnv: env,
    shard,
    run: runInfoFromActions(env, shell.payload, shell.runner, systemClock.now()),
    failOn: inputs.failOn,
    retentionDays: inputs.historyRetentionDays,
    history: shell.store,
    sinks: {
      summary: writeSummary,
      setOutput: (name, value) => core.setOutput(name, value),
    },
  })
  if (result.verdict.failed) core.setFailed(`Gauntlet shard ${shard}: ${result.verdict.reasons.join('; ')}`)
}

/** The PR of a `workflow_run` source: the one GitHub attached, else the open PR whose head is the commit. */
async function resolveSourcePullRequest(
  shell: Shell,
  attached: SourcePullRequest | null,
  headSha: string,
): Promise<SourcePullRequest | null> {
  if (attached !== null) return attached
  const client = shell.github()
  const repository = parseRepository(shell.env.GITHUB_REPOSITORY)
  if (client === null || repository === null) {
    core.warning(
      'No github-token or GITHUB_REPOSITORY: the pull request cannot be resolved; no comment is posted.',
    )
    return null
  }
  try {
    const found = await findOpenPullRequestByHeadSha(client, repository, headSha)
    if (found.pullRequest === null) {
      const cut = found.truncated
        ? ` (only the first ${found.pages} pages of open pull requests were read)`
        : ''
      core.warning(
        `No open pull request has head commit ${headSha}${cut}; no comment is posted, the report is in the job summary.`,
      )
    }
    return found.pullRequest
  } catch (err) {
    core.warning(`${errorText(err)}. No comment is posted; the report is in the job summary.`)
    return null
  }
}

/** `mode: report`: merges the source run's shards, then the shared tail. */
async function reportMode(shell: Shell): Promise<void> {
  const { env, payload, inputs } = shell
  const now = systemClock.now()
  let run: RunInfo
  let pullRequest: PullRequestRef | null
  let untrusted: boolean
  let poster: CommentPoster | null
  if (env.GITHUB_EVENT_NAME === WORKFLOW_RUN_EVENT) {
    const source = workflowRunSource(payload)
    const pr = await resolveSourcePullRequest(shell, source.pullRequest, source.headSha)
    run = runInfoFromWorkflowRun(env, source, pr, shell.runner, now)
    pullRequest =
      pr === null
        ? null
        : {
            number: pr.number,
            headBranch: pr.headBranch,
            headRepositoryId: pr.headRepositoryId ?? source.headRepositoryId,
          }
    untrusted = true
    poster = posterFor(shell, run)
    core.info(
      `Reporting on run ${run.runId} attempt ${run.attempt} (${source.event} on ${source.headRepository ?? run.repository}); its records are untrusted input and are not saved to history.`,
    )
  } else {
    run = runInfoFromActions(env, payload, shell.runner, now)
    pullRequest = pullRequestRefOf(run)
    untrusted = false
    poster = isForkPullRequest(payload) ? null : posterFor(shell, run)
  }
  const { reportShards } = await import('./pipeline/report-shards.js')
  const result = await reportShards({
    ...(await publishContext(shell, run, poster, pullRequest, untrusted)),
    run,
    expected: inputs.shards,
  })
  await finish(shell, result)
}

/**
 * Runs the action: reads inputs and config once, wires the GitHub edges (history artifacts, PR comment, alert
 * channels, job summary, annotations, outputs) to the pipeline of the chosen mode, and fails the step on the
 * verdict. Never throws: every failure ends in `core.setFailed`.
 */
export async function run(): Promise<void> {
  const controller = new AbortController()
  const uninstall = installCancelHandlers(controller)
  try {
    const env = process.env
    const inputs = readInputs(env)
    for (const secret of inputs.secrets) core.setSecret(secret)
    const shell = await openShell(env, inputs, controller.signal)
    if (inputs.mode === 'collect') await collectMode(shell)
    else if (inputs.mode === 'report') await reportMode(shell)
    else await runMode(shell)
  } catch (err) {
    core.setFailed(errorText(err))
  } finally {
    uninstall()
  }
}
