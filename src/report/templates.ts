// Loads and compiles the report templates once: the defaults shipped in `templates/` (copied to
// `dist/templates/` by the build) and user overrides from the config. Each template gets an isolated Handlebars
// environment with `strict` lookups, `noEscape` (the view model escapes per target) and prototype access off.
// A user template that does not parse, or fails on a probe report, is replaced by the default with a warning
// naming the file and line.

import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import Handlebars from 'handlebars'
import { registerHelpers } from './helpers.js'
import { probeReport } from './probe-report.js'
import { PROBE_CAPS } from './caps.js'
import type { ReportView, TextTarget } from './view-model.js'
import { buildView, prepareReport } from './view-model.js'

/** Every template a user can override, by config key. */
export const TEMPLATE_NAMES = [
  'comment',
  'summary',
  'slack',
  'email-html',
  'email-text',
  'pagerduty',
] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

/** The syntax each template produces, which decides how its view is escaped. */
export const TEMPLATE_TARGETS: Readonly<Record<TemplateName, TextTarget>> = {
  comment: 'markdown',
  summary: 'markdown',
  slack: 'slack',
  'email-html': 'html',
  'email-text': 'text',
  pagerduty: 'text',
}

/** File names of the default templates inside the templates directory. */
export const DEFAULT_TEMPLATE_FILES: Readonly<Record<TemplateName, string>> = {
  comment: 'comment.md.hbs',
  summary: 'summary.md.hbs',
  slack: 'slack.mrkdwn.hbs',
  'email-html': 'email.html.hbs',
  'email-text': 'email.txt.hbs',
  pagerduty: 'pagerduty.txt.hbs',
}

/** Partials shared by the default templates (and usable from user templates), in `templates/partials/`. */
const PARTIALS_DIR = 'partials'

const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const

/** A template that could not be used: names the file and the line, and says what to do. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
  ) {
    super(
      `Report template ${file}${line === null ? '' : ` line ${line}`}: ${detail}. ` +
        'Fix the template (variables are documented in src/report/view-model.ts, ReportView) or remove it from report.templates.',
    )
    this.name = 'TemplateError'
  }
}

/** One compiled template, ready to render a view. */
export interface LoadedTemplate {
  readonly name: TemplateName
  readonly file: string
  readonly isDefault: boolean
  readonly target: TextTarget
  /** Renders the view; a user template that fails at run time falls back to the default with a warning. */
  render(view: ReportView): string
}

/** All templates, compiled once per run. */
export interface LoadedTemplates {
  readonly templates: Readonly<Record<TemplateName, LoadedTemplate>>
}

/**
 * Finds the directory of the default templates: beside the bundle (`dist/templates/`) or, when running from
 * source under vitest/tsx, the repository's `templates/`.
 */
export function defaultTemplatesDir(): string {
  const candidates = [new URL('./templates/', import.meta.url), new URL('../../templates/', import.meta.url)]
  for (const url of candidates) {
    const dir = fileURLToPath(url)
    if (existsSync(path.join(dir, DEFAULT_TEMPLATE_FILES.comment))) return dir
  }
  throw new Error(
    `Gauntlet's default report templates were not found (looked in ${candidates.map((u) => fileURLToPath(u)).join(' and ')}); rebuild with npm run build, which copies templates/ to dist/templates/.`,
  )
}

function lineOf(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'lineNumber' in err) {
    const n = (err as { lineNumber?: unknown }).lineNumber
    if (typeof n === 'number') return n
  }
  const message = err instanceof Error ? err.message : String(err)
  const m = /line (\d+)/.exec(message) ?? / - (\d+):\d+$/m.exec(message)
  return m ? Number(m[1]) : null
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.split('\n')[0]!.replace(/ - \d+:\d+$/, '')
}

type Compiled = (view: ReportView) => string

function newEnv(partials: ReadonlyMap<string, string>): typeof Handlebars {
  const env = Handlebars.create()
  registerHelpers(env as unknown as Parameters<typeof registerHelpers>[0])
  for (const [name, source] of partials) {
    env.registerPartial(name, env.compile(source, { strict: true, noEscape: true }))
  }
  return env
}

