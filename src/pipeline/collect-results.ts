import { stat } from 'node:fs/promises'
import { basename, relative, resolve } from 'node:path'
import { glob } from 'tinyglobby'
import type { ParsedTestCase } from '../model/index.js'
import { parseResultFile } from '../parsers/index.js'
import type { Collect, CollectContext, CollectedMetric, CollectedResults } from '../stages/index.js'

/**
 * Files whose modification time is older than the run's start by more than this were left by an earlier run
 * (or attempt) and are ignored. The slack absorbs coarse file-system timestamps.
 */
const STALE_SLACK_MS = 1000

export interface CollectorOptions {
  /** Root the reported file paths are made relative to (the workspace). */
  readonly workspace: string
  readonly maxBytes?: number
}

/**
 * Builds the stage runner's collector: expands each `results` glob in the stage's working directory, skips files
 * an earlier run left behind, and parses each file with its declared format (or by sniffing). A file that
 * cannot be parsed becomes an error naming it; the other files are still read, so one bad report never hides
 * the rest.
 */
export function createCollector(options: CollectorOptions): Collect {
  return async (ctx: CollectContext): Promise<CollectedResults> => {
    const tests: ParsedTestCase[] = []
    const metrics: CollectedMetric[] = []
    const files: string[] = []
    const errors: string[] = []
    for (const spec of ctx.results) {
      const matches = await glob(spec.path, {
        cwd: ctx.workingDirectory,
        absolute: true,
        onlyFiles: true,
        dot: true,
      })
      const fresh: string[] = []
      for (const file of matches.sort()) {
        const info = await stat(file)
        if (info.mtimeMs >= ctx.startedAt.getTime() - STALE_SLACK_MS) fresh.push(file)
      }
      if (fresh.length === 0) {
        const stale =
          matches.length > 0 ? ` (${matches.length} older file(s) from an earlier run ignored)` : ''
        errors.push(`results '${spec.path}' matched no file written by this run${stale}`)
        continue
      }
      for (const file of fresh) {
        const shown = relative(options.workspace, file) || file
        try {
          const parsed = await parseResultFile(file, spec.format, {
            ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
          })
          files.push(shown)
          if (parsed.kind === 'tests') tests.push(...parsed.report.tests)
          else {
            const suite = spec.suite ?? parsed.report.suite ?? basename(file).replace(/\.[^.]*$/, '')
            for (const m of parsed.report.metrics) metrics.push({ ...m, suite })
          }
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err)
          errors.push(`${shown}: ${message.replace(`${file}: `, '').replace(`${resolve(file)}: `, '')}`)
        }
      }
    }
    return { tests, metrics, files, errors }
  }
}
