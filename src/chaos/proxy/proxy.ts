/*
 * One named TCP proxy of the embedded engine: listens, dials the upstream for each client, and joins the two
 * sockets with a `Link` per direction. `enabled: false` closes the listener and every connection (Toxiproxy's
 * `down`). Listening on a non-loopback address is refused unless the server was started with `allowRemote`.
 */
import net from 'node:net'
import { adoptAcceptedSocket, type ClientReads } from './accepted-socket.js'
import { Link, type ConnectionControl, type ToxicHandle } from './link.js'
import type { StreamDirection, ToxicJson } from './toxics.js'

/**
 * Reads from either side go into a buffer owned by the connection (one per direction), written on without a copy
 * (`Link.pushBorrowed`). The upstream socket is dialled with `onread`; the client's accepted socket is re-wrapped to
 * read the same way (`adoptAcceptedSocket`), or read with `data` events where Node does not allow that. A buffer
 * starts small, so idle connections cost little, and doubles while reads fill it: larger reads mean fewer syscalls
 * and callbacks per MB. Relay CPU per MB on loopback, one run on a loaded 2-core machine: 0.77 ms with 64 KiB reads,
 * 0.62 with 256 KiB, 0.56 with 1 MiB, 1.0–1.9 for `data` events (which allocate 64 KiB per read). In the full
 * benchmark (2026-11-23, four alternating runs each at load 1.3–4) a 1 MiB cap cut the relay's CPU per MB by about
 * 15 % (upload 0.44 vs 0.52 ms/MB, download 0.37 vs 0.45 on average) with no throughput difference visible in the
 * noise: not worth four times the memory per busy connection (up to 2 MiB each), so the cap stays at 256 KiB.
 */
const READ_BUFFER_MIN_BYTES = 16 * 1024
const READ_BUFFER_MAX_BYTES = 256 * 1024
/** Writes queue in the stream up to this before `write` asks for backpressure: a few reads' worth. */
const HIGH_WATER_MARK_BYTES = 256 * 1024

/** A connection's reusable read buffer for `onread`: grows (×2) while reads fill it, up to the maximum. */
class GrowingReadBuffer {
  private buffer = Buffer.allocUnsafe(READ_BUFFER_MIN_BYTES)
  private filled = false

  /** Records a read of `n` bytes into the current buffer; returns them as a view. */
  view(n: number): Buffer {
    this.filled = n === this.buffer.length
    return this.buffer.subarray(0, n)
  }

  /**
   * The buffer for the next read (`onread.buffer`, called after each read). A grown buffer is a new allocation, so
   * a pending write of the old one stays intact.
   */
  readonly next = (): Buffer => {
    if (this.filled && this.buffer.length < READ_BUFFER_MAX_BYTES) {
      this.buffer = Buffer.allocUnsafe(Math.min(READ_BUFFER_MAX_BYTES, this.buffer.length * 2))
    }
    this.filled = false
    return this.buffer
  }
}

/** The proxy as Toxiproxy's API serialises it (field order included). */
export interface ProxyJson {
  name: string
  listen: string
  upstream: string
  enabled: boolean
  toxics: ToxicJson[]
}

/** Splits `host:port` / `[v6]:port`; null when malformed. An empty host means every interface, as in Go. */
export function splitHostPort(address: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d{1,5})$/.exec(address.trim())
  if (m === null) return null
  const port = Number(m[3])
  if (port > 65535) return null
  return { host: m[1] ?? m[2] ?? '', port }
}

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

function formatAddress(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

/** A listen failure, reported by the API as a 500 with the system message (as Toxiproxy does). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ListenError'
  }
}

class Connection implements ConnectionControl {
  readonly links: Link[] = []
  private done = false

  constructor(
    readonly clientReads: ClientReads,
    private readonly client: net.Socket,
    private readonly upstream: net.Socket,
    private readonly onGone: (c: Connection) => void,
  ) {
    const teardown = (): void => this.destroy()
    for (const s of [client, upstream]) {
      s.on('error', teardown)
      s.on('close', teardown)
    }
  }

  linkFor(direction: StreamDirection): Link | undefined {
    return this.links.find((l) => l.direction === direction)
  }

  /** Both directions ended normally: release both sockets once flushed. */
  checkEnded(): void {
    if (this.links.every((l) => l.ended)) this.close()
  }

  close(): void {
    if (this.done) return
    for (const s of [this.client, this.upstream]) s.end()
    // A peer that never reads must not keep the connection forever.
    setTimeout(() => this.destroy(), 2000).unref()
  }

  reset(): void {
    for (const s of [this.client, this.upstream]) {
      try {
        s.resetAndDestroy()
      } catch {
        s.destroy()
      }
    }
    this.destroy()
  }

  destroy(): void {
    if (this.done) return
    this.done = true
    for (const l of this.links) l.dispose()
    this.client.destroy()
    this.upstream.destroy()
    this.onGone(this)
  }
}

