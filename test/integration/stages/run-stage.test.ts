import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stagesSection } from '../../../src/config/sections/stages.js'
import type { ChaosResult } from '../../../src/model/chaos.js'
import type { ParsedTestCase } from '../../../src/model/test-case.js'
import type { CollectContext, CollectedResults } from '../../../src/stages/run-stage.js'
import { runStage } from '../../../src/stages/run-stage.js'
import { parseStageSelection, runStages } from '../../../src/stages/run-stages.js'
import { childEnv, fixture, freePort, readPid, recordingLogger, tempDir, waitGone } from './helpers.js'

let tmp: { dir: string; cleanup: () => void }
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

const stages = (raw: unknown) => stagesSection.parse(raw)

/** Reads `results-<attempt>.json` (written by flaky-results.sh) as parsed tests. */
async function collectTests(ctx: CollectContext): Promise<CollectedResults> {
  const file = path.join(ctx.workingDirectory, `results-${ctx.attempt}.json`)
  if (!existsSync(file))
    return { tests: [], metrics: [], errors: [`results-${ctx.attempt}.json: not written`] }
  const raw = JSON.parse(await readFile(file, 'utf8')) as { name: string; status: ParsedTestCase['status'] }[]
  return {
    tests: raw.map((t) => ({
      suite: 's',
      classname: 'c',
      name: t.name,
      status: t.status,
      durationMs: 1,
      message: null,
    })),
    metrics: [],
    files: [path.relative(tmp.dir, file)],
  }
}

const noResults = (): Promise<CollectedResults> => Promise.resolve({ tests: [], metrics: [] })

