// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild, and copies the default
// templates beside them (dist/templates/) where the renderer looks them up at run time.
// Why esbuild over rollup (the official template's choice): well under a second instead of ~13 s for the same
// ESM toolkit bundle, one pinned dependency instead of four plugins, and byte-reproducible output for the
// check-dist step in CI. The createRequire banner lets bundled CommonJS dependencies call require() from
// ESM; it uses a non-clashing name because some dependencies declare their own `createRequire`.
//
// Code splitting (issue 8, start-up <= 300 ms): both entry points are built together with `splitting`, so
// modules reached only through a dynamic `import()` (the @actions/artifact client with the Azure SDK, the
// email and Slack adapters, the HTML report, the CLI's subcommands) become chunks that Node parses only when
// a run needs them, and code shared by the action and the CLI is written once. Chunks sit in dist/ itself,
// not in a sub-folder, because bundled code finds its files relative to its own module URL
// (`new URL('./templates/', import.meta.url)` in src/report/templates.ts): from any chunk in dist/ that is
// still dist/templates/. Names carry a content hash, so they are stable between identical builds, and the
// build starts from an empty dist/, so no stale chunk survives.
//
// Less to parse on every run (issue 8, small project <= 1 s added): whitespace and syntax are minified (~30 %
// fewer bytes for V8 to compile; identifiers are kept, so stack traces and `.name`s read as in the source), zod
// keeps only its English messages, @actions/core's OIDC client (with undici) loads on first use, and the
// default report templates ship precompiled (scripts/precompile-templates.mjs).
import { build } from 'esbuild'
import { writePrecompiledTemplates } from './precompile-templates.mjs'
import { rm, cp, chmod, mkdir } from 'node:fs/promises'

/**
 * zod's `z` namespace re-exports every locale (`z.locales`, ~360 kB of the ~750 kB zod puts in the start-up
 * chunk) and a namespace used as a value cannot be tree-shaken. Gauntlet only uses the English messages zod
 * configures itself with (classic/schemas.js imports locales/en.js directly), so the locales index resolves
 * to English only; `z.locales.en` stays, the other languages are not bundled.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales-en', namespace: 'zod-english-only', pluginData: args.resolveDir }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js'\n",
      resolveDir: args.pluginData,
      loader: 'js',
    }))
  },
}

/**
 * @actions/core imports its OIDC client statically, and with it @actions/http-client and undici (~0.8 MB, ~50 ms
 * of parsing and evaluation before the first log line). Gauntlet never asks for an OIDC token, but
 * `core.getIDToken` must keep working: core's `./oidc-utils.js` becomes a stub whose `getIDToken` imports the
 * real module on first call. undici then loads only with the artifact client, which needs it anyway and whose
 * load overlaps the history listings (src/history/artifact-transport.ts, `prepare`).
 */
const lazyActionsOidc = {
  name: 'lazy-actions-oidc',
  setup(b) {
    // The stub's path is a fixed name (not the absolute one), so chunk hashes do not depend on the checkout path.
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/.test(args.importer)
        ? {
            path: '@actions/core/lib/oidc-utils.js',
            namespace: 'lazy-actions-oidc',
            pluginData: args.resolveDir,
          }
        : undefined,
    )
    // The stub's own `./oidc-utils.js` is resolved normally (its importer is not core.js): the real module.
    b.onLoad({ filter: /.*/, namespace: 'lazy-actions-oidc' }, (args) => ({
      contents: `export class OidcClient {
  static async getIDToken(audience) {
    const real = await import('./oidc-utils.js')
    return real.OidcClient.getIDToken(audience)
  }
}
`,
      resolveDir: args.pluginData,
      loader: 'js',
    }))
  },
}

const requireShim =
  "import { createRequire as __gauntletCreateRequire } from 'node:module';\nconst require = __gauntletCreateRequire(import.meta.url);"

await rm('dist', { recursive: true, force: true })
await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
  // Every output file is its own ES module and may inline CommonJS code, so each one gets the shim.
  banner: { js: requireShim },
  plugins: [zodEnglishOnly, lazyActionsOidc],
})
// esbuild keeps the hashbang of src/cli.ts as the first line of dist/cli.js (before the banner).
await chmod('dist/cli.js', 0o755)
await cp('templates', 'dist/templates', { recursive: true }).catch((err) => {
  if (err.code !== 'ENOENT') throw err
})
// The default templates precompiled (issue 8): runs then need only the Handlebars runtime for them.
await writePrecompiledTemplates('dist/templates')
// report.html inlines uPlot; the bundle has no node_modules beside it, so its files travel with the templates.
await mkdir('dist/templates/vendor', { recursive: true })
for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
  await cp(`node_modules/uplot/dist/${file}`, `dist/templates/vendor/${file}`)
}
