// Renders the Inputs and Outputs tables of README.md from action.yml, so the documentation cannot disagree with
// the contract. `node --import tsx scripts/readme-inputs.ts` rewrites the README between the markers;
// `--check` only compares and exits 1 when the README is stale (for CI). The README is passed through Prettier
// before writing and comparing, because `prettier --check .` would otherwise realign the tables and make them
// look stale forever.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const INPUTS_START = '<!-- inputs-start -->'
export const INPUTS_END = '<!-- inputs-end -->'
export const OUTPUTS_START = '<!-- outputs-start -->'
export const OUTPUTS_END = '<!-- outputs-end -->'

interface ActionField {
  description?: unknown
  required?: unknown
  default?: unknown
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')
}

function code(text: string): string {
  // A backtick inside a code span needs a longer fence; action defaults never contain one, but stay correct.
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

// action.yml values are YAML scalars; a mapping or list there is a mistake the table should not print as [object].
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function fields(doc: unknown, key: 'inputs' | 'outputs'): [string, ActionField][] {
  const section = (doc as Record<string, unknown> | null)?.[key]
  if (section === undefined || section === null) return []
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new Error(`action.yml: '${key}' must be a mapping of names to definitions`)
  }
  return Object.entries(section as Record<string, ActionField | null>).map(([name, f]) => [name, f ?? {}])
}

/**
 * Markdown tables of the inputs (name, default, description; "Required." prefixed when required; an empty cell
 * when there is no default, `''` for an empty one) and outputs
 * (name, description) declared in the text of an action.yml, in declaration order.
 */
export function renderInputsTables(actionYmlText: string): { inputs: string; outputs: string } {
  const doc: unknown = parse(actionYmlText)
  const inputRows = fields(doc, 'inputs').map(([name, f]) => {
    // No default at all leaves the cell empty; an explicit empty default is shown as `''`.
    const raw = scalarText(f.default)
    const def = raw === undefined ? '' : raw === '' ? "`''`" : cell(code(raw))
    const description = `${f.required === true ? '**Required.** ' : ''}${scalarText(f.description) ?? ''}`
    return `| ${code(name)} | ${def} | ${cell(description)} |`
  })
  const outputRows = fields(doc, 'outputs').map(
    ([name, f]) => `| ${code(name)} | ${cell(scalarText(f.description) ?? '')} |`,
  )
  return {
    inputs: ['| Input | Default | Description |', '| --- | --- | --- |', ...inputRows].join('\n'),
    outputs: ['| Output | Description |', '| --- | --- |', ...outputRows].join('\n'),
  }
}

function replaceBetween(text: string, start: string, end: string, content: string): string {
  const from = text.indexOf(start)
  const to = text.indexOf(end, from + start.length)
  if (from < 0 || to < 0) throw new Error(`README.md lacks the markers ${start} … ${end}`)
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`
}

/** `readme` with both tables placed between their markers; throws when a marker pair is missing. */
export function updateReadme(readme: string, tables: { inputs: string; outputs: string }): string {
  const withInputs = replaceBetween(readme, INPUTS_START, INPUTS_END, tables.inputs)
  return replaceBetween(withInputs, OUTPUTS_START, OUTPUTS_END, tables.outputs)
}

async function formatMarkdown(text: string, file: string): Promise<string> {
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(text, { ...options, filepath: file })
}

async function main(argv: readonly string[]): Promise<number> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const readmePath = `${root}README.md`
  const [actionText, readme] = await Promise.all([
    readFile(`${root}action.yml`, 'utf8'),
    readFile(readmePath, 'utf8'),
  ])
  const updated = await formatMarkdown(updateReadme(readme, renderInputsTables(actionText)), readmePath)
  if (argv.includes('--check')) {
    if (updated === (await formatMarkdown(readme, readmePath))) return 0
    process.stderr.write(
      'README.md inputs/outputs tables are stale: run `node --import tsx scripts/readme-inputs.ts`\n',
    )
    return 1
  }
  if (updated !== readme) await writeFile(readmePath, updated)
  process.stdout.write('README.md inputs/outputs tables are up to date\n')
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
