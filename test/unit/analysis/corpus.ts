// Locates the shared third-party corpus (read in place, never copied): $GAUNTLET_CORPUS or ../shared/corpus.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(
  process.env.GAUNTLET_CORPUS ??
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'corpus'),
)
export const CHANGEPOINTS_DIR = join(root, 'changepoints')
export const corpusAvailable = existsSync(CHANGEPOINTS_DIR)
if (!corpusAvailable) console.log(`analysis corpus tests skipped: no corpus at ${root} (set GAUNTLET_CORPUS)`)

export function readCorpusJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(CHANGEPOINTS_DIR, ...parts), 'utf8')) as T
}
