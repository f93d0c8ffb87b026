// Starts the key-value service: `PORT` (default 8080), `HOST` (default 127.0.0.1), and `STORE_URL` to use a
// remote HTTP store instead of memory (the chaos stage points it at the fault proxy).
import { createApp } from './app.mjs'
import { createMemoryStore, createRemoteStore } from './store.mjs'

const port = Number(process.env.PORT ?? 8080)
const host = process.env.HOST ?? '127.0.0.1'
const store = process.env.STORE_URL
  ? createRemoteStore(process.env.STORE_URL, Number(process.env.STORE_TIMEOUT_MS ?? 1000))
  : createMemoryStore()
const server = createApp(store)
server.listen(port, host, () => console.log(`kv-service listening on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
