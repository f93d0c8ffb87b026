import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePrecompiledTemplates } from '../../../scripts/precompile-templates.mjs'
import { PROBE_CAPS } from '../../../src/report/caps.js'
import { probeReport } from '../../../src/report/probe-report.js'
import { renderReport } from '../../../src/report/render-report.js'
import {
  COMPILE_OPTIONS,
  PRECOMPILED_MODULE,
  TEMPLATE_NAMES,
  TEMPLATE_TARGETS,
  loadTemplates,
  type LoadedTemplates,
} from '../../../src/report/templates.js'
import { buildView, prepareReport } from '../../../src/report/view-model.js'
import { LINKS, hostileRun, onlyRegressions } from '../../fixtures/report/reports.js'

// The bundle renders the defaults from dist/templates/precompiled.mjs (written by the build); from source they
// are compiled. Both must give the same text, and a module made for other options/versions must be ignored.
const SOURCE_TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url))

let root: string

/** A copy of the shipped templates with a precompiled module written by the build's own generator. */
async function precompiledCopy(name: string, version?: string): Promise<string> {
  const dir = path.join(root, name)
  await cp(SOURCE_TEMPLATES, dir, { recursive: true })
  await writePrecompiledTemplates(dir, version === undefined ? {} : { handlebarsVersion: version })
  return dir
}

function probeView(name: (typeof TEMPLATE_NAMES)[number]): ReturnType<typeof buildView> {
  return buildView(prepareReport(probeReport()), {
    target: TEMPLATE_TARGETS[name],
    caps: PROBE_CAPS,
    links: {},
    id: 'probe',
    marker: '',
  })
}

function comment(templates: LoadedTemplates, report = onlyRegressions()): string {
  return renderReport(report, { templates, links: LINKS, target: 'comment', commentId: 'x' })
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-precompiled-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('precompiled default templates', () => {
  it('the build writes the module the renderer looks for, with the options it compiled with', async () => {
    const dir = await precompiledCopy('name')
    // Written twice in one process: Handlebars must not have added its defaults to the recorded options.
    await writePrecompiledTemplates(dir)
    const mod = (await import(path.join(dir, PRECOMPILED_MODULE))) as {
      compileOptions: object
      templates: object
      partials: object
    }
    expect(mod.compileOptions).toEqual(COMPILE_OPTIONS)
    expect(Object.keys(mod.templates).sort()).toEqual([
      'comment.md.hbs',
      'email.html.hbs',
      'email.txt.hbs',
      'pagerduty.txt.hbs',
      'slack.mrkdwn.hbs',
      'summary.md.hbs',
    ])
    expect(Object.keys(mod.partials)).toEqual(['report-body'])
  })

  it.each(TEMPLATE_NAMES)('%s renders the probe report exactly as the compiled source does', async (name) => {
    const dir = await precompiledCopy(`same-${name}`)
    const precompiled = await loadTemplates({}, () => {}, { defaultsDir: dir })
    const compiled = await loadTemplates({}, () => {}, { defaultsDir: SOURCE_TEMPLATES })
    const view = probeView(name)
    expect(precompiled.templates[name].render(view)).toBe(compiled.templates[name].render(view))
  })

  it.each([
    ['regressions', onlyRegressions],
    ['hostile input', hostileRun],
  ])('the comment for %s is the same text either way', async (_label, report) => {
    const dir = await precompiledCopy(`comment-${_label.replace(/\W/g, '')}`)
    const precompiled = await loadTemplates({}, () => {}, { defaultsDir: dir })
    const compiled = await loadTemplates({}, () => {}, { defaultsDir: SOURCE_TEMPLATES })
    expect(comment(precompiled, report())).toBe(comment(compiled, report()))
  })

  // The sources are changed after precompiling, so the output shows which of the two was rendered.
  it.each([
    ['matching', undefined, false],
    ['for another Handlebars version', '0.0.1', true],
  ])('a module %s: rendered from source = %s', async (label, version, fromSource) => {
    const dir = await precompiledCopy(`marker-${label.replace(/\W/g, '')}`, version)
    await appendFile(path.join(dir, 'summary.md.hbs'), '\nEDITED-SOURCE\n')
    const loaded = await loadTemplates({}, () => {}, { defaultsDir: dir })
    expect(loaded.templates.summary.render(probeView('summary')).includes('EDITED-SOURCE')).toBe(fromSource)
  })

  it('user templates still compile, with the default partials', async () => {
    const dir = await precompiledCopy('user')
    const file = path.join(root, 'user.md.hbs')
    await cp(path.join(SOURCE_TEMPLATES, 'comment.md.hbs'), file)
    await appendFile(file, '\nUSER {{plural counts.regressed "regression"}}\n')
    const warnings: string[] = []
    const withUser = await loadTemplates({ comment: file }, (m) => warnings.push(m), { defaultsDir: dir })
    const defaults = await loadTemplates({}, () => {}, { defaultsDir: dir })
    expect(warnings).toEqual([])
    expect(withUser.templates.comment.isDefault).toBe(false)
    const body = comment(withUser)
    expect(body).toContain('USER 2 regressions')
    // Everything before the user's line is the default comment, partial included.
    expect(body.startsWith(comment(defaults).trimEnd())).toBe(true)
  })
})
