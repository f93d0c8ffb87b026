/**
 * Config loading cost: `parseConfig` on the full fixture (valid path) and on the many-mistakes fixture (error
 * path: zod issues, union reduction, "did you mean", YAML locations). The config is read once per run, so the
 * target only guards against an accidental blow-up: ≤ 25 ms per parse on the shared 2-core machine, either path.
 * Most of the time is the `yaml` parse itself (CST + Document with source ranges), not validation.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { ConfigError } from '../src/config/config-error.js'
import { parseConfig } from '../src/config/load.js'

const ITERATIONS = 300
const TARGET_MS = 25

async function fixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../test/fixtures/config/${name}`, import.meta.url)), 'utf8')
}

function time(label: string, text: string, expectError: boolean): void {
  // Warm-up so JIT compilation is not counted.
  for (let i = 0; i < 20; i++) parse(text, expectError)
  const start = process.hrtime.bigint()
  for (let i = 0; i < ITERATIONS; i++) parse(text, expectError)
  const perParse = Number(process.hrtime.bigint() - start) / 1e6 / ITERATIONS
  const ratio = perParse / TARGET_MS
  process.stdout.write(
    `config ${label}: ${perParse.toFixed(3)} ms/parse (target ≤ ${TARGET_MS} ms, ratio ${ratio.toFixed(2)}) ${ratio <= 1 ? 'OK' : 'OVER'}\n`,
  )
}

function parse(text: string, expectError: boolean): void {
  try {
    parseConfig(text, 'bench.yml')
    if (expectError) throw new Error('expected a ConfigError')
  } catch (err) {
    if (!(expectError && err instanceof ConfigError)) throw err
  }
}

/** Prints ms per parse for a valid and an invalid config, with the ratio to the target. */
export async function run(): Promise<void> {
  time('valid (full.yml)', await fixture('full.yml'), false)
  time('invalid (many-mistakes.yml, 6 problems)', await fixture('many-mistakes.yml'), true)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
