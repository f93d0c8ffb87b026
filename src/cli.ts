#!/usr/bin/env node
// The CLI's entry point: the only module with an effect at import time. The hashbang above is kept by esbuild
// as the first line of dist/cli.js (package.json `bin`).
import { main } from './cli/main.js'

process.exitCode = await main(process.argv.slice(2))
