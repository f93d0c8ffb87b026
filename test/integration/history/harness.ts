/**
 * Shared set-up for history integration tests against the GitHub fake, in process.
 *
 * How runs are told apart: `@actions/artifact` reads `ACTIONS_RUNTIME_TOKEN` (the run's backend ids) and
 * `ACTIONS_RESULTS_URL` from the environment when each call starts, so `actAs(run)` sets them before a
 * store method is called, and tests in one file act as one run at a time. `@actions/github` fixes its REST
 * base URL from `GITHUB_API_URL` when first imported, so each file starts one fake in `beforeAll` and sets
 * the variable before the store's lazy import. Truly concurrent runs are separate processes
 * (`concurrency.test.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../../src/model/index.js'
import { createGitHubClient } from '../../../src/github/octokit.js'
import { createActionsArtifactTransport } from '../../../src/history/artifact-transport.js'
import type { ArtifactsStoreLimits } from '../../../src/history/artifacts-store.js'
import { createArtifactsStore } from '../../../src/history/artifacts-store.js'
import type { GitHubFake, RunSpec } from '../../fakes/github-fake.js'

export const REST_TOKEN = 'ghs_faketoken0123456789'

/** Points the process at the fake; call once per file before any store is used. */
export async function prepareEnvironment(fake: GitHubFake): Promise<string> {
  delete process.env.GITHUB_SERVER_URL
  delete process.env.https_proxy
  delete process.env.HTTPS_PROXY
  delete process.env.http_proxy
  delete process.env.HTTP_PROXY
  process.env.GITHUB_API_URL = fake.url
  process.env.ACTIONS_RESULTS_URL = `${fake.url}/`
  const workspace = await mkdtemp(join(tmpdir(), 'gauntlet-history-it-'))
  process.env.GITHUB_WORKSPACE = workspace
  return workspace
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** Registers a run with the fake and makes this process act as it for artifact uploads. */
export function actAs(fake: GitHubFake, spec: RunSpec): void {
  const handle = fake.registerRun(spec)
  Object.assign(process.env, handle.env)
}

export interface StoreHarness {
  readonly store: ReturnType<typeof createArtifactsStore>
  readonly masked: string[]
  readonly logged: string[]
}

/** An artifacts store over the real clients, pointed at the fake. */
export function artifactsStore(
  fake: GitHubFake,
  workDirectory: string,
  clock: Clock,
  limits: Partial<ArtifactsStoreLimits> = {},
): StoreHarness {
  const masked: string[] = []
  const logged: string[] = []
  const repository = { owner: fake.state.repository.owner, repo: fake.state.repository.repo }
  const client = createGitHubClient({
    token: REST_TOKEN,
    env: { GITHUB_API_URL: fake.url },
    mask: (s) => masked.push(s),
    log: { warning: (m) => logged.push(m) },
    retryAfterBaseMs: 5,
  })
  const store = createArtifactsStore({
    client,
    transport: createActionsArtifactTransport({ token: REST_TOKEN, repository }),
    repository,
    repositoryId: fake.state.repository.id,
    workDirectory,
    clock,
    limits,
  })
  return { store, masked, logged }
}

export function fixedClock(at: Date): Clock & { set(d: Date): void } {
  let now = at
  return {
    now: () => now,
    set(d: Date) {
      now = d
    },
  }
}
