/**
 * Runs one shell command as the leader of its own process group, so that a timeout or a cancel can kill the whole
 * tree it started (test runners fork workers, `npm test` forks node, scripts background servers).
 *
 * Hand-written on `node:child_process` rather than a library such as execa: execa kills only the direct child
 * (its `forceKillAfterDelay` does not reach grandchildren), and we need the group kill, the bounded tail and the
 * live line sink in one place.
 *
 * Policy: nothing a command started outlives it. When the shell exits, whatever is left in its process group
 * (a forgotten `server &`) is stopped too; long-lived helpers belong in `services`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants as fsConstants, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { SpawnError, WorkingDirectoryError } from './errors.js'
import { LineSplitter, TailBuffer, type OutputSink, type OutputStream } from './output-lines.js'

/** Timer functions, injectable where a test needs them deterministic. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Real timers (this module is the imperative shell). */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** The shell a command runs in: `file args… <command>`. */
export interface ShellSpec {
  readonly file: string
  readonly args: readonly string[]
}

/** Default grace between SIGTERM and SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 5000
/** Default size of the kept output tail, in characters. */
export const DEFAULT_TAIL_CHARS = 64 * 1024
/** How often the group is polled while waiting for it to die. */
const GROUP_POLL_MS = 25
/** Bound on waiting for the group to vanish after SIGKILL (the kernel needs a moment to reap). */
const AFTER_SIGKILL_WAIT_MS = 2000
/** Bound on waiting for stdout/stderr to close once the group is gone (a `setsid` escapee may hold them). */
const STREAM_CLOSE_WAIT_MS = 1000

export interface ProcessOptions {
  /** Shell command line. */
  readonly command: string
  /** Absolute working directory. */
  readonly cwd: string
  /** Complete environment of the child (already merged). */
  readonly env: Readonly<Record<string, string>>
  /** Receives each output line as soon as it is complete. */
  readonly onLine?: OutputSink
  /** Aborting kills the whole tree; the result then has `cancelled: true`. */
  readonly signal?: AbortSignal
  /** Kills the whole tree after this many milliseconds; the result then has `timedOut: true`. */
  readonly timeoutMs?: number
  /** Grace between SIGTERM and SIGKILL. */
  readonly killGraceMs?: number
  /** Characters of output kept in `tail`. */
  readonly tailChars?: number
  /** Shell to use; default: `bash -o pipefail -c`, or `sh -c` where bash is absent. */
  readonly shell?: ShellSpec
  /** Who runs this, for error messages (`stage "unit"`, `service "db"`). */
  readonly owner?: string
  readonly timers?: Timers
  /** Monotonic milliseconds, for durations. */
  readonly now?: () => number
}

/** How a command ended. */
export interface ProcessResult {
  /** Exit code; null when the shell was ended by a signal. */
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly cancelled: boolean
  readonly durationMs: number
  /** The last lines of stdout and stderr (interleaved as they arrived), bounded by `tailChars`. */
  readonly tail: string
}

/** A started process. */
export interface RunningProcess {
  readonly pid: number
  /** Resolves once the shell exited, its group is gone and its output is drained. Never rejects. */
  readonly done: Promise<ProcessResult>
  /** Whether the shell has exited. */
  readonly exited: () => boolean
  /** The last `n` output lines so far. */
  lastLines(n: number): string[]
  /** Stops the whole tree (SIGTERM, then SIGKILL after `graceMs`) and waits for `done`. */
  stop(graceMs?: number): Promise<ProcessResult>
}

/** Picks `bash -o pipefail -c` when bash is on PATH, else `sh -c`. */
export function resolveShell(envPath: string | undefined): ShellSpec {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue
    try {
      accessSync(path.join(dir, 'bash'), fsConstants.X_OK)
      return { file: path.join(dir, 'bash'), args: ['--noprofile', '--norc', '-o', 'pipefail', '-c'] }
    } catch {
      // not in this directory
    }
  }
  return { file: 'sh', args: ['-c'] }
}

/** Throws a {@link WorkingDirectoryError} unless `dir` is an existing directory. */
export function assertDirectory(dir: string, owner: string): void {
  let isDir: boolean
  try {
    isDir = statSync(dir).isDirectory()
  } catch {
    throw new WorkingDirectoryError(dir, owner, 'does not exist')
  }
  if (!isDir) throw new WorkingDirectoryError(dir, owner, 'is not a directory')
}

/**
 * Whether any live process of the group still exists. Zombies do not count: they run nothing and hold no files,
 * and where the init process reaps orphans lazily (containers, microVMs) they can linger for seconds.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch (err) {
    // EPERM means it exists but is not ours to signal; treat it as alive so that we never claim it is gone.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
  return hasLiveMember(pgid)
}

/** Scans /proc for a non-zombie member of the group; true where /proc is unavailable (macOS), to stay safe. */
function hasLiveMember(pgid: number): boolean {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return true
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited while we looked
    }
    // Fields after the parenthesised command name: state ppid pgrp …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true
  }
  return false
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig)
  } catch {
    // ESRCH: the group is already gone.
  }
}

