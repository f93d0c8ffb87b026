import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { historyCommand } from '../../../src/cli/commands/history.js'
import { daysAgo, makeRecord } from '../../fixtures/history/records.js'

let root = ''
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gauntlet-cli-history-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await historyCommand(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
  return { code, out, err }
}

describe('gauntlet history', () => {
  it('imports, shows, exports and prunes a directory history', async () => {
    const now = new Date()
    const dir = join(root, 'h')
    const file = join(root, 'in.json')
    const records = [
      makeRecord({ runId: 1, timestamp: daysAgo(now, 120) }),
      makeRecord({ runId: 2, timestamp: daysAgo(now, 1), branch: 'dev' }),
    ]
    await writeFile(file, JSON.stringify([...records, { schema: 42 }]))

    const imported = await cli('import', file, '--history-dir', dir)
    expect(imported.code).toBe(0)
    expect(imported.out).toMatch(/imported 2 new records \(0 already present, 1 skipped\)/)
    expect(imported.err).toMatch(/record 3: skipped \(future-schema\)/)
    expect((await cli('import', file, '--history-dir', dir)).out).toMatch(
      /imported 0 new records \(2 already present/,
    )

    const shown = await cli('show', '--history-dir', dir)
    expect(shown.out).toMatch(/records: +2/)
    expect(shown.out).toMatch(/branches: main \(1\), dev \(1\)|branches: dev \(1\), main \(1\)/)
    const json = JSON.parse((await cli('show', '--json', '--history-dir', dir)).out)
    expect(json.runs.map((r: { runId: number }) => r.runId)).toEqual([1, 2])

    const out = join(root, 'out.json.gz')
    expect((await cli('export', '--history-dir', dir, '--output', out)).code).toBe(0)
    const dir2 = join(root, 'h2')
    expect((await cli('import', out, '--history-dir', dir2)).out).toMatch(/imported 2 new/)

    const pruned = await cli('prune', '--history-dir', dir, '--retention-days', '90')
    expect(pruned.out).toMatch(/pruned 1 record files older than 90 days/)
    expect(await readdir(join(dir, 'runs'))).toEqual(['2-1.json.gz'])
  })

  it.each([
    [[], 2, /usage: gauntlet history/],
    [['frobnicate'], 2, /unknown history command "frobnicate"/],
    [['import'], 2, /needs a FILE/],
    [['prune', '--retention-days', 'soon'], 2, /--retention-days must be a whole number/],
    [['show', '--bogus'], 2, /Unknown option '--bogus'/],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const r = await cli(...args, '--history-dir', join(root, 'empty'))
    expect(r.code).toBe(code)
    expect(r.err).toMatch(message)
  })
})
