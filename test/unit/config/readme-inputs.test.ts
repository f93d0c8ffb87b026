import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Inputs, Outputs } from '../../../src/config/action-contract.js'
import {
  INPUTS_END,
  INPUTS_START,
  OUTPUTS_END,
  OUTPUTS_START,
  renderInputsTables,
  updateReadme,
} from '../../../scripts/readme-inputs.js'

const SAMPLE = `
name: x
inputs:
  token:
    description: Token with a | pipe.
    required: true
  level:
    description: >-
      Folded text
      on two lines.
    default: error
  empty:
    description: Nothing by default.
    default: ''
outputs:
  status:
    description: The verdict.
runs:
  using: node24
  main: dist/index.js
`

describe('renderInputsTables', () => {
  it('renders one row per input and output, escaping pipes and joining lines', () => {
    expect(renderInputsTables(SAMPLE)).toEqual({
      inputs: [
        '| Input | Default | Description |',
        '| --- | --- | --- |',
        '| `token` |  | **Required.** Token with a \\| pipe. |',
        '| `level` | `error` | Folded text on two lines. |',
        "| `empty` | `''` | Nothing by default. |",
      ].join('\n'),
      outputs: ['| Output | Description |', '| --- | --- |', '| `status` | The verdict. |'].join('\n'),
    })
  })

  it('renders the real action.yml with every input and output of the contract', async () => {
    const text = await readFile(fileURLToPath(new URL('../../../action.yml', import.meta.url)), 'utf8')
    const { inputs, outputs } = renderInputsTables(text)
    for (const name of Object.values(Inputs)) expect(inputs).toContain(`| \`${name}\` |`)
    for (const name of Object.values(Outputs)) expect(outputs).toContain(`| \`${name}\` |`)
    expect(inputs).toContain('| `github-token` | `${{ github.token }}` |')
    expect(inputs.split('\n')).toHaveLength(2 + Object.values(Inputs).length)
  })

  it('refuses an action.yml whose inputs are not a mapping', () => {
    expect(() => renderInputsTables('inputs: [a, b]\n')).toThrow(/'inputs' must be a mapping/)
  })
})

describe('updateReadme', () => {
  const readme = `# T\n\n${INPUTS_START}\nold\n${INPUTS_END}\n\ntext\n\n${OUTPUTS_START}\n${OUTPUTS_END}\n`

  it('replaces only what lies between the markers and is idempotent', () => {
    const tables = { inputs: '| I |', outputs: '| O |' }
    const once = updateReadme(readme, tables)
    expect(once).toBe(
      `# T\n\n${INPUTS_START}\n\n| I |\n\n${INPUTS_END}\n\ntext\n\n${OUTPUTS_START}\n\n| O |\n\n${OUTPUTS_END}\n`,
    )
    expect(updateReadme(once, tables)).toBe(once)
  })

  it('names the missing markers', () => {
    expect(() => updateReadme('# no markers\n', { inputs: '', outputs: '' })).toThrow(INPUTS_START)
  })
})
