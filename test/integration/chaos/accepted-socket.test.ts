// The proxy's client side: accepted sockets re-wrapped to read into a caller-owned buffer (`adoptAcceptedSocket`),
// and the `data`-event fallback. Every case that goes through the proxy runs in both modes, so the fallback stays
// covered on a Node where the fast path works. Real loopback sockets; every wait is bounded.
import { createHash } from 'node:crypto'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adoptAcceptedSocket, type ClientReads } from '../../../src/chaos/proxy/accepted-socket.js'
import { EmbeddedToxiproxy } from '../../../src/chaos/proxy/embedded-server.js'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls `cond` every 10 ms for at most `ms`; true once it holds. */
async function until(cond: () => boolean, ms = 3000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 10) {
    if (cond()) return true
    await sleep(10)
  }
  return cond()
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  )
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

function connect(port: number, allowHalfOpen = false): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, noDelay: true, allowHalfOpen }, () => resolve(s))
    s.once('error', reject)
  })
}

/** What the upstream saw of one connection; times in ms since it was accepted. */
interface SinkConnection {
  socket: net.Socket
  bytes: number
  events: number
  firstAt: number | null
  endAt: number | null
  closed: boolean
  hash: ReturnType<typeof createHash>
}

describe('adoptAcceptedSocket', () => {
  it('reads a paused accepted socket into the caller buffer; the server counts it until it closes', async () => {
    const buffer = Buffer.alloc(64 * 1024)
    const got: Buffer[] = []
    let adopted: net.Socket | null = null
    let received = 0
    const payload = Buffer.alloc(300_000)
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (accepted) => {
      adopted = adoptAcceptedSocket(
        accepted,
        {
          buffer,
          callback: (n) => {
            got.push(Buffer.from(buffer.subarray(0, n)))
            received += n
            if (received === payload.length) adopted?.write('done')
            return true
          },
        },
        { allowHalfOpen: true, highWaterMark: 64 * 1024 },
      )
    })
    const port = await listen(server)
    const client = await connect(port, true)
    const reply: Buffer[] = []
    client.on('data', (d: Buffer) => reply.push(d))
    // Not ended: the connection stays open for the server's books below.
    client.write(payload)
    expect(await until(() => Buffer.concat(reply).toString() === 'done')).toBe(true)
    expect(adopted).not.toBeNull()
    expect(Buffer.concat(got).equals(payload)).toBe(true)

    const count = (): Promise<number> =>
      new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))))
    expect(await count()).toBe(1)
    let serverClosed = false
    server.close(() => (serverClosed = true))
    await sleep(50)
    // The connection is still open, so the server must still be waiting for it.
    expect(serverClosed).toBe(false)
    adopted!.destroy()
    expect(await until(() => serverClosed)).toBe(true)
    expect(await count()).toBe(0)
    client.destroy()
  })

  it('declines a socket that is already reading, which keeps working with data events', async () => {
    let result: net.Socket | null | undefined
    const server = net.createServer((accepted) => {
      result = adoptAcceptedSocket(
        accepted,
        { buffer: Buffer.alloc(1024), callback: () => true },
        { allowHalfOpen: false, highWaterMark: 1024 },
      )
      accepted.on('data', (d: Buffer) => accepted.write(d))
    })
    const port = await listen(server)
    const client = await connect(port)
    const echoed = new Promise<string>((resolve) => client.once('data', (d: Buffer) => resolve(d.toString())))
    client.write('still here')
    expect(await echoed).toBe('still here')
    expect(result).toBeNull()
    client.destroy()
    await closeServer(server)
  })

  it('declines a socket without a handle', () => {
    const unconnected = new net.Socket()
    expect(
      adoptAcceptedSocket(
        unconnected,
        { buffer: Buffer.alloc(16), callback: () => true },
        { allowHalfOpen: false, highWaterMark: 16 },
      ),
    ).toBeNull()
    unconnected.destroy()
  })
})

