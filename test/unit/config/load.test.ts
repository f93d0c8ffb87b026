import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, MAX_CONFIG_BYTES, parseConfig } from '../../../src/config/index.js'
import { MAX_PROBLEMS_IN_MESSAGE } from '../../../src/config/config-error.js'
import { configSchema } from '../../../src/config/schema.js'
import type { ConfigProblem } from '../../../src/config/index.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/config/${name}`, import.meta.url))

function problemsOf(text: string): ConfigProblem[] {
  try {
    parseConfig(text, 'g.yml')
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return [...(err as ConfigError).problems]
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig: valid configs', () => {
  it('fills every default for a minimal config', () => {
    const config = parseConfig('stages:\n  unit:\n    run: npm test\n', 'g.yml')
    expect(config.version).toBe(1)
    expect(config.stages.unit).toEqual({
      run: ['npm test'],
      env: {},
      timeout: 30 * 60_000,
      results: [],
      'continue-on-error': false,
      retries: 0,
      services: [],
    })
    expect(config.stages.integration).toBeUndefined()
    expect(config.history.backend).toBe('auto')
  })

  it('normalises every shorthand of the full fixture', async () => {
    const config = await loadConfig(fixture('full.yml'))
    const { unit, integration, benchmark } = config.stages
    expect(unit?.run).toEqual(['npm ci', 'npm test -- --reporter=junit --outputFile=reports/unit.xml'])
    expect(unit?.env).toEqual({ CI: 'true', WORKERS: '2', NODE_OPTIONS: '--max-old-space-size=4096' })
    expect(unit?.timeout).toBe(600_000)
    expect(unit?.results).toEqual([{ path: 'reports/unit.xml', format: 'auto', suite: undefined }])
    expect(unit?.retries).toBe(2)
    expect(integration?.timeout).toBe(90_000)
    expect(integration?.results).toEqual([
      { path: 'reports/integration/*.xml', format: 'auto', suite: undefined },
      { path: 'reports/api.trx', format: 'trx', suite: 'api' },
    ])
    expect(integration?.services.map((s) => s.name)).toEqual(['db', 'api', 'worker'])
    expect(integration?.services[0]).toEqual({
      name: 'db',
      run: './scripts/start-db.sh',
      'working-directory': 'infra',
      env: { PGPORT: '55432' },
      ready: { tcp: 55432, timeout: 45_000, interval: 250 },
      'stop-timeout': 10_000,
    })
    expect(integration?.services[1]?.ready).toEqual({
      http: 'http://127.0.0.1:8080/health',
      timeout: 30_000,
      interval: 200,
    })
    expect(integration?.services[2]?.ready?.log).toBe('worker ready on queue \\w+')
    expect(benchmark?.repeat).toBe(5)
    expect(benchmark?.timeout).toBe(900_000)
    expect(benchmark?.results).toEqual([{ path: 'reports/bench.json', format: 'vitest-bench' }])
  })

  it.each([
    ['an empty file', 'empty.yml'],
    ['a file with only comments', 'comments-only.yml'],
  ])('gives the defaults for %s', async (_label, name) => {
    const config = await loadConfig(fixture(name))
    expect(config.version).toBe(1)
    expect(config.stages).toEqual({})
    expect(config).toEqual(parseConfig('{}', 'x.yml'))
  })

  it('accepts YAML anchors and merge keys', () => {
    const config = parseConfig(
      [
        'x-common: &common',
        '  timeout: 2m',
        '  retries: 1',
        'stages:',
        '  unit:',
        '    <<: *common',
        '    run: npm test',
      ].join('\n'),
      'g.yml',
    )
    expect(config.stages.unit?.timeout).toBe(120_000)
    expect(config.stages.unit?.retries).toBe(1)
  }, 10_000)
})

