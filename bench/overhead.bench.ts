/**
 * Gauntlet's own overhead: the time the action adds to a CI run beyond its stage commands, and its peak memory.
 * Targets (issue 8): <= 1 s added for a small project, <= 5 s for a large one (10,000 tests, 2,000 metrics,
 * 90 days of history), bundle start-up <= 300 ms.
 *
 * Method (black box, same as test/e2e):
 * 1. The built bundle (dist/, copied to a temp folder so a concurrent `npm run build` cannot swap it mid-run)
 *    runs as `node dist/index.js` with the environment GitHub gives a JavaScript action, against the loopback
 *    GitHub fake (REST, Twirp results service, blob storage) in this process.
 * 2. Each project first gets one push run of the bundle on the default branch with no history (its record is
 *    the template), then 90 days of history seeded through the real artifacts store in a subprocess
 *    (bench/overhead/seed.ts): 90 `gauntlet-run` artifacts + the rolling `gauntlet-history` snapshot — the
 *    steady state. The seed run's own artifacts are then deleted from the fake.
 * 3. Measured: a `pull_request` run (comment: always), so it loads 90 days of history, analyses, renders,
 *    posts the sticky comment, uploads its record and the report artifact. One warm-up run, then >= 3 measured
 *    runs (GAUNTLET_BENCH_RUNS), each on its own PR so every run sees the same history and creates its comment.
 *    Every run is checked: 90 trusted runs loaded, comment posted, record and report uploaded. Then, for
 *    information (no target), as many pushes on the default branch: they also encode and upload the 90-day
 *    snapshot, which a pull request never does.
 * 4. Stage commands only `touch` result files written beforehand. "Added" = wall time (spawn to exit) minus
 *    what those commands cost alone (each timed as `sh -c <command>` in the workspace, median of 10). The
 *    per-stage durations in the log/record are NOT subtracted: they include Gauntlet parsing the result files,
 *    which is overhead.
 * 5. Peak RSS: `process.resourceUsage().maxRSS` of the action process, written at exit by a `--import`
 *    preload (bench/overhead/probe.mjs) that also timestamps every `::group::`/`::endgroup::` for the
 *    per-phase breakdown. Start-up: spawn to first output and to exit of `node dist/index.js` (no inputs: it
 *    fails fast on the missing token) and `node dist/cli.js --version`, median of 11, without the preload.
 *
 * Not measured: network latency to real GitHub (the fake is on loopback and answers at once) and the runner's
 * own step set-up. Load on this machine (printed) inflates every wall figure; the action's CPU time (user +
 * system, all threads, from the same preload) is printed beside it as the less load-sensitive figure.
 *
 * Knobs: GAUNTLET_BENCH_RUNS (>= 3), GAUNTLET_OVERHEAD_PROJECTS=small,large, GAUNTLET_BENCH_NODE_ARGS (extra
 * node flags for the measured runs, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see the hot paths),
 * GAUNTLET_OVERHEAD_COMPARE=<another built dist/ folder>: A/B mode, each measured run of dist/ is followed by
 * the same run of that bundle (its own PR, same history), so both see the same load on a shared machine; its
 * figures print as extra columns marked "(B)".
 *
 *   node --expose-gc --import tsx bench/overhead.bench.ts        (or: npm run bench -- overhead)
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { RECORD_FILE_NAME, RUN_ARTIFACT_NAME, SNAPSHOT_ARTIFACT_NAME } from '../src/history/constants.js'
import { startGitHubFake, type GitHubFake } from '../test/fakes/github-fake.js'
import { unzipSync } from '../test/fakes/zip-reader.js'
import {
  writeLargeBaselineBench,
  writeLargeCurrentBench,
  writeLargeProject,
  writeSmallProject,
  type ProjectShape,
} from './overhead/project.js'
import type { SeedInput } from './overhead/seed.js'
import {
  PROBE,
  spawnAction,
  timeStartup,
  type ProbeReport,
  type SpawnedRun,
} from './overhead/spawn-action.js'

const TARGET_ADDED_MS = { small: 1000, large: 5000 } as const
const TARGET_STARTUP_MS = 300
const HISTORY_DAYS = 90
const STARTUP_RUNS = 11
const REPORT_ARTIFACT = 'gauntlet-report'
const TOKEN = 'ghs_overheadbench0123456789'
const OWNER = 'acme'
const REPO = 'shop'
const REPOSITORY_ID = 42

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const ms = (v: number): string => `${Math.round(v)} ms`
const ratio = (v: number, target: number): string =>
  `${(v / target).toFixed(2)}x of target ${target} ms ${v <= target ? '(met)' : '(MISSED)'}`

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

function machine(): string {
  const cpus = os.cpus()
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}, ${process.platform}/${process.arch}`
}

/** Spawns `sh -c command` in `cwd` and resolves with its wall time. */
async function timeShell(command: string, cwd: string): Promise<number> {
  const t0 = performance.now()
  await new Promise<void>((resolveDone, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', () => resolveDone())
  })
  return performance.now() - t0
}

