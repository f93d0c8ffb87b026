import { describe, expect, it } from 'vitest'
import {
  repositoryFromRemote,
  runInfoForLocal,
  runInfoFromActions,
  RunInfoError,
} from '../../../src/record/run-info.js'
import { fingerprintKey, runnerFingerprint } from '../../../src/record/runner-fingerprint.js'

const runner = { os: 'Linux', arch: 'X64', cpuModel: 'AMD EPYC 7763', cores: 4 }
const now = new Date('2026-11-23T10:00:00Z')
const baseEnv = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://github.com',
}

describe('runInfoFromActions', () => {
  it('reads a push on the default branch', () => {
    const info = runInfoFromActions(
      { ...baseEnv, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' },
      {},
      runner,
      now,
    )
    expect(info).toMatchObject({
      repository: 'acme/shop',
      headRepository: 'acme/shop',
      branch: 'main',
      event: 'push',
      prNumber: null,
      runId: 123,
      attempt: 2,
      timestamp: '2026-11-23T10:00:00.000Z',
      url: 'https://github.com/acme/shop/actions/runs/123',
    })
  })

  it('takes branch, sha and head repository of a fork pull request from the payload', () => {
    const info = runInfoFromActions(
      {
        ...baseEnv,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_REF_NAME: '7/merge',
      },
      {
        pull_request: {
          number: 7,
          head: { ref: 'feature', sha: 'b'.repeat(40), repo: { full_name: 'mallory/shop' } },
          base: { ref: 'main' },
        },
      },
      runner,
      now,
    )
    expect(info).toMatchObject({
      headRepository: 'mallory/shop',
      branch: 'feature',
      sha: 'b'.repeat(40),
      prNumber: 7,
      baseBranch: 'main',
    })
  })

  it('names the missing variable outside Actions', () => {
    expect(() => runInfoFromActions({}, {}, runner, now)).toThrow(RunInfoError)
    expect(() => runInfoFromActions({}, {}, runner, now)).toThrow(/GITHUB_REPOSITORY is not set/)
  })
})

describe('runInfoForLocal', () => {
  it('uses the git facts and the start time as run id', () => {
    const info = runInfoForLocal({ sha: 'c0ffee', branch: 'dev', remote: 'acme/shop' }, runner, now)
    expect(info).toMatchObject({
      repository: 'acme/shop',
      branch: 'dev',
      event: 'local',
      runId: now.getTime(),
    })
  })
})

describe('repositoryFromRemote', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'acme/shop'],
    ['git@github.com:acme/shop.git', 'acme/shop'],
    ['https://github.com/acme/shop', 'acme/shop'],
    ['not a url', undefined],
  ])('%s → %s', (url, expected) => {
    expect(repositoryFromRemote(url)).toBe(expected)
  })
})

describe('runnerFingerprint', () => {
  const os = {
    platform: () => 'linux',
    arch: () => 'x64',
    cpus: () => [{ model: 'Intel  Xeon ' }, { model: 'x' }],
  }

  it('prefers the runner variables and normalises the cpu model', () => {
    const f = runnerFingerprint(os, { RUNNER_OS: 'Linux', ImageOS: 'ubuntu24', ImageVersion: '20261101.1' })
    expect(f).toEqual({
      os: 'Linux',
      arch: 'x64',
      cpuModel: 'Intel Xeon',
      cores: 2,
      imageVersion: 'ubuntu24/20261101.1',
    })
  })

  it('gives equal keys for equal machines and different keys for different cpus', () => {
    const a = runnerFingerprint(os, {})
    const b = runnerFingerprint({ ...os, cpus: () => [{ model: 'AMD EPYC' }, { model: 'x' }] }, {})
    expect(fingerprintKey(a)).toBe(fingerprintKey(runnerFingerprint(os, {})))
    expect(fingerprintKey(a)).not.toBe(fingerprintKey(b))
  })
})
