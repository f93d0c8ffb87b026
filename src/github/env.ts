/**
 * The GitHub Actions environment variables Gauntlet reads, spelled once, and a reader that turns them into a
 * typed value. Nothing is read at import time: callers pass `process.env` (or a test's map) explicitly.
 */

export const GitHubEnv = {
  ApiUrl: 'GITHUB_API_URL',
  ServerUrl: 'GITHUB_SERVER_URL',
  Repository: 'GITHUB_REPOSITORY',
  RepositoryId: 'GITHUB_REPOSITORY_ID',
  RunId: 'GITHUB_RUN_ID',
  RunAttempt: 'GITHUB_RUN_ATTEMPT',
  Workspace: 'GITHUB_WORKSPACE',
  EventName: 'GITHUB_EVENT_NAME',
  Token: 'GITHUB_TOKEN',
  RuntimeToken: 'ACTIONS_RUNTIME_TOKEN',
  ResultsUrl: 'ACTIONS_RESULTS_URL',
  RetentionDays: 'GITHUB_RETENTION_DAYS',
} as const

export type EnvMap = Readonly<Record<string, string | undefined>>

export const DEFAULT_API_URL = 'https://api.github.com'

/** `owner/name` split into its parts. */
export interface RepositoryRef {
  readonly owner: string
  readonly repo: string
}

/** Parses `owner/name`; null when malformed. */
export function parseRepository(value: string | undefined): RepositoryRef | null {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value ?? '')
  return m ? { owner: m[1] as string, repo: m[2] as string } : null
}

/** The REST base URL: `GITHUB_API_URL`, else api.github.com. */
export function apiBaseUrl(env: EnvMap): string {
  const url = env[GitHubEnv.ApiUrl]?.trim()
  return url ? url.replace(/\/+$/, '') : DEFAULT_API_URL
}

/**
 * Mirrors `@actions/artifact`'s GHES check: artifacts v2+ work only on github.com, `*.ghe.com` and `*.localhost`.
 * Any other `GITHUB_SERVER_URL` (including http://127.0.0.1) makes every artifact call throw
 * `GHESNotSupportedError`, so the artifacts backend is unavailable there.
 */
export function isGhesServer(env: EnvMap): boolean {
  let host: string
  try {
    host = new URL(env[GitHubEnv.ServerUrl] || 'https://github.com').hostname.trimEnd().toUpperCase()
  } catch {
    return true
  }
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST')
}

/** Whether the runner gave this step the artifact runtime (only JavaScript and container actions get it). */
export function hasArtifactRuntime(env: EnvMap): boolean {
  return Boolean(env[GitHubEnv.RuntimeToken] && env[GitHubEnv.ResultsUrl])
}

/** A positive integer environment variable, or null. */
export function envInt(env: EnvMap, name: string): number | null {
  const v = env[name]
  if (v === undefined || !/^\d+$/.test(v.trim())) return null
  const n = Number(v)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}
