// Black-box tests of `mode: collect` / `mode: report` and the fork-PR path (notes/modes-spec.md, "What the e2e
// tests check"): dist/index.js runs as one subprocess per job with the environment GitHub gives an action,
// against the loopback GitHub fake (several jobs of one run, a fork's read-only token, open pulls by head SHA,
// another run's artifacts) and real Slack/PagerDuty/SMTP receivers. Each job gets its own copy of the fixture
// workspace, as each matrix job gets its own checkout; shard jobs of one run start together.
import { existsSync, readFileSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  startPagerDutyReceiver,
  startSlackReceiver,
  startSmtpServer,
  type HttpReceiver,
  type SmtpReceiver,
} from '../fakes/alert-receivers.js'
import {
  startGitHubFake,
  type FakeArtifact,
  type FakeRun,
  type FakeRunHandle,
  type GitHubFake,
} from '../fakes/github-fake.js'
import { unzipSync } from '../fakes/zip-reader.js'
import { zipSync } from '../fakes/zip-writer.js'
import { DIST_ACTION, runAction, type ActionRun } from './action-harness.js'
import { workflowInputs } from './workflow-inputs.js'

// External names, as the spec and the README give them to users.
const RUN_ARTIFACT = 'gauntlet-run'
const HISTORY_ARTIFACT = 'gauntlet-history'
const REPORT_ARTIFACT = 'gauntlet-report'
const SHARD_PREFIX = 'gauntlet-shard-'
const RECORD_FILE = 'record.json.gz'
const COMMENT_MARKER = '<!-- gauntlet:comment id=default -->'

const FIXTURE = resolve('test/fixtures/e2e/matrix')
const OWNER = 'acme'
const REPO = 'shop'
const FULL_NAME = `${OWNER}/${REPO}`
const FORK_NAME = 'contributor/shop'
const WRITE_TOKEN = 'ghs_modeswritetoken0123456789'
const READ_ONLY_TOKEN = 'ghs_forkreadonly0123456789'
const ROUTING_KEY = 'M0DESR0UT1NGKEY0123456789abcdefA'
const SHARDS = ['s1', 's2', 's3', 's4'] as const
/** A collect or report job must end well within this; a hang fails the test instead of stalling the suite. */
const JOB_TIMEOUT_MS = 45_000

let fake: GitHubFake
let slack: HttpReceiver
let pagerduty: HttpReceiver
let smtp: SmtpReceiver
const workspaces: string[] = []

beforeAll(async () => {
  fake = await startGitHubFake({ owner: OWNER, repo: REPO, repositoryId: 42, token: WRITE_TOKEN })
  fake.addReadOnlyToken(READ_ONLY_TOKEN)
  slack = await startSlackReceiver()
  pagerduty = await startPagerDutyReceiver({ routingKey: ROUTING_KEY })
  smtp = await startSmtpServer()
})

afterAll(async () => {
  await Promise.allSettled([fake?.close(), slack?.close(), pagerduty?.close(), smtp?.close()])
  await Promise.allSettled(workspaces.map((w) => rm(w, { recursive: true, force: true })))
})

// Every scenario starts from an empty repository: no history, artifacts or comments from another scenario.
beforeEach(() => fake.reset())

/** A fresh checkout of the fixture for one job. */
async function checkout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-e2e-modes-'))
  workspaces.push(dir)
  await cp(FIXTURE, dir, { recursive: true })
  const config = join(dir, '.github/gauntlet.yml')
  await writeFile(config, (await readFile(config, 'utf8')).replaceAll('__PAGERDUTY_URL__', pagerduty.url))
  return dir
}

const sha = (seed: number | string): string => `${seed}`.padEnd(40, 'e').slice(0, 40)
const defaultRepository = { default_branch: 'main', full_name: FULL_NAME }

/** What GitHub puts in the environment of a job of `run`, for the event that started it. */
interface JobContext {
  readonly event: 'push' | 'pull_request' | 'workflow_run'
  readonly payload: unknown
  readonly sha: string
  readonly ref: string
  readonly refName: string
  readonly job: string
  readonly headRef?: string
  readonly baseRef?: string
}

async function runJob(
  handle: FakeRunHandle,
  ctx: JobContext,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    workspace: await checkout(),
    inputs,
    event: ctx.payload,
    timeoutMs: JOB_TIMEOUT_MS,
    env: {
      ...handle.env,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: FULL_NAME,
      GITHUB_REPOSITORY_OWNER: OWNER,
      GITHUB_EVENT_NAME: ctx.event,
      GITHUB_SHA: ctx.sha,
      GITHUB_REF: ctx.ref,
      GITHUB_REF_NAME: ctx.refName,
      GITHUB_HEAD_REF: ctx.headRef ?? '',
      GITHUB_BASE_REF: ctx.baseRef ?? '',
      GITHUB_WORKFLOW: ctx.event === 'workflow_run' ? 'gauntlet-report' : 'gauntlet',
      GITHUB_JOB: ctx.job,
      GITHUB_ACTOR: 'octocat',
      ...extraEnv,
    },
  })
}

