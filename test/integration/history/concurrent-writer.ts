/**
 * One "run" of the concurrency test, as its own process (bundled by esbuild in the test): load history,
 * then save this run's record, exactly as the action does. Its run identity comes from the environment the
 * fake issued (ACTIONS_RUNTIME_TOKEN with its own backend ids), which is why runs are separate processes.
 */
import { createGitHubClient } from '../../../src/github/octokit.js'
import { createActionsArtifactTransport } from '../../../src/history/artifact-transport.js'
import { createArtifactsStore } from '../../../src/history/artifacts-store.js'
import { defaultTrustPolicy } from '../../../src/history/trust.js'
import { makeRecord } from '../../fixtures/history/records.js'

const env = process.env
const repository = { owner: 'acme', repo: 'widgets' }
const token = env.WRITER_TOKEN ?? ''
const runId = Number(env.GITHUB_RUN_ID)
const now = new Date(env.WRITER_NOW ?? Date.now())
const store = createArtifactsStore({
  client: createGitHubClient({ token, env, mask: () => undefined, log: { warning: () => undefined } }),
  transport: createActionsArtifactTransport({ token, repository }),
  repository,
  repositoryId: Number(env.GITHUB_REPOSITORY_ID),
  workDirectory: env.WRITER_TMP ?? '/tmp',
  clock: { now: () => now },
})
const policy = defaultTrustPolicy('main')
const history = await store.load({ policy, retentionDays: 90, pullRequest: null })
const record = makeRecord({ runId, timestamp: new Date(now.getTime() - 60_000 + runId).toISOString() })
const saved = await store.save(record, { history, policy, retentionDays: 90 })
process.stdout.write(`\nWRITER ${JSON.stringify({ runId, loaded: history.baseline.length, ...saved })}\n`)