/** The cost of the stage commands alone: each timed 10 times, medians summed. */
async function stageCommandCost(project: ProjectShape, cwd: string): Promise<number> {
  let total = 0
  for (const command of project.stageCommands) {
    const times: number[] = []
    for (let i = 0; i < 10; i++) times.push(await timeShell(command, cwd))
    total += median(times)
  }
  return total
}

function actionEnv(
  fake: GitHubFake,
  runId: number,
  branch: string,
  event: 'push' | 'pull_request',
  prNumber: number,
): Record<string, string> {
  const sha = runId.toString(16).padStart(40, 'a')
  const handle = fake.registerRun({ runId, headBranch: branch, headSha: sha })
  return {
    ...handle.env,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_ID: String(REPOSITORY_ID),
    GITHUB_EVENT_NAME: event,
    GITHUB_SHA: sha,
    GITHUB_REF: event === 'push' ? `refs/heads/${branch}` : `refs/pull/${prNumber}/merge`,
    GITHUB_REF_NAME: event === 'push' ? branch : `${prNumber}/merge`,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_API_URL: fake.url,
  }
}

function tail(run: SpawnedRun): string {
  return `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`
}

/** Runs the bundle once as a push on main with no history and returns the record it stored. */
async function seedRun(fake: GitHubFake, entry: string, workspace: string, dir: string): Promise<string> {
  const runId = 1
  const run = await spawnAction({
    entry,
    workspace,
    inputs: { 'github-token': TOKEN },
    env: actionEnv(fake, runId, 'main', 'push', 0),
    event: { repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` } },
    timeoutMs: 300_000,
    probe: false,
  })
  const artifact = fake.artifactsNamed(RUN_ARTIFACT_NAME).find((a) => a.run.runId === runId)
  const zip = artifact ? fake.blobBytes(artifact.id) : null
  const gz = zip ? unzipSync(zip).get(RECORD_FILE_NAME) : undefined
  if (!gz) throw new Error(`the seed run stored no ${RUN_ARTIFACT_NAME} record\n${tail(run)}`)
  const templatePath = join(dir, 'template.json')
  await writeFile(templatePath, gunzipSync(gz))
  // The seed run is not part of the 90 days: remove everything it left.
  for (const a of fake.state.artifacts) a.deleted = true
  return templatePath
}

/** Seeds 90 days of history through the real store, in a subprocess (see bench/overhead/seed.ts). */
async function seedHistory(fake: GitHubFake, templatePath: string, dir: string): Promise<number> {
  const now = new Date()
  const runs = Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const handle = fake.registerRun({ runId: 10_000 + i, headBranch: 'main' })
    return { runId: handle.run.runId, runtimeToken: handle.runtimeToken }
  })
  const input: SeedInput = {
    token: TOKEN,
    owner: OWNER,
    repo: REPO,
    repositoryId: REPOSITORY_ID,
    templatePath,
    workDirectory: join(dir, 'seed-work'),
    now: now.toISOString(),
    runs,
  }
  const inputPath = join(dir, 'seed.json')
  await writeFile(inputPath, JSON.stringify(input))
  const t0 = performance.now()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    GITHUB_API_URL: fake.url,
    ACTIONS_RESULTS_URL: `${fake.url}/`,
    SEED_INPUT: inputPath,
  }
  const seedScript = resolve('bench/overhead/seed.ts')
  let out = ''
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', seedScript], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`seeding did not finish in 10 minutes\n${out}`))
    }, 600_000)
    child.on('close', (c) => {
      clearTimeout(timer)
      resolveExit(c)
    })
  })
  if (code !== 0 || !out.includes('SEEDED')) throw new Error(`seeding failed (exit ${code})\n${out}`)
  return performance.now() - t0
}

interface Measurement {
  readonly wallMs: number
  readonly maxRssMb: number
  readonly cpuMs: number
  readonly exitCode: number | null
  /** Phase name -> ms. */
  readonly phases: ReadonlyMap<string, number>
  /** What the stages logged as their own duration (commands + result parsing). */
  readonly stageLoggedMs: number
  /** The step's failure line (`::error::Gauntlet: …`), when the verdict failed it. */
  readonly failure: string | null
}

/** Splits one run's wall time into start-up, each log group, the gaps between groups and the tail. */
function phasesOf(run: SpawnedRun): Map<string, number> {
  const probe = run.probe
  const phases = new Map<string, number>()
  if (!probe) return phases
  // Spawn-to-time-origin and exit-to-parent are not visible inside; they are what wall time has on top.
  const outside = run.wallMs - probe.exitAt
  const first = probe.marks[0]
  phases.set('start-up (spawn → first group)', outside + (first?.at ?? probe.exitAt))
  let open: { name: string; at: number } | null = null
  let lastEnd = first?.at ?? probe.exitAt
  let between = 0
  for (const m of probe.marks) {
    if (m.group !== null) {
      if (open) phases.set(open.name, (phases.get(open.name) ?? 0) + (m.at - open.at))
      else between += m.at - lastEnd
      open = { name: m.group, at: m.at }
    } else if (open) {
      phases.set(open.name, (phases.get(open.name) ?? 0) + (m.at - open.at))
      lastEnd = m.at
      open = null
    }
  }
  phases.set('between groups', between)
  phases.set('after last group (report upload, exit)', probe.exitAt - lastEnd)
  return phases
}

function stageLoggedMs(stdout: string): number {
  let total = 0
  for (const m of stdout.matchAll(/^\w+ stage \w[\w-]* in (\d+) ms$/gm)) total += Number(m[1])
  return total
}

async function measureProject(
  name: 'small' | 'large',
  entry: string,
  runs: number,
  compareEntry: string | null = null,
): Promise<{
  shape: ProjectShape
  measurements: Measurement[]
  pushes: Measurement[]
  /** A/B mode: the same runs of the other bundle, interleaved with these. */
  compared: { measurements: Measurement[]; pushes: Measurement[] } | null
  commandMs: number
  seedMs: number
}> {
  const fake = await startGitHubFake({ owner: OWNER, repo: REPO, repositoryId: REPOSITORY_ID })
  const dir = await mkdtemp(join(os.tmpdir(), `gauntlet-overhead-${name}-`))
  const workspace = join(dir, 'workspace')
  try {
    const shape = name === 'small' ? await writeSmallProject(workspace) : await writeLargeProject(workspace)
    if (name === 'large') await writeLargeBaselineBench(workspace)
    const templatePath = await seedRun(fake, entry, workspace, dir)
    const seedMs = await seedHistory(fake, templatePath, dir)
    if (name === 'large') await writeLargeCurrentBench(workspace)
    const commandMs = await stageCommandCost(shape, workspace)

    const nodeArgs = (process.env.GAUNTLET_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')
    const defaultBranchEvent = { repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` } }
    const measureOne = async (
      event: 'pull_request' | 'push',
      i: number,
      bundle: string = entry,
    ): Promise<Measurement> => {
      const pr = 100 + i
      const runId = (event === 'push' ? 30_000 : 20_000) + i
      const branch = event === 'push' ? 'main' : `bench-${i}`
      const run = await spawnAction({
        entry: bundle,
        workspace,
        inputs: { 'github-token': TOKEN, comment: 'always' },
        env: actionEnv(fake, runId, branch, event, pr),
        event:
          event === 'push'
            ? defaultBranchEvent
            : {
                ...defaultBranchEvent,
                pull_request: {
                  number: pr,
                  head: {
                    ref: branch,
                    sha: runId.toString(16).padStart(40, 'a'),
                    repo: { full_name: `${OWNER}/${REPO}` },
                  },
                  base: { ref: 'main' },
                },
              },
        timeoutMs: 300_000,
        probe: true,
        nodeArgs,
      })
      const problems: string[] = []
      const loaded = Number(/\b(\d+) trusted run\(s\)/.exec(run.stdout)?.[1] ?? 0)
      if (loaded < HISTORY_DAYS) problems.push(`loaded ${loaded} trusted runs, not ${HISTORY_DAYS}`)
      const mine = (artifact: string): boolean =>
        fake.artifactsNamed(artifact).some((a) => a.run.runId === runId)
      if (!mine(RUN_ARTIFACT_NAME)) problems.push(`uploaded no ${RUN_ARTIFACT_NAME}`)
      if (!mine(REPORT_ARTIFACT)) problems.push(`uploaded no ${REPORT_ARTIFACT}`)
      if (event === 'pull_request' && !fake.state.comments.some((c) => c.issueNumber === pr))
        problems.push(`posted no comment on #${pr}`)
      if (event === 'push' && !mine(SNAPSHOT_ARTIFACT_NAME))
        problems.push(`uploaded no ${SNAPSHOT_ARTIFACT_NAME}`)
      if (problems.length > 0)
        throw new Error(
          `${name} ${event} run ${i}: ${problems.join('; ')} (exit ${run.exitCode})\n${tail(run)}`,
        )
      return {
        wallMs: run.wallMs,
        maxRssMb: (run.probe?.maxRssKb ?? 0) / 1024,
        cpuMs: run.probe?.cpuMs ?? 0,
        exitCode: run.exitCode,
        phases: phasesOf(run),
        stageLoggedMs: stageLoggedMs(run.stdout),
        failure: /^::error::(Gauntlet: .*)$/m.exec(run.stdout)?.[1]?.slice(0, 160) ?? null,
      }
    }
    // Pull requests first, so each sees exactly the seeded 90 days; the first is a warm-up (file-system cache).
    // In A/B mode the other bundle's runs take the run numbers after these (own PRs and run ids).
    const measurements: Measurement[] = []
    const compared = compareEntry ? { measurements: [] as Measurement[], pushes: [] as Measurement[] } : null
    const offset = runs + 1
    for (let i = 0; i <= runs; i++) {
      const m = await measureOne('pull_request', i)
      if (i > 0) measurements.push(m)
      if (compared && compareEntry) {
        const b = await measureOne('pull_request', i + offset, compareEntry)
        if (i > 0) compared.measurements.push(b)
      }
    }
    // Then pushes on the default branch: these also write the 90-day snapshot (each adds one day to history).
    const pushes: Measurement[] = []
    for (let i = 1; i <= runs; i++) {
      pushes.push(await measureOne('push', i))
      if (compared && compareEntry) compared.pushes.push(await measureOne('push', i + offset, compareEntry))
    }
    return { shape, measurements, pushes, compared, commandMs, seedMs }
  } finally {
    await fake.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function measureStartup(bundle: string): Promise<void> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir() }
  const cases: [string, string[]][] = [
    ['node dist/index.js (no inputs → fails fast)', [join(bundle, 'index.js')]],
    ['node dist/cli.js --version', [join(bundle, 'cli.js'), '--version']],
    ['node -e 0 (node itself, for reference)', ['-e', '0']],
  ]
  const probeFile = join(await mkdtemp(join(os.tmpdir(), 'gauntlet-startup-')), 'probe.json')
  for (const [label, args] of cases) {
    const first: number[] = []
    const exit: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const t = await timeStartup(args, os.tmpdir(), env)
      if (t.firstOutputMs !== null) first.push(t.firstOutputMs)
      exit.push(t.exitMs)
      // CPU time needs the probe, so it comes from a separate run whose wall time is not used.
      await timeStartup(['--import', PROBE, ...args], os.tmpdir(), {
        ...env,
        GAUNTLET_BENCH_PROBE: probeFile,
      })
      cpu.push((JSON.parse(await readFile(probeFile, 'utf8')) as ProbeReport).cpuMs)
    }
    const firstMed = first.length > 0 ? median(first) : null
    const reference = label.startsWith('node -e')
    console.log(
      `  ${label.padEnd(46)} first output ${firstMed === null ? '—' : ms(firstMed).padStart(7)}, exit ${ms(median(exit)).padStart(7)}, CPU ${ms(median(cpu)).padStart(7)}` +
        (reference ? '' : `  ${ratio(median(exit), TARGET_STARTUP_MS)}`),
    )
  }
  await rm(dirname(probeFile), { recursive: true, force: true })
}

