import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  ACTION_MAIN,
  ACTION_RUNS_USING,
  DEFAULT_COMMENT,
  DEFAULT_CONFIG_PATH,
  DEFAULT_FAIL_ON,
  DEFAULT_MODE,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_WORKING_DIRECTORY,
  Inputs,
  Outputs,
  SECRET_INPUTS,
} from '../../../src/config/action-contract.js'

interface ActionYml {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

const ACTION_YML = fileURLToPath(new URL('../../../action.yml', import.meta.url))

describe('action.yml agrees with action-contract.ts', () => {
  let action: ActionYml
  beforeAll(async () => {
    action = parse(await readFile(ACTION_YML, 'utf8')) as ActionYml
  })

  it('declares exactly the inputs of the contract, in the same order', () => {
    expect(Object.keys(action.inputs)).toEqual(Object.values(Inputs))
  })

  it('declares exactly the outputs of the contract, in the same order', () => {
    expect(Object.keys(action.outputs)).toEqual(Object.values(Outputs))
  })

  it.each([
    [Inputs.Config, DEFAULT_CONFIG_PATH],
    [Inputs.Mode, DEFAULT_MODE],
    [Inputs.FailOn, DEFAULT_FAIL_ON],
    [Inputs.Comment, DEFAULT_COMMENT],
    [Inputs.WorkingDirectory, DEFAULT_WORKING_DIRECTORY],
    [Inputs.HistoryRetentionDays, String(DEFAULT_RETENTION_DAYS)],
    [Inputs.Stages, ''],
    [Inputs.GithubToken, '${{ github.token }}'],
  ])('input %s defaults to %j', (name, value) => {
    expect(action.inputs[name]?.default).toBe(value)
  })

  it('makes no input required and describes every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.required, name).toBe(false)
      expect(input.description?.trim(), name).toBeTruthy()
    }
    for (const [name, output] of Object.entries(action.outputs))
      expect(output.description?.trim(), name).toBeTruthy()
  })

  it('gives secret inputs an empty default and tells users to pass them from a secret', () => {
    for (const name of SECRET_INPUTS) {
      if (name === Inputs.GithubToken) continue
      expect(action.inputs[name]?.default, name).toBe('')
      expect(action.inputs[name]?.description, name).toMatch(/secret/i)
    }
  })

  it('runs on node24 from the bundled dist/index.js', () => {
    expect(action.runs.using).toBe(ACTION_RUNS_USING)
    expect(action.runs.using).toBe('node24')
    expect(action.runs.main).toBe(ACTION_MAIN)
    expect(action.runs.main).toBe('dist/index.js')
  })
})
