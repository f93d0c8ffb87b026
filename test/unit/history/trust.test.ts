import { describe, expect, it } from 'vitest'
import type { ArtifactProvenance } from '../../../src/history/trust.js'
import { defaultTrustPolicy, judgeProvenance, judgeRecord } from '../../../src/history/trust.js'
import { makeRecord } from '../../fixtures/history/records.js'

const policy = defaultTrustPolicy('main')
const same: ArtifactProvenance = { runId: 5, repositoryId: 1, headRepositoryId: 1, headBranch: 'main' }

describe('judgeProvenance', () => {
  it.each([
    ['same repository, main', same, null, true, ''],
    ['fork run', { ...same, headRepositoryId: 2 }, null, false, 'fork'],
    ['other branch', { ...same, headBranch: 'dev' }, null, false, 'not a baseline branch'],
    ['no branch', { ...same, headBranch: null }, null, false, 'not a baseline branch'],
    ['other repository id', same, 9, false, 'not 9'],
    ['no provenance', null, null, false, 'does not say'],
  ] as const)('%s', (_name, p, expected, trusted, reason) => {
    const v = judgeProvenance(p, policy, expected)
    expect(v.trusted).toBe(trusted)
    if (!v.trusted) expect(v.reason).toContain(reason)
  })
})

describe('judgeRecord', () => {
  const rec = (o: Omit<Parameters<typeof makeRecord>[0], 'timestamp'>) =>
    makeRecord({ ...o, timestamp: '2026-01-01T00:00:00Z' })
  it.each([
    ['trusted push with matching provenance', rec({ runId: 5 }), same, true, ''],
    ['record claims another run', rec({ runId: 6 }), same, false, 'claims run 6'],
    [
      'record claims main, run was on dev',
      rec({ runId: 5 }),
      { ...same, headBranch: 'dev' },
      false,
      'not a baseline branch',
    ],
    [
      'fork artifact whose record says main',
      rec({ runId: 5 }),
      { ...same, headRepositoryId: 7 },
      false,
      'fork',
    ],
    ['untrusted event', rec({ runId: 5, event: 'pull_request' }), same, false, 'not a trusted event'],
    ['schedule is trusted', rec({ runId: 5, event: 'schedule' }), same, true, ''],
    ['PR number present', rec({ runId: 5, prNumber: 3 }), same, false, 'pull request #3'],
    ['no provenance: own fields, trusted', rec({ runId: 5 }), null, true, ''],
    [
      'no provenance: fork head repository',
      rec({ runId: 5, headRepository: 'evil/widgets' }),
      null,
      false,
      'evil/widgets',
    ],
    ['no provenance: other branch', rec({ runId: 5, branch: 'x' }), null, false, 'branch x'],
  ] as const)('%s', (_name, r, p, trusted, reason) => {
    const v = judgeRecord(r, p, policy)
    expect(v.trusted).toBe(trusted)
    if (!v.trusted) expect(v.reason).toContain(reason)
  })
})
