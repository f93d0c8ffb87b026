#!/usr/bin/env node
import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/cli/main.ts
async function main(argv) {
  await Promise.resolve();
  process.stdout.write(`gauntlet ${argv.join(" ")}
`);
  return 0;
}

// src/cli.ts
process.exitCode = await main(process.argv.slice(2));
