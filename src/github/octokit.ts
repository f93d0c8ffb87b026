/**
 * The one Octokit factory: REST methods and pagination from @octokit/rest, retries (5xx, network) from
 * @octokit/plugin-retry, rate-limit handling from @octokit/plugin-throttling, `baseUrl` from `GITHUB_API_URL`.
 * Built only when called; nothing here runs at import time.
 */
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import type { EnvMap } from './env.js'
import { apiBaseUrl } from './env.js'
import type { MaskFn } from './masking.js'

/** The client type every GitHub adapter receives. */
export type GitHubClient = Octokit

export interface GitHubClientOptions {
  /** `github-token` input or `GITHUB_TOKEN`; undefined for anonymous reads of public data. */
  readonly token: string | undefined
  readonly env: EnvMap
  /** Overrides `GITHUB_API_URL`. */
  readonly baseUrl?: string
  readonly mask: MaskFn
  readonly log: { warning(message: string): void; debug?(message: string): void }
  /** Retries of failed requests (5xx, network); default 3. */
  readonly retries?: number
  /** Unit of retry waits in ms (the plugins wait `n` units); default 1000. Tests pass a few ms. */
  readonly retryAfterBaseMs?: number
  /** A rate limit asking to wait longer than this is not waited for; default 60 s. */
  readonly maxRateLimitWaitSeconds?: number
  /** Rate-limit retries per request; default 2. */
  readonly rateLimitRetries?: number
  /** Per-request timeout in ms; default 30 s. */
  readonly timeoutMs?: number
}

/** Creates an Octokit with Gauntlet's policy. The token is registered with `mask` first. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (options.token) options.mask(options.token)
  const base = options.retryAfterBaseMs ?? 1000
  const maxWait = options.maxRateLimitWaitSeconds ?? 60
  const maxRetries = options.rateLimitRetries ?? 2
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      req: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ): boolean => {
      const again = retryCount < maxRetries && retryAfter <= maxWait
      options.log.warning(
        `GitHub ${kind} rate limit on ${req.method} ${req.url}: ` +
          (again ? `retrying after ${retryAfter} s` : `giving up (asked to wait ${retryAfter} s)`),
      )
      return again
    }
  const Client = Octokit.plugin(retry, throttling)
  const client = new Client({
    auth: options.token,
    baseUrl: options.baseUrl ?? apiBaseUrl(options.env),
    userAgent: 'gauntlet',
    // 429 belongs to the throttling plugin, which waits as long as the server's Retry-After asks; the retry
    // plugin would retry it after its own 1 s / 4 s / 9 s, too early for a secondary limit.
    // `retries` goes here, not in `request.retries`: a request-level count makes plugin-retry's limiter retry
    // every error, doNotRetry statuses included, before errorRequest or the throttling plugin ever see it.
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: base,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    log: {
      debug: (m: string) => options.log.debug?.(m),
      info: (m: string) => options.log.debug?.(m),
      warn: (m: string) => options.log.warning(m),
      error: (m: string) => options.log.warning(m),
    },
  })
  // A 429 that carries neither the secondary-limit message nor `x-ratelimit-remaining: 0` is not recognised by
  // the throttling plugin; it still asks to wait `Retry-After` seconds, so it is honoured here the same way.
  client.hook.wrap('request', async (request, req) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(req)
      } catch (err) {
        const retryAfter = unrecognisedRetryAfter(err)
        if (retryAfter === null || !onLimit('plain 429')(retryAfter, req, client, attempt)) throw err
        await new Promise((resolve) => setTimeout(resolve, retryAfter * base))
      }
    }
  })
  const timeoutMs = options.timeoutMs ?? 30_000
  // A fresh timeout per request (a client-wide signal would abort everything after the first timeout).
  // Retries re-run this hook with the same options, so our own (possibly expired) signal is replaced.
  const ours = new WeakSet<AbortSignal>()
  client.hook.before('request', (req) => {
    const given = req.request?.signal
    if (given && !ours.has(given)) return
    const signal = AbortSignal.timeout(timeoutMs)
    ours.add(signal)
    req.request = { ...req.request, signal }
  })
  return client
}

/** Seconds a 429 asks to wait when the throttling plugin does not handle it, else null. */
function unrecognisedRetryAfter(err: unknown): number | null {
  const e = err as { status?: number; message?: string; response?: { headers?: Record<string, unknown> } }
  if (e.status !== 429 || /\bsecondary rate\b/i.test(e.message ?? '')) return null
  const headers = e.response?.headers ?? {}
  if (headers['x-ratelimit-remaining'] === '0') return null
  const seconds = Number(headers['retry-after'])
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null
}
