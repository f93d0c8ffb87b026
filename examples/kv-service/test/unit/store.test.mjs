import { describe, it, expect } from 'vitest'
import {
  createMemoryStore,
  validateKey,
  ValidationError,
  MAX_KEY_LENGTH,
  MAX_VALUE_BYTES,
} from '../../src/store.mjs'

describe('memory store', () => {
  it('creates, reads, updates and deletes a key', async () => {
    const store = createMemoryStore()
    expect(await store.put('a', '1')).toBe('created')
    expect(await store.get('a')).toBe('1')
    expect(await store.put('a', '2')).toBe('updated')
    expect(await store.get('a')).toBe('2')
    expect(await store.delete('a')).toBe(true)
    expect(await store.get('a')).toBeUndefined()
    expect(await store.delete('a')).toBe(false)
  })

  it('expires keys by their ttl on the injected clock', async () => {
    let now = 1_000
    const store = createMemoryStore(() => now)
    await store.put('session', 'x', 500)
    now = 1_499
    expect(await store.get('session')).toBe('x')
    now = 1_500
    expect(await store.get('session')).toBeUndefined()
    expect(await store.size()).toBe(0)
  })

  it('counts only live keys', async () => {
    let now = 0
    const store = createMemoryStore(() => now)
    await store.put('a', '1')
    await store.put('b', '2', 10)
    now = 20
    expect(await store.size()).toBe(1)
  })

  it('rejects a value over the size limit', async () => {
    const store = createMemoryStore()
    await expect(store.put('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).rejects.toThrow(ValidationError)
  })
})

describe('validateKey', () => {
  it.each([
    ['', 'non-empty'],
    ['k'.repeat(MAX_KEY_LENGTH + 1), 'longer than'],
    ['a\nb', 'control characters'],
  ])('rejects %j', (key, message) => {
    expect(() => validateKey(key)).toThrow(message)
  })

  it.each(['a', 'user:42', 'ünïcødé', 'k'.repeat(MAX_KEY_LENGTH)])('accepts %j', (key) => {
    expect(validateKey(key)).toBe(key)
  })
})
