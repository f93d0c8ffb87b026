// Black-box tests of the bundled action: dist/index.js runs as a subprocess with the environment GitHub gives
// a JavaScript action, against the loopback GitHub fake (REST, Twirp and blob endpoints) and the real
// @actions/artifact and Octokit clients inside the bundle.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js'
import { DIST_ACTION, runAction } from './action-harness.js'
import { workflowInputs } from './workflow-inputs.js'

const CONFIG = `version: 1
stages:
  unit:
    run: node write-results.mjs
    results: { path: reports/unit.xml, format: junit }
  benchmark:
    run: node write-bench.mjs
    results: { path: reports/bench.json, format: gauntlet }
`

const WRITE_RESULTS = `import { mkdirSync, writeFileSync } from 'node:fs'
mkdirSync('reports', { recursive: true })
const fail = process.env.E2E_FAIL === '1'
writeFileSync('reports/unit.xml', \`<?xml version="1.0"?>
<testsuite name="shop" tests="2" failures="\${fail ? 1 : 0}">
  <testcase classname="cart" name="adds an item" time="0.01"/>
  <testcase classname="cart" name="removes an item" time="0.02">\${fail ? '<failure message="expected 0, got 1">boom</failure>' : ''}</testcase>
</testsuite>\`)
`

const WRITE_BENCH = `import { mkdirSync, writeFileSync } from 'node:fs'
mkdirSync('reports', { recursive: true })
writeFileSync('reports/bench.json', JSON.stringify({ suite: 'shop', metrics: [{ name: 'checkout', unit: 'ms', samples: [10, 11, 10] }] }))
`

let fake: GitHubFake
let workspace: string
const TOKEN = 'ghs_e2etoken0123456789'

/**
 * The push and pull-request scenarios run the README's quick start: the `with:` of the Gauntlet step in
 * examples/workflows/single-job.yml plus action.yml's defaults, for a repository with no alert secrets set
 * (GitHub evaluates an unset secret to ''). An expression not in this table fails the test.
 */
function quickStartInputs(): Record<string, string> {
  return workflowInputs('single-job.yml', {
    expressions: {
      'github.token': TOKEN,
      'secrets.GAUNTLET_SLACK_WEBHOOK_URL': '',
      'secrets.GAUNTLET_PAGERDUTY_ROUTING_KEY': '',
      'secrets.GAUNTLET_SMTP_URL': '',
    },
  })
}

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'shop', repositoryId: 42 })
  workspace = await mkdtemp(join(tmpdir(), 'gauntlet-e2e-'))
  await mkdir(join(workspace, '.github'), { recursive: true })
  await writeFile(join(workspace, '.github/gauntlet.yml'), CONFIG)
  await writeFile(join(workspace, 'write-results.mjs'), WRITE_RESULTS)
  await writeFile(join(workspace, 'write-bench.mjs'), WRITE_BENCH)
})

afterAll(async () => {
  await fake?.close()
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

function envFor(runId: number, event: string, extra: Record<string, string> = {}): Record<string, string> {
  const handle = fake.registerRun({
    runId,
    headBranch: event === 'push' ? 'main' : 'feature',
    headSha: `${runId}`.padEnd(40, 'a'),
  })
  return {
    ...handle.env,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_ID: '42',
    GITHUB_EVENT_NAME: event,
    GITHUB_SHA: `${runId}`.padEnd(40, 'a'),
    GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/7/merge',
    GITHUB_REF_NAME: event === 'push' ? 'main' : '7/merge',
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_API_URL: fake.url,
    ...extra,
  }
}

const prEvent = {
  pull_request: {
    number: 7,
    head: { ref: 'feature', sha: 'f'.repeat(40), repo: { full_name: 'acme/shop' } },
    base: { ref: 'main' },
  },
  repository: { default_branch: 'main', full_name: 'acme/shop' },
}

describe.skipIf(!existsSync(DIST_ACTION))('dist/index.js end to end', () => {
  it('a push on the default branch passes, sets outputs and stores its record as an artifact', async () => {
    const result = await runAction({
      workspace,
      inputs: quickStartInputs(),
      env: envFor(1001, 'push'),
      event: { repository: { default_branch: 'main', full_name: 'acme/shop' } },
    })
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.status).toBe('pass')
    expect(result.outputs['tests-failed']).toBe('0')
    expect(result.summary).toContain('Gauntlet')
    expect(fake.artifactsNamed('gauntlet-run')).toHaveLength(1)
    expect(fake.artifactsNamed('gauntlet-history')).toHaveLength(1)
    expect(fake.artifactsNamed('gauntlet-report')).toHaveLength(1)
    // The token may appear only in the runner's own ::add-mask:: command, which hides it from the log.
    const leaks = result.stdout.split('\n').filter((l) => l.includes(TOKEN) && !l.startsWith('::add-mask::'))
    expect(leaks).toEqual([])
    expect(result.stdout).toContain(`::add-mask::${TOKEN}`)
  }, 60_000)

  it('a second push reads the first one back from the artifacts', async () => {
    const result = await runAction({
      workspace,
      inputs: quickStartInputs(),
      env: envFor(1002, 'push'),
      event: { repository: { default_branch: 'main', full_name: 'acme/shop' } },
    })
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(/1 trusted run\(s\)/)
    expect(fake.artifactsNamed('gauntlet-run')).toHaveLength(2)
  }, 60_000)

  it('a pull request with a failing test fails the step and creates one sticky comment, edited on the next run', async () => {
    const first = await runAction({
      workspace,
      inputs: quickStartInputs(),
      env: envFor(1003, 'pull_request', { E2E_FAIL: '1' }),
      event: prEvent,
    })
    expect(first.exitCode).toBe(1)
    expect(first.outputs['tests-failed']).toBe('1')
    expect(first.commands.some((c) => c.startsWith('::error'))).toBe(true)
    const comments = fake.state.comments.filter((c) => c.issueNumber === 7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('<!-- gauntlet:comment id=default -->')
    expect(comments[0]!.body).toContain('removes an item')

    const second = await runAction({
      workspace,
      inputs: quickStartInputs(),
      env: envFor(1004, 'pull_request'),
      event: prEvent,
    })
    expect(second.exitCode, second.stdout + second.stderr).toBe(0)
    const after = fake.state.comments.filter((c) => c.issueNumber === 7)
    expect(after).toHaveLength(1)
    expect(after[0]!.id).toBe(comments[0]!.id)
    expect(after[0]!.body).not.toContain('expected 0, got 1')
  }, 90_000)

  it('comment: never posts nothing', async () => {
    const before = fake.state.comments.length
    const result = await runAction({
      workspace,
      inputs: { 'github-token': TOKEN, comment: 'never' },
      env: envFor(1005, 'pull_request'),
      event: { ...prEvent, pull_request: { ...prEvent.pull_request, number: 8 } },
    })
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(fake.state.comments.length).toBe(before)
  }, 60_000)

  it('an invalid input fails the step naming the input', async () => {
    const result = await runAction({
      workspace,
      inputs: { 'github-token': TOKEN, 'fail-on': 'sometimes' },
      env: envFor(1006, 'push'),
      event: {},
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/::error::.*fail-on/)
  }, 30_000)
})
