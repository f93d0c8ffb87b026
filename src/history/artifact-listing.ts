/**
 * Finding artifacts across runs: `GET /repos/{owner}/{repo}/actions/artifacts?name=…`, every page (Octokit
 * follows the `Link` header), mapped to a small typed shape; plus the pure filters applied to the listing.
 */
import type { GitHubClient } from '../github/octokit.js'
import type { RepositoryRef } from '../github/env.js'
import { MAX_LIST_PAGES } from './constants.js'
import type { ArtifactProvenance } from './trust.js'

/** One artifact as the REST listing reports it. */
export interface ListedArtifact {
  readonly id: number
  readonly name: string
  readonly sizeInBytes: number
  readonly createdAt: string | null
  readonly expiresAt: string | null
  readonly expired: boolean
  /** `workflow_run` of the listing: the only trustworthy statement of where the artifact came from. */
  readonly provenance: ArtifactProvenance | null
}

interface RawArtifact {
  id: number
  name: string
  size_in_bytes: number
  created_at: string | null
  expires_at: string | null
  expired: boolean
  workflow_run?: {
    id?: number
    repository_id?: number
    head_repository_id?: number
    head_branch?: string | null
    head_sha?: string
  } | null
}

/** Maps the REST shape; provenance is null unless every field the trust check needs is present. */
export function toListedArtifact(a: RawArtifact): ListedArtifact {
  const w = a.workflow_run
  const provenance: ArtifactProvenance | null =
    w &&
    typeof w.id === 'number' &&
    typeof w.repository_id === 'number' &&
    typeof w.head_repository_id === 'number'
      ? {
          runId: w.id,
          repositoryId: w.repository_id,
          headRepositoryId: w.head_repository_id,
          headBranch: w.head_branch ?? null,
          headSha: w.head_sha ?? null,
        }
      : null
  return {
    id: a.id,
    name: a.name,
    sizeInBytes: a.size_in_bytes,
    createdAt: a.created_at,
    expiresAt: a.expires_at,
    expired: a.expired,
    provenance,
  }
}

/** Human name of an artifact for warnings: `artifact gauntlet-run #42 (run 1234)`. */
export function describeArtifact(a: ListedArtifact): string {
  return `artifact ${a.name} #${a.id}${a.provenance ? ` (run ${a.provenance.runId})` : ''}`
}

/** True when the artifact is still downloadable: not flagged expired and `expires_at` in the future. */
export function isLive(a: ListedArtifact, now: Date): boolean {
  if (a.expired) return false
  if (a.expiresAt === null) return true
  const t = Date.parse(a.expiresAt)
  return Number.isNaN(t) || t > now.getTime()
}

/** Newest first, by `created_at` then id (GitHub's own order is undocumented). */
export function newestFirst(list: readonly ListedArtifact[]): ListedArtifact[] {
  const time = (a: ListedArtifact): number => (a.createdAt ? Date.parse(a.createdAt) || 0 : 0)
  return [...list].sort((a, b) => time(b) - time(a) || b.id - a.id)
}

/**
 * Lists every artifact of the repository with exactly this name, all pages.
 * @returns the artifacts and whether the page bound cut the listing short
 */
export async function listArtifactsNamed(
  client: GitHubClient,
  repository: RepositoryRef,
  name: string,
  maxPages = MAX_LIST_PAGES,
): Promise<{ artifacts: ListedArtifact[]; truncated: boolean }> {
  const artifacts: ListedArtifact[] = []
  let pages = 0
  let truncated = false
  for await (const page of client.paginate.iterator(client.rest.actions.listArtifactsForRepo, {
    owner: repository.owner,
    repo: repository.repo,
    name,
    per_page: 100,
  })) {
    for (const a of page.data as RawArtifact[]) if (a.name === name) artifacts.push(toListedArtifact(a))
    if (++pages >= maxPages) {
      truncated = true
      break
    }
  }
  return { artifacts, truncated }
}