/** Compiles a source eagerly (Handlebars compiles lazily) so syntax errors surface here with their line. */
function compile(env: typeof Handlebars, source: string, file: string): Compiled {
  try {
    env.parse(source)
  } catch (err) {
    throw new TemplateError(file, lineOf(err), firstLine(err))
  }
  const template = env.compile<ReportView>(source, { strict: true, noEscape: true })
  return (view) => template(view, RUNTIME_OPTIONS)
}

async function readPartials(dir: string): Promise<Map<string, string>> {
  const partials = new Map<string, string>()
  const partialDir = path.join(dir, PARTIALS_DIR)
  const entries = await readdir(partialDir).catch(() => [] as string[])
  for (const entry of entries.sort()) {
    if (!entry.endsWith('.hbs')) continue
    partials.set(
      entry.replace(/\.[^.]*\.hbs$|\.hbs$/, ''),
      await readFile(path.join(partialDir, entry), 'utf8'),
    )
  }
  return partials
}

/** Options of {@link loadTemplates} for tests and the CLI. */
export interface LoadTemplatesOptions {
  /** Directory of the defaults; found next to the module when absent. */
  readonly defaultsDir?: string
  /** Directory user paths are relative to (the working directory of the run). */
  readonly baseDir?: string
}

/**
 * Compiles the default templates and the user's overrides (`name → path`, from `report.templates`). A broken
 * override produces a warning naming the file and line, and the default is used. Unknown names are warned
 * about and ignored. Throws only when the shipped defaults are missing (here) or broken (at their first
 * render, as a TemplateError): a build problem.
 */
export async function loadTemplates(
  overrides: Readonly<Record<string, string>>,
  warn: (message: string) => void,
  options: LoadTemplatesOptions = {},
): Promise<LoadedTemplates> {
  const dir = options.defaultsDir ?? defaultTemplatesDir()
  const partials = await readPartials(dir)
  const env = newEnv(partials)
  let probe: ReturnType<typeof prepareReport> | null = null
  const templates = {} as Record<TemplateName, LoadedTemplate>

  for (const name of TEMPLATE_NAMES) {
    const target = TEMPLATE_TARGETS[name]
    const defaultFile = path.join(dir, DEFAULT_TEMPLATE_FILES[name])
    const defaultSource = await readFile(defaultFile, 'utf8')
    // Defaults compile on first use: a run renders two or three of the six, and compiling all of them with a
    // probe render cost ~0.1-0.4 s of every run (bench/overhead.bench.ts). The shipped defaults are checked
    // by the unit tests (templates.test.ts renders each one with the probe report) instead of on every run.
    let compiledDefault: Compiled | null = null
    const defaultRender: Compiled = (view) =>
      (compiledDefault ??= compile(env, defaultSource, defaultFile))(view)
    let loaded: LoadedTemplate = { name, file: defaultFile, isDefault: true, target, render: defaultRender }

    const userPath = overrides[name]
    if (userPath !== undefined) {
      const file = path.resolve(options.baseDir ?? process.cwd(), userPath)
      try {
        const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new TemplateError(file, null, `cannot be read (${err.code ?? err.message})`)
        })
        const userRender = compile(newEnv(partials), source, file)
        const probeView = buildView((probe ??= prepareReport(probeReport())), {
          target,
          caps: PROBE_CAPS,
          links: {},
          id: 'probe',
          marker: '',
        })
        try {
          userRender(probeView)
        } catch (err) {
          throw new TemplateError(file, lineOf(err), firstLine(err))
        }
        loaded = {
          name,
          file,
          isDefault: false,
          target,
          render: (view) => {
            try {
              return userRender(view)
            } catch (err) {
              warn(
                `${new TemplateError(file, lineOf(err), firstLine(err)).message} Using the default ${name} template.`,
              )
              return defaultRender(view)
            }
          },
        }
      } catch (err) {
        const message = err instanceof TemplateError ? err.message : String(err)
        warn(`${message} Using the default ${name} template.`)
      }
    }
    templates[name] = loaded
  }
  for (const key of Object.keys(overrides)) {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(key)) {
      warn(
        `report.templates.${key} is not a template name (expected one of ${TEMPLATE_NAMES.join(', ')}); ignored.`,
      )
    }
  }
  return { templates }
}
