// Runs against the service the integration stage started (see .github/gauntlet.yml: services).
import { describe, it, expect } from 'vitest'

const base = process.env.KV_URL ?? 'http://127.0.0.1:38471'

describe('kv-service over HTTP', () => {
  it('is healthy', async () => {
    const res = await fetch(`${base}/health`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('ok\n')
  })

  it('stores and returns a value', async () => {
    const key = `it-${Date.now()}`
    expect((await fetch(`${base}/kv/${key}`, { method: 'PUT', body: 'hello' })).status).toBe(201)
    expect(await (await fetch(`${base}/kv/${key}`)).text()).toBe('hello')
  })

  it('updates in place and deletes', async () => {
    const key = `upd-${Date.now()}`
    await fetch(`${base}/kv/${key}`, { method: 'PUT', body: '1' })
    expect((await fetch(`${base}/kv/${key}`, { method: 'PUT', body: '2' })).status).toBe(200)
    expect((await fetch(`${base}/kv/${key}`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${base}/kv/${key}`)).status).toBe(404)
  })

  it('keeps 200 concurrent writes', async () => {
    const prefix = `c-${Date.now()}`
    const before = (await (await fetch(`${base}/stats`)).json()).keys
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${base}/kv/${prefix}-${i}`, { method: 'PUT', body: String(i) }),
      ),
    )
    const after = (await (await fetch(`${base}/stats`)).json()).keys
    expect(after - before).toBe(200)
  })

  it('rejects a key with control characters', async () => {
    const res = await fetch(`${base}/kv/${encodeURIComponent('bad\u0001key')}`, { method: 'PUT', body: 'x' })
    expect(res.status).toBe(400)
  })
})
