// Runs the README's local-debugging command (`npx local-action run . src/main.ts .env`, taken from the README
// itself) against a temporary workspace, with a `.env` built from the repository's .env.example plus the
// few variables that point at that workspace. local-action stubs @actions/core, so outputs come back as the
// `::set-output` lines its stub prints and the summary lands in the file GITHUB_STEP_SUMMARY names. Its
// `setFailed` stub records the failure without changing the exit code, which the README says too.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve('.')
const LOCAL_ACTION_BIN = join(ROOT, 'node_modules/.bin/local-action')
const RUN_TIMEOUT_MS = 120_000

/** The one `npx local-action …` line of the README's "Debug locally" block. */
function readmeCommand(): string[] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('npx local-action '))
  if (lines.length !== 1)
    throw new Error(`README.md: expected one 'npx local-action' line, found ${lines.length}`)
  return lines[0]!.trim().split(/\s+/)
}

const CONFIG = `version: 1
stages:
  unit:
    run: node write-results.mjs
    results: { path: reports/unit.xml, format: junit }
  benchmark:
    run: node write-bench.mjs
    results: { path: reports/bench.json, format: gauntlet }
`

const WRITE_RESULTS = `import { mkdirSync, writeFileSync } from 'node:fs'
mkdirSync('reports', { recursive: true })
const fail = process.env.E2E_FAIL === '1'
writeFileSync('reports/unit.xml', \`<?xml version="1.0"?>
<testsuite name="shop" tests="2" failures="\${fail ? 1 : 0}">
  <testcase classname="cart" name="adds an item" time="0.01"/>
  <testcase classname="cart" name="removes an item" time="0.02">\${fail ? '<failure message="expected 0, got 1">boom</failure>' : ''}</testcase>
</testsuite>\`)
`

const WRITE_BENCH = `import { mkdirSync, writeFileSync } from 'node:fs'
mkdirSync('reports', { recursive: true })
writeFileSync('reports/bench.json', JSON.stringify({ suite: 'shop', metrics: [{ name: 'checkout', unit: 'ms', samples: [10, 11, 10] }] }))
`

interface LocalRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly outputs: Record<string, string>
  readonly summary: string
}

let dir: string
let workspace: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-local-action-'))
  workspace = join(dir, 'workspace')
  await mkdir(join(workspace, '.github'), { recursive: true })
  await writeFile(join(workspace, '.github/gauntlet.yml'), CONFIG)
  await writeFile(join(workspace, 'write-results.mjs'), WRITE_RESULTS)
  await writeFile(join(workspace, 'write-bench.mjs'), WRITE_BENCH)
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/**
 * Runs the README command with `.env` replaced by a file of .env.example's lines followed by `overrides`
 * (dotenv keeps the last value of a repeated key). Bounded: the whole process group is killed after
 * RUN_TIMEOUT_MS.
 */
async function runLocalAction(name: string, overrides: Record<string, string>): Promise<LocalRun> {
  const summaryPath = join(dir, `${name}-summary.md`)
  const envFile = join(dir, `${name}.env`)
  const example = await readFile(join(ROOT, '.env.example'), 'utf8')
  const lines = Object.entries({
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    // Every stage of the config above, not the example's unit-only selection.
    INPUT_STAGES: '',
    ...overrides,
  }).map(([k, v]) => `${k}=${v}`)
  await writeFile(envFile, `${example}\n# test overrides\n${lines.join('\n')}\n`)

  const [command, ...args] = readmeCommand()
  expect(command).toBe('npx')
  expect(args.at(-1)).toBe('.env')
  // Only the .env path differs from the README's command; cwd is the repository root, as the README says.
  const child = spawn(command!, [...args.slice(0, -1), envFile], {
    cwd: ROOT,
    // A clean environment: no ACTIONS_RUNTIME_TOKEN or GITHUB_* from a CI runner hosting this test.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      // npx → local-action → npm exec tsx → node: kill the whole group, not just npx.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      reject(new Error(`local-action did not finish in ${RUN_TIMEOUT_MS} ms\n${stdout}`))
    }, RUN_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolveExit(code)
    })
  })
  const outputs: Record<string, string> = {}
  for (const m of stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)) outputs[m[1]!] = m[2]!
  return {
    exitCode,
    stdout,
    outputs,
    summary: existsSync(summaryPath) ? await readFile(summaryPath, 'utf8') : '',
  }
}

describe.skipIf(!existsSync(LOCAL_ACTION_BIN))(
  'README "Debug locally": npx local-action run . src/main.ts',
  () => {
    it('runs the action from src/main.ts with the .env inputs, prints its outputs and writes the summary', async () => {
      const run = await runLocalAction('pass', {})
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.stdout).toContain('Running Action')
      expect(run.outputs.status, run.stdout).toBe('pass')
      expect(run.outputs['tests-failed']).toBe('0')
      expect(run.outputs['report-path']).toBe(join(workspace, 'gauntlet-report'))
      expect(run.summary).toContain('Gauntlet')
      expect(run.summary).toContain('Passed')
      // No artifact runtime locally: the history went to the workspace's directory backend.
      expect(run.stdout).toContain('(directory backend)')
      expect(await readdir(join(workspace, '.gauntlet/history/runs'), { recursive: true })).not.toHaveLength(
        0,
      )
    }, 150_000)

    it('a failing test shows in the outputs and an ::error:: line, and the first run is read back as history', async () => {
      const run = await runLocalAction('fail', {
        E2E_FAIL: '1',
        GITHUB_RUN_ID: '2',
        GITHUB_SHA: '2'.repeat(40),
      })
      // local-action's setFailed stub does not set the exit code (README: read the printed verdict instead).
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs['tests-failed'], run.stdout).toBe('1')
      expect(run.outputs.status).toBe('error')
      expect(run.stdout).toMatch(/^::error::Gauntlet: /m)
      expect(run.stdout).toMatch(/1 trusted run\(s\)/)
      expect(run.summary).toContain('removes an item')
    }, 150_000)
  },
)
