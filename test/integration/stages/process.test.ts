import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WorkingDirectoryError } from '../../../src/stages/errors.js'
import { killProcessGroup, resolveShell, runCommand, startProcess } from '../../../src/stages/process.js'
import { alive, childEnv, fixture, readPid, tempDir, waitEsrch, waitGone } from './helpers.js'

let tmp: { dir: string; cleanup: () => void }
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

describe('runCommand', () => {
  it('kills the whole tree on timeout: no grandchild survives', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const result = await runCommand({
      command: `bash ${fixture('spawn-grandchild.sh')} ${pidFile}`,
      cwd: tmp.dir,
      env: childEnv(),
      timeoutMs: 300,
      killGraceMs: 200,
    })
    const grandchild = await readPid(pidFile)
    expect(result.timedOut).toBe(true)
    expect(result.cancelled).toBe(false)
    expect(result.exitCode).toBeNull()
    expect(result.signal).toBe('SIGTERM')
    expect(await waitGone(grandchild)).toBe(true)
    // The dead grandchild is an orphan zombie until init reaps it; some inits (this VM's) reap only every ~2 s.
    expect(await waitEsrch(grandchild, 3000)).toBe(true)
    expect(() => process.kill(grandchild, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
  })

  it('escalates to SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const started = Date.now()
    const result = await runCommand({
      command: `bash ${fixture('ignore-term.sh')} ${pidFile}`,
      cwd: tmp.dir,
      env: childEnv(),
      timeoutMs: 200,
      killGraceMs: 200,
    })
    const pid = await readPid(pidFile)
    expect(result.timedOut).toBe(true)
    expect(result.signal).toBe('SIGKILL')
    expect(Date.now() - started).toBeGreaterThanOrEqual(380)
    expect(await waitGone(pid)).toBe(true)
  })

  it('kills the whole tree on cancel and says so', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const controller = new AbortController()
    const pending = runCommand({
      command: `bash ${fixture('spawn-grandchild.sh')} ${pidFile}`,
      cwd: tmp.dir,
      env: childEnv(),
      signal: controller.signal,
      killGraceMs: 200,
    })
    const grandchild = await readPid(pidFile)
    controller.abort()
    const result = await pending
    expect(result.cancelled).toBe(true)
    expect(result.timedOut).toBe(false)
    expect(await waitGone(grandchild)).toBe(true)
  })

  it('stops background processes a command leaves behind when it exits', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const result = await runCommand({
      command: `sleep 300 & echo $! > ${pidFile}; echo started`,
      cwd: tmp.dir,
      env: childEnv(),
      killGraceMs: 200,
    })
    expect(result.exitCode).toBe(0)
    expect(await waitGone(await readPid(pidFile))).toBe(true)
  })

  it('streams lines live, in order, tagged by stream', async () => {
    const seen: { line: string; stream: string; exited: boolean }[] = []
    let exited = false
    const running = await startProcess({
      command: `echo one; echo two; sleep 0.3; echo three; echo oops >&2`,
      cwd: tmp.dir,
      env: childEnv(),
      onLine: (line, stream) => seen.push({ line, stream, exited: exited || running.exited() }),
    })
    const result = await running.done
    exited = true
    expect(seen.map((s) => s.line)).toEqual(['one', 'two', 'three', 'oops'])
    expect(seen.map((s) => s.stream)).toEqual(['stdout', 'stdout', 'stdout', 'stderr'])
    // The first lines arrived while the command was still sleeping, not at the end.
    expect(seen[0]!.exited).toBe(false)
    expect(result.exitCode).toBe(0)
    expect(result.tail).toBe('one\ntwo\nthree\noops')
  })

  it('keeps only a bounded tail of a long output', async () => {
    let count = 0
    const result = await runCommand({
      command: `bash ${fixture('lines.sh')} 5000`,
      cwd: tmp.dir,
      env: childEnv(),
      tailChars: 200,
      onLine: () => count++,
    })
    expect(count).toBe(5001)
    expect(result.tail.length).toBeLessThanOrEqual(200)
    expect(result.tail.endsWith('to stderr')).toBe(true)
    expect(result.tail).toContain('line 5000')
    expect(result.tail).not.toContain('line 1\n')
  })

  it('passes the environment and runs in the working directory', async () => {
    const sub = path.join(tmp.dir, 'sub')
    mkdirSync(sub)
    writeFileSync(path.join(sub, 'marker.txt'), 'here')
    const result = await runCommand({
      command: 'echo "$GREETING"; pwd; cat marker.txt',
      cwd: sub,
      env: childEnv({ GREETING: 'hello world' }),
    })
    expect(result.tail.split('\n')).toEqual(['hello world', sub, 'here'])
  })

  it('fails pipelines under bash (pipefail)', async () => {
    const result = await runCommand({ command: 'false | cat', cwd: tmp.dir, env: childEnv() })
    expect(result.exitCode).toBe(1)
  })

  it('reports a missing command as exit 127 with the shell message in the tail', async () => {
    const result = await runCommand({ command: 'no-such-command-xyz --flag', cwd: tmp.dir, env: childEnv() })
    expect(result.exitCode).toBe(127)
    expect(result.tail).toMatch(/no-such-command-xyz: command not found/)
  })

  it('rejects a missing working directory with a clear error before starting anything', async () => {
    const missing = path.join(tmp.dir, 'nope')
    await expect(
      runCommand({ command: 'true', cwd: missing, env: childEnv(), owner: 'stage "unit"' }),
    ).rejects.toThrow(WorkingDirectoryError)
    await expect(
      runCommand({ command: 'true', cwd: missing, env: childEnv(), owner: 'stage "unit"' }),
    ).rejects.toThrow(/stage "unit": working directory ".*nope" does not exist/)
  })

  it('falls back to sh when bash is not on PATH', () => {
    expect(resolveShell('/nonexistent-dir')).toEqual({ file: 'sh', args: ['-c'] })
    expect(resolveShell(process.env.PATH).file).toMatch(/bash$/)
  })
})

describe('killProcessGroup', () => {
  it('returns at once for a group that is already gone', async () => {
    const running = await startProcess({ command: 'true', cwd: tmp.dir, env: childEnv() })
    await running.done
    expect(alive(running.pid)).toBe(false)
    expect(await killProcessGroup(running.pid, 100)).toBe(true)
  })
})