describe('runStage', () => {
  it('retries a failing stage and marks a test that failed then passed as flaky', async () => {
    const logger = recordingLogger()
    const config = stages({ unit: { run: `bash ${fixture('flaky-results.sh')}`, retries: 2 } }).unit!
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger,
      collect: collectTests,
      baseEnv: childEnv(),
    })
    expect(out.stage.status).toBe('passed')
    expect(out.stage.attempts).toBe(2)
    expect(out.stage.resultFiles).toEqual(['results-1.json', 'results-2.json'])
    const byName = Object.fromEntries(out.tests.map((t) => [t.name, t]))
    expect(byName.b).toMatchObject({
      id: 's::c::b',
      stage: 'unit',
      status: 'flaky',
      attempts: ['failed', 'passed'],
    })
    expect(byName.a).toMatchObject({ status: 'passed', attempts: ['passed', 'passed'] })
    expect(logger.lines).toContain('warning: unit stage failed; retrying (1/2)')
    expect(logger.lines[0]).toBe('group: unit stage')
    expect(logger.lines.at(-1)).toBe('endgroup')
  })

  it('keeps a test that fails in every attempt failed, with all attempts, and collects each failed attempt', async () => {
    const seen: number[] = []
    const config = stages({
      unit: { run: `bash ${fixture('flaky-results.sh')}`, retries: 2, env: { ALWAYS_FAIL_C: 1 } },
    }).unit!
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: (ctx) => {
        seen.push(ctx.attempt)
        expect(ctx.status).toBe('failed')
        return collectTests(ctx)
      },
      baseEnv: childEnv(),
    })
    expect(seen).toEqual([1, 2, 3])
    expect(out.stage.status).toBe('failed')
    expect(out.stage.exitCode).toBe(1)
    expect(out.stage.attempts).toBe(3)
    const c = out.tests.find((t) => t.name === 'c')!
    expect(c).toMatchObject({ status: 'failed', attempts: ['failed', 'failed', 'failed'] })
    expect(out.tests.find((t) => t.name === 'b')!.status).toBe('flaky')
    expect(out.stage.errors).toEqual(
      [1, 2, 3].map((n) =>
        expect.stringMatching(
          new RegExp(
            `^attempt ${n}/3: \`bash .*flaky-results\\.sh\` failed with exit code 1; last output:\nattempt ${n} exits 1$`,
          ),
        ),
      ),
    )
  })

  it('repeats the benchmark stage: one sample per repeat, value = median', async () => {
    const config = stages({ benchmark: { run: `bash ${fixture('bench-results.sh')}`, repeat: 3 } }).benchmark!
    const repeats: number[] = []
    const out = await runStage({
      name: 'benchmark',
      config,
      workspace: tmp.dir,
      logger: recordingLogger(),
      baseEnv: childEnv(),
      collect: (ctx) => {
        repeats.push(ctx.repeat)
        const m = JSON.parse(
          readFileSync(path.join(ctx.workingDirectory, `bench-${ctx.repeat}.json`), 'utf8'),
        )
        return Promise.resolve({ tests: [], metrics: [{ ...m, suite: 'bench', direction: 'lower' }] })
      },
    })
    expect(repeats).toEqual([1, 2, 3])
    expect(out.stage).toMatchObject({ status: 'passed', repeats: 3, attempts: 1 })
    expect(out.metrics).toEqual([
      { name: 'op', unit: 'ms', value: 20, samples: [10, 20, 30], suite: 'bench', direction: 'lower' },
    ])
  })

  it('exports GAUNTLET_* and the stage env, and runs in the working directory', async () => {
    mkdirSync(path.join(tmp.dir, 'pkg'))
    const config = stages({
      unit: {
        run: 'echo "$GAUNTLET_STAGE $GAUNTLET_ATTEMPT $GAUNTLET_REPEAT $MODE $(basename "$PWD")"',
        env: { MODE: 'ci' },
        'working-directory': 'pkg',
      },
    }).unit!
    const lines: string[] = []
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: noResults,
      baseEnv: childEnv({ MODE: 'overridden' }),
      onOutput: (l) => lines.push(l),
    })
    expect(out.stage.status).toBe('passed')
    expect(lines).toEqual(['unit 1 1 ci pkg'])
  })

  it('fails clearly on a missing working directory, and still collects', async () => {
    let collected = 0
    const config = stages({ unit: { run: 'true', 'working-directory': 'missing' } }).unit!
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: () => {
        collected++
        return noResults()
      },
      baseEnv: childEnv(),
    })
    expect(out.stage.status).toBe('failed')
    expect(out.stage.errors).toEqual([
      expect.stringMatching(/stage "unit": working directory ".*missing" does not exist/),
    ])
    expect(collected).toBe(1)
  })

  it('surfaces a missing command as exit 127 and stops at the first failing command', async () => {
    const config = stages({ unit: { run: ['echo first', 'no-such-tool-xyz', 'echo never'] } }).unit!
    const logger = recordingLogger()
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger,
      collect: noResults,
      baseEnv: childEnv(),
    })
    expect(out.stage.exitCode).toBe(127)
    expect(out.stage.errors[0]).toMatch(/`no-such-tool-xyz` failed with exit code 127: command not found/)
    expect(logger.lines).not.toContain('never')
    expect(logger.lines).toContain('first')
  })

  it('times out the whole stage, kills the tree and stops its services; collect still runs', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const config = stages({
      unit: {
        run: `bash ${fixture('spawn-grandchild.sh')} ${pidFile}`,
        timeout: '300ms',
        retries: 1,
        services: [{ name: 'helper', run: 'sleep 30', 'stop-timeout': '200ms' }],
      },
    }).unit!
    const logger = recordingLogger()
    let statuses: string[] = []
    const out = await runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger,
      killGraceMs: 200,
      collect: (ctx) => {
        statuses = [...statuses, ctx.status]
        return noResults()
      },
      baseEnv: childEnv(),
    })
    expect(out.stage.status).toBe('timed-out')
    expect(statuses).toEqual(['timed-out', 'timed-out'])
    expect(out.stage.errors.at(-1)).toMatch(/unit stage timed out after 300 ms; its process tree was killed/)
    expect(await waitGone(await readPid(pidFile))).toBe(true)
    for (const l of logger.lines) {
      const m = /started service "helper" \(pid (\d+)\)/.exec(l)
      if (m) expect(await waitGone(Number(m[1]))).toBe(true)
    }
  })

  it('stops services when the stage command fails', async () => {
    const port = await freePort()
    const config = stages({
      integration: {
        run: `node -e "require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(1))"`,
        services: [
          {
            name: 'api',
            run: `node ${fixture('tcp-server.mjs')} ${port}`,
            ready: { tcp: port, interval: '50ms' },
          },
        ],
      },
    }).integration!
    const logger = recordingLogger()
    const out = await runStage({
      name: 'integration',
      config,
      workspace: tmp.dir,
      logger,
      collect: noResults,
      baseEnv: childEnv(),
    })
    expect(out.stage.status).toBe('failed')
    expect(out.stage.exitCode).toBe(1)
    const pid = Number(/pid (\d+)/.exec(logger.lines.find((l) => l.startsWith('started service "api"'))!)![1])
    expect(await waitGone(pid)).toBe(true)
  })

  it('fails the stage when a service is not ready, without running its commands', async () => {
    const port = await freePort()
    const config = stages({
      integration: {
        run: 'echo should-not-run',
        services: [{ name: 'db', run: 'sleep 30', ready: { tcp: port, interval: '50ms', timeout: '300ms' } }],
      },
    }).integration!
    const logger = recordingLogger()
    const out = await runStage({
      name: 'integration',
      config,
      workspace: tmp.dir,
      logger,
      collect: noResults,
      baseEnv: childEnv(),
    })
    expect(out.stage.status).toBe('failed')
    expect(out.stage.errors[0]).toMatch(/service "db" was not ready within 300 ms/)
    expect(logger.lines).not.toContain('should-not-run')
    const pid = Number(/pid (\d+)/.exec(logger.lines.find((l) => l.startsWith('started service "db"'))!)![1])
    expect(await waitGone(pid)).toBe(true)
  })

  it('on cancel mid-stage: kills the command tree, stops services, no retry, status cancelled', async () => {
    const pidFile = path.join(tmp.dir, 'pid')
    const config = stages({
      unit: {
        run: `bash ${fixture('spawn-grandchild.sh')} ${pidFile}`,
        retries: 3,
        services: [{ name: 'side', run: 'sleep 30', 'stop-timeout': '200ms' }],
      },
    }).unit!
    const controller = new AbortController()
    const logger = recordingLogger()
    const pending = runStage({
      name: 'unit',
      config,
      workspace: tmp.dir,
      logger,
      signal: controller.signal,
      killGraceMs: 200,
      collect: noResults,
      baseEnv: childEnv(),
    })
    const grandchild = await readPid(pidFile)
    controller.abort()
    const out = await pending
    expect(out.stage).toMatchObject({ status: 'cancelled', attempts: 1 })
    expect(await waitGone(grandchild)).toBe(true)
    const pid = Number(
      /pid (\d+)/.exec(logger.lines.find((l) => l.startsWith('started service "side"'))!)![1],
    )
    expect(await waitGone(pid)).toBe(true)
  })

  it('runs the chaos hook with services up, and runs `run` when the hook did not', async () => {
    const chaosResult: ChaosResult = {
      experiment: 'latency',
      fault: 'latency 100ms',
      steadyState: { before: 'passed', during: 'failed', after: 'passed' },
      errorRate: 0.5,
      latencyMs: null,
      recoveryMs: 10,
      verdict: 'failed',
    }
    const config = stages({
      chaos: {
        run: 'echo load > load.txt',
        services: [{ name: 'svc', run: 'sleep 30', 'stop-timeout': '200ms' }],
      },
    }).chaos!
    let hookEnv: string | undefined
    const out = await runStage({
      name: 'chaos',
      config,
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: noResults,
      baseEnv: childEnv(),
      runChaos: (_config, ctx) => {
        hookEnv = ctx.env.GAUNTLET_STAGE
        return Promise.resolve({ chaos: [chaosResult] })
      },
    })
    expect(hookEnv).toBe('chaos')
    expect(out.chaos).toEqual([chaosResult])
    expect(out.stage.status).toBe('failed')
    expect(readFileSync(path.join(tmp.dir, 'load.txt'), 'utf8')).toBe('load\n')
  })
})