describe.each(['onread', 'data'] as const)('proxy client side read with %s', (mode: ClientReads) => {
  let server: EmbeddedToxiproxy
  let api: string
  let sink: net.Server
  let sinkPort: number
  const sinkConnections: SinkConnection[] = []
  /** Each connection pauses 20 ms after every `slowEvery` bytes (0: never), to back the proxy's writes up. */
  let slowEvery = 0

  beforeAll(async () => {
    server = new EmbeddedToxiproxy({ clientReads: mode })
    api = await server.listen()
    // The upstream: counts and hashes what arrives; answers the client's end of stream with its hash.
    sink = net.createServer({ allowHalfOpen: true }, (socket) => {
      const start = performance.now()
      const c: SinkConnection = {
        socket,
        bytes: 0,
        events: 0,
        firstAt: null,
        endAt: null,
        closed: false,
        hash: createHash('sha256'),
      }
      sinkConnections.push(c)
      let nextPause = slowEvery
      socket.on('error', () => undefined)
      socket.on('data', (d: Buffer) => {
        c.firstAt ??= performance.now() - start
        c.bytes += d.length
        c.events++
        c.hash.update(d)
        if (slowEvery > 0 && c.bytes >= nextPause) {
          nextPause += slowEvery
          socket.pause()
          setTimeout(() => socket.resume(), 20)
        }
      })
      socket.on('end', () => {
        c.endAt = performance.now() - start
        socket.end(c.hash.digest('hex'))
      })
      socket.on('close', () => (c.closed = true))
    })
    sinkPort = await listen(sink)
  })

  afterAll(async () => {
    await server.close()
    for (const c of sinkConnections) c.socket.destroy()
    await closeServer(sink)
  })

  async function newProxy(toxic?: Record<string, unknown>): Promise<{ name: string; port: number }> {
    const name = `p${Math.floor(Math.random() * 1e9)}`
    const res = await fetch(`${api}/proxies`, {
      method: 'POST',
      body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${sinkPort}` }),
    })
    const { listen: address } = (await res.json()) as { listen: string }
    if (toxic !== undefined) await addToxic(name, toxic)
    return { name, port: Number(address.split(':').pop()) }
  }

  async function addToxic(proxy: string, toxic: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${api}/proxies/${proxy}/toxics`, { method: 'POST', body: JSON.stringify(toxic) })
    expect(res.status).toBe(200)
  }

  /** Connects through the proxy and returns the client plus the upstream's record of the same connection. */
  async function open(port: number): Promise<{ client: net.Socket; upstream: SinkConnection }> {
    const before = sinkConnections.length
    const client = await connect(port, true)
    client.on('error', () => undefined)
    expect(await until(() => sinkConnections.length > before)).toBe(true)
    return { client, upstream: sinkConnections[before]! }
  }

  it(`reads the client side with ${mode}`, async () => {
    const { name, port } = await newProxy()
    const { client } = await open(port)
    expect(server.proxy(name)?.clientReadModes()).toEqual([mode])
    client.destroy()
    expect(await until(() => server.proxy(name)?.connectionCount === 0)).toBe(true)
  })

  it('an 8 MiB upload to a slow upstream arrives intact while an upstream toxic comes and goes; the half-close passes', async () => {
    slowEvery = 512 * 1024
    try {
      const { name, port } = await newProxy()
      const { client, upstream } = await open(port)
      const sent = Buffer.alloc(8 * 1024 * 1024)
      for (let i = 0; i < sent.length / 4; i++) sent.writeUInt32LE(i, i * 4)
      const reply: Buffer[] = []
      client.on('data', (d: Buffer) => reply.push(d))
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()))
      client.end(sent)
      // Mid-transfer the chain takes over (latency, then slicer) and hands back to the no-toxic path.
      expect(await until(() => upstream.bytes >= 1024 * 1024, 10_000)).toBe(true)
      await addToxic(name, { name: 'lag', type: 'latency', stream: 'upstream', attributes: { latency: 10 } })
      await addToxic(name, {
        name: 'cut',
        type: 'slicer',
        stream: 'upstream',
        attributes: { average_size: 4096 },
      })
      await sleep(100)
      await fetch(`${api}/proxies/${name}/toxics/lag`, { method: 'DELETE' })
      await fetch(`${api}/proxies/${name}/toxics/cut`, { method: 'DELETE' })
      const toxicsOffAt = upstream.bytes
      await Promise.race([ended, sleep(15_000)])
      expect(toxicsOffAt).toBeLessThan(sent.length)
      expect(upstream.bytes).toBe(sent.length)
      expect(Buffer.concat(reply).toString()).toBe(createHash('sha256').update(sent).digest('hex'))
      client.destroy()
    } finally {
      slowEvery = 0
    }
  })

  it('latency (upstream) delays what the upstream receives', async () => {
    const { port } = await newProxy({ type: 'latency', stream: 'upstream', attributes: { latency: 150 } })
    const { client, upstream } = await open(port)
    client.write('x')
    expect(await until(() => upstream.firstAt !== null)).toBe(true)
    expect(upstream.firstAt!).toBeGreaterThanOrEqual(140)
    client.destroy()
  })

  it('bandwidth (upstream) keeps the upload under the rate', async () => {
    const { port } = await newProxy({ type: 'bandwidth', stream: 'upstream', attributes: { rate: 100 } })
    const { client, upstream } = await open(port)
    const start = performance.now()
    client.write(Buffer.alloc(30_000, 1))
    expect(await until(() => upstream.bytes === 30_000, 5000)).toBe(true)
    const kbps = 30_000 / 1000 / ((performance.now() - start) / 1000)
    expect(kbps).toBeLessThanOrEqual(110)
    expect(kbps).toBeGreaterThan(40)
    client.destroy()
  })

  it('slicer (upstream) cuts the upload into several writes without changing it', async () => {
    const { port } = await newProxy({
      type: 'slicer',
      stream: 'upstream',
      attributes: { average_size: 1000, size_variation: 100, delay: 2000 },
    })
    const { client, upstream } = await open(port)
    const sent = Buffer.alloc(30_000)
    for (let i = 0; i < sent.length; i++) sent[i] = i % 253
    const reply: Buffer[] = []
    client.on('data', (d: Buffer) => reply.push(d))
    client.end(sent)
    expect(await until(() => reply.length > 0, 5000)).toBe(true)
    expect(upstream.bytes).toBe(sent.length)
    expect(upstream.events).toBeGreaterThanOrEqual(10)
    expect(Buffer.concat(reply).toString()).toBe(createHash('sha256').update(sent).digest('hex'))
    client.destroy()
  })

  it('limit_data (upstream) passes the limit, then closes the connection', async () => {
    const { port } = await newProxy({ type: 'limit_data', stream: 'upstream', attributes: { bytes: 1000 } })
    const { client, upstream } = await open(port)
    let clientEnded = false
    client.on('end', () => (clientEnded = true))
    client.write(Buffer.alloc(30_000, 2))
    // The proxy closes both sides (FIN); the half-open client sees the end of its stream.
    expect(await until(() => clientEnded && upstream.endAt !== null)).toBe(true)
    expect(upstream.bytes).toBe(1000)
  })

  it('timeout (upstream) swallows the upload and closes after the timeout', async () => {
    const { port } = await newProxy({ type: 'timeout', stream: 'upstream', attributes: { timeout: 200 } })
    const { client, upstream } = await open(port)
    const start = performance.now()
    let closedAt = -1
    client.on('end', () => (closedAt = performance.now() - start))
    client.write('lost')
    expect(await until(() => closedAt >= 0)).toBe(true)
    expect(closedAt).toBeGreaterThanOrEqual(150)
    expect(upstream.bytes).toBe(0)
  })

  it('reset_peer (upstream) resets the client (ECONNRESET) on its first write', async () => {
    const { port } = await newProxy({ type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } })
    const { client, upstream } = await open(port)
    let error: string | null = null
    client.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
    client.write('boom')
    expect(await until(() => error !== null)).toBe(true)
    expect(error).toBe('ECONNRESET')
    expect(upstream.bytes).toBe(0)
  })

  it("slow_close (upstream) holds the client's half-close back by the delay", async () => {
    const { port } = await newProxy({ type: 'slow_close', stream: 'upstream', attributes: { delay: 250 } })
    const { client, upstream } = await open(port)
    const reply: Buffer[] = []
    client.on('data', (d: Buffer) => reply.push(d))
    client.end('x')
    expect(await until(() => upstream.endAt !== null)).toBe(true)
    expect(upstream.bytes).toBe(1)
    expect(upstream.endAt! - upstream.firstAt!).toBeGreaterThanOrEqual(200)
    // The other direction stays open: the upstream's answer to the half-close still reaches the client.
    expect(await until(() => reply.length > 0)).toBe(true)
    client.destroy()
  })

  it("a client's reset closes the upstream side and frees the connection", async () => {
    const { name, port } = await newProxy()
    const { client, upstream } = await open(port)
    client.write('hello')
    expect(await until(() => upstream.bytes === 5)).toBe(true)
    client.resetAndDestroy()
    expect(await until(() => upstream.closed)).toBe(true)
    expect(await until(() => server.proxy(name)?.connectionCount === 0)).toBe(true)
  })

  it('disabling the proxy (down) with open connections completes and closes them', async () => {
    const { name, port } = await newProxy()
    const a = await open(port)
    const b = await open(port)
    let closed = 0
    for (const c of [a.client, b.client]) c.on('end', () => closed++)
    const started = performance.now()
    const res = await fetch(`${api}/proxies/${name}`, {
      method: 'POST',
      body: JSON.stringify({ enabled: false }),
    })
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await until(() => closed === 2 && a.upstream.closed && b.upstream.closed)).toBe(true)
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
