/**
 * Chooses and builds the history backend from the config and the environment (the shell calls this once).
 */
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import type { HistoryConfig } from '../config/sections/history.js'
import type { EnvMap } from '../github/env.js'
import { GitHubEnv, envInt, hasArtifactRuntime, isGhesServer, parseRepository } from '../github/env.js'
import type { MaskFn } from '../github/masking.js'
import { createGitHubClient } from '../github/octokit.js'
import type { Clock } from '../model/index.js'
import { createActionsArtifactTransport } from './artifact-transport.js'
import { createArtifactsStore } from './artifacts-store.js'
import { createDirectoryStore } from './directory-store.js'
import type { HistoryStore } from './store.js'
import type { TrustPolicy } from './trust.js'

const MB = 1024 * 1024

export interface StoreContext {
  readonly env: EnvMap
  /** Token for the REST API (`github-token` input); needs `actions: read`. */
  readonly token: string | undefined
  readonly workingDirectory: string
  readonly clock: Clock
  readonly mask: MaskFn
  readonly log: { warning(message: string): void; debug?(message: string): void }
}

export interface StoreChoice {
  readonly store: HistoryStore
  /** Why the preferred backend was not used, if it was not. */
  readonly warnings: readonly string[]
}

/** Why the artifacts backend cannot run here, or null when it can. */
export function artifactsUnavailableReason(env: EnvMap, token: string | undefined): string | null {
  if (isGhesServer(env)) {
    return `GitHub Enterprise Server (${env[GitHubEnv.ServerUrl]}) is not supported by @actions/artifact v2+`
  }
  if (!hasArtifactRuntime(env)) {
    return 'the artifact runtime (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) is missing; it is given to action steps only, not to `run:` steps'
  }
  if (!token) return 'no GitHub token was given (input github-token)'
  if (!parseRepository(env[GitHubEnv.Repository])) return 'GITHUB_REPOSITORY is missing or malformed'
  return null
}

/** Builds the store the config asks for, falling back to the directory backend with a warning. */
export function createHistoryStore(config: HistoryConfig, ctx: StoreContext): StoreChoice {
  const directory = (): HistoryStore =>
    createDirectoryStore({
      directory: resolve(ctx.workingDirectory, config.directory),
      clock: ctx.clock,
      maxRecordBytes: config['max-record-mb'] * MB,
      maxSnapshotBytes: config['max-snapshot-mb'] * MB,
    })
  if (config.backend === 'directory') return { store: directory(), warnings: [] }
  const reason = artifactsUnavailableReason(ctx.env, ctx.token)
  if (reason !== null) {
    const warnings =
      config.backend === 'artifacts'
        ? [
            `history backend artifacts is unavailable: ${reason}; using the directory ${config.directory} instead`,
          ]
        : []
    return { store: directory(), warnings }
  }
  const repository = parseRepository(ctx.env[GitHubEnv.Repository])!
  const client = createGitHubClient({ token: ctx.token, env: ctx.env, mask: ctx.mask, log: ctx.log })
  const store = createArtifactsStore({
    client,
    transport: createActionsArtifactTransport({
      token: ctx.token!,
      repository,
      runAttempt: envInt(ctx.env, GitHubEnv.RunAttempt) ?? 1,
    }),
    repository,
    repositoryId: envInt(ctx.env, GitHubEnv.RepositoryId),
    workDirectory: resolve(ctx.env.RUNNER_TEMP ?? tmpdir(), 'gauntlet-history'),
    clock: ctx.clock,
    limits: {
      maxRecordDownloads: config['max-downloads'],
      downloadConcurrency: config['download-concurrency'],
      maxRecordBytes: config['max-record-mb'] * MB,
      maxSnapshotBytes: config['max-snapshot-mb'] * MB,
    },
  })
  return { store, warnings: [] }
}

/** The trust policy of a config: its baseline branches (or the default branch) and trusted events. */
export function trustPolicyOf(config: HistoryConfig, defaultBranch: string): TrustPolicy {
  const branches = config['baseline-branches']
  return {
    baselineBranches: branches.length > 0 ? [...branches] : [defaultBranch],
    trustedEvents: [...config['trusted-events']],
  }
}
