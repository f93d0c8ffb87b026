// Checks the example workflows (examples/workflows/*.yml) and the README that documents them: the README's
// quick start is single-job.yml byte for byte; every Gauntlet step passes only inputs action.yml declares, with
// valid modes and values; every job holds exactly the token scopes its steps need; the matrix report job runs
// `if: always()` and expects the matrix's shards; the fork-PR report job never touches the pull request's code.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  COMMENT_MODES,
  FAIL_ON,
  Inputs,
  MODES,
  SECRET_INPUTS,
  type Mode,
} from '../../../src/config/action-contract.js'
import { isShardName } from '../../../src/history/shard-name.js'
import { STAGE_NAMES } from '../../../src/model/stage.js'
import {
  ACTION_YML,
  WORKFLOWS_DIR,
  actionDefaults,
  findGauntletSteps,
  readWorkflow,
  resolveExpressions,
  scalarText,
  workflowInputs,
  type Workflow,
  type WorkflowJob,
  type WorkflowStep,
} from '../../e2e/workflow-inputs.js'

const FILES = ['fork-pr-report.yml', 'fork-pr.yml', 'matrix.yml', 'nightly.yml', 'single-job.yml'] as const
const README = readFileSync(resolve('README.md'), 'utf8')
const DECLARED: readonly string[] = Object.keys(
  (parse(readFileSync(ACTION_YML, 'utf8')) as { inputs: Record<string, unknown> }).inputs,
)
const CONTRACT: readonly string[] = Object.values(Inputs)

type Permissions = Record<string, string>

/** Trigger names of `on:` (string, list or map form). */
function triggers(workflow: Workflow): string[] {
  const on = workflow.on
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map((t) => scalarText(t, 'on'))
  return Object.keys(on ?? {})
}

/** The scopes a job's token has: its own `permissions:` or else the workflow's; null when neither sets any. */
function effectivePermissions(workflow: Workflow, job: WorkflowJob): Permissions | null {
  const p = job.permissions ?? workflow.permissions
  if (p === undefined || p === null) return null
  if (typeof p === 'string') return { '*': p } // read-all / write-all
  return p as Permissions
}

function stepsOf(job: WorkflowJob): readonly WorkflowStep[] {
  return job.steps ?? []
}

function isGauntlet(step: WorkflowStep): boolean {
  return findGauntletSteps({ jobs: { j: { steps: [step] } } }).length === 1
}

/** A `with:` value of a step as text ('' when absent). */
function withText(step: WorkflowStep, key: string): string {
  return scalarText(step.with?.[key], `with.${key}`)
}

function modeOf(step: WorkflowStep): Mode {
  return (withText(step, Inputs.Mode) || 'run') as Mode
}

/**
 * The least scopes a job needs, derived from what its steps do: checkout reads contents; a Gauntlet step in
 * `run` or `report` mode lists and downloads artifacts (history, shard records); one that can comment (on a
 * pull_request or workflow_run trigger) writes pull requests. `collect` uploads with the runner's artifact
 * token and needs no token scope.
 */
