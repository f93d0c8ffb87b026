// The key-value store behind the service: an in-memory map, or a remote HTTP store (STORE_URL) reached
// through the chaos proxy in the chaos stage. Both expose the same async interface.

/** Keys are short printable strings; values are bounded so one client cannot exhaust memory. */
export const MAX_KEY_LENGTH = 256
export const MAX_VALUE_BYTES = 64 * 1024

export class ValidationError extends Error {}

/** Throws ValidationError when a key is empty, too long, or has control characters. */
export function validateKey(key) {
  if (typeof key !== 'string' || key.length === 0) throw new ValidationError('key must be a non-empty string')
  if (key.length > MAX_KEY_LENGTH) throw new ValidationError(`key longer than ${MAX_KEY_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new ValidationError('key contains control characters')
  return key
}

/** Throws ValidationError when a value is larger than MAX_VALUE_BYTES. */
export function validateValue(value) {
  if (Buffer.byteLength(value) > MAX_VALUE_BYTES)
    throw new ValidationError(`value larger than ${MAX_VALUE_BYTES} bytes`)
  return value
}

/** In-memory store with optional per-key expiry; `now` is injected so tests need no sleeps. */
export function createMemoryStore(now = () => Date.now()) {
  const entries = new Map()
  const live = (key) => {
    const e = entries.get(key)
    if (e === undefined) return undefined
    if (e.expiresAt !== null && e.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return e
  }
  return {
    async get(key) {
      return live(validateKey(key))?.value
    },
    async put(key, value, ttlMs = null) {
      validateKey(key)
      validateValue(value)
      const existed = live(key) !== undefined
      entries.set(key, { value, expiresAt: ttlMs === null ? null : now() + ttlMs })
      return existed ? 'updated' : 'created'
    },
    async delete(key) {
      return entries.delete(validateKey(key)) && true
    },
    async size() {
      let n = 0
      for (const key of entries.keys()) if (live(key) !== undefined) n++
      return n
    },
  }
}

/** A store that forwards to an HTTP store (`GET/PUT/DELETE {url}/{key}`), with a per-request timeout. */
export function createRemoteStore(baseUrl, timeoutMs = 1000) {
  const url = (key) => `${baseUrl.replace(/\/$/, '')}/${encodeURIComponent(validateKey(key))}`
  const call = async (method, key, body) => {
    const res = await fetch(url(key), { method, body, signal: AbortSignal.timeout(timeoutMs) })
    return { status: res.status, text: await res.text() }
  }
  return {
    async get(key) {
      const r = await call('GET', key)
      if (r.status === 404) return undefined
      if (r.status !== 200) throw new Error(`store answered ${r.status}`)
      return r.text
    },
    async put(key, value) {
      validateValue(value)
      const r = await call('PUT', key, value)
      if (r.status !== 200 && r.status !== 201) throw new Error(`store answered ${r.status}`)
      return r.status === 201 ? 'created' : 'updated'
    },
    async delete(key) {
      const r = await call('DELETE', key)
      if (r.status !== 204 && r.status !== 404) throw new Error(`store answered ${r.status}`)
      return r.status === 204
    },
    async size() {
      const res = await fetch(`${baseUrl.replace(/\/$/, '')}/`, { signal: AbortSignal.timeout(timeoutMs) })
      return Number(await res.text())
    },
  }
}
