import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createDirectoryStore } from '../../../src/history/directory-store.js'
import { decodeSnapshot } from '../../../src/history/snapshot-codec.js'
import type { ContractEnv } from './contract.js'
import { historyStoreContract } from './contract.js'

let root = ''
let now = new Date()
const clock = { now: () => now }

const env: ContractEnv = {
  asRun: () => Promise.resolve(createDirectoryStore({ directory: join(root, 'history'), clock })),
  setNow: (d) => {
    now = d
  },
  async plantRecordBytes(run, bytes) {
    await mkdir(join(root, 'history', 'runs'), { recursive: true })
    await writeFile(join(root, 'history', 'runs', `${run.runId}-1.json.gz`), bytes)
  },
  async latestSnapshot() {
    try {
      const path = join(root, 'history', 'snapshot.gsnap.gz')
      return decodeSnapshot(await readFile(path), path)
    } catch {
      return null
    }
  },
  async reset() {
    await rm(join(root, 'history'), { recursive: true, force: true })
  },
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gauntlet-dir-store-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

historyStoreContract('directory', () => env)
