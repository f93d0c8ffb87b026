/*
 * The embedded fault proxy: Toxiproxy's HTTP API (same routes, JSON shapes and status codes) in front of
 * `TcpProxy` instances, so the same client code drives it or a real Toxiproxy. Written by hand after checking npm
 * for a maintained Node fault proxy (none implements Toxiproxy's API or toxics; see `link.ts`).
 *
 * Routes: GET /version · POST /reset · GET|POST /proxies · POST /populate · GET|POST|PATCH|DELETE /proxies/{proxy}
 * · GET|POST /proxies/{proxy}/toxics · GET|POST|PATCH|DELETE /proxies/{proxy}/toxics/{toxic}.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { BROWSER_UA_PREFIX, EMBEDDED_PROXY_VERSION } from '../constants.js'
import type { ClientReads } from './accepted-socket.js'
import { isLoopbackHost, ListenError, splitHostPort, TcpProxy, type ProxyJson } from './proxy.js'
import { API_ERRORS, parseToxicCreate, parseToxicUpdate, type ApiErrorBody } from './toxics.js'

const MAX_BODY_BYTES = 1 << 20

export interface EmbeddedProxyOptions {
  /** Let proxies (and the API) listen on non-loopback addresses. Default false. */
  readonly allowRemote?: boolean
  /** Source of randomness for toxicity and jitter; tests pass a seeded one. */
  readonly random?: () => number
  /**
   * How client sockets are read: 'onread' (default) into a per-connection buffer where this Node allows it (see
   * `accepted-socket.ts`; otherwise `data` events), 'data' always with `data` events (the fallback, for tests).
   */
  readonly clientReads?: ClientReads
}

interface Reply {
  status: number
  body?: unknown
  text?: string
}

class HttpBodyError extends Error {}

