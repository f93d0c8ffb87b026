// Every toxic of the embedded proxy on real loopback sockets, with its effect measured.
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedToxiproxy } from '../../../src/chaos/proxy/embedded-server.js'

let server: EmbeddedToxiproxy
let api: string
const upstreams: net.Server[] = []

async function listen(handler: (s: net.Socket) => void): Promise<string> {
  const srv = net.createServer({ allowHalfOpen: true }, handler)
  srv.on('error', () => undefined)
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  upstreams.push(srv)
  return `127.0.0.1:${(srv.address() as net.AddressInfo).port}`
}

let echoAddr: string
let bytesAddr: string
let byeAddr: string
const SOURCE_BYTES = 30_000

beforeAll(async () => {
  server = new EmbeddedToxiproxy()
  api = await server.listen()
  echoAddr = await listen((s) => {
    s.on('error', () => undefined)
    s.on('data', (d) => s.write(d))
    s.on('end', () => s.end())
  })
  // Sends SOURCE_BYTES on connect, then closes.
  bytesAddr = await listen((s) => {
    s.on('error', () => undefined)
    s.end(Buffer.alloc(SOURCE_BYTES, 97))
  })
  byeAddr = await listen((s) => {
    s.on('error', () => undefined)
    s.end('bye')
  })
})

afterAll(async () => {
  await server.close()
  for (const u of upstreams) await new Promise<void>((r) => u.close(() => r()))
})

afterEach(async () => {
  const res = await fetch(`${api}/proxies`)
  const all = (await res.json()) as Record<string, unknown>
  for (const name of Object.keys(all)) await fetch(`${api}/proxies/${name}`, { method: 'DELETE' })
})

async function proxyTo(upstream: string, toxic?: Record<string, unknown>): Promise<string> {
  return (await namedProxyTo(upstream, toxic)).listen
}