function report(name: 'small' | 'large', r: Awaited<ReturnType<typeof measureProject>>): void {
  const columns: [string, Measurement[]][] = [
    ['pull_request', r.measurements],
    ['push on main', r.pushes],
    ...(r.compared
      ? ([
          ['pull_request (B)', r.compared.measurements],
          ['push on main (B)', r.compared.pushes],
        ] as [string, Measurement[]][])
      : []),
  ]
  const row = (label: string, cell: (xs: Measurement[]) => string): void =>
    console.log(`    ${label.padEnd(40)}${columns.map(([, xs]) => cell(xs).padStart(20)).join('')}`)
  const med = (xs: Measurement[], f: (m: Measurement) => number): number => median(xs.map(f))
  console.log(
    `  ${name}: ${r.measurements.length} pull_request runs (the target; comment: always) and ${r.pushes.length} pushes on main (also write the snapshot); history seeded in ${ms(r.seedMs)}`,
  )
  const failure = [...r.measurements, ...r.pushes].find((m) => m.failure !== null)?.failure
  if (failure) console.log(`    exit code 1 is the verdict on this input, as intended: ${failure}`)
  console.log(`    ${''.padEnd(40)}${columns.map(([title]) => title.padStart(20)).join('')}`)
  row('exit codes', (xs) => xs.map((m) => m.exitCode).join(','))
  row('wall, spawn → exit (median)', (xs) => ms(med(xs, (m) => m.wallMs)))
  row('  runs', (xs) => xs.map((m) => Math.round(m.wallMs)).join(','))
  row('stage commands alone (subtracted)', () => ms(r.commandMs))
  row('stages as logged (commands + parsing)', (xs) => ms(med(xs, (m) => m.stageLoggedMs)))
  row('ADDED by Gauntlet (median)', (xs) => ms(med(xs, (m) => m.wallMs - r.commandMs)))
  row('CPU time, user + system (median)', (xs) => ms(med(xs, (m) => m.cpuMs)))
  // On a shared machine the least inflated run is the steadiest figure to compare two builds by.
  row('CPU time, user + system (min)', (xs) => ms(Math.min(...xs.map((m) => m.cpuMs))))
  row('ADDED by Gauntlet (min)', (xs) => ms(Math.min(...xs.map((m) => m.wallMs - r.commandMs))))
  row('peak RSS (median)', (xs) => `${med(xs, (m) => m.maxRssMb).toFixed(0)} MB`)
  const added = med(r.measurements, (m) => m.wallMs - r.commandMs)
  console.log(`    => ${name}: added ${ms(added)} on a pull request, ${ratio(added, TARGET_ADDED_MS[name])}`)
  if (r.compared) {
    const other = med(r.compared.measurements, (m) => m.wallMs - r.commandMs)
    console.log(
      `       (B) the compared bundle: added ${ms(other)} on a pull request, interleaved with the runs above`,
    )
  }
  console.log('    where the time goes (median per phase, wall):')
  const names = [...(r.measurements[0]?.phases.keys() ?? [])]
  for (const phase of names) row(`  ${phase}`, (xs) => ms(med(xs, (m) => m.phases.get(phase) ?? 0)))
  console.log(`    (stage commands: ${r.shape.stageCommands.join(' ; ')})`)
}

