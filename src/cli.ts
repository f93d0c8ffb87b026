// The CLI's entry point: the only module with an effect at import time.
import { main } from './cli/main.js'

process.exitCode = await main(process.argv.slice(2))