describe('parseConfig: frozen result', () => {
  it('throws on any mutation, at any depth (ESM modules run in strict mode)', () => {
    const config = parseConfig(`stages:\n  unit:\n    run: [a, b]\n    env: {A: x}\n`, 'g.yml')
    expect(Object.isFrozen(config)).toBe(true)
    expect(() => {
      ;(config as { version: number }).version = 2
    }).toThrow(TypeError)
    expect(() => {
      config.stages.unit!.run.push('c')
    }).toThrow(TypeError)
    expect(() => {
      config.stages.unit!.env.B = 'y'
    }).toThrow(TypeError)
    expect(config.stages.unit!.run).toEqual(['a', 'b'])
  })
})

interface MistakeCase {
  name: string
  yaml: string
  line: number
  col: number
  path: string
  message: string | RegExp
}

// One mistake per row: where it must be reported and what the message must say.
const MISTAKES: MistakeCase[] = [
  {
    name: 'wrong type (number for commands)',
    yaml: 'stages:\n  unit:\n    run: 5\n',
    line: 3,
    col: 10,
    path: 'stages.unit.run',
    message: 'found number 5; expected a string or a list',
  },
  {
    name: 'wrong type (string for boolean)',
    yaml: 'stages:\n  unit:\n    run: x\n    continue-on-error: "yes"\n',
    line: 4,
    col: 24,
    path: 'stages.unit.continue-on-error',
    message: 'found string "yes"; expected a boolean (true or false)',
  },
  {
    name: 'list where a mapping belongs',
    yaml: 'stages:\n  - unit\n',
    line: 2,
    col: 3,
    path: 'stages',
    message: 'found a list of 1 item; expected a mapping (key: value)',
  },
  {
    name: 'a top level that is not a mapping',
    yaml: '- stages\n',
    line: 1,
    col: 1,
    path: '',
    message: 'found a list of 1 item; expected a mapping (key: value)',
  },
  {
    name: 'enum value, listing the accepted ones',
    yaml: 'stages:\n  unit:\n    run: x\n    results: {path: a.xml, format: junitxml}\n',
    line: 4,
    col: 36,
    path: 'stages.unit.results.format',
    message: /^found string "junitxml"; expected one of: auto, junit, nunit, xunit, trx, /,
  },
  {
    name: 'enum value inside a list of results',
    yaml: 'stages:\n  unit:\n    run: x\n    results:\n      - a.xml\n      - path: b.json\n        format: nope\n',
    line: 7,
    col: 17,
    path: 'stages.unit.results[1].format',
    message: /^found string "nope"; expected one of: auto, /,
  },
  {
    name: 'literal (version)',
    yaml: 'version: 2\n',
    line: 1,
    col: 10,
    path: 'version',
    message: 'found number 2; expected 1',
  },
  {
    name: 'number below the minimum',
    yaml: 'stages:\n  benchmark:\n    run: x\n    repeat: 0\n',
    line: 4,
    col: 13,
    path: 'stages.benchmark.repeat',
    message: 'found number 0; expected a number >= 1',
  },
  {
    name: 'number above the maximum',
    yaml: 'stages:\n  unit:\n    run: x\n    retries: 6\n',
    line: 4,
    col: 14,
    path: 'stages.unit.retries',
    message: 'found number 6; expected a number <= 5',
  },
  {
    name: 'fraction where an integer belongs',
    yaml: 'stages:\n  unit:\n    run: x\n    retries: 1.5\n',
    line: 4,
    col: 14,
    path: 'stages.unit.retries',
    message: 'found number 1.5; expected an integer',
  },
  {
    name: 'empty string',
    yaml: "stages:\n  unit:\n    run: ''\n",
    line: 3,
    col: 10,
    path: 'stages.unit.run',
    message: 'found string ""; expected a non-empty string',
  },
  {
    name: 'empty list of commands',
    yaml: 'stages:\n  unit:\n    run: []\n',
    line: 3,
    col: 10,
    path: 'stages.unit.run',
    message: 'found a list of 0 items; expected a non-empty list',
  },
  {
    name: 'missing required key (reported at the parent key)',
    yaml: 'stages:\n  integration:\n    timeout: 5m\n',
    line: 2,
    col: 3,
    path: 'stages.integration.run',
    message: "missing required key 'run'; expected a string or a list",
  },
  {
    name: 'empty value (reported at its key, not the next line)',
    yaml: 'stages:\n  unit:\nhistory: {}\n',
    line: 2,
    col: 3,
    path: 'stages.unit',
    message: 'found an empty value (null); expected a mapping (key: value)',
  },
  {
    name: 'unknown key with a suggestion',
    yaml: 'stages:\n  unit:\n    run: x\n    timout: 5m\n',
    line: 4,
    col: 5,
    path: 'stages.unit.timout',
    message: "unknown key 'timout'; did you mean 'timeout'?",
  },
  {
    name: 'unknown key in camelCase',
    yaml: 'stages:\n  unit:\n    run: x\n    continueOnError: true\n',
    line: 4,
    col: 5,
    path: 'stages.unit.continueOnError',
    message: "unknown key 'continueOnError'; did you mean 'continue-on-error'?",
  },
  {
    name: 'unknown key without a close match lists the known keys',
    yaml: 'stages:\n  smoke:\n    run: x\n',
    line: 2,
    col: 3,
    path: 'stages.smoke',
    message: "unknown key 'smoke'; expected one of: unit, integration, benchmark, chaos",
  },
  {
    name: 'unknown top-level key',
    yaml: 'stage:\n  unit:\n    run: x\n',
    line: 1,
    col: 1,
    path: 'stage',
    message: "unknown key 'stage'; did you mean 'stages'?",
  },
  {
    name: 'unknown key inside a result object',
    yaml: 'stages:\n  unit:\n    run: x\n    results: {path: a.xml, fromat: junit}\n',
    line: 4,
    col: 28,
    path: 'stages.unit.results.fromat',
    message: "unknown key 'fromat'; did you mean 'format'?",
  },
  {
    name: 'bad duration text',
    yaml: 'stages:\n  unit:\n    run: x\n    timeout: 5 minutes\n',
    line: 4,
    col: 14,
    path: 'stages.unit.timeout',
    message:
      'found string "5 minutes"; expected a duration such as 250ms, 30s, 10m, 1h or 1m30s, or a number of seconds >= 0',
  },
  {
    name: 'negative duration',
    yaml: 'stages:\n  unit:\n    run: x\n    timeout: -1\n',
    line: 4,
    col: 14,
    path: 'stages.unit.timeout',
    message: /^found number -1; expected a duration such as/,
  },
  {
    name: 'duration of the wrong type',
    yaml: 'stages:\n  unit:\n    run: x\n    timeout: true\n',
    line: 4,
    col: 14,
    path: 'stages.unit.timeout',
    message: /^found boolean true; expected a duration such as/,
  },
  {
    name: 'readiness with two probes',
    yaml: 'stages:\n  unit:\n    run: x\n    services:\n      - name: db\n        run: db\n        ready: {tcp: 5432, log: up}\n',
    line: 7,
    col: 16,
    path: 'stages.unit.services[0].ready',
    message: 'found a mapping with keys tcp, log; expected exactly one of tcp, http or log',
  },
  {
    name: 'readiness log that is not a regular expression',
    yaml: "stages:\n  unit:\n    run: x\n    services:\n      - name: db\n        run: db\n        ready: {log: '(up'}\n",
    line: 7,
    col: 22,
    path: 'stages.unit.services[0].ready.log',
    message: 'found string "(up"; expected a valid JavaScript regular expression',
  },
  {
    name: 'readiness URL with another protocol',
    yaml: "stages:\n  unit:\n    run: x\n    services:\n      - name: db\n        run: db\n        ready: {http: 'ftp://h/'}\n",
    line: 7,
    col: 23,
    path: 'stages.unit.services[0].ready.http',
    message: 'found string "ftp://h/"; expected an http:// or https:// URL',
  },
  {
    name: 'service name with a space',
    yaml: "stages:\n  unit:\n    run: x\n    services:\n      - name: 'my db'\n        run: db\n",
    line: 5,
    col: 15,
    path: 'stages.unit.services[0].name',
    message: 'found string "my db"; expected a name of letters, digits, dot, dash and underscore only',
  },
  {
    name: 'duplicate service names',
    yaml: 'stages:\n  unit:\n    run: x\n    services:\n      - {name: db, run: a}\n      - {name: db, run: b}\n',
    line: 6,
    col: 16,
    path: 'stages.unit.services[1].name',
    message: 'found string "db"; expected a name not used by another service',
  },
  {
    name: 'environment variable name',
    yaml: 'stages:\n  unit:\n    run: x\n    env: {1PORT: 80}\n',
    line: 4,
    col: 11,
    path: 'stages.unit.env.1PORT',
    message: 'found key "1PORT"; expected an environment variable name (letters, digits, underscore)',
  },
  {
    name: 'environment value of the wrong type',
    yaml: 'stages:\n  unit:\n    run: x\n    env:\n      A: [1]\n',
    line: 5,
    col: 10,
    path: 'stages.unit.env.A',
    message: 'found a list of 1 item; expected a string, a number or a boolean (true or false)',
  },
]

