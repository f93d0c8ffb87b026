// Turns the `with:` block of the Gauntlet step in an example workflow into the inputs the runner would give the
// action, so the end-to-end tests run exactly what the README tells users to copy. The runner's work is small
// and spelled out here: take the step's `with:` values, add action.yml's defaults for inputs the step leaves
// out, and evaluate `${{ … }}` expressions. Only whole-name lookups through an explicit table are evaluated
// (`github.token`, `secrets.X`); anything else (functions, operators, a name not in the table) throws, so a
// workflow edit that the tests cannot reproduce faithfully fails loudly instead of running something else.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'

/** Where the examples live, relative to the project root (vitest's working directory). */
export const WORKFLOWS_DIR = resolve('examples/workflows')
export const ACTION_YML = resolve('action.yml')

/** A `uses:` that names this action, whatever owner and ref the example shows (`<owner>/gauntlet@v1`). */
export const GAUNTLET_USES = /^[^/\s]+\/gauntlet@[^\s]+$/

export interface WorkflowStep {
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, unknown>
  readonly [key: string]: unknown
}

export interface WorkflowJob {
  readonly steps?: readonly WorkflowStep[]
  readonly permissions?: unknown
  readonly [key: string]: unknown
}

export interface Workflow {
  readonly on?: unknown
  readonly permissions?: unknown
  readonly jobs?: Record<string, WorkflowJob>
  readonly [key: string]: unknown
}

/** One Gauntlet step of a workflow, with the id of its job. */
export interface GauntletStep {
  readonly jobId: string
  readonly step: WorkflowStep
}

/** Reads and parses a workflow of examples/workflows by file name. */
export function readWorkflow(fileName: string): Workflow {
  const path = resolve(WORKFLOWS_DIR, fileName)
  const parsed: unknown = parse(readFileSync(path, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || !('jobs' in parsed)) {
    throw new Error(`${path}: not a workflow (no top-level jobs:)`)
  }
  return parsed as Workflow
}

/** Every step that uses this action, in job and step order. */
export function findGauntletSteps(workflow: Workflow): GauntletStep[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([jobId, job]) =>
    (job.steps ?? [])
      .filter((step) => typeof step.uses === 'string' && GAUNTLET_USES.test(step.uses))
      .map((step) => ({ jobId, step })),
  )
}

/** The defaults action.yml declares, read when called (inputs added there are picked up without a code change). */
export function actionDefaults(actionYml = ACTION_YML): Record<string, string> {
  const action = parse(readFileSync(actionYml, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  return Object.fromEntries(
    Object.entries(action.inputs ?? {}).map(([name, input]) => [
      name,
      scalarText(input.default, `${actionYml} input ${name} default`),
    ]),
  )
}

/**
 * An input value as the runner passes it: a YAML scalar turned into its text. Inputs are strings in Actions; a
 * map or list under `with:` is a mistake, reported with where it was found.
 */
export function scalarText(value: unknown, where: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new Error(`${where}: expected a string, number or boolean, found ${JSON.stringify(value)}`)
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g
const PLAIN_NAME = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/

/**
 * Evaluates every `${{ name }}` in `value` through `table`. Throws on anything that is not a plain name found in
 * the table, naming where it was found.
 */
export function resolveExpressions(
  value: string,
  table: Readonly<Record<string, string>>,
  where: string,
): string {
  return value.replace(EXPRESSION, (whole, inner: string) => {
    const name = inner.trim()
    if (!PLAIN_NAME.test(name)) {
      throw new Error(
        `${where}: the expression ${whole} is not a plain name; the e2e input table cannot evaluate it`,
      )
    }
    if (!Object.hasOwn(table, name)) {
      throw new Error(
        `${where}: no value for the expression ${whole}; add '${name}' to the table the test passes (it has: ${Object.keys(table).join(', ') || 'nothing'})`,
      )
    }
    return table[name]!
  })
}

export interface WorkflowInputsOptions {
  /** The job whose Gauntlet step to use; required when the workflow has more than one Gauntlet step. */
  readonly jobId?: string
  /** Values of the expressions the workflow uses, e.g. `{ 'github.token': TOKEN, 'secrets.X': '' }`. */
  readonly expressions: Readonly<Record<string, string>>
  readonly actionYml?: string
}

/**
 * The inputs the runner would give the Gauntlet step of `fileName`: action.yml's defaults overlaid with the
 * step's `with:`, every expression evaluated. Throws when the step is missing or ambiguous, when `with:` names
 * an input action.yml does not declare, or on an expression the table cannot evaluate.
 */
export function workflowInputs(fileName: string, options: WorkflowInputsOptions): Record<string, string> {
  const steps = findGauntletSteps(readWorkflow(fileName)).filter(
    (s) => options.jobId === undefined || s.jobId === options.jobId,
  )
  if (steps.length !== 1) {
    throw new Error(
      `${fileName}: expected exactly one Gauntlet step${options.jobId ? ` in job ${options.jobId}` : ''}, found ${steps.length}`,
    )
  }
  const { jobId, step } = steps[0]!
  const defaults = actionDefaults(options.actionYml)
  const given = step.with ?? {}
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(defaults, name))
  if (unknown.length > 0) {
    throw new Error(
      `${fileName} (job ${jobId}): with: names inputs action.yml does not declare: ${unknown.join(', ')}`,
    )
  }
  const merged: Record<string, string> = { ...defaults }
  for (const [name, value] of Object.entries(given)) {
    merged[name] = scalarText(value, `${fileName} (job ${jobId}) input ${name}`)
  }
  return Object.fromEntries(
    Object.entries(merged).map(([name, value]) => [
      name,
      resolveExpressions(value, options.expressions, `${fileName} (job ${jobId}) input ${name}`),
    ]),
  )
}