async function namedProxyTo(
  upstream: string,
  toxic?: Record<string, unknown>,
): Promise<{ name: string; listen: string }> {
  const res = await fetch(`${api}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name: `p${Math.floor(Math.random() * 1e9)}`, listen: '127.0.0.1:0', upstream }),
  })
  const proxy = (await res.json()) as { name: string; listen: string }
  if (toxic !== undefined) {
    const t = await fetch(`${api}/proxies/${proxy.name}/toxics`, {
      method: 'POST',
      body: JSON.stringify(toxic),
    })
    expect(t.status).toBe(200)
  }
  return proxy
}

function connect(address: string): Promise<net.Socket> {
  const [host, port] = address.split(':')
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: host!, port: Number(port), noDelay: true }, () => resolve(s))
    s.once('error', reject)
  })
}

/** Round-trip time of one small message through an echo upstream. */
async function rtt(address: string): Promise<number> {
  const s = await connect(address)
  const start = performance.now()
  const done = new Promise<number>((resolve, reject) => {
    s.once('data', () => resolve(performance.now() - start))
    s.once('error', reject)
    setTimeout(() => reject(new Error('no echo within 3s')), 3000).unref()
  })
  s.write('ping')
  try {
    return await done
  } finally {
    s.destroy()
  }
}

interface Received {
  bytes: number
  events: number
  firstAt: number
  endAt: number | null
  error: string | null
}

/** Reads until end/close/error or `limitMs`. */
function receive(s: net.Socket, limitMs: number): Promise<Received> {
  const start = performance.now()
  const r: Received = { bytes: 0, events: 0, firstAt: -1, endAt: null, error: null }
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer)
      resolve(r)
    }
    const timer = setTimeout(finish, limitMs)
    s.on('data', (d: Buffer) => {
      if (r.firstAt < 0) r.firstAt = performance.now() - start
      r.bytes += d.length
      r.events++
    })
    s.on('end', () => {
      r.endAt = performance.now() - start
      finish()
    })
    s.on('error', (e: NodeJS.ErrnoException) => {
      r.error = e.code ?? e.message
      finish()
    })
    s.on('close', finish)
  })
}

describe('embedded proxy toxics on loopback sockets', () => {
  it('passes bytes unchanged without toxics, with little added latency', async () => {
    const address = await proxyTo(echoAddr)
    const samples = [] as number[]
    for (let i = 0; i < 5; i++) samples.push(await rtt(address))
    expect(Math.min(...samples)).toBeLessThan(50)
  })

  it('latency (downstream) adds the configured delay', async () => {
    const address = await proxyTo(echoAddr, { type: 'latency', attributes: { latency: 150 } })
    const t = await rtt(address)
    expect(t).toBeGreaterThanOrEqual(145)
    expect(t).toBeLessThan(400)
  })

  it('latency (upstream) with jitter stays within latency ± jitter', async () => {
    const address = await proxyTo(echoAddr, {
      type: 'latency',
      stream: 'upstream',
      attributes: { latency: 100, jitter: 40 },
    })
    for (let i = 0; i < 3; i++) {
      const t = await rtt(address)
      expect(t).toBeGreaterThanOrEqual(58)
      expect(t).toBeLessThan(340)
    }
  })

  it('toxicity 0 leaves connections unaffected', async () => {
    const address = await proxyTo(echoAddr, { type: 'latency', toxicity: 0, attributes: { latency: 500 } })
    expect(await rtt(address)).toBeLessThan(200)
  })

  it('updating a toxic re-draws toxicity on open connections (as Toxiproxy)', async () => {
    const { name, listen: address } = await namedProxyTo(echoAddr, {
      name: 'slow',
      type: 'latency',
      toxicity: 0,
      attributes: { latency: 200 },
    })
    const s = await connect(address)
    const once = (): Promise<number> =>
      new Promise((resolve) => {
        const start = performance.now()
        s.once('data', () => resolve(performance.now() - start))
        s.write('x')
      })
    expect(await once()).toBeLessThan(150)
    await fetch(`${api}/proxies/${name}/toxics/slow`, {
      method: 'POST',
      body: JSON.stringify({ toxicity: 1 }),
    })
    expect(await once()).toBeGreaterThanOrEqual(195)
    s.destroy()
  })

  it('removing a latency toxic releases held data at once', async () => {
    const { name, listen: address } = await namedProxyTo(echoAddr)
    await fetch(`${api}/proxies/${name}/toxics`, {
      method: 'POST',
      body: JSON.stringify({ name: 'hold', type: 'latency', attributes: { latency: 5000 } }),
    })
    const s = await connect(address)
    const connectedAt = performance.now()
    const got = receive(s, 3000)
    s.write('held')
    await new Promise((r) => setTimeout(r, 100))
    const removedAt = performance.now() - connectedAt
    await fetch(`${api}/proxies/${name}/toxics/hold`, { method: 'DELETE' })
    s.end()
    const r = await got
    expect(r.bytes).toBe(4)
    expect(r.firstAt).toBeGreaterThanOrEqual(removedAt)
    expect(r.firstAt - removedAt).toBeLessThan(1000)
    s.destroy()
  })

  it('bandwidth keeps throughput under the rate', async () => {
    const address = await proxyTo(bytesAddr, { type: 'bandwidth', attributes: { rate: 100 } })
    const start = performance.now()
    const r = await receive(await connect(address), 5000)
    const seconds = (performance.now() - start) / 1000
    expect(r.bytes).toBe(SOURCE_BYTES)
    const kbps = SOURCE_BYTES / 1000 / seconds
    expect(kbps).toBeLessThanOrEqual(110)
    expect(kbps).toBeGreaterThan(40)
  })

  it('slow_close holds the close back by the delay', async () => {
    const address = await proxyTo(byeAddr, { type: 'slow_close', attributes: { delay: 250 } })
    const r = await receive(await connect(address), 3000)
    expect(r.bytes).toBe(3)
    expect(r.endAt).not.toBeNull()
    expect(r.endAt! - r.firstAt).toBeGreaterThanOrEqual(200)
  })

  it('timeout drops data and closes the connection after the timeout', async () => {
    const address = await proxyTo(echoAddr, { type: 'timeout', attributes: { timeout: 200 } })
    const s = await connect(address)
    const start = performance.now()
    const got = receive(s, 3000)
    s.write('lost')
    const r = await got
    expect(r.bytes).toBe(0)
    expect(performance.now() - start).toBeGreaterThanOrEqual(150)
    expect(performance.now() - start).toBeLessThan(2500)
  })

  it('timeout 0 holds the connection open with no data until the toxic is removed', async () => {
    const { name, listen: address } = await namedProxyTo(echoAddr)
    await fetch(`${api}/proxies/${name}/toxics`, {
      method: 'POST',
      body: JSON.stringify({ name: 'stall', type: 'timeout', attributes: { timeout: 0 } }),
    })
    const s = await connect(address)
    const got = receive(s, 3000)
    s.write('lost')
    await new Promise((r) => setTimeout(r, 300))
    expect(s.destroyed).toBe(false)
    const removedAt = performance.now()
    await fetch(`${api}/proxies/${name}/toxics/stall`, { method: 'DELETE' })
    const r = await got
    expect(r.bytes).toBe(0)
    expect(performance.now() - removedAt).toBeLessThan(2500)
  })

  it('reset_peer resets the connection (ECONNRESET)', async () => {
    const address = await proxyTo(echoAddr, { type: 'reset_peer', attributes: { timeout: 0 } })
    const s = await connect(address)
    const got = receive(s, 3000)
    s.write('boom')
    const r = await got
    expect(r.error).toBe('ECONNRESET')
    expect(r.bytes).toBe(0)
  })

  it('slicer cuts data into several small writes without changing it', async () => {
    const address = await proxyTo(bytesAddr, {
      type: 'slicer',
      attributes: { average_size: 1000, size_variation: 100, delay: 2000 },
    })
    const r = await receive(await connect(address), 5000)
    expect(r.bytes).toBe(SOURCE_BYTES)
    expect(r.events).toBeGreaterThanOrEqual(10)
  })

  it('limit_data closes the connection after the byte limit', async () => {
    const address = await proxyTo(bytesAddr, { type: 'limit_data', attributes: { bytes: 1000 } })
    const r = await receive(await connect(address), 3000)
    expect(r.bytes).toBe(1000)
  })

  it.each(['downstream', 'upstream'] as const)(
    'a %s latency toxic added to a live connection applies, and lifting it restores the round trip',
    async (stream) => {
      const { name, listen: address } = await namedProxyTo(echoAddr)
      const s = await connect(address)
      const roundTrip = (): Promise<number> =>
        new Promise((resolve, reject) => {
          const start = performance.now()
          const timer = setTimeout(() => reject(new Error('no echo within 3s')), 3000)
          s.once('data', () => {
            clearTimeout(timer)
            resolve(performance.now() - start)
          })
          s.write('x')
        })
      const before = await roundTrip()
      const added = await fetch(`${api}/proxies/${name}/toxics`, {
        method: 'POST',
        body: JSON.stringify({ name: 'lag', type: 'latency', stream, attributes: { latency: 200 } }),
      })
      expect(added.status).toBe(200)
      const during = await roundTrip()
      await fetch(`${api}/proxies/${name}/toxics/lag`, { method: 'DELETE' })
      const after = await roundTrip()
      s.destroy()
      expect(before).toBeLessThan(150)
      expect(during).toBeGreaterThanOrEqual(195)
      expect(after).toBeLessThan(150)
    },
  )

  it('bytes stay intact and in order while toxics come and go on a live transfer with a slow reader', async () => {
    // 8 MiB whose every 4-byte word is its own index: a lost, repeated, reordered or overwritten piece shows.
    const words = 2 * 1024 * 1024
    const sent = Buffer.alloc(words * 4)
    for (let i = 0; i < words; i++) sent.writeUInt32LE(i, i * 4)
    const { name, listen: address } = await namedProxyTo(echoAddr)
    const s = await connect(address)
    const chunks: Buffer[] = []
    let received = 0
    let toxicsOnAt = -1
    let toxicsOffAt = -1
    const toggle = async (): Promise<void> => {
      toxicsOnAt = received
      for (const [toxic, stream, attributes] of [
        ['lag', 'downstream', { latency: 20 }],
        ['cut', 'upstream', { average_size: 4096, size_variation: 1000 }],
      ] as const) {
        await fetch(`${api}/proxies/${name}/toxics`, {
          method: 'POST',
          body: JSON.stringify({
            name: toxic,
            type: toxic === 'lag' ? 'latency' : 'slicer',
            stream,
            attributes,
          }),
        })
      }
      await new Promise((r) => setTimeout(r, 150))
      await fetch(`${api}/proxies/${name}/toxics/lag`, { method: 'DELETE' })
      await fetch(`${api}/proxies/${name}/toxics/cut`, { method: 'DELETE' })
      toxicsOffAt = received
    }
    const toggled: Promise<void>[] = []
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received} bytes within 15s`)), 15_000)
      let nextPause = 256 * 1024
      s.on('data', (d: Buffer) => {
        chunks.push(d)
        received += d.length
        if (toggled.length === 0 && received >= 1024 * 1024) toggled.push(toggle())
        // Then a slow reader.
        if (received >= nextPause) {
          nextPause += 256 * 1024
          s.pause()
          setTimeout(() => s.resume(), 20)
        }
        if (received >= sent.length) {
          clearTimeout(timer)
          resolve()
        }
      })
      s.once('error', reject)
    })
    // Not reading at first keeps the client's receive window small (Linux grows it only as the reader keeps up),
    // so the proxy's writes back up and the no-toxic path must hold its reads until they are flushed.
    s.pause()
    setTimeout(() => s.resume(), 300)
    s.write(sent)
    await done
    await Promise.all(toggled)
    s.destroy()
    expect(toxicsOnAt).toBeGreaterThan(0)
    // The toxics were lifted mid-transfer, so both paths (chain and fast) carried part of it.
    expect(toxicsOffAt).toBeLessThan(sent.length)
    expect(Buffer.concat(chunks).equals(sent)).toBe(true)
  })

  it('down (enabled: false) refuses connections', async () => {
    const { name, listen: address } = await namedProxyTo(echoAddr)
    await fetch(`${api}/proxies/${name}`, { method: 'POST', body: JSON.stringify({ enabled: false }) })
    await expect(connect(address)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