describe('runStages', () => {
  it('runs selected, configured stages in the fixed order and keeps going after a failure by default', async () => {
    const order: string[] = []
    writeFileSync(path.join(tmp.dir, 'x'), '')
    const config = stages({
      chaos: { run: 'echo chaos' },
      benchmark: { run: 'echo bench' },
      unit: { run: 'exit 2' },
    })
    const logger = recordingLogger()
    const out = await runStages({
      stages: config,
      selection: parseStageSelection('chaos, unit,benchmark,integration'),
      workspace: tmp.dir,
      logger,
      collect: (ctx) => {
        order.push(ctx.stage)
        return noResults()
      },
      baseEnv: childEnv(),
    })
    expect(order).toEqual(['unit', 'benchmark', 'chaos'])
    expect(out.outcomes.map((o) => [o.stage.name, o.stage.status])).toEqual([
      ['unit', 'failed'],
      ['benchmark', 'passed'],
      ['chaos', 'passed'],
    ])
    expect(out.failed).toBe(true)
    expect(logger.lines).toContain('warning: stage "integration" was selected but is not configured')
  })

  it('with failFast, skips later stages after an intolerable failure but not after continue-on-error', async () => {
    const config = stages({
      unit: { run: 'exit 1', 'continue-on-error': true },
      integration: { run: 'exit 1' },
      benchmark: { run: 'echo never' },
    })
    const out = await runStages({
      stages: config,
      failFast: true,
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: noResults,
      baseEnv: childEnv(),
    })
    expect(out.outcomes.map((o) => o.stage.status)).toEqual(['failed', 'failed', 'skipped'])
    expect(out.outcomes[2]!.stage.errors).toEqual(['not run: an earlier stage failed (fail-fast)'])
    expect(out.failed).toBe(true)
  })

  it('a cancelled run marks the stages not reached as cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const out = await runStages({
      stages: stages({ unit: { run: 'echo hi' }, integration: { run: 'echo hi' } }),
      workspace: tmp.dir,
      logger: recordingLogger(),
      collect: noResults,
      signal: controller.signal,
      baseEnv: childEnv(),
    })
    expect(out.cancelled).toBe(true)
    expect(out.outcomes.map((o) => o.stage.status)).toEqual(['cancelled', 'cancelled'])
    expect(out.failed).toBe(true)
  })
})