describe('parseConfig: each kind of mistake', () => {
  it.each(MISTAKES)('$name', ({ yaml, line, col, path, message }) => {
    const problems = problemsOf(yaml)
    expect(problems).toHaveLength(1)
    const [p] = problems
    expect({ file: p!.file, line: p!.line, col: p!.col, path: p!.path }).toEqual({
      file: 'g.yml',
      line,
      col,
      path,
    })
    if (typeof message === 'string') expect(p!.message).toBe(message)
    else expect(p!.message).toMatch(message)
  })
})

describe('parseConfig: several mistakes at once', () => {
  it('reports every problem of the fixture, in source order, with line:col', async () => {
    const err = await loadConfig(fixture('many-mistakes.yml')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    const { problems, code } = err as ConfigError
    expect(code).toBe('invalid')
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      '1:10 version',
      '4:10 stages.unit.run',
      '5:5 stages.unit.timout',
      '6:14 stages.unit.retries',
      '9:13 stages.benchmark.repeat',
      '12:17 stages.benchmark.results[0].format',
    ])
    const file = fixture('many-mistakes.yml')
    const lines = (err as ConfigError).message.split('\n')
    expect(lines[0]).toBe('Invalid Gauntlet config (6 problems):')
    expect(lines[3]).toBe(`  ${file}:5:5: stages.unit.timout: unknown key 'timout'; did you mean 'timeout'?`)
    expect((err as ConfigError).lines()).toHaveLength(6)
  })
})