/** One proxy: `listen` → `upstream`, with its toxics. */
export class TcpProxy {
  enabled = false
  private server: net.Server | null = null
  private readonly connections = new Set<Connection>()
  private readonly toxics: ToxicHandle[] = []

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
    private readonly options: { allowRemote: boolean; random: () => number; clientReads?: ClientReads },
  ) {}

  toJSON(): ProxyJson {
    return {
      name: this.name,
      listen: this.listen,
      upstream: this.upstream,
      enabled: this.enabled,
      toxics: this.toxicList(),
    }
  }

  toxicList(): ToxicJson[] {
    // Toxiproxy lists upstream toxics first, then downstream, each in insertion order.
    return [
      ...this.toxics.filter((t) => t.json.stream === 'upstream'),
      ...this.toxics.filter((t) => t.json.stream === 'downstream'),
    ].map((t) => t.json)
  }

  getToxic(name: string): ToxicJson | undefined {
    return this.toxics.find((t) => t.json.name === name)?.json
  }

  /** Starts listening; resolves with the actual address (port 0 becomes the chosen port). */
  async start(): Promise<void> {
    if (this.enabled) return
    const addr = splitHostPort(this.listen === '' ? '127.0.0.1:0' : this.listen)
    if (addr === null)
      throw new ListenError(`listen address ${JSON.stringify(this.listen)} is not host:port`, 400)
    const host = addr.host === '' ? '0.0.0.0' : addr.host
    if (!this.options.allowRemote && !isLoopbackHost(host)) {
      throw new ListenError(
        `listen address ${this.listen} is not a loopback address; the embedded proxy listens on loopback only ` +
          'unless stages.chaos.allow-remote is true (or --allow-remote is given)',
        400,
      )
    }
    const server = net.createServer(
      // Paused: a client socket must not start reading before `accept` has chosen how to read it.
      { allowHalfOpen: true, noDelay: true, highWaterMark: HIGH_WATER_MARK_BYTES, pauseOnConnect: true },
      (client) => this.accept(client),
    )
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new ListenError(`listen tcp ${this.listen}: ${err.message}`, 500)))
      server.listen({ host: host === 'localhost' ? '127.0.0.1' : host, port: addr.port }, () => resolve())
    })
    server.on('error', () => undefined)
    const bound = server.address() as net.AddressInfo
    this.listen = formatAddress(bound.address, bound.port)
    this.server = server
    this.enabled = true
  }

  /** Stops listening and drops every connection. */
  async stop(): Promise<void> {
    if (!this.enabled) return
    this.enabled = false
    const server = this.server
    this.server = null
    for (const c of [...this.connections]) c.destroy()
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  addToxic(json: ToxicJson): void {
    const handle: ToxicHandle = { json, removed: false }
    this.toxics.push(handle)
    for (const c of this.connections) c.linkFor(json.stream)?.addToxic(handle)
  }

  updateToxic(json: ToxicJson): void {
    const handle = this.toxics.find((t) => t.json.name === json.name)
    if (handle === undefined) return
    handle.json = json
    for (const c of this.connections) c.linkFor(json.stream)?.updateToxic(handle)
  }

  removeToxic(name: string): boolean {
    const index = this.toxics.findIndex((t) => t.json.name === name)
    if (index < 0) return false
    const handle = this.toxics[index]!
    this.toxics.splice(index, 1)
    handle.removed = true
    for (const c of [...this.connections]) c.linkFor(handle.json.stream)?.removeToxic(handle)
    return true
  }

  resetToxics(): void {
    for (const t of [...this.toxics]) this.removeToxic(t.json.name)
  }

  /** Number of open client connections (for tests and the standalone command's status). */
  get connectionCount(): number {
    return this.connections.size
  }

  /** How each open connection reads its client side (for tests and benchmarks: is the fast path in use?). */
  clientReadModes(): ClientReads[] {
    return [...this.connections].map((c) => c.clientReads)
  }

  private accept(accepted: net.Socket): void {
    const target = splitHostPort(this.upstream)
    if (target === null || !this.enabled) {
      accepted.destroy()
      return
    }
    let up: Link | null = null
    let down: Link | null = null
    // Returning false from an `onread` callback pauses that socket; Link resumes it once the borrowed bytes are
    // flushed. No read can arrive before the links exist: reads are callbacks of the event loop.
    const clientBuffer = new GrowingReadBuffer()
    const client =
      this.options.clientReads === 'data'
        ? null
        : adoptAcceptedSocket(
            accepted,
            {
              buffer: clientBuffer.next,
              callback: (n: number): boolean => up?.pushBorrowed(clientBuffer.view(n)) ?? true,
            },
            { allowHalfOpen: true, highWaterMark: HIGH_WATER_MARK_BYTES },
          )
    const clientSocket = client ?? accepted
    clientSocket.setNoDelay(true)
    const upstreamBuffer = new GrowingReadBuffer()
    // `highWaterMark` reaches the socket's Duplex options at run time; @types/node omits it from connect options.
    const options: net.NetConnectOpts & { highWaterMark: number } = {
      host: target.host,
      port: target.port,
      allowHalfOpen: true,
      noDelay: true,
      highWaterMark: HIGH_WATER_MARK_BYTES,
      onread: {
        buffer: upstreamBuffer.next,
        callback: (n: number): boolean => down?.pushBorrowed(upstreamBuffer.view(n)) ?? true,
      },
    }
    const upstream = net.connect(options)
    const conn = new Connection(client === null ? 'data' : 'onread', clientSocket, upstream, (c) =>
      this.connections.delete(c),
    )
    this.connections.add(conn)
    const byDirection = (d: StreamDirection): ToxicHandle[] => this.toxics.filter((t) => t.json.stream === d)
    up = new Link('upstream', clientSocket, upstream, conn, this.options.random, () => conn.checkEnded())
    down = new Link('downstream', upstream, clientSocket, conn, this.options.random, () => conn.checkEnded())
    conn.links.push(up, down)
    up.start(byDirection('upstream'), client !== null)
    down.start(byDirection('downstream'), true)
    // The fallback reads `data` events from the accepted socket, which the server created paused.
    if (client === null) accepted.resume()
  }
}
