import type { ChaosStageConfig } from '../config/sections/stages.js'
import { isLoopbackHost, splitHostPort } from './proxy/proxy.js'
import { faultTimeline } from './schedule.js'
import { toxicNameFor } from './experiment.js'
import { ChaosConfigError } from './errors.js'

const KEY = 'stages.chaos'

/**
 * Cross-field checks the schema cannot express (pure): the engine has what it needs, names are unique, each
 * experiment names an existing proxy, listen addresses are loopback unless allowed, schedules are bounded.
 * Returns one actionable message per problem, each naming its config key.
 */
export function validateChaosStage(cfg: ChaosStageConfig): string[] {
  const problems: string[] = []
  if (cfg.engine === 'toxiproxy' && cfg.url === undefined) {
    problems.push(`${KEY}.url: engine toxiproxy needs the Toxiproxy API URL, e.g. url: http://127.0.0.1:8474`)
  }
  const proxyNames = new Set<string>()
  const listens = new Set<string>()
  cfg.proxies.forEach((p, i) => {
    const key = `${KEY}.proxies[${i}]`
    if (proxyNames.has(p.name))
      problems.push(`${key}.name: proxy "${p.name}" is defined twice; give each a unique name`)
    proxyNames.add(p.name)
    const listen = splitHostPort(p.listen)
    if (listen !== null && listen.port !== 0) {
      if (listens.has(p.listen)) problems.push(`${key}.listen: ${p.listen} is used by two proxies`)
      listens.add(p.listen)
    }
    if (
      cfg.engine === 'embedded' &&
      !cfg['allow-remote'] &&
      listen !== null &&
      !isLoopbackHost(listen.host)
    ) {
      problems.push(
        `${key}.listen: ${p.listen} is not a loopback address; use 127.0.0.1 or set ${KEY}.allow-remote: true`,
      )
    }
  })
  const experimentNames = new Set<string>()
  cfg.experiments.forEach((exp, i) => {
    const key = `${KEY}.experiments[${i}]`
    if (experimentNames.has(exp.name)) {
      problems.push(`${key}.name: experiment "${exp.name}" is defined twice; names key metrics and journals`)
    }
    experimentNames.add(exp.name)
    if (exp.proxy === undefined) {
      if (cfg.proxies.length !== 1) {
        problems.push(
          `${key}.proxy: say which proxy the fault goes on (${cfg.proxies.length === 0 ? `no proxies are defined under ${KEY}.proxies` : `one of ${[...proxyNames].join(', ')}`})`,
        )
      }
    } else if (!proxyNames.has(exp.proxy)) {
      problems.push(`${key}.proxy: no proxy named "${exp.proxy}" under ${KEY}.proxies`)
    }
    try {
      faultTimeline(exp.fault, exp.duration, toxicNameFor(exp.name), `${key}.fault`)
    } catch (err) {
      problems.push(err instanceof ChaosConfigError ? err.message : String(err))
    }
  })
  return problems
}
