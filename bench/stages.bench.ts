/**
 * Stage-runner overhead, three figures with targets:
 * 1. Per-command overhead of `runCommand` (own process group, line sink, tail, group kill check) over a bare
 *    `child_process.spawn` of the same shell command, median of 15 runs of `true`: target ≤ 15 ms extra.
 * 2. Output streaming: a command printing 200,000 lines through the line sink and the 64 KB tail: target
 *    ≥ 200,000 lines/s, and heap growth after the run ≤ 8 MB (the tail is bounded, nothing else is kept).
 * 3. Pure merging: 20,000 tests × 3 attempts and 1,000 metrics × 100 repeats: target ≤ 300 ms together.
 */
import { spawn } from 'node:child_process'
import os from 'node:os'
import { mergeRepeatMetrics, mergeTestAttempts, type CollectedMetric } from '../src/stages/merge-attempts.js'
import { resolveShell, runCommand } from '../src/stages/process.js'
import type { ParsedTestCase } from '../src/model/test-case.js'

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function bareSpawn(command: string): Promise<void> {
  const shell = resolveShell(env.PATH)
  await new Promise<void>((resolve, reject) => {
    const child = spawn(shell.file, [...shell.args, command], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.resume()
    child.stderr.resume()
    child.once('error', reject)
    child.once('close', () => resolve())
  })
}

async function overhead(): Promise<void> {
  const runs = 15
  const bare: number[] = []
  const ours: number[] = []
  for (let i = 0; i < runs; i++) {
    let t = performance.now()
    await bareSpawn('true')
    bare.push(performance.now() - t)
    t = performance.now()
    await runCommand({ command: 'true', cwd: os.tmpdir(), env, onLine: () => undefined })
    ours.push(performance.now() - t)
  }
  const extra = median(ours) - median(bare)
  console.log(
    `stages: command overhead: bare spawn ${median(bare).toFixed(1)} ms, runCommand ${median(ours).toFixed(1)} ms, ` +
      `extra ${extra.toFixed(1)} ms (target ≤ 15 ms: ${extra <= 15 ? 'met' : 'MISSED'})`,
  )
}

async function streaming(): Promise<void> {
  const lines = 200_000
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  let count = 0
  const t = performance.now()
  const result = await runCommand({
    command: `seq 1 ${lines}`,
    cwd: os.tmpdir(),
    env,
    onLine: () => count++,
  })
  const ms = performance.now() - t
  globalThis.gc?.()
  const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6
  const rate = (count / ms) * 1000
  console.log(
    `stages: streaming: ${count} lines in ${ms.toFixed(0)} ms = ${Math.round(rate)} lines/s ` +
      `(target ≥ 200000: ${rate >= 200_000 ? 'met' : 'MISSED'}); tail ${result.tail.length} chars; ` +
      `heap growth ${growthMb.toFixed(1)} MB (target ≤ 8 MB: ${growthMb <= 8 ? 'met' : 'MISSED'}` +
      `${globalThis.gc === undefined ? ', run with --expose-gc for a meaningful figure' : ''})`,
  )
}

function merging(): void {
  const statuses = ['passed', 'failed', 'passed'] as const
  const runs: ParsedTestCase[][] = statuses.map((_, a) =>
    Array.from({ length: 20_000 }, (_, i) => ({
      suite: `suite${i % 50}`,
      classname: `Class${i % 500}`,
      name: `test ${i}`,
      status: i % 97 === 0 ? statuses[a]! : 'passed',
      durationMs: i % 100,
      message: null,
    })),
  )
  const repeats: CollectedMetric[][] = Array.from({ length: 100 }, (_, r) =>
    Array.from({ length: 1000 }, (_, i) => ({
      suite: 'bench',
      name: `metric ${i}`,
      unit: 'ms',
      value: i + (r % 7),
      direction: 'lower' as const,
    })),
  )
  const t = performance.now()
  const tests = mergeTestAttempts('unit', runs)
  const metrics = mergeRepeatMetrics(repeats)
  const ms = performance.now() - t
  const flaky = tests.filter((x) => x.status === 'flaky').length
  console.log(
    `stages: merging 20000 tests × 3 attempts (${flaky} flaky) + 1000 metrics × 100 repeats (${metrics.length} merged): ` +
      `${ms.toFixed(0)} ms (target ≤ 300 ms: ${ms <= 300 ? 'met' : 'MISSED'})`,
  )
}

/** Prints the stage-runner figures and whether each target is met. */
export async function run(): Promise<void> {
  // Figures on a shared machine mean little without its load; print it with them.
  console.log(`stages: load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`)
  await overhead()
  await streaming()
  merging()
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
