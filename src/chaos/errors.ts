/** A chaos config problem found before anything runs; names the config key and says what to do. */
export class ChaosConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`)
    this.name = 'ChaosConfigError'
  }
}

/** A Toxiproxy (or embedded proxy) API call failed; names the request and the status. */
export class ToxiproxyApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(
      `${method} ${path} failed${status === null ? '' : ` with HTTP ${status}`}: ${detail}. ` +
        'Check that the proxy API is running and reachable (stages.chaos.url / engine).',
    )
    this.name = 'ToxiproxyApiError'
  }
}
