// Raw API answers are checked structurally (toEqual), so they are typed loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
// Drives the embedded proxy through Toxiproxy's whole HTTP API with the npm client users already have
// (toxiproxy-node-client), plus raw requests for the status codes and error bodies the client hides.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client'
import { EmbeddedToxiproxy } from '../../../src/chaos/proxy/embedded-server.js'
import { EMBEDDED_PROXY_VERSION } from '../../../src/chaos/constants.js'

let server: EmbeddedToxiproxy
let url: string
let echo: net.Server
let echoAddr: string

beforeAll(async () => {
  echo = net.createServer((s) => s.pipe(s))
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()))
  echoAddr = `127.0.0.1:${(echo.address() as net.AddressInfo).port}`
  server = new EmbeddedToxiproxy()
  url = await server.listen('127.0.0.1:0')
})

afterAll(async () => {
  await server.close()
  await new Promise<void>((r) => echo.close(() => r()))
})

async function raw(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

async function roundTrip(address: string, payload: string): Promise<string> {
  const [host, port] = address.split(':')
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), host, () => s.write(payload))
    let got = ''
    s.on('data', (d) => {
      got += d.toString()
      if (got.length >= payload.length) {
        s.destroy()
        resolve(got)
      }
    })
    s.on('error', reject)
    setTimeout(() => reject(new Error('round trip timed out')), 3000).unref()
  })
}

describe('embedded proxy driven by toxiproxy-node-client', () => {
  it('creates, lists, gets, updates and deletes proxies and toxics, resets, populates and reports its version', async () => {
    const client = new Toxiproxy(url)
    expect(JSON.parse(await client.getVersion())).toEqual({ version: EMBEDDED_PROXY_VERSION })

    const proxy = await client.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echoAddr })
    expect(proxy.name).toBe('echo')
    expect(proxy.enabled).toBe(true)
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(proxy.listen).not.toBe('127.0.0.1:0')
    expect(await roundTrip(proxy.listen, 'hello')).toBe('hello')

    const all = await client.getAll()
    expect(Object.keys(all)).toEqual(['echo'])
    expect((await client.get('echo')).upstream).toBe(echoAddr)

    const toxic = await proxy.addToxic({
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 50, jitter: 0 },
    } as never)
    expect(toxic.toJson()).toEqual({
      attributes: { latency: 50, jitter: 0 },
      name: 'slow',
      stream: 'downstream',
      toxicity: 1,
      type: 'latency',
    })
    const fetched = await proxy.getToxic('slow')
    expect(fetched.attributes).toEqual({ latency: 50, jitter: 0 })
    const updated = await fetched.update({ attributes: { latency: 80 } } as never)
    expect(updated.attributes).toEqual({ latency: 80, jitter: 0 })
    expect(updated.toxicity).toBe(1)

    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: echoAddr })
    expect(disabled.enabled).toBe(false)
    await expect(roundTrip(proxy.listen, 'x')).rejects.toThrow()
    const enabled = await disabled.update({ enabled: true, listen: proxy.listen, upstream: echoAddr })
    expect(enabled.enabled).toBe(true)

    await updated.remove()
    await expect(proxy.getToxic('slow')).rejects.toBeInstanceOf(ToxiproxyError)

    await proxy.addToxic({
      name: 'gone',
      type: 'timeout',
      stream: 'upstream',
      toxicity: 1,
      attributes: {},
    } as never)
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: echoAddr })
    await client.reset()
    const afterReset = await client.get('echo')
    expect(afterReset.enabled).toBe(true)
    expect((await raw('GET', '/proxies/echo/toxics')).json).toEqual([])

    const populated = await client.populate([
      { name: 'echo', listen: afterReset.listen, upstream: echoAddr },
      { name: 'second', listen: '127.0.0.1:0', upstream: echoAddr },
    ])
    expect(Object.keys(populated).sort()).toEqual(['echo', 'second'])
    expect(await roundTrip(populated.second!.listen, 'abc')).toBe('abc')

    await populated.second!.remove()
    await afterReset.remove()
    expect(await client.getAll()).toEqual({})
  })
})

