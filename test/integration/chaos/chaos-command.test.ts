import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Toxiproxy } from 'toxiproxy-node-client'
import { chaosCommand } from '../../../src/cli/commands/chaos.js'

function collector() {
  const out: string[] = []
  const err: string[] = []
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err }
}

async function waitFor<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('gauntlet chaos proxy', () => {
  it('serves the Toxiproxy API with the populated proxies until stopped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-chaos-cli-'))
    const file = path.join(dir, 'toxiproxy.json')
    await writeFile(file, JSON.stringify([{ name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' }]))
    const { io, out, err } = collector()
    const ctl = new AbortController()
    const running = chaosCommand(['proxy', '--listen', '127.0.0.1:0', '--populate', file], io, ctl.signal)
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(out.join(''))?.[1])
    expect(out.join('')).toMatch(/proxy db: 127\.0\.0\.1:\d+ → 127\.0\.0\.1:1/)
    const client = new Toxiproxy(url)
    expect(Object.keys(await client.getAll())).toEqual(['db'])
    ctl.abort()
    expect(await running).toBe(0)
    expect(err).toEqual([])
    await expect(fetch(`${url}/version`)).rejects.toThrow()
    await rm(dir, { recursive: true, force: true })
  })

  it.each([
    [[], /no subcommand/],
    [['nope'], /unknown subcommand 'nope'/],
    [['proxy', '--duration=-1'], /--duration must be a positive number/],
    [['proxy', '--listen', '0.0.0.0:0'], /cannot listen on 0\.0\.0\.0:0: .*not loopback/],
  ])('%j fails with a clear message', async (args, message) => {
    const { io, err } = collector()
    const code = await chaosCommand(args, io, AbortSignal.abort())
    expect(code).toBeGreaterThan(0)
    expect(err.join('')).toMatch(message)
  })
})