/** Prints start-up, added time and peak RSS for the small and the large project. */
export async function run(): Promise<void> {
  const dist = resolve('dist')
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'cli.js'))) {
    console.log('  dist/ is not built: run `npm run build` first; overhead not measured')
    return
  }
  const runs = Math.max(3, Number(process.env.GAUNTLET_BENCH_RUNS ?? 3) || 3)
  const only = (process.env.GAUNTLET_OVERHEAD_PROJECTS ?? 'small,large').split(',')
  const bundleDir = await mkdtemp(join(os.tmpdir(), 'gauntlet-bundle-'))
  try {
    // As on a runner: the action's checkout has a package.json saying "type": "module" above dist/, so node
    // does not have to sniff the bundle's module format.
    await cp(dist, join(bundleDir, 'dist'), { recursive: true })
    await writeFile(join(bundleDir, 'package.json'), JSON.stringify({ type: 'module' }))
    const built = (await stat(join(dist, 'index.js'))).mtime.toISOString()
    console.log(`  machine: ${machine()}`)
    console.log(`  bundle: dist/index.js built ${built}; load average at start: ${load()}`)
    console.log('  start-up (median of 11, spawn → first output / exit):')
    await measureStartup(join(bundleDir, 'dist'))
    const entry = join(bundleDir, 'dist', 'index.js')
    const compareDir = process.env.GAUNTLET_OVERHEAD_COMPARE
    let compareEntry: string | null = null
    if (compareDir) {
      if (!existsSync(join(compareDir, 'index.js'))) throw new Error(`${compareDir} holds no built index.js`)
      await cp(compareDir, join(bundleDir, 'dist-b'), { recursive: true })
      compareEntry = join(bundleDir, 'dist-b', 'index.js')
      console.log(
        `  A/B mode: (B) = ${compareDir}, built ${(await stat(join(compareDir, 'index.js'))).mtime.toISOString()}`,
      )
    }
    for (const name of ['small', 'large'] as const) {
      if (!only.includes(name)) continue
      console.log(`  load average before ${name}: ${load()}`)
      report(name, await measureProject(name, entry, runs, compareEntry))
    }
    console.log(`  load average at end: ${load()}`)
  } finally {
    await rm(bundleDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