describe('embedded proxy API status codes and error bodies (as Toxiproxy)', () => {
  it.each([
    ['GET', '/proxies/missing', undefined, 404, { error: 'proxy not found', status: 404 }],
    ['DELETE', '/proxies/missing', undefined, 404, { error: 'proxy not found', status: 404 }],
    [
      'POST',
      '/proxies',
      { upstream: '127.0.0.1:1' },
      400,
      { error: 'missing required field: name', status: 400 },
    ],
    ['POST', '/proxies', { name: 'x' }, 400, { error: 'missing required field: upstream', status: 400 }],
    [
      'POST',
      '/populate',
      [{ name: 'a' }],
      400,
      { error: 'missing required field: upstream at proxy 1', status: 400 },
    ],
  ])('%s %s → %i', async (method, path, body, status, json) => {
    const r = await raw(method, path, body)
    expect(r.status).toBe(status)
    expect(r.json).toEqual(json)
  })

  it('answers 201 on create, 409 on a duplicate, 200 on toxic create, 409/404/400 on toxic errors, 204 on delete', async () => {
    const created = await raw('POST', '/proxies', {
      name: 'codes',
      listen: '127.0.0.1:0',
      upstream: echoAddr,
    })
    expect(created.status).toBe(201)
    expect(Object.keys(created.json)).toEqual(['name', 'listen', 'upstream', 'enabled', 'toxics'])
    expect((await raw('POST', '/proxies', { name: 'codes', upstream: echoAddr })).status).toBe(409)

    const toxic = await raw('POST', '/proxies/codes/toxics', { type: 'bandwidth', attributes: { rate: 10 } })
    expect(toxic.status).toBe(200)
    expect(toxic.json).toEqual({
      attributes: { rate: 10 },
      name: 'bandwidth_downstream',
      type: 'bandwidth',
      stream: 'downstream',
      toxicity: 1,
    })
    expect((await raw('POST', '/proxies/codes/toxics', { type: 'bandwidth' })).json).toEqual({
      error: 'toxic already exists',
      status: 409,
    })
    expect((await raw('POST', '/proxies/codes/toxics', { type: 'nope' })).json).toEqual({
      error: 'invalid toxic type',
      status: 400,
    })
    expect((await raw('POST', '/proxies/codes/toxics', { type: 'latency', stream: 'sideways' })).status).toBe(
      400,
    )
    expect((await raw('POST', '/proxies/codes/toxics', '{not json')).status).toBe(400)
    expect((await raw('GET', '/proxies/codes/toxics/nope')).json).toEqual({
      error: 'toxic not found',
      status: 404,
    })
    expect(
      (await raw('PATCH', '/proxies/codes/toxics/bandwidth_downstream', { toxicity: 0.5 })).json.toxicity,
    ).toBe(0.5)
    expect((await raw('DELETE', '/proxies/codes/toxics/bandwidth_downstream')).status).toBe(204)
    expect((await raw('DELETE', '/proxies/codes')).status).toBe(204)
    expect((await raw('POST', '/reset')).status).toBe(204)
    expect((await raw('GET', '/nothing')).status).toBe(404)
  })

  it('refuses browsers (403) and non-loopback listen addresses unless allowed', async () => {
    const browser = await fetch(`${url}/proxies`, { headers: { 'User-Agent': 'Mozilla/5.0' } })
    expect(browser.status).toBe(403)
    const remote = await raw('POST', '/proxies', { name: 'wide', listen: '0.0.0.0:0', upstream: echoAddr })
    expect(remote.status).toBe(400)
    expect(remote.json.error).toMatch(/not a loopback address/)
    expect((await raw('GET', '/proxies/wide')).status).toBe(404)
  })
})
