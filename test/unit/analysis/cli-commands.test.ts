import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeCommand, defaultAnalyzeDeps } from '../../../src/cli/commands/analyze.js'
import { changepointsCommand, readSeries } from '../../../src/cli/commands/changepoints.js'
import { createDirectoryStore, isHistoryDirectory } from '../../../src/history/directory-store.js'
import { readRunRecordsFromDirectory } from '../../../src/history/record-files.js'
import { systemClock } from '../../../src/model/clock.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'analysis')

function collect() {
  const out: string[] = []
  const err: string[] = []
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err }
}

describe('gauntlet changepoints', () => {
  it('prints exactly {"changepoints":[…]} with --json', async () => {
    const c = collect()
    expect(await changepointsCommand(['--input', join(FIXTURES, 'series-step.json'), '--json'], c.io)).toBe(0)
    expect(c.out.join('')).toBe('{"changepoints":[15]}\n')
  })

  it('finds the jump of a drifting counter, and none with --no-wandering', async () => {
    const input = join(FIXTURES, 'series-counter-jump.json')
    const on = collect()
    expect(await changepointsCommand(['--input', input, '--json'], on.io)).toBe(0)
    expect(on.out.join('')).toBe('{"changepoints":[25]}\n')
    const off = collect()
    expect(await changepointsCommand(['--input', input, '--json', '--no-wandering'], off.io)).toBe(0)
    expect(off.out.join('')).toBe('{"changepoints":[]}\n')
  })

  it('accepts Otava mode and parameters, and prints text without --json', async () => {
    const c = collect()
    expect(
      await changepointsCommand(
        ['--input', join(FIXTURES, 'series-step.json'), '--otava', '--window', '50', '--p-value', '0.001'],
        c.io,
      ),
    ).toBe(0)
    expect(c.out.join('')).toMatch(/^1 change point\(s\) in 28 values: 15/)
  })

  it.each([
    { args: [], message: /--input is required/ },
    { args: ['--input', join(FIXTURES, 'series-bad.json')], message: /values\[1\] is "x"/ },
    { args: ['--input', join(FIXTURES, 'missing.json')], message: /ENOENT|no such file/ },
    {
      args: ['--input', join(FIXTURES, 'series-step.json'), '--p-value', 'abc'],
      message: /--p-value must be a number/,
    },
    { args: ['--bogus'], message: /Unknown option/ },
  ])('exits 2 with a clear line for $args', async ({ args, message }) => {
    const c = collect()
    expect(await changepointsCommand(args, c.io)).toBe(2)
    expect(c.err.join('')).toMatch(message)
    expect(c.out).toEqual([])
  })

  it.each([
    { data: [1, 2], message: /top level is not an object/ },
    { data: { values: 3 }, message: /"values" is missing/ },
    { data: { values: [1, 2], timestamps: [1] }, message: /"timestamps" must be an array as long/ },
  ])('readSeries rejects $data', ({ data, message }) => {
    expect(() => readSeries('f.json', data)).toThrow(message)
  })
})

describe('gauntlet analyze', () => {
  const now = '2026-10-15T00:00:00Z'
  it('reads .json and .json.gz records recursively, skips unreadable ones, and prints the report', async () => {
    const c = collect()
    const code = await analyzeCommand(
      [
        '--history-dir',
        join(FIXTURES, 'history'),
        '--current',
        join(FIXTURES, 'current.json'),
        '--json',
        '--now',
        now,
        '--fail-on',
        'error',
      ],
      c.io,
    )
    const report = JSON.parse(c.out.join(''))
    expect(report.historyRuns).toBe(12)
    expect(report.findings.map((f: { kind: string }) => f.kind)).toEqual(
      expect.arrayContaining(['test-new-failure', 'metric-regression']),
    )
    expect(c.err.join('')).toMatch(/skipped .*not-a-record\.json: schema 99/)
    expect(code).toBe(1)
  })

  it('reads a Gauntlet history folder (record files + snapshot) through the directory backend', async () => {
    const loose = await readRunRecordsFromDirectory(join(FIXTURES, 'history'), () => undefined)
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-analyze-store-'))
    const imported = await createDirectoryStore({ directory: dir, clock: systemClock }).importRecords(loose)
    expect(imported).toBe(loose.length)
    expect(await isHistoryDirectory(dir)).toBe(true)
    const c = collect()
    await analyzeCommand(
      ['--history-dir', dir, '--current', join(FIXTURES, 'current.json'), '--json', '--now', now],
      c.io,
    )
    const report = JSON.parse(c.out.join(''))
    expect(report.historyRuns).toBe(12)
    expect(c.err.join('')).toBe('')
  })

  it('uses the injected history loader and clock (the seam for HistoryStore)', async () => {
    const c = collect()
    const code = await analyzeCommand(
      ['--history-dir', 'ignored', '--current', join(FIXTURES, 'current.json')],
      c.io,
      {
        ...defaultAnalyzeDeps,
        loadHistory: () => Promise.resolve([]),
        now: () => new Date(now),
      },
    )
    expect(code).toBe(0)
    expect(c.out.join('')).toMatch(/^verdict: error \(\d+ findings, 0 baseline runs\)/)
  })

  it.each([
    { args: ['--current', 'x.json'], message: /--history-dir and --current are required/ },
    { args: ['--history-dir', FIXTURES, '--current', join(FIXTURES, 'nope.json')], message: /nope\.json/ },
    {
      args: ['--history-dir', FIXTURES, '--current', join(FIXTURES, 'current.json'), '--fail-on', 'fatal'],
      message: /--fail-on must be one of/,
    },
    {
      args: ['--history-dir', FIXTURES, '--current', join(FIXTURES, 'current.json'), '--now', 'yesterday'],
      message: /--now must be an ISO date/,
    },
  ])('exits 2 for $args', async ({ args, message }) => {
    const c = collect()
    expect(await analyzeCommand(args, c.io)).toBe(2)
    expect(c.err.join('')).toMatch(message)
  })
})