function pushContext(runId: number, job: string): JobContext {
  return {
    event: 'push',
    payload: { ref: 'refs/heads/main', after: sha(runId), repository: defaultRepository },
    sha: sha(runId),
    ref: 'refs/heads/main',
    refName: 'main',
    job,
  }
}

function prContext(runId: number, pr: number, job: string, headRepo = FULL_NAME): JobContext {
  const headRef = `feature-${pr}`
  return {
    event: 'pull_request',
    payload: {
      action: 'synchronize',
      number: pr,
      pull_request: {
        number: pr,
        head: { ref: headRef, sha: sha(runId), repo: { full_name: headRepo } },
        base: { ref: 'main', repo: { full_name: FULL_NAME } },
      },
      repository: defaultRepository,
    },
    sha: sha(`${runId}0`), // the merge commit GitHub builds
    ref: `refs/pull/${pr}/merge`,
    refName: `${pr}/merge`,
    job,
    headRef,
    baseRef: 'main',
  }
}

/** Starts the shard jobs of one run together (a matrix), each as its own job of the run. */
async function collectShards(
  run: FakeRun,
  ctx: JobContext,
  shards: readonly string[],
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Map<string, ActionRun>> {
  const results = await Promise.all(
    shards.map((shard) =>
      runJob(fake.registerJob(run), ctx, { ...inputs, mode: 'collect', shard }, env).then(
        (r) => [shard, r] as const,
      ),
    ),
  )
  return new Map(results)
}

/** The run record inside an artifact the action uploaded (zip → record.json.gz → JSON). */
interface StoredRecord {
  run: { runId: number; attempt: number; event: string; prNumber: number | null }
  tests: { id: string; name: string; suite?: string; classname?: string; status: string }[]
  metrics: { key: string; value: number }[]
  shards?: { present: string[]; missing: string[]; failed: string[] }
}
function recordIn(artifact: FakeArtifact): StoredRecord {
  const files = unzipSync(fake.blobBytes(artifact.id) ?? Buffer.alloc(0))
  const gz = files.get(RECORD_FILE)
  if (!gz) throw new Error(`${artifact.name} holds ${[...files.keys()].join(', ')}, not ${RECORD_FILE}`)
  return JSON.parse(gunzipSync(gz).toString('utf8')) as StoredRecord
}

const artifactsOfRun = (runId: number): FakeArtifact[] =>
  fake.state.artifacts.filter((a) => a.run.runId === runId && a.finalized && !a.deleted)
const commentsOn = (pr: number) => fake.state.comments.filter((c) => c.issueNumber === pr)
const commentWrites = () =>
  fake.state.requests.filter((r) => r.path.includes('/issues/') && r.method !== 'GET')
const triggers = () =>
  pagerduty.received.filter((r) => (r.body as { event_action?: string }).event_action === 'trigger')
const alertCounts = () => ({
  slack: slack.received.length,
  pagerduty: triggers().length,
  email: smtp.received.length,
})
/** Everything a job printed and wrote, for assertion messages. */
const log = (r: ActionRun): string =>
  `exit ${r.exitCode}; outputs ${JSON.stringify(r.outputs)}\n--- summary\n${r.summary}\n--- log\n${r.stdout}\n${r.stderr}`
/** A shard name in a line that also says "missing" (summary or comment). */
const namesMissing = (text: string, shard: string): boolean =>
  text.split('\n').some((l) => /missing/i.test(l) && new RegExp(`\\b${shard}\\b`).test(l))

/**
 * The markdown outside fenced code blocks (CommonMark fences: 3+ backticks or tildes, closed by the same
 * character at least as long). Indentation is ignored, which can only find more closings, never fewer.
 */
function outsideCodeFences(markdown: string): string {
  const out: string[] = []
  let open: { char: string; length: number } | null = null
  for (const line of markdown.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(line)
    if (open === null) {
      if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
        open = { char: fence[1]![0]!, length: fence[1]!.length }
      } else out.push(line)
    } else if (
      fence &&
      fence[1]![0] === open.char &&
      fence[1]!.length >= open.length &&
      fence[2]!.trim() === ''
    ) {
      open = null
    }
  }
  return out.join('\n')
}

