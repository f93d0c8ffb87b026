// Plans the workflow-command annotations of a run. GitHub shows at most 10 error and 10 warning annotations per
// step (and 10 notices); more are dropped silently, so we choose which ones show (failing tests with a file:line
// first) and summarise the rest in one line. The shell emits them with core.error/core.warning, which escape
// the workflow-command properties.

import type { Finding, FindingKind } from '../model/finding.js'
import { cleanText, truncateText } from './escape.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** One annotation to emit. Text is plain (no markdown); the emitter escapes it for the workflow command. */
export interface Annotation {
  readonly level: AnnotationLevel
  readonly file?: string
  readonly line?: number
  readonly title: string
  readonly message: string
}

/** Per-step limits; GitHub's are 10 of each level. */
export interface AnnotationLimits {
  readonly error: number
  readonly warning: number
  readonly notice: number
}

/** GitHub's per-step annotation limits. */
export const GITHUB_ANNOTATION_LIMITS: AnnotationLimits = { error: 10, warning: 10, notice: 10 }

/** The planned annotations and how many findings did not fit (to be mentioned in one summary line). */
export interface AnnotationPlan {
  readonly annotations: readonly Annotation[]
  readonly summarised: number
  /** A one-line summary of what did not fit, or null when everything fit. */
  readonly summary: string | null
}

const KIND_TITLES: Partial<Record<FindingKind, string>> = {
  'test-new-failure': 'New test failure',
  'test-still-failing': 'Test still failing',
  'test-flaky': 'Flaky test',
  'test-slowed': 'Test slowed down',
  'metric-regression': 'Performance regression',
  budget: 'Budget exceeded',
  'chaos-failed': 'Chaos experiment broke',
  'stage-failed': 'Stage failed',
  leak: 'Memory growth',
  trend: 'Trend towards a budget',
  changepoint: 'Change point',
}

/** Failing tests first (they have a place in the code), then other findings with a location, then the rest. */
function priority(f: Finding): number {
  if (f.kind === 'test-new-failure') return 0
  if (f.kind === 'test-still-failing') return 1
  if (f.location) return 2
  return 3
}

function levelOf(f: Finding): AnnotationLevel | null {
  if (f.severity === 'critical' || f.severity === 'error') return 'error'
  if (f.severity === 'warning') return 'warning'
  return null
}

/** Workspace-relative path without `..`, so an annotation can never point outside the repository. */
function safePath(file: string): string | undefined {
  const parts = cleanText(file)
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.')
  if (parts.some((p) => p === '..') || parts.length === 0) return undefined
  return parts.join('/')
}

/**
 * Chooses the annotations of a run within `limits` (errors and warnings; `info` findings are not annotated).
 * Messages are the rule that fired plus the first lines of the failure message, bounded.
 */
export function planAnnotations(
  findings: readonly Finding[],
  limits: AnnotationLimits = GITHUB_ANNOTATION_LIMITS,
): AnnotationPlan {
  const candidates = findings
    .map((f, i) => ({ f, i, level: levelOf(f) }))
    .filter((c): c is { f: Finding; i: number; level: AnnotationLevel } => c.level !== null)
    .sort((a, b) => priority(a.f) - priority(b.f) || a.i - b.i)
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const annotations: Annotation[] = []
  let summarised = 0
  for (const { f, level } of candidates) {
    if (used[level] >= limits[level]) {
      summarised++
      continue
    }
    used[level]++
    const file = f.location ? safePath(f.location.file) : undefined
    const line = f.location?.line !== undefined && f.location.line > 0 ? f.location.line : undefined
    const message = [f.reason, f.message ? cleanText(f.message).split('\n').slice(0, 8).join('\n') : '']
      .filter((s) => s !== '')
      .join('\n')
    annotations.push({
      level,
      ...(file !== undefined ? { file } : {}),
      ...(file !== undefined && line !== undefined ? { line } : {}),
      title: truncateText(`${KIND_TITLES[f.kind] ?? f.kind}: ${cleanText(f.title).replace(/\n/g, ' ')}`, 200),
      message: truncateText(message, 2_000),
    })
  }
  const summary =
    summarised > 0
      ? `${summarised} more finding${summarised === 1 ? '' : 's'} not annotated (GitHub shows ${limits.error} errors and ${limits.warning} warnings per step); see the job summary.`
      : null
  return { annotations, summarised, summary }
}
