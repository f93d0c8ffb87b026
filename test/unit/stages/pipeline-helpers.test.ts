import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { stagesSection } from '../../../src/config/sections/stages.js'
import type { StageResult } from '../../../src/model/stage.js'
import { CancelledError, installCancelHandlers } from '../../../src/stages/cancel.js'
import { mergeEnv } from '../../../src/stages/env.js'
import { StageSelectionError } from '../../../src/stages/errors.js'
import { createLineLogger } from '../../../src/stages/logger.js'
import { describeFailure } from '../../../src/stages/run-stage.js'
import { parseStageSelection, stageFailsRun } from '../../../src/stages/run-stages.js'
import { describeProbe, probeFromConfig } from '../../../src/stages/readiness.js'

describe('parseStageSelection', () => {
  it.each([
    { text: 'unit', names: ['unit'] },
    { text: 'chaos,unit', names: ['unit', 'chaos'] },
    { text: ' Benchmark , integration ', names: ['integration', 'benchmark'] },
    { text: 'unit unit', names: ['unit'] },
    { text: '', names: [] },
  ])('$text', ({ text, names }) => {
    expect(parseStageSelection(text)).toEqual(names)
  })

  it('names unknown stages and the valid ones', () => {
    expect(() => parseStageSelection('unit,e2e')).toThrow(StageSelectionError)
    expect(() => parseStageSelection('unit,e2e')).toThrow(
      'unknown stage(s) "e2e" in --stages; use unit, integration, benchmark, chaos',
    )
  })
})

describe('stageFailsRun', () => {
  const base: StageResult = {
    name: 'unit',
    status: 'passed',
    exitCode: 0,
    durationMs: 1,
    attempts: 1,
    resultFiles: [],
    errors: [],
    continueOnError: false,
  }
  it.each([
    { status: 'passed', coe: false, fails: false },
    { status: 'skipped', coe: false, fails: false },
    { status: 'failed', coe: false, fails: true },
    { status: 'timed-out', coe: false, fails: true },
    { status: 'cancelled', coe: false, fails: true },
    { status: 'failed', coe: true, fails: false },
  ] as const)('$status with continue-on-error=$coe', ({ status, coe, fails }) => {
    expect(stageFailsRun({ ...base, status, continueOnError: coe })).toBe(fails)
  })
})

describe('installCancelHandlers', () => {
  it('aborts on the first signal, forces on the second, and uninstalls', () => {
    const target = new EventEmitter()
    const controller = new AbortController()
    const repeats: string[] = []
    const cancels: string[] = []
    const uninstall = installCancelHandlers(controller, {
      target: target as unknown as NodeJS.Process,
      onRepeat: (s) => repeats.push(s),
      onCancel: (s) => cancels.push(s),
    })
    expect(target.listenerCount('SIGINT')).toBe(1)
    expect(target.listenerCount('SIGTERM')).toBe(1)
    target.emit('SIGTERM')
    expect(controller.signal.aborted).toBe(true)
    expect(controller.signal.reason).toBeInstanceOf(CancelledError)
    expect((controller.signal.reason as Error).message).toBe('cancelled by SIGTERM')
    expect(cancels).toEqual(['SIGTERM'])
    target.emit('SIGINT')
    expect(repeats).toEqual(['SIGINT'])
    expect(target.listenerCount('SIGINT')).toBe(0)
    uninstall()
    expect(target.listenerCount('SIGTERM')).toBe(0)
  })

  it('uninstall leaves the controller untouched', () => {
    const target = new EventEmitter()
    const controller = new AbortController()
    installCancelHandlers(controller, { target: target as unknown as NodeJS.Process })()
    target.emit('SIGINT')
    expect(controller.signal.aborted).toBe(false)
  })
})

describe('readiness probes from config', () => {
  const ready = (raw: unknown) =>
    stagesSection.parse({ unit: { run: 'x', services: [{ name: 's', run: 'x', ready: raw }] } }).unit!
      .services[0]!.ready!
  it.each([
    { raw: { tcp: 5432 }, text: 'TCP connect to 127.0.0.1:5432' },
    { raw: { tcp: 'db.local:6379' }, text: 'TCP connect to db.local:6379' },
    { raw: { http: 'http://127.0.0.1:8080/health' }, text: 'HTTP GET http://127.0.0.1:8080/health' },
    { raw: { log: 'ready in \\d+ms' }, text: 'a log line matching /ready in \\d+ms/' },
  ])('$text', ({ raw, text }) => {
    expect(describeProbe(probeFromConfig('s', ready(raw)))).toBe(text)
  })
})

describe('describeFailure', () => {
  const result = (exitCode: number | null, tail: string, signal: NodeJS.Signals | null = null) => ({
    exitCode,
    signal,
    timedOut: false,
    cancelled: false,
    durationMs: 1,
    tail,
  })
  it.each([
    { r: result(1, 'FAIL x'), text: '`npm test` failed with exit code 1; last output:\nFAIL x' },
    {
      r: result(127, 'bash: npm: command not found'),
      text: '`npm test` failed with exit code 127: command not found (check the spelling and that it is installed and on PATH); last output:\nbash: npm: command not found',
    },
    {
      r: result(126, ''),
      text: '`npm test` failed with exit code 126: command not executable (check its permissions)',
    },
    { r: result(null, '', 'SIGSEGV'), text: '`npm test` failed with signal SIGSEGV' },
  ])('$text', ({ r, text }) => {
    expect(describeFailure('npm test', r)).toBe(text)
  })

  it('quotes only the last 20 lines', () => {
    const tail = Array.from({ length: 50 }, (_, i) => `l${i}`).join('\n')
    const text = describeFailure('x', result(1, tail))
    expect(text).toContain('l49')
    expect(text).toContain('l30')
    expect(text).not.toContain('l29')
  })
})

describe('mergeEnv and createLineLogger', () => {
  it('layers env: later wins, undefined base values dropped', () => {
    expect(mergeEnv({ A: '1', B: undefined, C: '3' }, { C: 'x' }, { C: 'y', D: '4' })).toEqual({
      A: '1',
      C: 'y',
      D: '4',
    })
  })

  it('prefixes lines with the group', () => {
    const lines: string[] = []
    const log = createLineLogger((l) => lines.push(l))
    log.info('before')
    log.startGroup('unit')
    log.info('hello')
    log.warning('careful')
    log.error('bad')
    log.endGroup()
    log.info('after')
    expect(lines).toEqual([
      'before',
      '==> unit',
      '[unit] hello',
      '[unit] warning: careful',
      '[unit] error: bad',
      'after',
    ])
  })
})