/** The findings a run wrote to its `findings-json` output file. */
interface ReportedFinding {
  kind: string
  severity: string
}
function findingsOf(r: ActionRun): ReportedFinding[] {
  const path = r.outputs['findings-json']
  if (!path) throw new Error(`no findings-json output\n${log(r)}`)
  return (JSON.parse(readFileSync(path, 'utf8')) as { findings: ReportedFinding[] }).findings
}

const alertInputs = (): Record<string, string> => ({
  'slack-webhook-url': slack.url,
  'pagerduty-routing-key': ROUTING_KEY,
  'smtp-url': smtp.url,
})

describe.skipIf(!existsSync(DIST_ACTION))('dist/index.js: mode collect / report', () => {
  it('4-shard matrix on a push to main: one merged record in history with every shard’s tests, one alert per channel', async () => {
    const runId = 4100
    const handle = fake.registerRun({ runId, headBranch: 'main', headSha: sha(runId), event: 'push' })
    const before = alertCounts()
    const common = { 'github-token': WRITE_TOKEN, 'fail-on': 'never', ...alertInputs() }
    // s2 measures checkout at 45 ms against a budget of 20 ms (critical): the breach the report alerts on.
    const shards = await collectShards(handle.run, pushContext(runId, 'shard'), SHARDS, common, {
      E2E_CHECKOUT_MS: '45',
    })

    for (const [shard, r] of shards) {
      expect(r.exitCode, `${shard}: ${log(r)}`).toBe(0)
      expect(r.outputs.status, shard).toBe('passed')
      expect(r.outputs['tests-failed'], shard).toBe('0')
      expect(r.summary, shard).toContain(shard)
    }
    // Collect does not load history, analyse, comment, alert or save history.
    expect(fake.state.requests.filter((q) => q.path.endsWith('/actions/artifacts'))).toEqual([])
    expect(fake.artifactsNamed(RUN_ARTIFACT)).toEqual([])
    expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toEqual([])
    expect(alertCounts()).toEqual(before)
    const shardArtifacts = SHARDS.map((s) => fake.artifactsNamed(`${SHARD_PREFIX}${s}`))
    expect(shardArtifacts.map((a) => a.length)).toEqual([1, 1, 1, 1])
    // Four jobs of one run: one run backend id, four distinct job backend ids.
    expect(new Set(shardArtifacts.map((a) => a[0]!.run.backendId))).toEqual(new Set([handle.run.backendId]))
    expect(new Set(shardArtifacts.map((a) => a[0]!.jobBackendId)).size).toBe(4)
    expect(recordIn(shardArtifacts[1]![0]!).tests.map((t) => t.name)).toEqual(
      expect.arrayContaining(['case 1', 'case 2', 'case 3']),
    )

    const report = await runJob(fake.registerJob(handle.run), pushContext(runId, 'report'), {
      ...common,
      mode: 'report',
      shards: SHARDS.join(','),
    })
    expect(report.exitCode, log(report)).toBe(0)
    expect(report.outputs.status, log(report)).toBe('critical')
    expect(report.outputs['tests-failed']).toBe('0')

    const saved = fake.artifactsNamed(RUN_ARTIFACT)
    expect(saved, log(report)).toHaveLength(1)
    expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toHaveLength(1)
    const merged = recordIn(saved[0]!)
    expect(merged.run).toMatchObject({ runId, attempt: 1, event: 'push', prNumber: null })
    expect(merged.tests).toHaveLength(12)
    for (const shard of SHARDS) {
      const ofShard = merged.tests.filter((t) => JSON.stringify(t).includes(`shard.${shard}`))
      expect(ofShard.map((t) => t.name).sort(), `tests of ${shard} in the merged record`).toEqual([
        'case 1',
        'case 2',
        'case 3',
      ])
      expect(merged.metrics.map((m) => m.key)).toContain(`benchmark/shop/latency-${shard}`)
    }
    expect(merged.metrics.filter((m) => m.key === 'benchmark/shop/checkout')).toHaveLength(1)
    expect(merged.shards).toMatchObject({ present: [...SHARDS], missing: [], failed: [] })

    expect(alertCounts(), log(report)).toEqual({
      slack: before.slack + 1,
      pagerduty: before.pagerduty + 1,
      email: before.email + 1,
    })
    expect(slack.received.at(-1)!.problems).toEqual([])
    expect(fake.state.comments).toEqual([])
    const leaks = log(report)
      .split('\n')
      .filter((l) => (l.includes(WRITE_TOKEN) || l.includes(ROUTING_KEY)) && !l.startsWith('::add-mask::'))
    expect(leaks).toEqual([])
  }, 90_000)

  it('the same matrix on a pull request: shards never comment, the report posts exactly one sticky comment', async () => {
    const runId = 4200
    const pr = 12
    const handle = fake.registerRun({
      runId,
      headBranch: `feature-${pr}`,
      headSha: sha(runId),
      event: 'pull_request',
    })
    fake.addPull({ number: pr, headSha: sha(runId), headRef: `feature-${pr}` })
    const before = alertCounts()
    const common = { 'github-token': WRITE_TOKEN, comment: 'always', 'fail-on': 'error', ...alertInputs() }
    const shards = await collectShards(handle.run, prContext(runId, pr, 'shard'), SHARDS, common, {
      E2E_FAIL_SHARD: 's3',
    })

    for (const [shard, r] of shards) {
      if (shard === 's3') {
        // A failed test fails the shard's step (fail-on is not never) and says so in its outputs.
        expect(r.exitCode, log(r)).toBe(1)
        expect(r.outputs.status).toBe('failed')
        expect(r.outputs['tests-failed']).toBe('1')
      } else {
        expect(r.exitCode, `${shard}: ${log(r)}`).toBe(0)
        expect(r.outputs.status).toBe('passed')
      }
    }
    expect(commentWrites()).toEqual([])
    expect(fake.artifactsNamed(`${SHARD_PREFIX}s3`)).toHaveLength(1) // a failed shard still uploads

    const report = await runJob(fake.registerJob(handle.run), prContext(runId, pr, 'report'), {
      ...common,
      mode: 'report',
      shards: SHARDS.join(', '),
    })
    expect(report.exitCode, log(report)).toBe(1)
    expect(report.outputs['tests-failed'], log(report)).toBe('1')
    const comments = commentsOn(pr)
    expect(comments, log(report)).toHaveLength(1)
    expect(fake.state.comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(COMMENT_MARKER)
    expect(comments[0]!.body).toContain('case 2')
    expect(comments[0]!.body).toContain('s3')
    expect(commentWrites().map((r) => [r.method, r.token])).toEqual([['POST', WRITE_TOKEN]])
    expect(alertCounts()).toEqual(before) // pull requests never alert
  }, 90_000)

  it.each([
    { s4: 'its upload fails', failOn: 'error', exitCode: 1 },
    { s4: 'it never ran', failOn: 'never', exitCode: 0 },
  ])(
    'a missing shard (3 of 4 uploaded: $s4) is named in the summary and comment; fail-on $failOn → exit $exitCode',
    async ({ s4, failOn, exitCode }) => {
      const runId = failOn === 'error' ? 4300 : 4310
      const pr = failOn === 'error' ? 13 : 14
      const handle = fake.registerRun({
        runId,
        headBranch: `feature-${pr}`,
        headSha: sha(runId),
        event: 'pull_request',
      })
      const common = { 'github-token': WRITE_TOKEN, comment: 'always', 'fail-on': failOn }
      const shards = await collectShards(
        handle.run,
        prContext(runId, pr, 'shard'),
        SHARDS.slice(0, 3),
        common,
      )
      for (const [shard, r] of shards) expect(r.exitCode, `${shard}: ${log(r)}`).toBe(0)
      if (s4 === 'its upload fails') {
        // A 4xx, so @actions/artifact does not spend its retries on it.
        const refused = fake.addFault({
          method: 'POST',
          path: 'CreateArtifact',
          status: 403,
          body: { code: 'permission_denied', msg: 'injected: upload refused' },
          times: 1,
        })
        const lost = await runJob(fake.registerJob(handle.run), prContext(runId, pr, 'shard'), {
          ...common,
          mode: 'collect',
          shard: 's4',
        })
        expect(refused.hits).toBe(1)
        // The tests passed; a lost upload is a warning, not a failed step.
        expect(lost.exitCode, log(lost)).toBe(0)
        expect(lost.outputs.status, log(lost)).toBe('passed')
        expect(
          lost.commands.filter((c) => c.startsWith('::warning') && c.includes('s4')).length,
          log(lost),
        ).toBeGreaterThan(0)
        expect(fake.artifactsNamed(`${SHARD_PREFIX}s4`)).toEqual([])
      }

      const report = await runJob(fake.registerJob(handle.run), prContext(runId, pr, 'report'), {
        ...common,
        mode: 'report',
        shards: SHARDS.join('\n'),
      })
      // It merges what exists and finishes: no waiting for s4.
      expect(report.durationMs).toBeLessThan(JOB_TIMEOUT_MS)
      expect(report.exitCode, log(report)).toBe(exitCode)
      expect(namesMissing(report.summary, 's4'), log(report)).toBe(true)
      const missing = findingsOf(report).filter((f) => f.kind === 'shard-missing')
      expect(
        missing.map((f) => f.severity),
        log(report),
      ).toEqual(['error'])
      expect(JSON.stringify(missing[0])).toContain('s4')
      for (const present of ['s1', 's2', 's3']) expect(namesMissing(report.summary, present)).toBe(false)
      const comments = commentsOn(pr)
      expect(comments, log(report)).toHaveLength(1)
      expect(namesMissing(comments[0]!.body, 's4'), comments[0]!.body).toBe(true)
    },
    90_000,
  )

  it('“Re-run failed jobs”: attempt 2 re-runs the failed shard and the report, which merges it with the passed shards of attempt 1', async () => {
    const runId = 4340
    const pr = 16
    const three = SHARDS.slice(0, 3)
    const attempt1 = fake.registerRun({
      runId,
      headBranch: `feature-${pr}`,
      headSha: sha(runId),
      event: 'pull_request',
    })
    const common = { 'github-token': WRITE_TOKEN, comment: 'always', 'fail-on': 'error' }
    const first = await collectShards(attempt1.run, prContext(runId, pr, 'shard'), three, common, {
      E2E_FAIL_SHARD: 's3',
    })
    expect(first.get('s3')!.exitCode, log(first.get('s3')!)).toBe(1)
    const report1 = await runJob(fake.registerJob(attempt1.run), prContext(runId, pr, 'report'), {
      ...common,
      mode: 'report',
      shards: three.join(','),
    })
    expect(report1.exitCode, log(report1)).toBe(1)
    expect(commentsOn(pr)).toHaveLength(1)

    // Attempt 2 of the same run: only s3 (now passing) and the report job run again.
    const attempt2 = fake.registerRun({
      runId,
      runAttempt: 2,
      headBranch: `feature-${pr}`,
      headSha: sha(runId),
      event: 'pull_request',
    })
    expect(attempt2.env.GITHUB_RUN_ATTEMPT).toBe('2')
    const rerun = await collectShards(attempt2.run, prContext(runId, pr, 'shard'), ['s3'], common)
    expect(rerun.get('s3')!.exitCode, log(rerun.get('s3')!)).toBe(0)
    // GitHub keeps one artifact per name and run, across attempts: the re-run's record must replace
    // attempt 1's (a plain re-upload gets the 409), or the report merges the stale, failed one.
    const s3 = fake.artifactsNamed(`${SHARD_PREFIX}s3`)
    expect(
      s3.map((a) => recordIn(a).run.attempt),
      log(rerun.get('s3')!),
    ).toEqual([2])
    const report2 = await runJob(fake.registerJob(attempt2.run), prContext(runId, pr, 'report'), {
      ...common,
      mode: 'report',
      shards: three.join(','),
    })
    expect(report2.exitCode, log(report2)).toBe(0)
    expect(report2.outputs['tests-failed'], log(report2)).toBe('0')
    for (const shard of three) expect(namesMissing(report2.summary, shard), log(report2)).toBe(false)
    const comments = commentsOn(pr)
    expect(comments, log(report2)).toHaveLength(1) // the same sticky comment, edited
    expect(comments[0]!.body).not.toContain('expected s3 to pass')
  }, 90_000)

  it('a test reported by two shards is kept once with its most severe status, and the duplicate is reported', async () => {
    const runId = 4350
    const pr = 17
    const handle = fake.registerRun({
      runId,
      headBranch: `feature-${pr}`,
      headSha: sha(runId),
      event: 'pull_request',
    })
    const common = { 'github-token': WRITE_TOKEN, comment: 'always', 'fail-on': 'error' }
    // Both shards run the same three tests; only s2 sees `case 2` fail.
    const shards = await collectShards(handle.run, prContext(runId, pr, 'shard'), ['s1', 's2'], common, {
      E2E_SAME_TESTS: '1',
      E2E_FAIL_SHARD: 's2',
    })
    expect(shards.get('s1')!.exitCode, log(shards.get('s1')!)).toBe(0)
    expect(shards.get('s2')!.exitCode, log(shards.get('s2')!)).toBe(1)
    const report = await runJob(fake.registerJob(handle.run), prContext(runId, pr, 'report'), {
      ...common,
      mode: 'report',
      shards: 's1,s2',
    })
    expect(report.exitCode, log(report)).toBe(1)
    expect(report.outputs['tests-failed'], log(report)).toBe('1')
    const duplicates = findingsOf(report).filter((f) => f.kind === 'shard-duplicate')
    expect(
      duplicates.map((f) => f.severity),
      log(report),
    ).toEqual(['warning'])
    expect(JSON.stringify(duplicates[0])).toMatch(/\bs1\b[^]*\bs2\b/)
    const merged = fake.artifactsNamed(RUN_ARTIFACT).map(recordIn)
    expect(merged, log(report)).toHaveLength(1)
    expect(merged[0]!.tests.map((t) => [t.name, t.status])).toEqual([
      ['case 1', 'passed'],
      ['case 2', 'failed'],
      ['case 3', 'passed'],
    ])
    expect(merged[0]!.shards).toMatchObject({ present: ['s1', 's2'], missing: [], failed: [] })
  }, 90_000)

  it('collect without a shard name fails the step, naming the input and the matrix expression', async () => {
    const runId = 4330
    const handle = fake.registerRun({ runId, headBranch: 'main', headSha: sha(runId), event: 'push' })
    const r = await runJob(handle, pushContext(runId, 'shard'), {
      'github-token': WRITE_TOKEN,
      mode: 'collect',
      shard: '',
    })
    expect(r.exitCode, log(r)).toBe(1)
    const errors = r.commands.filter((c) => c.startsWith('::error'))
    expect(
      errors.some((c) => c.includes('shard') && c.includes('${{ matrix.shard }}')),
      log(r),
    ).toBe(true)
    expect(r.stdout).not.toContain('$ node write-shard.mjs') // no stage ran
    expect(fake.state.requests.filter((q) => q.path.includes('/twirp/'))).toEqual([])
  }, 60_000)

  it('a report that finds no shard at all is an error finding, not a crash', async () => {
    const runId = 4320
    const pr = 15
    const handle = fake.registerRun({
      runId,
      headBranch: `feature-${pr}`,
      headSha: sha(runId),
      event: 'pull_request',
    })
    const report = await runJob(handle, prContext(runId, pr, 'report'), {
      'github-token': WRITE_TOKEN,
      comment: 'always',
      'fail-on': 'error',
      mode: 'report',
      shards: 'unit, integration',
    })
    expect(report.exitCode, log(report)).toBe(1)
    expect(namesMissing(report.summary, 'unit'), log(report)).toBe(true)
    expect(namesMissing(report.summary, 'integration'), report.summary).toBe(true)
    const missing = findingsOf(report).filter((f) => f.kind === 'shard-missing')
    expect(missing.length, log(report)).toBeGreaterThan(0)
    expect(missing.every((f) => f.severity === 'error')).toBe(true)
    expect(log(report)).not.toMatch(/TypeError|ReferenceError|is not available in this version|\n\s+at /)
    expect(commentsOn(pr)).toHaveLength(1)
  }, 60_000)
})

/** A fork's pull request `pr` at `forkSha`, among `openPulls` open PRs of the repository, and its run. */
function forkPullRequest(runId: number, pr: number, openPulls: number): FakeRunHandle {
  const forkSha = sha(runId)
  for (let n = 1; n <= openPulls; n++) {
    if (n === pr)
      fake.addPull({ number: n, headSha: forkSha, headRef: 'patch-1', headRepoFullName: FORK_NAME })
    else fake.addPull({ number: n, headSha: sha(`9${n}`) })
  }
  // A closed PR with the same head SHA is no candidate.
  fake.addPull({ number: openPulls + 1, headSha: forkSha, headRepoFullName: FORK_NAME, state: 'closed' })
  return fake.registerRun({
    runId,
    headBranch: 'patch-1',
    headSha: forkSha,
    headRepositoryId: 4242,
    headRepositoryFullName: FORK_NAME,
    event: 'pull_request',
  })
}

/** The fork's own run: read-only token, no secrets (GitHub gives '' for them). */
function runForkJob(
  fork: FakeRunHandle,
  pr: number,
  env: Record<string, string> = {},
  inputs?: Record<string, string>,
): Promise<ActionRun> {
  const ctx = { ...prContext(fork.run.runId, pr, 'gauntlet', FORK_NAME), headRef: 'patch-1' }
  return runJob(
    fork,
    ctx,
    inputs ?? {
      'github-token': READ_ONLY_TOKEN,
      comment: 'always',
      'fail-on': 'never',
      'slack-webhook-url': '',
      'pagerduty-routing-key': '',
      'smtp-url': '',
    },
    env,
  )
}

/** The trusted `workflow_run` job: its own run, the base repository's write token and secrets. */
function runWorkflowRunReport(
  reportRunId: number,
  fork: FakeRun,
  inputs: Record<string, string>,
  replaceInputs = false,
): Promise<ActionRun> {
  const reportRun = fake.registerRun({
    runId: reportRunId,
    headBranch: 'main',
    headSha: sha(reportRunId),
    event: 'workflow_run',
  })
  return runJob(
    reportRun,
    {
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: fork.runId,
          run_attempt: 1,
          name: 'gauntlet',
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          head_sha: fork.headSha,
          head_branch: fork.headBranch,
          head_repository: { full_name: FORK_NAME },
          repository: { full_name: FULL_NAME },
          pull_requests: [], // what GitHub sends for a fork's run
        },
        repository: defaultRepository,
      },
      sha: sha(reportRunId),
      ref: 'refs/heads/main',
      refName: 'main',
      job: 'report',
    },
    replaceInputs
      ? inputs
      : {
          'github-token': WRITE_TOKEN,
          mode: 'report',
          comment: 'always',
          'fail-on': 'never',
          ...alertInputs(),
          ...inputs,
        },
  )
}

