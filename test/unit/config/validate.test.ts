import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseConfig, summarizeConfig, validateConfigFile } from '../../../src/config/index.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/config/${name}`, import.meta.url))

describe('validateConfigFile', () => {
  it('returns the config and a summary of what it will run', async () => {
    const result = await validateConfigFile(fixture('full.yml'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.config.stages.benchmark?.repeat).toBe(5)
    expect(result.summary.split('\n')).toEqual([
      'stages:',
      '  unit: 2 commands, timeout 10m, 1 result glob, 2 retries',
      '  integration: 1 command, timeout 90s, 2 result globs, 3 services',
      '  benchmark: 1 command, timeout 15m, 1 result glob, repeat 5',
    ])
  })

  it('returns every problem as a file:line:col line', async () => {
    const file = fixture('many-mistakes.yml')
    const result = await validateConfigFile(file)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toHaveLength(6)
    expect(result.errors[0]).toBe(`${file}:1:10: version: found number 2; expected 1`)
    for (const line of result.errors)
      expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `))
  })

  it('returns the not-found explanation instead of throwing', async () => {
    const result = await validateConfigFile(fixture('does-not-exist.yml'))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/does-not-exist\.yml: Gauntlet config not found/)
  })
})

describe('summarizeConfig', () => {
  it('says when no stage is configured', () => {
    expect(summarizeConfig(parseConfig('', 'x.yml'))).toBe('stages: none configured')
  })

  it('mentions continue-on-error and sub-second timeouts', () => {
    const config = parseConfig(
      'stages:\n  unit: {run: x, timeout: 1500ms, continue-on-error: true, retries: 1}\n',
      'x.yml',
    )
    expect(summarizeConfig(config)).toBe(
      'stages:\n  unit: 1 command, timeout 1500ms, 0 result globs, 1 retry, continue-on-error',
    )
  })
})
