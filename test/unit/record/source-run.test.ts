import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../../src/record/run-info.js'
import {
  SourceRunError,
  isForkPullRequest,
  runInfoFromWorkflowRun,
  workflowRunSource,
} from '../../../src/record/source-run.js'

const SHA = 'c'.repeat(40)
const RUNNER = { os: 'Linux', arch: 'X64', cpuModel: 'cpu', cores: 2 }
const ENV = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_EVENT_NAME: 'workflow_run',
  GITHUB_RUN_ID: '2000',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SHA: 'd'.repeat(40),
  GITHUB_SERVER_URL: 'https://github.example',
}

const FORK_EVENT: EventPayload = {
  repository: { full_name: 'acme/shop', default_branch: 'main' },
  workflow_run: {
    id: 1234,
    run_attempt: 3,
    head_sha: SHA,
    head_branch: 'feature',
    event: 'pull_request',
    head_repository: { id: 77, full_name: 'mallory/shop' },
    pull_requests: [],
  },
}

describe('workflowRunSource', () => {
  it('reads the source run of a fork PR (no attached pull request)', () => {
    expect(workflowRunSource(FORK_EVENT)).toEqual({
      runId: 1234,
      attempt: 3,
      headSha: SHA,
      headBranch: 'feature',
      event: 'pull_request',
      headRepository: 'mallory/shop',
      headRepositoryId: 77,
      pullRequest: null,
    })
  })

  it('uses the pull request GitHub attached for a same-repository branch', () => {
    const payload: EventPayload = {
      workflow_run: {
        ...FORK_EVENT.workflow_run,
        pull_requests: [
          { number: 5, head: { ref: 'feature', sha: SHA, repo: { id: 1 } }, base: { ref: 'main' } },
        ],
      },
    }
    expect(workflowRunSource(payload).pullRequest).toEqual({
      number: 5,
      headBranch: 'feature',
      baseBranch: 'main',
      headRepositoryId: 1,
    })
  })

  it.each([
    [{}, /no workflow_run object/],
    [{ workflow_run: { head_sha: SHA } }, /workflow_run.id/],
    [{ workflow_run: { id: -1, head_sha: SHA } }, /workflow_run.id/],
    [{ workflow_run: { id: 1 } }, /workflow_run.head_sha/],
  ] as const)('refuses %j with a SourceRunError naming the field', (payload, message) => {
    expect(() => workflowRunSource(payload as EventPayload)).toThrow(SourceRunError)
    expect(() => workflowRunSource(payload as EventPayload)).toThrow(message)
  })

  it('defaults a missing or bad run_attempt to 1', () => {
    const payload = { workflow_run: { id: 1, head_sha: SHA, run_attempt: 0 } } as EventPayload
    expect(workflowRunSource(payload).attempt).toBe(1)
  })
})

describe('runInfoFromWorkflowRun', () => {
  it('describes the source run, not this job’s, with the resolved pull request', () => {
    const now = new Date('2026-11-23T12:00:00Z')
    const pr = { number: 9, headBranch: 'feature', baseBranch: 'main', headRepositoryId: 77 }
    const info = runInfoFromWorkflowRun(ENV, workflowRunSource(FORK_EVENT), pr, RUNNER, now)
    expect(info).toMatchObject({
      repository: 'acme/shop',
      headRepository: 'mallory/shop',
      sha: SHA,
      branch: 'feature',
      event: 'pull_request',
      prNumber: 9,
      baseBranch: 'main',
      runId: 1234,
      attempt: 3,
      url: 'https://github.example/acme/shop/actions/runs/1234',
      timestamp: now.toISOString(),
    })
  })

  it('has no PR number when none was found', () => {
    const info = runInfoFromWorkflowRun(ENV, workflowRunSource(FORK_EVENT), null, RUNNER, new Date())
    expect(info.prNumber).toBeNull()
    expect(info.baseBranch).toBeNull()
  })
})

describe('isForkPullRequest', () => {
  it.each([
    [
      'a fork',
      {
        pull_request: { head: { repo: { full_name: 'mallory/shop' } } },
        repository: { full_name: 'acme/shop' },
      },
      true,
    ],
    [
      'a branch',
      {
        pull_request: { head: { repo: { full_name: 'acme/shop' } } },
        repository: { full_name: 'acme/shop' },
      },
      false,
    ],
    [
      'a deleted fork (head repo null)',
      { pull_request: { head: { repo: null } }, repository: { full_name: 'acme/shop' } },
      false,
    ],
    ['a push', { repository: { full_name: 'acme/shop' } }, false],
  ] as const)('%s → %s', (_name, payload, fork) => {
    expect(isForkPullRequest(payload as EventPayload)).toBe(fork)
  })
})
