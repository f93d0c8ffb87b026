import { describe, expect, it } from 'vitest'
import { closestKey, editDistance } from '../../../src/config/closest-key.js'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['a', '', 1],
    ['', 'abc', 3],
    ['timeout', 'timeout', 0],
    ['timout', 'timeout', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['levle', 'level', 1],
    ['ab', 'ba', 1],
    ['abc', 'ca', 3],
  ])('%j → %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('closestKey', () => {
  const STAGE_KEYS = [
    'run',
    'working-directory',
    'env',
    'timeout',
    'results',
    'continue-on-error',
    'retries',
    'services',
  ]

  it.each([
    ['timout', 'timeout'],
    ['timeuot', 'timeout'],
    ['Timeout', 'timeout'],
    ['result', 'results'],
    ['service', 'services'],
    ['working_directory', 'working-directory'],
    ['workingDirectory', 'working-directory'],
    ['continue_on_error', 'continue-on-error'],
    ['retires', 'retries'],
    ['runs', 'run'],
    ['servcies', 'services'],
  ])('%j → %j', (typo, expected) => {
    expect(closestKey(typo, STAGE_KEYS)).toBe(expected)
  })

  it.each(['command', 'x', 'parallelism', '', '--'])('%j has no close key', (typo) => {
    expect(closestKey(typo, STAGE_KEYS)).toBeUndefined()
  })

  it('returns nothing when there are no known keys', () => {
    expect(closestKey('timeout', [])).toBeUndefined()
  })
})
