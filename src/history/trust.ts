/**
 * The security boundary of history: which records may form the baseline. Pure functions.
 *
 * Provenance from the REST artifact listing (`workflow_run`) is the authority, never fields inside a record:
 * fork pull requests upload into the base repository, and the record's content is whatever the fork wrote.
 */
import type { RunRecord } from '../model/index.js'
import { DEFAULT_TRUSTED_EVENTS } from './constants.js'

/** Which runs may form the baseline. */
export interface TrustPolicy {
  /** Branches whose runs form the baseline (default: the repository's default branch). */
  readonly baselineBranches: readonly string[]
  /** Events whose runs form the baseline. */
  readonly trustedEvents: readonly string[]
}

/** Where an artifact came from, as GitHub's REST listing reports it (`artifact.workflow_run`). */
export interface ArtifactProvenance {
  readonly runId: number
  readonly repositoryId: number
  readonly headRepositoryId: number
  readonly headBranch: string | null
  readonly headSha?: string | null
}

export type TrustVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string }

const TRUSTED: TrustVerdict = { trusted: true }
const untrusted = (reason: string): TrustVerdict => ({ trusted: false, reason })

/** The default policy: the given default branch and push/schedule/workflow_dispatch. */
export function defaultTrustPolicy(defaultBranch: string): TrustPolicy {
  return { baselineBranches: [defaultBranch], trustedEvents: [...DEFAULT_TRUSTED_EVENTS] }
}

/**
 * Judges an artifact by its listing provenance alone: it must come from a run of the base repository itself
 * (not a fork) on a baseline branch.
 * @param expectedRepositoryId the base repository's id when known (`GITHUB_REPOSITORY_ID`); null skips that check
 */
export function judgeProvenance(
  p: ArtifactProvenance | null,
  policy: TrustPolicy,
  expectedRepositoryId: number | null = null,
): TrustVerdict {
  if (!p) return untrusted('the listing does not say which workflow run uploaded it')
  if (expectedRepositoryId !== null && p.repositoryId !== expectedRepositoryId) {
    return untrusted(`uploaded in repository id ${p.repositoryId}, not ${expectedRepositoryId}`)
  }
  if (p.headRepositoryId !== p.repositoryId) {
    return untrusted(`run ${p.runId} came from another repository (fork id ${p.headRepositoryId})`)
  }
  if (p.headBranch === null || !policy.baselineBranches.includes(p.headBranch)) {
    return untrusted(`run ${p.runId} is on branch ${p.headBranch ?? '(none)'}, not a baseline branch`)
  }
  return TRUSTED
}

/**
 * Judges a record for the baseline.
 * With provenance (artifacts backend) the record must also agree with it (same run id and branch), so a
 * record copied from elsewhere cannot borrow a trusted artifact's identity. Its `event` is believed only
 * because the provenance shows the base repository's own code wrote it.
 * Without provenance (directory backend, or this run's own record) the record's fields are all there is.
 */
export function judgeRecord(
  record: RunRecord,
  provenance: ArtifactProvenance | null,
  policy: TrustPolicy,
  expectedRepositoryId: number | null = null,
): TrustVerdict {
  const run = record.run
  if (provenance) {
    const p = judgeProvenance(provenance, policy, expectedRepositoryId)
    if (!p.trusted) return p
    if (run.runId !== provenance.runId) {
      return untrusted(
        `the record claims run ${run.runId} but the artifact belongs to run ${provenance.runId}`,
      )
    }
    if (run.branch !== provenance.headBranch) {
      return untrusted(
        `the record claims branch ${run.branch} but run ${provenance.runId} ran on ${provenance.headBranch}`,
      )
    }
  } else {
    if (run.headRepository !== run.repository) {
      return untrusted(`run ${run.runId} came from ${run.headRepository}, not ${run.repository}`)
    }
    if (!policy.baselineBranches.includes(run.branch)) {
      return untrusted(`run ${run.runId} is on branch ${run.branch}, not a baseline branch`)
    }
  }
  if (!policy.trustedEvents.includes(run.event)) {
    return untrusted(`run ${run.runId} was triggered by ${run.event}, not a trusted event`)
  }
  if (run.prNumber !== null) return untrusted(`run ${run.runId} belongs to pull request #${run.prNumber}`)
  return TRUSTED
}
