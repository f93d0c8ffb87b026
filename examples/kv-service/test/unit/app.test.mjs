import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { createApp } from '../../src/app.mjs'
import { createMemoryStore } from '../../src/store.mjs'

let server
let base

beforeAll(async () => {
  server = createApp(createMemoryStore())
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('http api', () => {
  it('answers health checks', async () => {
    const res = await fetch(`${base}/health`)
    expect(res.status).toBe(200)
  })

  it('round-trips a value with an encoded key', async () => {
    const key = encodeURIComponent('a/b c')
    expect((await fetch(`${base}/kv/${key}`, { method: 'PUT', body: 'v' })).status).toBe(201)
    const res = await fetch(`${base}/kv/${key}`)
    expect(await res.text()).toBe('v')
  })

  it('answers 405 with an Allow header for other methods', async () => {
    const res = await fetch(`${base}/kv/x`, { method: 'POST', body: '' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, PUT, DELETE')
  })

  it('answers 413 for a value over the limit', async () => {
    const res = await fetch(`${base}/kv/big`, { method: 'PUT', body: 'x'.repeat(70 * 1024) })
    expect(res.status).toBe(413)
  })
})
