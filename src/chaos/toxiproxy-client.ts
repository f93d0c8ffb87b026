/*
 * The one adapter to a Toxiproxy API (a real Toxiproxy or the embedded one): timeouts, retries of network errors,
 * error mapping. Hand-written over fetch rather than built on toxiproxy-node-client because the experiment engine
 * needs bounded timeouts, idempotent add/remove (409 and 404 tolerated) and typed errors, which that client lacks;
 * the client is still used in tests to prove API compatibility.
 */
import { ToxiproxyApiError } from './errors.js'
import type { ProxyJson } from './proxy/proxy.js'
import type { ToxicJson } from './proxy/toxics.js'
import type { ToxicSpec } from './schedule.js'
import type { FaultAction } from './transition.js'

export interface ToxiproxyClientOptions {
  /** Per-request bound. Default 5000 ms. */
  readonly timeoutMs?: number
  /** Retries of requests that failed before any answer (connection refused, reset). Default 2. */
  readonly retries?: number
}

/** What the experiment engine needs from a fault proxy. */
export interface FaultEngine {
  version(): Promise<string>
  populate(proxies: ReadonlyArray<{ name: string; listen: string; upstream: string }>): Promise<ProxyJson[]>
  getProxy(name: string): Promise<ProxyJson>
  apply(action: FaultAction): Promise<void>
  /** Removes this run's toxics (by name prefix) and re-enables the proxy; safe to call repeatedly. */
  lift(proxy: string, toxicPrefix: string): Promise<string[]>
}

export class ToxiproxyClient implements FaultEngine {
  private readonly base: string
  private readonly timeoutMs: number
  private readonly retries: number

  constructor(url: string, options: ToxiproxyClientOptions = {}) {
    this.base = url.replace(/\/+$/, '')
    this.timeoutMs = options.timeoutMs ?? 5000
    this.retries = options.retries ?? 2
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: unknown }> {
    let lastError: unknown
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      let res: Response
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'gauntlet-chaos' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
        })
      } catch (err) {
        lastError = err
        if (attempt < this.retries) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt))
        continue
      }
      const text = await res.text()
      let data: unknown = undefined
      if (text.trim() !== '') {
        try {
          data = JSON.parse(text)
        } catch {
          data = text
        }
      }
      return { status: res.status, data }
    }
    const detail =
      lastError instanceof Error
        ? lastError.name === 'TimeoutError'
          ? `no answer in ${this.timeoutMs}ms`
          : ((lastError as Error & { cause?: Error }).cause?.message ?? lastError.message)
        : String(lastError)
    throw new ToxiproxyApiError(method, path, null, detail)
  }

  private async expect(
    method: string,
    path: string,
    ok: number[],
    body?: unknown,
  ): Promise<{ status: number; data: unknown }> {
    const r = await this.request(method, path, body)
    if (!ok.includes(r.status)) {
      const message =
        typeof r.data === 'object' && r.data !== null && 'error' in r.data
          ? String(r.data.error)
          : JSON.stringify(r.data ?? '')
      throw new ToxiproxyApiError(method, path, r.status, message)
    }
    return r
  }

  async version(): Promise<string> {
    const r = await this.expect('GET', '/version', [200])
    // Toxiproxy ≥ 2.6 answers {"version": "..."}; older ones plain text.
    if (typeof r.data === 'object' && r.data !== null && 'version' in r.data) return String(r.data.version)
    return String(r.data)
  }

  async populate(
    proxies: ReadonlyArray<{ name: string; listen: string; upstream: string }>,
  ): Promise<ProxyJson[]> {
    const r = await this.expect('POST', '/populate', [200, 201], proxies)
    const data = r.data as { proxies?: ProxyJson[] | null }
    return data.proxies ?? []
  }

  async getProxy(name: string): Promise<ProxyJson> {
    return (await this.expect('GET', `/proxies/${encodeURIComponent(name)}`, [200])).data as ProxyJson
  }

  async listToxics(proxy: string): Promise<ToxicJson[]> {
    return (await this.expect('GET', `/proxies/${encodeURIComponent(proxy)}/toxics`, [200]))
      .data as ToxicJson[]
  }

  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    // POST (not PATCH) so that Toxiproxy releases before 2.6 accept it too.
    await this.expect('POST', `/proxies/${encodeURIComponent(proxy)}`, [200], { enabled })
  }

  async addToxic(proxy: string, toxic: ToxicSpec): Promise<void> {
    const path = `/proxies/${encodeURIComponent(proxy)}/toxics`
    const r = await this.request('POST', path, toxic)
    if (r.status === 409) return this.updateToxic(proxy, toxic)
    if (r.status !== 200 && r.status !== 201) {
      throw new ToxiproxyApiError('POST', path, r.status, JSON.stringify(r.data ?? ''))
    }
  }

  async updateToxic(proxy: string, toxic: ToxicSpec): Promise<void> {
    await this.expect(
      'POST',
      `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic.name)}`,
      [200],
      {
        attributes: toxic.attributes,
        toxicity: toxic.toxicity,
      },
    )
  }

  async removeToxic(proxy: string, name: string): Promise<void> {
    // 404: already gone, which is what we wanted.
    await this.expect(
      'DELETE',
      `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`,
      [204, 200, 404],
    )
  }

  async apply(action: FaultAction): Promise<void> {
    switch (action.kind) {
      case 'set-enabled':
        return this.setEnabled(action.proxy, action.enabled)
      case 'add-toxic':
        return this.addToxic(action.proxy, action.toxic)
      case 'update-toxic':
        return this.updateToxic(action.proxy, action.toxic)
      case 'remove-toxic':
        return this.removeToxic(action.proxy, action.name)
    }
  }

  async lift(proxy: string, toxicPrefix: string): Promise<string[]> {
    const done: string[] = []
    for (const t of await this.listToxics(proxy)) {
      if (!t.name.startsWith(toxicPrefix)) continue
      await this.removeToxic(proxy, t.name)
      done.push(`removed toxic ${t.name}`)
    }
    const p = await this.getProxy(proxy)
    if (!p.enabled) {
      await this.setEnabled(proxy, true)
      done.push(`enabled proxy ${proxy}`)
    }
    return done
  }
}