describe('parseConfig: YAML syntax', () => {
  it('reports an unclosed flow sequence in a file with line:col', async () => {
    const err = (await loadConfig(fixture('syntax-error.txt')).catch((e: unknown) => e)) as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.code).toBe('syntax')
    expect(err.problems[0]).toMatchObject({ line: 4, col: 5, path: '' })
    expect(err.problems[0]?.message).toMatch(/^YAML syntax error: /)
    expect(err.problems[0]?.message).not.toContain('\n')
  })

  it.each([
    ['a stray closing brace', 'stages: {unit: {run: x}}}\n', 1, 25, /flow-map-end/],
    ['a tab used for indentation', 'stages:\n\tunit: {}\n', 2, 1, /Tabs are not allowed/],
    ['misaligned keys', 'stages:\n  unit:\n    run: x\n   retries: 1\n', 4, 1, /same column/],
  ])('reports %s with line:col', (_label, yaml, line, col, message) => {
    const [p, ...rest] = problemsOf(yaml)
    expect(rest).toEqual([])
    expect(p).toMatchObject({ file: 'g.yml', line, col, path: '' })
    expect(p?.message).toMatch(/^YAML syntax error: /)
    expect(p?.message).toMatch(message)
  })

  it('reports a duplicate key at the second occurrence', () => {
    const err = (() => {
      try {
        parseConfig('stages: {}\nversion: 1\nstages: {}\n', 'g.yml')
      } catch (e) {
        return e as ConfigError
      }
      throw new Error('expected a ConfigError')
    })()
    expect(err.code).toBe('syntax')
    expect(err.problems).toEqual([
      { file: 'g.yml', line: 3, col: 1, path: '', message: 'YAML syntax error: Map keys must be unique' },
    ])
  })

  it('reports an alias to an undefined anchor instead of crashing', () => {
    expect(problemsOf('stages: *missing\n')[0]?.message).toMatch(/^YAML error: .*missing/)
  })

  it('stops an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      lines.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(', ')}]`,
      )
    expect(problemsOf(lines.join('\n'))[0]?.message).toMatch(/^YAML error: .*alias/i)
  })
})

