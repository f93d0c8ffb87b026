import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderReport } from '../../../src/report/render-report.js'
import { PROBE_CAPS } from '../../../src/report/caps.js'
import { probeReport } from '../../../src/report/probe-report.js'
import {
  TEMPLATE_NAMES,
  TEMPLATE_TARGETS,
  TemplateError,
  loadTemplates,
} from '../../../src/report/templates.js'
import { buildView, prepareReport } from '../../../src/report/view-model.js'
import { LINKS, onlyRegressions } from '../../fixtures/report/reports.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-templates-'))
})

async function template(name: string, source: string): Promise<string> {
  const file = path.join(dir, name)
  await writeFile(file, source)
  return file
}

async function load(overrides: Record<string, string>): Promise<{ warnings: string[]; body: string }> {
  const warnings: string[] = []
  const templates = await loadTemplates(overrides, (m) => warnings.push(m))
  const body = renderReport(onlyRegressions(), { templates, links: LINKS, target: 'comment', commentId: 'x' })
  return { warnings, body }
}

describe('loadTemplates', () => {
  it('loads every default template', async () => {
    const warnings: string[] = []
    const loaded = await loadTemplates({}, (m) => warnings.push(m))
    expect(Object.keys(loaded.templates).sort()).toEqual([...TEMPLATE_NAMES].sort())
    for (const t of Object.values(loaded.templates)) expect(t.isDefault).toBe(true)
    expect(warnings).toEqual([])
  })

  // The action compiles the defaults lazily, so this is where a broken shipped template is caught.
  it.each(TEMPLATE_NAMES)('the default %s template renders the probe report', async (name) => {
    const loaded = await loadTemplates({}, () => {})
    const view = buildView(prepareReport(probeReport()), {
      target: TEMPLATE_TARGETS[name],
      caps: PROBE_CAPS,
      links: {},
      id: 'probe',
      marker: '',
    })
    expect(loaded.templates[name].render(view).trim().length).toBeGreaterThan(0)
  })

  it('uses a valid user template, with helpers and partials', async () => {
    const file = await template(
      'ok.md.hbs',
      '{{marker}}\nCustom: {{verdict.label}}, {{plural counts.regressed "regression"}}, {{num 1500 "ms"}}, {{pct 4.23}}, {{iconOf "error"}}\n{{#each changed}}- {{metric}} {{delta}}\n{{/each}}',
    )
    const { warnings, body } = await load({ comment: file })
    expect(warnings).toEqual([])
    expect(body).toBe(
      '<!-- gauntlet:comment id=x -->\nCustom: Failed, 2 regressions, 1.5 s, +4.2 %, ❌\n- benchmark/kv/get/p95 +45.0 %\n- benchmark/kv/put/mean +24.0 %\n- benchmark/kv/scan/throughput +25.0 %\n',
    )
  })

  it.each([
    ['a syntax error', 'line one\nline two {{#if verdict}\n', 2],
    ['an unclosed block (reported where the file ends)', 'a\nb\n{{#each changed}}\n{{metric}}\n', 5],
    ['an unknown variable (strict mode)', 'ok\n\n{{verdict.nope.deeper}}\n', 3],
    ['an unknown helper', 'x {{frobnicate verdict}}', 1],
  ])('falls back to the default on %s, naming the file and line', async (_label, source, line) => {
    const file = await template(`broken-${line}-${source.length}.md.hbs`, source)
    const { warnings, body } = await load({ comment: file })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(file)
    expect(warnings[0]).toMatch(new RegExp(`line ${line}\\b`))
    expect(warnings[0]).toContain('Using the default comment template')
    expect(body).toContain('### ❌ Gauntlet: Failed')
  })

  it('falls back when the file cannot be read', async () => {
    const { warnings, body } = await load({ comment: path.join(dir, 'missing.hbs') })
    expect(warnings[0]).toMatch(/missing\.hbs: cannot be read \(ENOENT\)/)
    expect(body).toContain('Gauntlet: Failed')
  })

  it('warns about names that are not templates', async () => {
    const { warnings } = await load({ commnet: 'x.hbs' })
    expect(warnings).toEqual([expect.stringContaining('report.templates.commnet is not a template name')])
  })

  it('gives templates no access to prototypes', async () => {
    const file = await template(
      'proto.md.hbs',
      '[{{#with run}}{{constructor}}{{/with}}][{{lookup run "__proto__"}}]',
    )
    const { body, warnings } = await load({ comment: file })
    expect(warnings).toEqual([])
    expect(body).toBe('[][]')
  })

  it('treats a path through a prototype as unknown (strict), so the default is used', async () => {
    const file = await template('proto2.md.hbs', '{{run.constructor.name}}')
    const { body, warnings } = await load({ comment: file })
    expect(warnings).toEqual([expect.stringMatching(/proto2\.md\.hbs line 1: "name" not defined/)])
    expect(body).not.toContain('Object')
    expect(body).toContain('Gauntlet: Failed')
  })

  it('TemplateError names the file and line and says what to do', () => {
    const err = new TemplateError('/x/comment.hbs', 7, 'Parse error')
    expect(err.message).toBe(
      'Report template /x/comment.hbs line 7: Parse error. Fix the template (variables are documented in src/report/view-model.ts, ReportView) or remove it from report.templates.',
    )
  })
})
