/**
 * 20 runs at once, each a separate process with its own runtime token (so @actions/artifact sees 20
 * different workflow runs), each loading history and then writing its record and snapshot; then one reader.
 * None of the 20 may be lost.
 */
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RUN_ARTIFACT_NAME, SNAPSHOT_ARTIFACT_NAME } from '../../../src/history/constants.js'
import { defaultTrustPolicy } from '../../../src/history/trust.js'
import type { GitHubFake } from '../../fakes/github-fake.js'
import { startGitHubFake } from '../../fakes/github-fake.js'
import { REST_TOKEN, actAs, artifactsStore, cleanup, fixedClock, prepareEnvironment } from './harness.js'

const RUNS = 20
let fake: GitHubFake
let workspace = ''
let bundle = ''

beforeAll(async () => {
  fake = await startGitHubFake({ token: REST_TOKEN })
  workspace = await prepareEnvironment(fake)
  const out = await mkdtemp(join(tmpdir(), 'gauntlet-writer-'))
  bundle = join(out, 'writer.mjs')
  await build({
    entryPoints: [join(import.meta.dirname, 'concurrent-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  })
}, 60_000)
afterAll(async () => {
  await fake.close()
  await cleanup(workspace)
})

function runWriter(runId: number, now: Date): Promise<{ code: number | null; out: string }> {
  const handle = fake.registerRun({ runId, headBranch: 'main' })
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME }
  Object.assign(env, handle.env, {
    GITHUB_WORKSPACE: workspace,
    WRITER_TOKEN: REST_TOKEN,
    WRITER_NOW: now.toISOString(),
    WRITER_TMP: join(workspace, `writer-${runId}`),
  })
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

describe('20 concurrent runs, then one reader', () => {
  it('loses none of the 20 records (by count and by run id)', async () => {
    const now = new Date()
    const ids = Array.from({ length: RUNS }, (_, i) => 9000 + i)
    const results = await Promise.all(ids.map((id) => runWriter(id, now)))
    for (const r of results) {
      expect(r.code, r.out.slice(-2000)).toBe(0)
      const line = /WRITER (.*)/.exec(r.out)?.[1]
      expect(JSON.parse(line ?? '{}')).toMatchObject({ recordSaved: true, snapshotSaved: true, warnings: [] })
    }
    expect(fake.artifactsNamed(RUN_ARTIFACT_NAME)).toHaveLength(RUNS)
    expect(fake.artifactsNamed(SNAPSHOT_ARTIFACT_NAME)).toHaveLength(RUNS)

    actAs(fake, { runId: 9999, headBranch: 'main' })
    const reader = artifactsStore(fake, workspace, fixedClock(now)).store
    const h = await reader.load({ policy: defaultTrustPolicy('main'), retentionDays: 90, pullRequest: null })
    expect(h.warnings).toEqual([])
    expect(h.baseline).toHaveLength(RUNS)
    expect(h.baseline.map((r) => r.run.runId).sort((a, b) => a - b)).toEqual(ids)
  }, 180_000)
})
