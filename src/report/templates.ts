// Loads and compiles the report templates once: the defaults shipped in `templates/` (copied to
// `dist/templates/` by the build) and user overrides from the config. Each template gets an isolated Handlebars
// environment with `strict` lookups, `noEscape` (the view model escapes per target) and prototype access off.
// A user template that does not parse, or fails on a probe report, is replaced by the default with a warning
// naming the file and line.
//
// Precompiled defaults (issue 8, overhead): the build writes `dist/templates/precompiled.mjs`, the defaults and
// partials run through `Handlebars.precompile` with the same options. From the bundle the defaults are then
// only instantiated with the Handlebars runtime; the compiler (and its source-map dependency) is imported
// only when a user template has to be compiled, or when running from source (no precompiled module).

import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'
import type Handlebars from 'handlebars'
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

/** The module the build writes beside the default templates (scripts/build.mjs). */
export const PRECOMPILED_MODULE = 'precompiled.mjs'

/**
 * Options every template is compiled with. The build precompiles the defaults with the options its module
 * records; they are used only when those equal these (and the Handlebars version matches).
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const

/** What `precompiled.mjs` exports: `Handlebars.precompile` specs by file name (partials by partial name). */
interface PrecompiledModule {
  readonly handlebarsVersion: string
  readonly compileOptions: Readonly<Record<string, unknown>>
  readonly templates: Readonly<Record<string, TemplateSpecification>>
  readonly partials: Readonly<Record<string, TemplateSpecification>>
}
type TemplateSpecification = Parameters<typeof Handlebars.template>[0]

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

/** The full Handlebars (with the compiler), imported on first need. */
async function importCompiler(): Promise<typeof Handlebars> {
  return (await import('handlebars')).default
}

/** The Handlebars runtime only: enough to run precompiled templates. */
async function importRuntime(): Promise<typeof Handlebars> {
  // `handlebars/runtime` has no typings of its own; its export is the runtime half of the same object.
  return ((await import('handlebars/runtime.js')) as unknown as { default: typeof Handlebars }).default
}

function sameOptions(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => a[k] === b[k])
}

/**
 * The build's precompiled defaults for `dir`, or null when there are none (running from source) or they were
 * made for another Handlebars version or other options (then the sources are compiled as before).
 */
async function loadPrecompiled(dir: string, version: string): Promise<PrecompiledModule | null> {
  const file = path.join(dir, PRECOMPILED_MODULE)
  if (!existsSync(file)) return null
  const mod = (await import(pathToFileURL(file).href)) as PrecompiledModule
  if (mod.handlebarsVersion !== version || !sameOptions(mod.compileOptions, COMPILE_OPTIONS)) return null
  // A module missing a default is not used at all: defaults then compile from source, like the partials.
  if (Object.values(DEFAULT_TEMPLATE_FILES).some((f) => mod.templates[f] === undefined)) return null
  return mod
}

function newEnv(
  handlebars: typeof Handlebars,
  partials: ReadonlyMap<string, string>,
  precompiled: PrecompiledModule | null = null,
): typeof Handlebars {
  const env = handlebars.create()
  registerHelpers(env as unknown as Parameters<typeof registerHelpers>[0])
  if (precompiled) {
    for (const [name, spec] of Object.entries(precompiled.partials)) {
      env.registerPartial(name, env.template(spec))
    }
  } else {
    for (const [name, source] of partials) {
      env.registerPartial(name, env.compile(source, { ...COMPILE_OPTIONS }))
    }
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
  // A copy each time: Handlebars adds its defaults to the options object it is given.
  const template = env.compile<ReportView>(source, { ...COMPILE_OPTIONS })
  return (view) => template(view, RUNTIME_OPTIONS)
}

/** Instantiates a precompiled template; compiling it was checked by the build. */
function instantiate(env: typeof Handlebars, spec: TemplateSpecification): Compiled {
  const template = env.template<ReportView>(spec)
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
  const hasOverrides = TEMPLATE_NAMES.some((name) => overrides[name] !== undefined)
  const runtime = await importRuntime()
  const precompiled = await loadPrecompiled(dir, runtime.VERSION)
  // The compiler is needed for user templates, and for the defaults when they are not precompiled.
  const compiler = hasOverrides || !precompiled ? await importCompiler() : null
  // Partial sources are read only when something is compiled here (user templates can use the partials).
  const partials = compiler ? await readPartials(dir) : new Map<string, string>()
  const env = precompiled ? newEnv(runtime, partials, precompiled) : newEnv(compiler!, partials)
  let probe: ReturnType<typeof prepareReport> | null = null
  const templates = {} as Record<TemplateName, LoadedTemplate>

  for (const name of TEMPLATE_NAMES) {
    const target = TEMPLATE_TARGETS[name]
    const defaultFile = path.join(dir, DEFAULT_TEMPLATE_FILES[name])
    const spec = precompiled?.templates[DEFAULT_TEMPLATE_FILES[name]]
    // Defaults compile on first use: a run renders two or three of the six, and compiling all of them with a
    // probe render cost ~0.1-0.4 s of every run (bench/overhead.bench.ts). The shipped defaults are checked
    // by the unit tests (templates.test.ts renders each one with the probe report) instead of on every run.
    const defaultSource = spec ? null : await readFile(defaultFile, 'utf8')
    let compiledDefault: Compiled | null = null
    const defaultRender: Compiled = (view) =>
      (compiledDefault ??= spec ? instantiate(env, spec) : compile(env, defaultSource ?? '', defaultFile))(
        view,
      )
    let loaded: LoadedTemplate = { name, file: defaultFile, isDefault: true, target, render: defaultRender }

    const userPath = overrides[name]
    if (userPath !== undefined) {
      const file = path.resolve(options.baseDir ?? process.cwd(), userPath)
      try {
        const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new TemplateError(file, null, `cannot be read (${err.code ?? err.message})`)
        })
        const userRender = compile(newEnv(compiler!, partials), source, file)
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
