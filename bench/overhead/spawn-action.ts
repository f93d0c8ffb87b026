/**
 * Runs the bundled action as a subprocess with the environment GitHub gives a JavaScript action (as
 * test/e2e/action-harness.ts does), preloading `probe.mjs` so the process reports its own peak RSS and when
 * each log group began. Wall time is measured here, from just before `spawn` to the child's `exit`.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url))

export interface ProbeMark {
  readonly at: number
  /** Group title, or null for `::endgroup::`. */
  readonly group: string | null
}

export interface ProbeReport {
  /** ms since node's time origin when the probe was loaded (node's own boot). */
  readonly loadedAt: number
  readonly exitAt: number
  readonly maxRssKb: number
  /** User + system CPU time of the process; less inflated by a busy machine than wall time. */
  readonly cpuMs: number
  readonly marks: readonly ProbeMark[]
}

export interface SpawnedRun {
  readonly exitCode: number | null
  readonly wallMs: number
  readonly stdout: string
  readonly stderr: string
  readonly probe: ProbeReport | null
}

export interface SpawnOptions {
  readonly entry: string
  readonly workspace: string
  readonly inputs: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
  readonly event: unknown
  readonly timeoutMs: number
  /** Preload the probe (off for the plain start-up timing). */
  readonly probe: boolean
  /** Extra node flags, e.g. `--cpu-prof` (GAUNTLET_BENCH_NODE_ARGS in the benchmark). */
  readonly nodeArgs?: readonly string[]
}

/** Spawns `node [--import probe] <entry>` once and waits for it, bounded by `timeoutMs`. */
export async function spawnAction(o: SpawnOptions): Promise<SpawnedRun> {
  const files = await mkdtemp(join(tmpdir(), 'gauntlet-overhead-'))
  try {
    const eventPath = join(files, 'event.json')
    const probePath = join(files, 'probe.json')
    await Promise.all([
      writeFile(join(files, 'output'), ''),
      writeFile(join(files, 'summary'), ''),
      writeFile(eventPath, JSON.stringify(o.event)),
      mkdir(join(files, 'temp')),
    ])
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? files,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: o.workspace,
      GITHUB_OUTPUT: join(files, 'output'),
      GITHUB_STEP_SUMMARY: join(files, 'summary'),
      GITHUB_EVENT_PATH: eventPath,
      RUNNER_TEMP: join(files, 'temp'),
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      ...Object.fromEntries(
        Object.entries(o.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
      ),
      ...o.env,
      ...(o.probe ? { GAUNTLET_BENCH_PROBE: probePath } : {}),
    }
    const args = [...(o.nodeArgs ?? []), ...(o.probe ? ['--import', PROBE] : []), o.entry]
    const t0 = performance.now()
    const child = spawn(process.execPath, args, { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const { code, wallMs } = await new Promise<{ code: number | null; wallMs: number }>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`${o.entry} did not finish in ${o.timeoutMs} ms\n${stdout.slice(-4000)}\n${stderr}`))
      }, o.timeoutMs)
      child.on('exit', (c) => {
        const wall = performance.now() - t0
        clearTimeout(timer)
        resolve({ code: c, wallMs: wall })
      })
    })
    // 'exit' can come before the pipes are drained; wait for them (not timed).
    if (child.stdout.readable || child.stderr.readable)
      await new Promise<void>((resolve) => child.on('close', () => resolve()))
    let probe: ProbeReport | null = null
    if (o.probe) probe = JSON.parse(await readFile(probePath, 'utf8')) as ProbeReport
    return { exitCode: code, wallMs, stdout, stderr, probe }
  } finally {
    await rm(files, { recursive: true, force: true })
  }
}

/** Time from spawn to the first byte on stdout or stderr, and to exit, of `node <args>` (no probe). */
export async function timeStartup(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
  timeoutMs = 30_000,
): Promise<{ firstOutputMs: number | null; exitMs: number }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let first: number | null = null
  const onData = (): void => {
    first ??= performance.now() - t0
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exitMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node ${args.join(' ')} did not exit in ${timeoutMs} ms`))
    }, timeoutMs)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve(performance.now() - t0)
    })
  })
  return { firstOutputMs: first, exitMs }
}
