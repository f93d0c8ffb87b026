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
import { build } from 'esbuild'
import { rm, cp, chmod, mkdir } from 'node:fs/promises'

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
  sourcemap: false,
  logLevel: 'warning',
  // Every output file is its own ES module and may inline CommonJS code, so each one gets the shim.
  banner: { js: requireShim },
})
// esbuild keeps the hashbang of src/cli.ts as the first line of dist/cli.js (before the banner).
await chmod('dist/cli.js', 0o755)
await cp('templates', 'dist/templates', { recursive: true }).catch((err) => {
  if (err.code !== 'ENOENT') throw err
})
// report.html inlines uPlot; the bundle has no node_modules beside it, so its files travel with the templates.
await mkdir('dist/templates/vendor', { recursive: true })
for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
  await cp(`node_modules/uplot/dist/${file}`, `dist/templates/vendor/${file}`)
}