describe('loadConfig: the file itself', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-config-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('names the missing path and says how to create it or pass --config', async () => {
    const missing = join(dir, 'nope.yml')
    const err = (await loadConfig(missing).catch((e: unknown) => e)) as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.code).toBe('not-found')
    expect(err.message).toContain(missing)
    expect(err.message).toContain('--config')
    expect(err.message).toContain("action input 'config'")
    expect(err.message).toContain('stages:')
    expect(err.problems[0]).toMatchObject({ file: missing, line: 0, col: 0 })
  })

  it('refuses a directory', async () => {
    const err = (await loadConfig(dir).catch((e: unknown) => e)) as ConfigError
    expect(err.code).toBe('unreadable')
    expect(err.message).toContain('is a directory')
  })

  it('refuses a file larger than the limit without parsing it', async () => {
    const big = join(dir, 'big.yml')
    await writeFile(big, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`)
    const err = (await loadConfig(big).catch((e: unknown) => e)) as ConfigError
    expect(err.code).toBe('too-large')
    expect(err.message).toContain(String(MAX_CONFIG_BYTES))
  })

  it('reads a file with a byte-order mark and CRLF line ends, locating problems on the right line', async () => {
    const file = join(dir, 'crlf.yml')
    await writeFile(file, '\uFEFFstages:\r\n  unit:\r\n    run: x\r\n    retries: -1\r\n')
    const err = (await loadConfig(file).catch((e: unknown) => e)) as ConfigError
    expect(err.problems.map((p) => [p.line, p.col, p.path])).toEqual([[4, 14, 'stages.unit.retries']])
  })
})

describe('parseConfig: hostile input', () => {
  it('turns deeply nested flow collections into syntax errors, with a bounded message', () => {
    let err: unknown
    try {
      parseConfig(`stages: ${'['.repeat(1000)}`, 'g.yml')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    const { code, problems, message } = err as ConfigError
    expect(code).toBe('syntax')
    expect(problems.length).toBeGreaterThan(MAX_PROBLEMS_IN_MESSAGE)
    expect(problems.every((p) => p.line === 1 && p.path === '')).toBe(true)
    const lines = message.split('\n')
    expect(lines).toHaveLength(MAX_PROBLEMS_IN_MESSAGE + 2)
    expect(lines.at(-1)).toBe(`  … and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more (fix these first)`)
  })

  it('lists every schema problem even when there are many', () => {
    const yaml = ['stages:', '  unit:', '    run: x', '    services:']
    for (let i = 0; i < 60; i++) yaml.push(`      - {name: 's ${i}', run: x}`)
    const problems = problemsOf(yaml.join('\n'))
    expect(problems).toHaveLength(60)
    expect(problems[59]).toMatchObject({ line: 64, path: 'stages.unit.services[59].name' })
  })
})

describe('parseConfig: freezing does not leak into the schema', () => {
  it('leaves the defaults of configSchema mutable for other callers', () => {
    const frozenPaths = (value: unknown, path: string): string[] =>
      value === null || typeof value !== 'object'
        ? []
        : [
            ...(Object.isFrozen(value) ? [path] : []),
            ...Object.entries(value).flatMap(([k, v]) => frozenPaths(v, `${path}.${k}`)),
          ]
    const loaded = parseConfig('', 'g.yml')
    expect(frozenPaths(loaded, '$').length).toBeGreaterThan(1)
    expect(frozenPaths(configSchema.parse({}), '$')).toEqual([])
  })
})
