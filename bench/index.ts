// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line, e.g.
// `npm run bench -- analysis`). Each prints its figures and how they compare with its target.
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

interface BenchModule {
  run(): Promise<void>
}

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort()

console.log(
  `gauntlet benchmarks — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`,
)
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`)
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule
  await mod.run()
}
