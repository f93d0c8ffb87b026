import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Logger } from '../../../src/stages/logger.js'

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/stages')

/** Absolute path of a fixture script. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name)
}

/** Whether a process exists (a zombie counts as gone: it runs nothing and holds nothing). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** Polls (bounded: at most `ms`, every 20 ms) until the pid is gone; returns whether it is. */
export async function waitGone(pid: number, ms = 1500): Promise<boolean> {
  const deadline = Date.now() + ms
  for (let i = 0; i < 200 && Date.now() < deadline; i++) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return !alive(pid)
}

/** Polls (bounded: at most `ms`, every 20 ms) until `kill(pid, 0)` fails with ESRCH (reaped, not just dead). */
export async function waitEsrch(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  for (let i = 0; i < 500 && Date.now() < deadline; i++) {
    try {
      process.kill(pid, 0)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return false
}

/** Polls (bounded) until the file holds a pid. */
export async function readPid(file: string, ms = 1500): Promise<number> {
  const deadline = Date.now() + ms
  for (let i = 0; i < 200 && Date.now() < deadline; i++) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (pid > 0) return pid
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`no pid in ${file} within ${ms} ms`)
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A fresh temporary directory; remove it with `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-stages-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A logger that records everything, for asserting on log output. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    startGroup: (n) => lines.push(`group: ${n}`),
    endGroup: () => lines.push('endgroup'),
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  }
}

/** The environment for child processes in tests: this one's PATH and HOME only. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), ...extra }
}
