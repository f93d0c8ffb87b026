/** Every external name the chaos stage uses, spelled once. */

/** Version string the embedded proxy reports on `GET /version`. */
export const EMBEDDED_PROXY_VERSION = 'gauntlet-embedded-1'

/** Prefix of the toxics Gauntlet creates, so cleanup removes only its own toxics on a shared Toxiproxy. */
export const TOXIC_NAME_PREFIX = 'gauntlet_'

/** Env var set for the stage's test commands and command probes while an experiment runs. */
export const ENV_CHAOS_EXPERIMENT = 'GAUNTLET_CHAOS_EXPERIMENT'

/** Env var naming the proxy API the experiments drive (set for test commands, probes and rollbacks). */
export const ENV_CHAOS_API_URL = 'GAUNTLET_CHAOS_API'

/** Folder under the report directory holding one journal per experiment. */
export const JOURNAL_DIR = 'chaos'

/** Journal file name of an experiment. */
export function journalFileName(experiment: string): string {
  return `${experiment}.journal.json`
}

/** Default API port of Toxiproxy; the standalone `gauntlet chaos proxy` uses it too. */
export const TOXIPROXY_DEFAULT_PORT = 8474

/** Header browsers send and Toxiproxy refuses (it protects the API from cross-site requests). */
export const BROWSER_UA_PREFIX = 'Mozilla/'