describe.skipIf(!existsSync(DIST_ACTION))(
  'dist/index.js: fork pull request and the workflow_run report',
  () => {
    it('a fork PR run cannot comment, so it leaves its record; the workflow_run report finds the PR by head SHA and comments once', async () => {
      const pr = 20
      // 150 open PRs, newest first: #20 is on page 2 of 100.
      const fork = forkPullRequest(4400, pr, 150)
      const before = alertCounts()

      // Its checkout breaches the critical budget: the report must still not page for a PR.
      const forkJob = await runForkJob(fork, pr, { E2E_CHECKOUT_MS: '45' })
      expect(forkJob.exitCode, log(forkJob)).toBe(0)
      expect(commentWrites(), log(forkJob)).toEqual([]) // it does not even try
      expect(fake.state.comments).toEqual([])
      expect(forkJob.summary).toContain('Gauntlet')
      expect(forkJob.summary).toContain('checkout')
      expect(
        forkJob.stdout.split('\n').filter((l) => /fork/i.test(l) && !l.startsWith('::debug')).length,
        log(forkJob),
      ).toBeGreaterThan(0)
      const uploaded = artifactsOfRun(fork.run.runId).map((a) => a.name)
      expect(uploaded, log(forkJob)).toEqual(expect.arrayContaining([REPORT_ARTIFACT, `${SHARD_PREFIX}pr`]))
      expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toEqual([]) // a fork never writes the trusted snapshot
      const forkShard = recordIn(fake.artifactsNamed(`${SHARD_PREFIX}pr`)[0]!)
      expect(forkShard.run).toMatchObject({ runId: fork.run.runId, prNumber: pr })
      expect(forkShard.tests).toHaveLength(3)
      const runArtifactsBefore = fake.artifactsNamed(RUN_ARTIFACT).map((a) => a.id)

      const reportRunId = 4401
      const report = await runWorkflowRunReport(reportRunId, fork.run, { shards: 'pr' })
      expect(report.exitCode, log(report)).toBe(0)
      const comments = commentsOn(pr)
      expect(comments, log(report)).toHaveLength(1)
      expect(fake.state.comments).toHaveLength(1)
      expect(comments[0]!.body).toContain(COMMENT_MARKER)
      expect(comments[0]!.body).toContain('checkout')
      expect(commentWrites().map((r) => [r.method, r.token])).toEqual([['POST', WRITE_TOKEN]])
      // The PR was found on page 2 of the open pulls.
      const pages = fake.state.requests
        .filter((r) => r.path === `/repos/${FULL_NAME}/pulls`)
        .map((r) => new URLSearchParams(r.query).get('page') ?? '1')
      expect(pages).toEqual(['1', '2'])

      // Nothing from the fork reaches history, and a PR never pages.
      expect(artifactsOfRun(reportRunId).map((a) => a.name)).not.toContain(RUN_ARTIFACT)
      expect(fake.artifactsNamed(RUN_ARTIFACT).map((a) => a.id)).toEqual(runArtifactsBefore)
      expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toEqual([])
      expect(alertCounts(), log(report)).toEqual(before)
      expect(report.outputs.status).not.toBe('critical')
    }, 90_000)

    it('tampered shards from a fork: a record failing the schema is dropped naming its shard, hostile names are escaped', async () => {
      const pr = 3
      const fork = forkPullRequest(4500, pr, 5)
      const forkJob = await runForkJob(fork, pr)
      expect(forkJob.exitCode, log(forkJob)).toBe(0)
      const genuine = recordIn(fake.artifactsNamed(`${SHARD_PREFIX}pr`)[0]!) as unknown as Record<
        string,
        unknown
      > &
        StoredRecord

      // The fork's workflow is the fork's to write: it can upload anything under a shard artifact's name.
      const seed = (shard: string, json: string): FakeArtifact =>
        fake.seedArtifact(
          fork.run,
          `${SHARD_PREFIX}${shard}`,
          zipSync(new Map([[RECORD_FILE, gzipSync(json)]])),
        )
      seed('evil', JSON.stringify({ schema: 1, run: 'not a run', tests: 'rm -rf /', metrics: {} }))
      // A message that tries to close the report's code fence and <details>, add a heading and a workflow command.
      const forged = `${COMMENT_MARKER}\n</details>\n\`\`\`\n## Injected heading\n\`\`\`\n::warning::pwned by a test message`
      const hostile = {
        ...genuine,
        tests: genuine.tests.map((t, i) => ({
          ...t,
          id: `evil::x::${i}`,
          suite: 'evil',
          classname: 'x',
          name: `<img src=x onerror=alert(${i})> [click](https://evil.example/${i}) @everyone`,
          status: i === 0 ? 'failed' : t.status,
          message: forged,
        })),
        metrics: [],
        chaos: [],
      }
      seed('names', JSON.stringify(hostile))

      const report = await runWorkflowRunReport(4501, fork.run, {}) // no `shards:`: merge whatever is there
      expect(report.exitCode, log(report)).toBe(0)
      expect(
        report.commands.filter((c) => c.startsWith('::warning') && c.includes('evil')),
        log(report),
      ).toHaveLength(1)
      // Untrusted text never becomes a workflow command.
      expect(report.stdout.split('\n').filter((l) => l.startsWith('::warning::pwned'))).toEqual([])
      const comments = commentsOn(pr)
      expect(comments, log(report)).toHaveLength(1)
      const body = comments[0]!.body
      expect(body).toContain('onerror') // the hostile test is reported …
      expect(body).not.toContain('<img') // … as text
      expect(body).not.toContain('[click]') // no live link
      expect(body).not.toContain('@everyone') // no mention
      // A message may show verbatim, but only inside a code fence it cannot close.
      const outside = outsideCodeFences(body)
      expect(outside, body).not.toContain('Injected heading')
      expect(outside, body).not.toContain('pwned')
      expect(outside.split(COMMENT_MARKER), body).toHaveLength(2) // the real marker only
      expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toEqual([])
      expect(artifactsOfRun(4501).map((a) => a.name)).not.toContain(RUN_ARTIFACT)
    }, 90_000)

    it('the README’s fork-PR workflows as written (fork-pr.yml, then fork-pr-report.yml) comment once and save nothing', async () => {
      const pr = 4
      const fork = forkPullRequest(4600, pr, 6)
      // GitHub evaluates an unset or withheld secret to ''.
      const noSecrets = {
        'secrets.GAUNTLET_SLACK_WEBHOOK_URL': '',
        'secrets.GAUNTLET_PAGERDUTY_ROUTING_KEY': '',
        'secrets.GAUNTLET_SMTP_URL': '',
      }
      const forkInputs = workflowInputs('fork-pr.yml', {
        expressions: { 'github.token': READ_ONLY_TOKEN, ...noSecrets },
      })
      // A failing test: something worth a comment under the default `comment: on-change`.
      const forkJob = await runForkJob(fork, pr, { E2E_FAIL_SHARD: 'all' }, forkInputs)
      expect(forkJob.exitCode, log(forkJob)).toBe(1) // default fail-on: error
      expect(forkJob.outputs['tests-failed'], log(forkJob)).toBe('1')
      expect(commentWrites(), log(forkJob)).toEqual([])
      expect(fake.artifactsNamed(`${SHARD_PREFIX}pr`), log(forkJob)).toHaveLength(1)

      const reportInputs = workflowInputs('fork-pr-report.yml', {
        expressions: { 'github.token': WRITE_TOKEN, ...noSecrets },
      })
      const report = await runWorkflowRunReport(4601, fork.run, reportInputs, true)
      // The same verdict as the fork's own run: the report's tail is the run's.
      expect(report.exitCode, log(report)).toBe(1)
      expect(report.outputs['tests-failed'], log(report)).toBe('1')
      expect(commentsOn(pr), log(report)).toHaveLength(1)
      expect(commentsOn(pr)[0]!.body).toContain('case 2')
      expect(fake.state.comments).toHaveLength(1)
      expect(commentWrites().map((r) => [r.method, r.token])).toEqual([['POST', WRITE_TOKEN]])
      expect(fake.artifactsNamed(HISTORY_ARTIFACT)).toEqual([])
      expect(artifactsOfRun(4601).map((a) => a.name)).not.toContain(RUN_ARTIFACT)
    }, 90_000)
  },
)
