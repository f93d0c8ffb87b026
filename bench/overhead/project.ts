/**
 * Workspaces for the overhead benchmark. Each has a `.github/gauntlet.yml` whose stage commands only `touch`
 * result files written beforehand, so a stage costs one shell start and Gauntlet's own work is what remains:
 *
 * - small: the example service (examples/kv-service) — its config's stages and analysis budgets, its real
 *   report files (15 unit tests, 5 integration tests, its benchmark metrics); chaos is left out because its
 *   experiments are real work of seconds, not overhead.
 * - large: generated, deterministic: 8,000 unit + 2,000 integration tests (JUnit XML, a few failing and
 *   skipped) and 2,000 benchmark metrics with 5 samples each (Gauntlet JSON), 20 of them 30 % worse than the
 *   history the seeder writes around the unmodified values, so the comment has regressions to show.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parse, stringify } from 'yaml'
import { mulberry32 } from '../../src/analysis/evaluation/aa-simulation.js'

/** Where the example lives, relative to the project root (the bench runs from there). */
export const EXAMPLE_DIR = resolve('examples/kv-service')

export interface ProjectShape {
  readonly name: 'small' | 'large'
  /** The commands the stages run, to time them alone. */
  readonly stageCommands: readonly string[]
}

const touch = (path: string): string => `touch ${path}`

/** Small deterministic PRNG (mulberry32), so the large project is the same on every run. */
export const seeded = mulberry32

/** Writes the example's config (stages replaced by `touch` commands, chaos left out) and its report files. */
export async function writeSmallProject(workspace: string): Promise<ProjectShape> {
  const example = parse(await readFile(join(EXAMPLE_DIR, '.github/gauntlet.yml'), 'utf8')) as {
    analysis?: { budgets?: string[] }
  }
  // Chaos budgets name metrics this run has no chaos stage for; keep the others.
  const budgets = (example.analysis?.budgets ?? []).filter((b) => !b.startsWith('chaos/'))
  const config = {
    version: 1,
    stages: {
      unit: { run: touch('reports/unit.xml'), results: [{ path: 'reports/unit.xml', format: 'junit' }] },
      integration: { run: touch('reports/integration.xml'), results: 'reports/integration.xml' },
      benchmark: {
        run: touch('reports/bench.json'),
        results: [{ path: 'reports/bench.json', format: 'gauntlet', suite: 'kv-service' }],
      },
    },
    analysis: { budgets },
    alerts: { 'dry-run': true },
  }
  await mkdir(join(workspace, '.github'), { recursive: true })
  await mkdir(join(workspace, 'reports'), { recursive: true })
  await writeFile(join(workspace, '.github/gauntlet.yml'), stringify(config))
  for (const f of ['unit.xml', 'integration.xml', 'bench.json'])
    await copyFile(join(EXAMPLE_DIR, 'reports', f), join(workspace, 'reports', f))
  return {
    name: 'small',
    stageCommands: Object.values(config.stages).map((s) => s.run),
  }
}

export const LARGE_UNIT_TESTS = 8000
export const LARGE_INTEGRATION_TESTS = 2000
export const LARGE_METRICS = 2000
const LARGE_SAMPLES = 5
const LARGE_REGRESSED = 20

function junit(suite: string, count: number, rand: () => number, failEvery: number): string {
  const lines: string[] = []
  const classes = Math.max(1, Math.floor(count / 50))
  let failures = 0
  let skipped = 0
  for (let i = 0; i < count; i++) {
    const cls = `${suite}/module-${i % classes}.test.ts`
    const time = (rand() * 0.05).toFixed(4)
    if (i % failEvery === failEvery - 1) {
      failures++
      lines.push(
        `    <testcase classname="${cls}" name="case ${i} handles input ${i % 97}" time="${time}"><failure message="expected ${i} to equal ${i + 1}">AssertionError: expected ${i} to equal ${i + 1}\n    at ${cls}:${(i % 300) + 1}:7</failure></testcase>`,
      )
    } else if (i % 997 === 5) {
      skipped++
      lines.push(
        `    <testcase classname="${cls}" name="case ${i} handles input ${i % 97}" time="0"><skipped/></testcase>`,
      )
    } else {
      lines.push(`    <testcase classname="${cls}" name="case ${i} handles input ${i % 97}" time="${time}"/>`)
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${suite}" tests="${count}" failures="${failures}">
  <testsuite name="${suite}" tests="${count}" failures="${failures}" skipped="${skipped}">
${lines.join('\n')}
  </testsuite>
</testsuites>
`
}

/**
 * The benchmark file of the large project. `regressed` metrics get 1.3x their base value; the history seeder
 * reads the same generator with `regressed = 0`, so history sits around the base values.
 */
export function largeBenchmarkJson(regressed: number): string {
  const rand = seeded(2000)
  const units = ['ms', 'ns', 'ops/s', 'B'] as const
  const metrics = []
  for (let i = 0; i < LARGE_METRICS; i++) {
    const unit = units[i % units.length] as string
    const base = 10 + rand() * 1000
    const worse = i < regressed ? (unit === 'ops/s' ? 1 / 1.3 : 1.3) : 1
    const samples: number[] = []
    for (let k = 0; k < LARGE_SAMPLES; k++)
      samples.push(Math.round(base * worse * (0.99 + rand() * 0.02) * 1000) / 1000)
    metrics.push({ name: `area-${i % 40}/op-${i}`, unit, samples })
  }
  return JSON.stringify({ suite: 'large-service', metrics })
}

/** Writes the large project's config and result files. */
export async function writeLargeProject(workspace: string): Promise<ProjectShape> {
  const config = {
    version: 1,
    stages: {
      unit: { run: touch('reports/unit.xml'), results: [{ path: 'reports/unit.xml', format: 'junit' }] },
      integration: {
        run: touch('reports/integration.xml'),
        results: [{ path: 'reports/integration.xml', format: 'junit' }],
      },
      benchmark: {
        run: touch('reports/bench.json'),
        results: [{ path: 'reports/bench.json', format: 'gauntlet' }],
      },
    },
    alerts: { 'dry-run': true },
  }
  await mkdir(join(workspace, '.github'), { recursive: true })
  await mkdir(join(workspace, 'reports'), { recursive: true })
  await writeFile(join(workspace, '.github/gauntlet.yml'), stringify(config))
  await writeFile(join(workspace, 'reports/unit.xml'), junit('unit', LARGE_UNIT_TESTS, seeded(1), 2000))
  await writeFile(
    join(workspace, 'reports/integration.xml'),
    junit('integration', LARGE_INTEGRATION_TESTS, seeded(2), 1000),
  )
  await writeFile(join(workspace, 'reports/bench.json'), largeBenchmarkJson(LARGE_REGRESSED))
  return { name: 'large', stageCommands: Object.values(config.stages).map((s) => s.run) }
}

/** Rewrites the large project's benchmark file without regressions (the seed run's values). */
export async function writeLargeBaselineBench(workspace: string): Promise<void> {
  await writeFile(join(workspace, 'reports/bench.json'), largeBenchmarkJson(0))
}

/** Puts the large project's regressed benchmark file back (the measured runs' values). */
export async function writeLargeCurrentBench(workspace: string): Promise<void> {
  await writeFile(join(workspace, 'reports/bench.json'), largeBenchmarkJson(LARGE_REGRESSED))
}