function delay(ms: number, timers: Timers): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms))
}

/**
 * Sends SIGTERM to the process group, waits up to `graceMs` for it to vanish, then SIGKILLs it.
 * Bounded: returns after at most `graceMs` + 2 s. Resolves whether the group is gone.
 */
export async function killProcessGroup(
  pgid: number,
  graceMs: number,
  timers: Timers = realTimers,
): Promise<boolean> {
  if (!groupAlive(pgid)) return true
  signalGroup(pgid, 'SIGTERM')
  for (let waited = 0; waited < graceMs; waited += GROUP_POLL_MS) {
    if (!groupAlive(pgid)) return true
    await delay(Math.min(GROUP_POLL_MS, graceMs - waited), timers)
  }
  signalGroup(pgid, 'SIGKILL')
  for (let waited = 0; waited < AFTER_SIGKILL_WAIT_MS; waited += GROUP_POLL_MS) {
    if (!groupAlive(pgid)) return true
    await delay(GROUP_POLL_MS, timers)
  }
  return !groupAlive(pgid)
}

/**
 * Starts a command in its own process group. Rejects only when it cannot start (missing working directory,
 * missing shell); everything after that is reported through `done`.
 */
export async function startProcess(opts: ProcessOptions): Promise<RunningProcess> {
  const owner = opts.owner ?? 'command'
  assertDirectory(opts.cwd, owner)
  const timers = opts.timers ?? realTimers
  const now = opts.now ?? (() => performance.now())
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS
  const shell = opts.shell ?? resolveShell(opts.env.PATH)
  const tail = new TailBuffer(opts.tailChars ?? DEFAULT_TAIL_CHARS)
  const started = now()

  const child: ChildProcess = spawn(shell.file, [...shell.args, opts.command], {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', (err) => reject(new SpawnError(shell.file, err)))
  })
  // After a successful spawn, 'error' only reports failed kill() calls, which the group kill already tolerates;
  // an unhandled 'error' event would crash the whole run instead.
  child.on('error', () => undefined)
  const pid = child.pid
  if (pid === undefined) throw new SpawnError(shell.file, new Error('no pid'))

  const line = (stream: OutputStream) => (text: string) => {
    tail.add(text)
    opts.onLine?.(text, stream)
  }
  const splitters: LineSplitter[] = []
  const streamsClosed: Promise<void>[] = []
  for (const [stream, readable] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    if (readable === null) continue
    const splitter = new LineSplitter(line(stream))
    splitters.push(splitter)
    readable.setEncoding('utf8')
    readable.on('data', (chunk: string) => splitter.push(chunk))
    streamsClosed.push(
      new Promise((resolve) => {
        readable.once('close', () => resolve())
        readable.once('error', () => resolve())
      }),
    )
  }

  let timedOut = false
  let cancelled = false
  let hasExited = false
  let killing: Promise<boolean> | null = null
  const killTree = (graceMs: number): Promise<boolean> => (killing ??= killProcessGroup(pid, graceMs, timers))

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true
      resolve({ code, signal })
    })
  })

  const timeoutHandle =
    opts.timeoutMs !== undefined
      ? timers.setTimeout(() => {
          if (hasExited) return
          timedOut = true
          void killTree(grace)
        }, opts.timeoutMs)
      : undefined
  const onAbort = (): void => {
    if (hasExited) return
    cancelled = true
    void killTree(grace)
  }
  if (opts.signal?.aborted) onAbort()
  else opts.signal?.addEventListener('abort', onAbort, { once: true })

  const done = (async (): Promise<ProcessResult> => {
    const exit = await exited
    if (timeoutHandle !== undefined) timers.clearTimeout(timeoutHandle)
    opts.signal?.removeEventListener('abort', onAbort)
    // Whatever the shell left in its group goes with it (see the policy in the header).
    await killTree(grace)
    let closeTimer: unknown
    await Promise.race([
      Promise.all(streamsClosed),
      new Promise<void>((resolve) => {
        closeTimer = timers.setTimeout(resolve, STREAM_CLOSE_WAIT_MS)
      }),
    ])
    timers.clearTimeout(closeTimer)
    child.stdout?.destroy()
    child.stderr?.destroy()
    for (const s of splitters) s.end()
    return {
      exitCode: exit.code,
      signal: exit.signal,
      timedOut,
      cancelled,
      durationMs: Math.round(now() - started),
      tail: tail.toString(),
    }
  })()

  return {
    pid,
    done,
    exited: () => hasExited,
    lastLines: (n) => tail.lastLines(n),
    async stop(graceMs = grace) {
      await killTree(graceMs)
      return done
    },
  }
}

/** Runs one command to completion; see {@link ProcessOptions}. Rejects only when it cannot start. */
export async function runCommand(opts: ProcessOptions): Promise<ProcessResult> {
  const running = await startProcess(opts)
  return running.done
}