function neededPermissions(workflow: Workflow, job: WorkflowJob): Permissions {
  const need: Permissions = {}
  const on = triggers(workflow)
  for (const step of stepsOf(job)) {
    if (typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@')) need.contents = 'read'
    if (!isGauntlet(step) || modeOf(step) === 'collect') continue
    need.actions = 'read'
    const comment = withText(step, Inputs.Comment) || 'on-change'
    if (comment !== 'never' && (on.includes('pull_request') || on.includes('workflow_run'))) {
      need['pull-requests'] = 'write'
    }
  }
  return need
}

/** Every `${{ … }}` expression name in a string. */
function expressionNames(value: string): string[] {
  return [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim())
}

/** The values an input may take: the literal, or each value of the job's matrix for `${{ matrix.x }}`. */
function possibleValues(job: WorkflowJob, value: string): string[] {
  const m = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(value)
  if (!m) return [value]
  const matrix = (job.strategy as { matrix?: Record<string, unknown> } | undefined)?.matrix ?? {}
  const values = matrix[m[1]!]
  if (!Array.isArray(values)) throw new Error(`matrix.${m[1]} is not a list in the job's strategy.matrix`)
  return values.map(String)
}

function list(value: string): string[] {
  return value.split(/[\s,]+/).filter((w) => w !== '')
}

describe('examples/workflows', () => {
  it('holds exactly the documented workflows, each linked from the README', () => {
    expect(readdirSync(WORKFLOWS_DIR).sort()).toEqual([...FILES])
    for (const file of FILES) expect(README, file).toContain(`(examples/workflows/${file})`)
  })

  describe.each(FILES)('%s', (file) => {
    const workflow = readWorkflow(file)
    const jobs = Object.entries(workflow.jobs ?? {})

    it('parses as YAML with a name, triggers and at least one Gauntlet step', () => {
      expect(typeof workflow.name).toBe('string')
      expect(triggers(workflow).length).toBeGreaterThan(0)
      expect(findGauntletSteps(workflow).length).toBeGreaterThan(0)
      // pull_request_target runs with a write token in the base repository: never in these examples.
      expect(triggers(workflow)).not.toContain('pull_request_target')
    })

    it('passes only inputs action.yml declares, and action-contract.ts names', () => {
      for (const { jobId, step } of findGauntletSteps(workflow)) {
        for (const key of Object.keys(step.with ?? {})) {
          expect(DECLARED, `${file} job ${jobId}: with.${key}`).toContain(key)
          expect(CONTRACT, `${file} job ${jobId}: with.${key}`).toContain(key)
        }
      }
    })

    it('uses valid modes and values, secrets only from secrets', () => {
      for (const { jobId, step } of findGauntletSteps(workflow)) {
        const where = `${file} job ${jobId}`
        const job = workflow.jobs![jobId]!
        const w: Partial<Record<string, string>> = Object.fromEntries(
          Object.keys(step.with ?? {}).map((k) => [k, withText(step, k)]),
        )
        expect(MODES, where).toContain(modeOf(step))
        const failOn = w[Inputs.FailOn]
        const comment = w[Inputs.Comment]
        if (failOn !== undefined) expect(FAIL_ON, where).toContain(failOn)
        if (comment !== undefined) expect(COMMENT_MODES, where).toContain(comment)
        for (const value of possibleValues(job, w[Inputs.Stages] ?? '')) {
          for (const stage of list(value)) expect(STAGE_NAMES, `${where}: stages`).toContain(stage)
        }
        if (modeOf(step) === 'collect') {
          const shards = possibleValues(job, w[Inputs.Shard] ?? '')
          expect(shards.length, `${where}: collect needs shard:`).toBeGreaterThan(0)
          for (const shard of shards) expect(isShardName(shard), `${where}: shard ${shard}`).toBe(true)
        } else {
          expect(w[Inputs.Shard], `${where}: shard is for mode: collect`).toBeUndefined()
        }
        const shardsList = w[Inputs.Shards]
        if (shardsList !== undefined) {
          expect(modeOf(step), `${where}: shards is for mode: report`).toBe('report')
          for (const shard of list(shardsList)) expect(isShardName(shard), `${where}: ${shard}`).toBe(true)
        }
        for (const name of SECRET_INPUTS) {
          if (name === Inputs.GithubToken) continue
          if (w[name] === undefined) continue
          expect(w[name], `${where}: ${name} must come from a secret`).toMatch(
            /^\$\{\{\s*secrets\.[A-Z0-9_]+\s*\}\}$/,
          )
        }
        // Only names the runner provides: secrets, the token and matrix values.
        for (const value of Object.values(w) as string[]) {
          for (const name of expressionNames(value))
            expect(name, where).toMatch(/^(secrets|matrix)\.|^github\.token$/)
        }
      }
    })

    it('gives every job exactly the token scopes its steps need', () => {
      for (const [jobId, job] of jobs) {
        const granted = effectivePermissions(workflow, job)
        expect(
          granted,
          `${file} job ${jobId} has no permissions: (it would get the repository default)`,
        ).not.toBe(null)
        const explicit = Object.fromEntries(Object.entries(granted!).filter(([, v]) => v !== 'none'))
        expect(explicit, `${file} job ${jobId}`).toEqual(neededPermissions(workflow, job))
      }
    })

    it('says in the README which scopes it needs', () => {
      const row = README.split('\n').find(
        (l) => l.startsWith('|') && l.includes(`(examples/workflows/${file})`),
      )
      expect(row, `README Workflows table row for ${file}`).toBeDefined()
      for (const [, job] of jobs) {
        for (const [scope, level] of Object.entries(neededPermissions(workflow, job))) {
          expect(row, file).toContain(`\`${scope}: ${level}\``)
        }
      }
    })
  })

  it('single-job.yml runs on push and pull_request in one job, mode run', () => {
    const workflow = readWorkflow('single-job.yml')
    expect(triggers(workflow)).toEqual(['push', 'pull_request'])
    const steps = findGauntletSteps(workflow)
    expect(steps).toHaveLength(1)
    expect(modeOf(steps[0]!.step)).toBe('run')
  })

  it('the README quick start is single-job.yml, byte for byte', () => {
    const marker = '<!-- quick-start: examples/workflows/single-job.yml -->'
    expect(README.split(marker)).toHaveLength(2)
    const after = README.slice(README.indexOf(marker) + marker.length)
    const block = /^\s*```yaml\n([\s\S]*?)^```$/m.exec(after)
    expect(block, 'a ```yaml block after the quick-start marker').not.toBeNull()
    expect(block![1]).toBe(readFileSync(join(WORKFLOWS_DIR, 'single-job.yml'), 'utf8'))
  })

  describe('matrix.yml', () => {
    const workflow = readWorkflow('matrix.yml')
    const steps = findGauntletSteps(workflow)
    const collect = steps.filter((s) => modeOf(s.step) === 'collect')
    const report = steps.filter((s) => modeOf(s.step) === 'report')

    it('has shard jobs in collect mode and exactly one report job', () => {
      expect(collect.length).toBeGreaterThan(0)
      expect(report).toHaveLength(1)
      expect(steps.filter((s) => modeOf(s.step) === 'run')).toHaveLength(0)
    })

    it('runs the report job after every shard job, with if: always()', () => {
      const job = workflow.jobs![report[0]!.jobId]!
      expect(job.if).toBe('always()')
      const needs = [job.needs].flat()
      for (const { jobId } of collect) expect(needs).toContain(jobId)
    })

    it('lets every shard finish and names each matrix shard in the report job', () => {
      const expected = collect.flatMap(({ jobId, step }) => {
        const job = workflow.jobs![jobId]!
        expect((job.strategy as { 'fail-fast'?: boolean })['fail-fast'], jobId).toBe(false)
        expect(withText(step, Inputs.Shard)).toMatch(/^\$\{\{\s*matrix\.\w+\s*\}\}$/)
        return possibleValues(job, withText(step, Inputs.Shard))
      })
      expect(list(withText(report[0]!.step, Inputs.Shards)).sort()).toEqual(expected.sort())
    })
  })

  describe('fork-pr.yml + fork-pr-report.yml', () => {
    const pr = readWorkflow('fork-pr.yml')
    const report = readWorkflow('fork-pr-report.yml')
    const reportJobs = Object.values(report.jobs ?? {})

    it('the pull request run is a plain pull_request workflow in run mode', () => {
      expect(triggers(pr)).toContain('pull_request')
      for (const { step } of findGauntletSteps(pr)) expect(modeOf(step)).toBe('run')
    })

    it('the report runs on workflow_run of the pull request workflow, types [completed], mode report', () => {
      expect(triggers(report)).toEqual(['workflow_run'])
      const on = (report.on as { workflow_run: { workflows: string[]; types: string[] } }).workflow_run
      expect(on.types).toEqual(['completed'])
      expect(on.workflows).toEqual([pr.name])
      const steps = findGauntletSteps(report)
      expect(steps).toHaveLength(1)
      expect(modeOf(steps[0]!.step)).toBe('report')
    })

    it('only runs for pull requests from forks', () => {
      for (const job of reportJobs) {
        expect(scalarText(job.if, 'if')).toContain("github.event.workflow_run.event == 'pull_request'")
        expect(scalarText(job.if, 'if')).toContain(
          'github.event.workflow_run.head_repository.full_name != github.repository',
        )
      }
    })

    it('never checks out, builds or runs the pull request code in the privileged job', () => {
      for (const job of reportJobs) {
        for (const step of stepsOf(job)) {
          expect(step.run, 'no run: steps in the privileged job').toBeUndefined()
          if (typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@')) {
            // Without ref/repository, checkout takes the default branch of this repository.
            expect(step.with?.ref, 'checkout ref').toBeUndefined()
            expect(step.with?.repository, 'checkout repository').toBeUndefined()
            expect(step.with?.['persist-credentials']).toBe(false)
          }
          const text = JSON.stringify(step)
          expect(text).not.toMatch(/head_sha|head_branch|head_repository|pull_request\.head|github\.head_ref/)
          if (typeof step.uses === 'string') {
            expect(step.uses).not.toMatch(/^actions\/(setup-node|download-artifact)@/)
          }
        }
      }
    })
  })

  it('nightly.yml runs the long chaos and benchmark stages on a schedule', () => {
    const workflow = readWorkflow('nightly.yml')
    expect(triggers(workflow)).toContain('schedule')
    const schedule = (workflow.on as { schedule: { cron: string }[] }).schedule
    expect(schedule.length).toBeGreaterThan(0)
    for (const { cron } of schedule) expect(cron.trim().split(/\s+/)).toHaveLength(5)
    const [only] = findGauntletSteps(workflow)
    expect(list(withText(only!.step, Inputs.Stages)).sort()).toEqual(['benchmark', 'chaos'])
  })
})

describe('workflow-inputs (what the e2e tests feed the action)', () => {
  const table = { 'github.token': 'T', 'secrets.A': 'a' }

  it.each([
    ['${{ github.token }}', 'T'],
    ['${{secrets.A}}', 'a'],
    ['x-${{ secrets.A }}-y', 'x-a-y'],
    ['plain', 'plain'],
  ])('resolves %j to %j', (value, expected) => {
    expect(resolveExpressions(value, table, 'here')).toBe(expected)
  })

  it.each([
    ['${{ secrets.B }}', /here: no value for the expression \$\{\{ secrets\.B \}\}/],
    ["${{ format('{0}', secrets.A) }}", /not a plain name/],
    ['${{ secrets.A || github.token }}', /not a plain name/],
  ])('refuses %j', (value, error) => {
    expect(() => resolveExpressions(value, table, 'here')).toThrow(error)
  })

  it("gives the quick start's with: over action.yml's defaults, every expression evaluated", () => {
    const inputs = workflowInputs('single-job.yml', {
      expressions: {
        'github.token': 'tok',
        'secrets.GAUNTLET_SLACK_WEBHOOK_URL': 'https://hooks.example/x',
        'secrets.GAUNTLET_PAGERDUTY_ROUTING_KEY': '',
        'secrets.GAUNTLET_SMTP_URL': '',
      },
    })
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(actionDefaults()).sort())
    expect(inputs).toMatchObject({
      config: '.github/gauntlet.yml',
      'github-token': 'tok',
      mode: 'run',
      'slack-webhook-url': 'https://hooks.example/x',
    })
  })

  it('fails loudly when the table lacks a secret the workflow uses', () => {
    expect(() => workflowInputs('single-job.yml', { expressions: { 'github.token': 'tok' } })).toThrow(
      /single-job\.yml \(job gauntlet\) input slack-webhook-url: no value for the expression/,
    )
  })

  it('asks for the job when a workflow has several Gauntlet steps', () => {
    expect(() => workflowInputs('matrix.yml', { expressions: {} })).toThrow(/exactly one Gauntlet step/)
    expect(
      workflowInputs('matrix.yml', {
        jobId: 'shard',
        expressions: { 'matrix.shard': 'unit', 'github.token': 't' },
      }),
    ).toMatchObject({ mode: 'collect', shard: 'unit', stages: 'unit' })
  })
})
