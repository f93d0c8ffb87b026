import { ConfigError } from './config-error.js'
import { loadConfig } from './load.js'
import type { Config } from './schema.js'
import { STAGE_NAMES } from '../model/stage.js'

/** What `gauntlet validate` reports: the config and a short human summary, or every problem as a line. */
export type ValidationResult =
  | { readonly ok: true; readonly config: Config; readonly summary: string }
  | { readonly ok: false; readonly errors: string[] }

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${ms}ms`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** A few lines saying what the config will do, so a user can check it means what they think. */
export function summarizeConfig(config: Config): string {
  const lines: string[] = []
  for (const name of STAGE_NAMES) {
    const stage = config.stages[name]
    if (stage === undefined) continue
    const parts = [
      plural(stage.run?.length ?? 0, 'command'),
      `timeout ${duration(stage.timeout)}`,
      plural(stage.results.length, 'result glob'),
    ]
    if (stage.services.length > 0) parts.push(plural(stage.services.length, 'service'))
    if (stage.retries > 0) parts.push(plural(stage.retries, 'retry').replace('retrys', 'retries'))
    if ('repeat' in stage && stage.repeat > 1) parts.push(`repeat ${stage.repeat}`)
    if (stage['continue-on-error']) parts.push('continue-on-error')
    lines.push(`  ${name}: ${parts.join(', ')}`)
  }
  const head = lines.length === 0 ? 'stages: none configured' : 'stages:'
  return [head, ...lines].join('\n')
}

/**
 * Loads and validates the config at `path` for `gauntlet validate`. Never throws for a bad or missing config:
 * problems come back as `file:line:col: key: found; expected` lines. Unexpected errors (bugs) still throw.
 */
export async function validateConfigFile(path: string): Promise<ValidationResult> {
  try {
    const config = await loadConfig(path)
    return { ok: true, config, summary: summarizeConfig(config) }
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, errors: err.lines() }
    throw err
  }
}
