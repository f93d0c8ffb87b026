import { describe, expect, it } from 'vitest'
import { apiBaseUrl, isGhesServer, parseRepository } from '../../../src/github/env.js'
import { maskSignedUrl, redactUrlQueries } from '../../../src/github/masking.js'
import { classifyUploadError } from '../../../src/history/artifact-transport.js'
import { isLive, newestFirst, toListedArtifact } from '../../../src/history/artifact-listing.js'
import { mapBounded } from '../../../src/history/bounded-parallel.js'
import { shardArtifactName, shardFromArtifactName } from '../../../src/history/shard-name.js'

const now = new Date('2026-06-01T00:00:00Z')
const raw = (o: Record<string, unknown>) =>
  toListedArtifact({
    id: 1,
    name: 'gauntlet-run',
    size_in_bytes: 1,
    created_at: '2026-05-01T00:00:00Z',
    expires_at: '2026-07-01T00:00:00Z',
    expired: false,
    workflow_run: { id: 9, repository_id: 1, head_repository_id: 1, head_branch: 'main' },
    ...o,
  })

describe('artifact listing', () => {
  it.each([
    ['live', {}, true],
    ['flagged expired', { expired: true }, false],
    ['expires_at passed', { expires_at: '2026-05-31T00:00:00Z' }, false],
    ['no expiry', { expires_at: null }, true],
  ])('%s', (_n, o, live) => expect(isLive(raw(o), now)).toBe(live))
  it('drops provenance when workflow_run lacks ids', () => {
    expect(raw({ workflow_run: { id: 9 } }).provenance).toBeNull()
    expect(raw({}).provenance).toMatchObject({ runId: 9, headBranch: 'main' })
  })
  it('orders newest first by created_at, then id', () => {
    const list = [raw({ id: 1 }), raw({ id: 3, created_at: '2026-05-02T00:00:00Z' }), raw({ id: 2 })]
    expect(newestFirst(list).map((a) => a.id)).toEqual([3, 2, 1])
  })
})

describe('names and environment', () => {
  it.each([
    ['linux-1', 'gauntlet-shard-linux-1'],
    ['a.b_c', 'gauntlet-shard-a.b_c'],
  ])('shard %s', (s, name) => {
    expect(shardArtifactName(s)).toBe(name)
    expect(shardFromArtifactName(name)).toBe(s)
  })
  it.each(['../x', 'a/b', '', 'a:b', '..'])('refuses shard name %j', (s) =>
    expect(() => shardArtifactName(s)).toThrow(/not allowed/),
  )
  it.each([
    [undefined, false],
    ['https://github.com', false],
    ['https://acme.ghe.com', false],
    ['http://fake.localhost:8080', false],
    ['http://127.0.0.1:3000', true],
    ['https://github.acme.corp', true],
  ])('GITHUB_SERVER_URL %s is GHES: %s', (url, ghes) =>
    expect(isGhesServer({ GITHUB_SERVER_URL: url })).toBe(ghes),
  )
  it('reads the API URL and repository', () => {
    expect(apiBaseUrl({})).toBe('https://api.github.com')
    expect(apiBaseUrl({ GITHUB_API_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9')
    expect(parseRepository('acme/widgets')).toEqual({ owner: 'acme', repo: 'widgets' })
    expect(parseRepository('nope')).toBeNull()
  })
  it('masks signed URLs and redacts queries in messages', () => {
    const masked: string[] = []
    maskSignedUrl('http://h/b?sv=1&sig=ab%2Bc', (s) => masked.push(s))
    expect(masked).toContain('ab+c')
    expect(redactUrlQueries('failed GET http://h/b?sig=secret now')).toBe(
      'failed GET http://h/b?[redacted] now',
    )
  })
  it.each([
    [
      new Error(
        'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
      ),
      'conflict',
    ],
    [Object.assign(new Error('Artifact storage quota has been hit'), { name: 'UsageError' }), 'quota'],
    [new Error('ECONNRESET'), 'other'],
  ])('classifies upload error %#', (err, kind) => expect(classifyUploadError(err)).toBe(kind))
  it('mapBounded keeps order and the limit', async () => {
    let inFlight = 0
    let most = 0
    const out = await mapBounded([1, 2, 3, 4, 5], 2, async (x) => {
      most = Math.max(most, ++inFlight)
      await Promise.resolve()
      inFlight--
      return x * 2
    })
    expect(out).toEqual([2, 4, 6, 8, 10])
    expect(most).toBe(2)
  })
})
