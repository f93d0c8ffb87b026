// The action's entry point: the only module with an effect at import time.
import { run } from './main.js'

await run()
