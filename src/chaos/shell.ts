import { spawn } from 'node:child_process'

export interface ShellResult {
  /** Exit code; null when killed (timeout, cancel) or the shell could not start. */
  readonly exitCode: number | null
  readonly durationMs: number
  /** Why it did not exit by itself (`timed out`, `cancelled`, a spawn error); null when it did. */
  readonly problem: string | null
}

/**
 * Runs `command` in bash with a time bound; on timeout or cancel the whole process group is killed, so nothing it
 * started outlives it. Output is discarded (probes and rollbacks report only their exit code).
 */
export function runShell(
  command: string,
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number; signal?: AbortSignal },
): Promise<ShellResult> {
  const start = performance.now()
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: 'ignore',
      detached: true,
    })
    let settled = false
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
    const finish = (exitCode: number | null, problem: string | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      resolve({ exitCode, durationMs: performance.now() - start, problem })
    }
    const onAbort = (): void => {
      kill()
      finish(null, 'cancelled')
    }
    const timer = setTimeout(() => {
      kill()
      finish(null, 'timed out')
    }, opts.timeoutMs)
    if (opts.signal?.aborted === true) onAbort()
    else opts.signal?.addEventListener('abort', onAbort, { once: true })
    child.once('error', (e) => finish(null, e.message.slice(0, 200)))
    child.once('exit', (code, sig) => finish(code, code === null ? `killed by ${sig}` : null))
  })
}
