import { createServer } from 'node:http'
import { ValidationError, MAX_VALUE_BYTES } from './store.mjs'

/**
 * The HTTP key-value API:
 *   GET /health            200 "ok"
 *   GET /stats             200 {"keys", "rssBytes", "heapUsedBytes", "requests"}
 *   GET /kv/:key           200 value | 404
 *   PUT /kv/:key           201 created | 200 updated (body = value; header x-ttl-ms optional)
 *   DELETE /kv/:key        204 | 404
 * A failing backing store answers 503, so clients (and the chaos stage's probes) can tell it from a bug.
 */
export function createApp(store) {
  let requests = 0
  return createServer((req, res) => {
    requests++
    handle(req, res).catch((err) => {
      const status = err instanceof ValidationError ? 400 : err instanceof BodyTooLarge ? 413 : 503
      send(res, status, `${err.message}\n`)
    })
  })

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/health') return send(res, 200, 'ok\n')
    if (url.pathname === '/stats') {
      const mem = process.memoryUsage()
      return send(
        res,
        200,
        JSON.stringify({
          keys: await store.size(),
          rssBytes: mem.rss,
          heapUsedBytes: mem.heapUsed,
          requests,
        }),
        'application/json',
      )
    }
    const match = /^\/kv\/(.+)$/.exec(url.pathname)
    if (match === null) return send(res, 404, 'not found\n')
    const key = decodeURIComponent(match[1])
    switch (req.method) {
      case 'GET': {
        const value = await store.get(key)
        return value === undefined ? send(res, 404, 'no such key\n') : send(res, 200, value)
      }
      case 'PUT': {
        const ttl = req.headers['x-ttl-ms'] === undefined ? null : Number(req.headers['x-ttl-ms'])
        const outcome = await store.put(key, await readBody(req), Number.isFinite(ttl) ? ttl : null)
        return send(res, outcome === 'created' ? 201 : 200, `${outcome}\n`)
      }
      case 'DELETE':
        return (await store.delete(key)) ? send(res, 204, '') : send(res, 404, 'no such key\n')
      default:
        res.setHeader('allow', 'GET, PUT, DELETE')
        return send(res, 405, 'method not allowed\n')
    }
  }
}

class BodyTooLarge extends Error {}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    // Past the limit the rest of the body is read and dropped rather than the socket destroyed, so the
    // client still receives the 413 instead of a reset connection.
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_VALUE_BYTES) reject(new BodyTooLarge(`value larger than ${MAX_VALUE_BYTES} bytes`))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': type })
  res.end(body)
}