function errorReply(e: ApiErrorBody): Reply {
  return { status: e.status, body: e }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A Toxiproxy-compatible server running in this process. */
export class EmbeddedToxiproxy {
  private readonly proxies = new Map<string, TcpProxy>()
  private server: http.Server | null = null
  // API mutations start and stop listeners; running them one at a time keeps the collection consistent.
  private queue: Promise<unknown> = Promise.resolve()
  private readonly allowRemote: boolean
  private readonly random: () => number
  private readonly clientReads: ClientReads

  constructor(options: EmbeddedProxyOptions = {}) {
    this.allowRemote = options.allowRemote ?? false
    this.random = options.random ?? Math.random
    this.clientReads = options.clientReads ?? 'onread'
  }

  private get proxyOptions(): { allowRemote: boolean; random: () => number; clientReads: ClientReads } {
    return { allowRemote: this.allowRemote, random: this.random, clientReads: this.clientReads }
  }

  /** Starts the HTTP API on `host:port` (port 0: any free port); returns its base URL. */
  async listen(address = '127.0.0.1:0'): Promise<string> {
    const addr = splitHostPort(address)
    if (addr === null) throw new ListenError(`API address ${JSON.stringify(address)} is not host:port`, 400)
    if (!this.allowRemote && !isLoopbackHost(addr.host)) {
      throw new ListenError(`API address ${address} is not loopback; pass allowRemote to permit it`, 400)
    }
    const server = http.createServer((req, res) => void this.handle(req, res))
    server.keepAliveTimeout = 5000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ host: addr.host === 'localhost' ? '127.0.0.1' : addr.host, port: addr.port }, () =>
        resolve(),
      )
    })
    this.server = server
    const bound = server.address() as AddressInfo
    const host = bound.address.includes(':') ? `[${bound.address}]` : bound.address
    return `http://${host}:${bound.port}`
  }

  /** Stops the API and every proxy. */
  async close(): Promise<void> {
    await this.serial(async () => {
      for (const p of this.proxies.values()) await p.stop()
      this.proxies.clear()
    })
    const server = this.server
    this.server = null
    if (server !== null) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }

  /** The proxy named `name`, for in-process inspection (tests, status output). */
  proxy(name: string): TcpProxy | undefined {
    return this.proxies.get(name)
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply
    try {
      if ((req.headers['user-agent'] ?? '').startsWith(BROWSER_UA_PREFIX)) {
        reply = { status: 403, text: 'User agent not allowed\n' }
      } else {
        const body = await readBody(req)
        reply = await this.serial(() =>
          this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), body),
        )
      }
    } catch (err) {
      reply =
        err instanceof HttpBodyError
          ? errorReply(API_ERRORS.badRequestBody(err.message))
          : { status: 500, body: { error: err instanceof Error ? err.message : String(err), status: 500 } }
    }
    if (reply.text !== undefined) {
      res.writeHead(reply.status, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(reply.text)
    } else if (reply.body !== undefined) {
      res.writeHead(reply.status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(reply.body))
    } else {
      res.writeHead(reply.status)
      res.end()
    }
  }

  private async route(method: string, url: URL, raw: string): Promise<Reply> {
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent)
    const json = (): unknown => {
      if (raw.trim() === '') throw new HttpBodyError('EOF')
      try {
        return JSON.parse(raw) as unknown
      } catch (e) {
        throw new HttpBodyError(e instanceof Error ? e.message : String(e))
      }
    }
    const allow = (methods: string[], handler: () => Promise<Reply> | Reply): Promise<Reply> | Reply =>
      methods.includes(method) ? handler() : { status: 405, text: '' }

    if (parts.length === 1 && parts[0] === 'version') {
      return allow(['GET'], () => ({ status: 200, body: { version: EMBEDDED_PROXY_VERSION } }))
    }
    if (parts.length === 1 && parts[0] === 'reset') return allow(['POST'], () => this.reset())
    if (parts.length === 1 && parts[0] === 'populate') return allow(['POST'], () => this.populate(json()))
    if (parts[0] !== 'proxies' || parts.length > 4 || (parts.length >= 3 && parts[2] !== 'toxics')) {
      return { status: 404, text: '404 page not found\n' }
    }
    if (parts.length === 1) {
      if (method === 'GET')
        return { status: 200, body: Object.fromEntries([...this.proxies].map(([n, p]) => [n, p.toJSON()])) }
      return allow(['POST'], () => this.createProxy(json()))
    }
    const name = parts[1]!
    const proxy = this.proxies.get(name)
    if (parts.length === 2) {
      if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(method)) return { status: 405, text: '' }
      if (proxy === undefined) return errorReply(API_ERRORS.proxyNotFound)
      if (method === 'GET') return { status: 200, body: proxy.toJSON() }
      if (method === 'DELETE') {
        await proxy.stop()
        this.proxies.delete(name)
        return { status: 204 }
      }
      return this.updateProxy(proxy, json())
    }
    if (parts.length === 3) {
      if (!['GET', 'POST'].includes(method)) return { status: 405, text: '' }
      if (proxy === undefined) return errorReply(API_ERRORS.proxyNotFound)
      if (method === 'GET') return { status: 200, body: proxy.toxicList() }
      const parsed = parseToxicCreate(json(), (n) => proxy.getToxic(n) !== undefined)
      if ('error' in parsed) return errorReply(parsed)
      proxy.addToxic(parsed)
      // Toxiproxy answers a created toxic with 200, not 201.
      return { status: 200, body: parsed }
    }
    if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(method)) return { status: 405, text: '' }
    if (proxy === undefined) return errorReply(API_ERRORS.proxyNotFound)
    const toxicName = parts[3]!
    const toxic = proxy.getToxic(toxicName)
    if (toxic === undefined) return errorReply(API_ERRORS.toxicNotFound)
    if (method === 'GET') return { status: 200, body: toxic }
    if (method === 'DELETE') {
      proxy.removeToxic(toxicName)
      return { status: 204 }
    }
    const updated = parseToxicUpdate(toxic, json())
    if ('error' in updated) return errorReply(updated)
    proxy.updateToxic(updated)
    return { status: 200, body: updated }
  }

  private async reset(): Promise<Reply> {
    for (const p of this.proxies.values()) {
      await p.start()
      p.resetToxics()
    }
    return { status: 204 }
  }

  private readProxyInput(
    body: unknown,
    defaults: { listen: string; upstream: string; enabled: boolean },
    where = '',
  ): { name: string; listen: string; upstream: string; enabled: boolean } | ApiErrorBody {
    if (!isRecord(body)) return API_ERRORS.badRequestBody('expected a JSON object')
    for (const key of ['name', 'listen', 'upstream'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'string') {
        return API_ERRORS.badRequestBody(`${key} must be a string`)
      }
    }
    if (body.enabled !== undefined && typeof body.enabled !== 'boolean') {
      return API_ERRORS.badRequestBody('enabled must be a boolean')
    }
    const name = (body.name as string | undefined) ?? ''
    const upstream = (body.upstream as string | undefined) ?? defaults.upstream
    if (name === '' && where !== 'update') return API_ERRORS.missingField(`name${where}`)
    if (upstream === '') return API_ERRORS.missingField(`upstream${where === 'update' ? '' : where}`)
    return {
      name,
      listen: (body.listen as string | undefined) ?? defaults.listen,
      upstream,
      enabled: typeof body.enabled === 'boolean' ? body.enabled : defaults.enabled,
    }
  }

  private async createProxy(body: unknown): Promise<Reply> {
    const input = this.readProxyInput(body, { listen: '', upstream: '', enabled: true })
    if ('error' in input) return errorReply(input)
    if (this.proxies.has(input.name)) return errorReply(API_ERRORS.proxyExists)
    const proxy = new TcpProxy(input.name, input.listen, input.upstream, this.proxyOptions)
    try {
      if (input.enabled) await proxy.start()
    } catch (err) {
      return listenFailure(err)
    }
    this.proxies.set(input.name, proxy)
    return { status: 201, body: proxy.toJSON() }
  }

  private async updateProxy(proxy: TcpProxy, body: unknown): Promise<Reply> {
    const input = this.readProxyInput(
      body,
      { listen: proxy.listen, upstream: proxy.upstream, enabled: proxy.enabled },
      'update',
    )
    if ('error' in input) return errorReply(input)
    try {
      if (differs(proxy, input)) {
        await proxy.stop()
        proxy.listen = input.listen
        proxy.upstream = input.upstream
      }
      if (input.enabled !== proxy.enabled) {
        if (input.enabled) await proxy.start()
        else await proxy.stop()
      }
    } catch (err) {
      return listenFailure(err)
    }
    return { status: 200, body: proxy.toJSON() }
  }

  private async populate(body: unknown): Promise<Reply> {
    if (!Array.isArray(body)) return errorReply(API_ERRORS.badRequestBody('expected a JSON array of proxies'))
    const inputs: Array<{ name: string; listen: string; upstream: string; enabled: boolean }> = []
    for (const [i, item] of body.entries()) {
      const input = this.readProxyInput(
        item,
        { listen: '', upstream: '', enabled: true },
        ` at proxy ${i + 1}`,
      )
      if ('error' in input) return errorReply(input)
      inputs.push(input)
    }
    const done: ProxyJson[] = []
    for (const input of inputs) {
      const existing = this.proxies.get(input.name)
      if (existing !== undefined && !differs(existing, input)) {
        done.push(existing.toJSON())
        continue
      }
      if (existing !== undefined) await existing.stop()
      const proxy = new TcpProxy(input.name, input.listen, input.upstream, this.proxyOptions)
      try {
        if (input.enabled) await proxy.start()
      } catch (err) {
        const failure = listenFailure(err)
        return { status: failure.status, body: { ...(failure.body as ApiErrorBody), proxies: done } }
      }
      this.proxies.set(input.name, proxy)
      done.push(proxy.toJSON())
    }
    return { status: 201, body: { proxies: done } }
  }
}

/** Whether an update changes where the proxy listens or connects (Toxiproxy then restarts it). */
function differs(proxy: TcpProxy, input: { listen: string; upstream: string }): boolean {
  const wanted = splitHostPort(input.listen)
  const current = splitHostPort(proxy.listen)
  const sameListen =
    wanted !== null &&
    current !== null &&
    (wanted.port === 0 || wanted.port === current.port) &&
    (wanted.host === current.host || (wanted.host === 'localhost' && current.host === '127.0.0.1'))
  return !sameListen || input.upstream !== proxy.upstream
}

function listenFailure(err: unknown): Reply {
  const status = err instanceof ListenError ? err.status : 500
  return { status, body: { error: err instanceof Error ? err.message : String(err), status } }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        reject(new HttpBodyError(`request body larger than ${MAX_BODY_BYTES} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
