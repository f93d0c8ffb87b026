// dist/index.js on pushes to the default branch, with a critical budget breach: it must reach Slack, PagerDuty
// and email (real loopback receivers, a real SMTP server), and resolve the page once the breach is gone.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startPagerDutyReceiver,
  startSlackReceiver,
  startSmtpServer,
  type HttpReceiver,
  type SmtpReceiver,
} from '../fakes/alert-receivers.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js'
import { DIST_ACTION, runAction } from './action-harness.js'

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefABCDEF'

let fake: GitHubFake
let slack: HttpReceiver
let pagerduty: HttpReceiver
let smtp: SmtpReceiver
let workspace: string

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'shop', repositoryId: 42 })
  slack = await startSlackReceiver()
  pagerduty = await startPagerDutyReceiver({ routingKey: ROUTING_KEY })
  smtp = await startSmtpServer()
  workspace = await mkdtemp(join(tmpdir(), 'gauntlet-e2e-alerts-'))
  await mkdir(join(workspace, '.github'), { recursive: true })
  await writeFile(
    join(workspace, '.github/gauntlet.yml'),
    `version: 1
stages:
  benchmark:
    run: node write-bench.mjs
    results: { path: reports/bench.json, format: gauntlet }
analysis:
  budgets:
    - benchmark/shop/checkout <= 20
  overrides:
    - metric: benchmark/shop/checkout
      critical: true
alerts:
  pagerduty-url: ${pagerduty.url}
  email:
    from: gauntlet@example.com
    to: [oncall@example.com]
`,
  )
  await writeFile(
    join(workspace, 'write-bench.mjs'),
    `import { mkdirSync, writeFileSync } from 'node:fs'
mkdirSync('reports', { recursive: true })
const ms = Number(process.env.E2E_CHECKOUT_MS)
writeFileSync('reports/bench.json', JSON.stringify({ suite: 'shop', metrics: [{ name: 'checkout', unit: 'ms', value: ms }] }))
`,
  )
})

afterAll(async () => {
  await Promise.allSettled([fake?.close(), slack?.close(), pagerduty?.close(), smtp?.close()])
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

async function push(runId: number, checkoutMs: number) {
  const handle = fake.registerRun({ runId, headBranch: 'main', headSha: `${runId}`.padEnd(40, 'c') })
  return runAction({
    workspace,
    inputs: {
      'github-token': 'ghs_alertstoken',
      'fail-on': 'never',
      'slack-webhook-url': slack.url,
      'pagerduty-routing-key': ROUTING_KEY,
      'smtp-url': smtp.url,
    },
    env: {
      ...handle.env,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_ID: '42',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: `${runId}`.padEnd(40, 'c'),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_RUN_ID: String(runId),
      GITHUB_API_URL: fake.url,
      E2E_CHECKOUT_MS: String(checkoutMs),
    },
    event: { repository: { default_branch: 'main', full_name: 'acme/shop' } },
  })
}

describe.skipIf(!existsSync(DIST_ACTION))('dist/index.js alerts end to end', () => {
  it('a critical budget breach on a push reaches Slack, PagerDuty and email', async () => {
    const result = await push(2001, 45)
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.status).toBe('critical')
    expect(
      slack.received,
      result.stdout
        .split('\n')
        .filter((l) => /alert|slack|warning/i.test(l) && !l.includes('::debug'))
        .join('\n'),
    ).toHaveLength(1)
    expect(slack.received[0]!.problems).toEqual([])
    // Rendered from templates/slack.mrkdwn.hbs (the layout a user can override), not a built-in fallback.
    expect(JSON.stringify(slack.received[0]!.body)).toContain('*Gauntlet: ')
    expect(result.stdout).not.toMatch(/alert template failed/)
    const triggers = pagerduty.received.map((r) => r.body as { event_action: string; dedup_key: string })
    expect(triggers.map((t) => t.event_action)).toEqual(['trigger'])
    expect(pagerduty.received[0]!.problems).toEqual([])
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.rcptTo).toEqual(['oncall@example.com'])
    expect(smtp.received[0]!.mail.subject).toMatch(/critical/i)
    for (const secret of [new URL(slack.url).pathname, ROUTING_KEY]) {
      const leaks = result.stdout
        .split('\n')
        .filter((l) => l.includes(secret) && !l.startsWith('::add-mask::'))
      expect(leaks).toEqual([])
    }
  }, 60_000)

  it('the same breach on the next push does not page again; recovery resolves with the same dedup_key', async () => {
    const firstKey = (pagerduty.received[0]!.body as { dedup_key: string }).dedup_key
    const again = await push(2002, 46)
    expect(again.exitCode, again.stdout + again.stderr).toBe(0)
    expect(
      pagerduty.received.filter((r) => (r.body as { event_action: string }).event_action === 'trigger'),
    ).toHaveLength(1)

    const recovered = await push(2003, 10)
    expect(recovered.exitCode, recovered.stdout + recovered.stderr).toBe(0)
    const resolves = pagerduty.received
      .map((r) => r.body as { event_action: string; dedup_key: string })
      .filter((b) => b.event_action === 'resolve')
    expect(resolves).toEqual([expect.objectContaining({ dedup_key: firstKey })])
  }, 90_000)
})
