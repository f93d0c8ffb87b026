// The kv service's backing store in the chaos stage: a tiny HTTP key-value store that the service reaches through
// the fault proxy (the service's STORE_URL points at the proxy, the proxy's upstream at this process).
//   GET /{key}     200 value | 404
//   PUT /{key}     201 created | 200 updated (body = value, at most 64 KiB)
//   DELETE /{key}  204 | 404
//   GET /          200 number of keys
// Env: STORE_PORT (default 38491), STORE_HOST (default 127.0.0.1). No dependencies.
import { createServer } from 'node:http'

const MAX_VALUE_BYTES = 64 * 1024
const port = Number(process.env.STORE_PORT ?? 38491)
const host = process.env.STORE_HOST ?? '127.0.0.1'
const entries = new Map()

const server = createServer((req, res) => {
  const send = (status, body = '') => {
    if (res.headersSent) return
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(body)
  }
  const key = decodeURIComponent(new URL(req.url ?? '/', 'http://store').pathname.slice(1))
  if (key === '')
    return req.method === 'GET' ? send(200, String(entries.size)) : send(405, 'method not allowed\n')
  if (req.method === 'GET') return entries.has(key) ? send(200, entries.get(key)) : send(404, 'no such key\n')
  if (req.method === 'DELETE') return send(entries.delete(key) ? 204 : 404)
  if (req.method !== 'PUT') return send(405, 'method not allowed\n')
  const chunks = []
  let size = 0
  req.on('data', (c) => {
    size += c.length
    if (size <= MAX_VALUE_BYTES) chunks.push(c)
  })
  req.on('end', () => {
    if (size > MAX_VALUE_BYTES) return send(413, 'value too large\n')
    const existed = entries.has(key)
    entries.set(key, Buffer.concat(chunks).toString('utf8'))
    send(existed ? 200 : 201, existed ? 'updated\n' : 'created\n')
  })
})
server.keepAliveTimeout = 5000
server.listen(port, host, () => console.log(`kv store listening on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
