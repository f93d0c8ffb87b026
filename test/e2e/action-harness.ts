// Runs the bundled action (dist/index.js) as a subprocess with the environment GitHub gives a JavaScript
// action, and reads back what it wrote: outputs, job summary, workflow commands and exit code.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The bundle under test; GAUNTLET_E2E_DIST points at a copy (e.g. while others rebuild dist/). */
export const DIST_ACTION = resolve(process.env.GAUNTLET_E2E_DIST ?? 'dist/index.js')

export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string
  /** `::warning::…`, `::error …::…` lines the action printed. */
  readonly commands: readonly string[]
  /** Wall-clock time from spawn to exit. */
  readonly durationMs: number
}

export interface ActionRunOptions {
  readonly workspace: string
  readonly inputs: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
  readonly event: unknown
  readonly timeoutMs?: number
}

/** A runtime token whose `scp` claim names the backend ids @actions/artifact sends to the results service. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.Results:${runBackendId}:${jobBackendId}` })}.x`
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` heredocs and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? '')
      out[name!] = body.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/** Runs dist/index.js once and waits for it (bounded by `timeoutMs`, default 60 s). */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const files = await mkdtemp(join(tmpdir(), 'gauntlet-action-'))
  const outputPath = join(files, 'output')
  const summaryPath = join(files, 'summary')
  const eventPath = join(files, 'event.json')
  await Promise.all([
    writeFile(outputPath, ''),
    writeFile(summaryPath, ''),
    writeFile(eventPath, JSON.stringify(options.event)),
  ])
  await mkdir(join(files, 'temp'), { recursive: true })
  const inputEnv = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value,
    ]),
  )
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? files,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: join(files, 'temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...inputEnv,
    ...options.env,
  }
  const started = Date.now()
  const child = spawn(process.execPath, [DIST_ACTION], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`dist/index.js did not finish in ${options.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`),
      )
    }, options.timeoutMs ?? 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolveExit(code)
    })
  })
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    commands: stdout.split('\n').filter((l) => l.startsWith('::')),
    durationMs: Date.now() - started,
  }
}
