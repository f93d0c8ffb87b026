/*
 * From one fault state to the next as a list of API actions (pure), so that a schedule step changes only what
 * differs: a ramp updates its latency toxic in place instead of removing and re-adding it.
 */
import type { FaultState, ToxicSpec } from './schedule.js'

/** One change to make through the proxy API. */
export type FaultAction =
  | { readonly kind: 'set-enabled'; readonly proxy: string; readonly enabled: boolean }
  | { readonly kind: 'add-toxic'; readonly proxy: string; readonly toxic: ToxicSpec }
  | { readonly kind: 'update-toxic'; readonly proxy: string; readonly toxic: ToxicSpec }
  | { readonly kind: 'remove-toxic'; readonly proxy: string; readonly name: string }

function sameAttributes(a: ToxicSpec, b: ToxicSpec): boolean {
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)])
  return a.toxicity === b.toxicity && [...keys].every((k) => a.attributes[k] === b.attributes[k])
}

/** The actions that turn `from` into `to` on `proxy`; empty when nothing changes. */
export function planTransition(proxy: string, from: FaultState, to: FaultState): FaultAction[] {
  const actions: FaultAction[] = []
  const a = from.toxic
  const b = to.toxic
  const replace =
    a !== null && b !== null && (a.name !== b.name || a.type !== b.type || a.stream !== b.stream)
  if (a !== null && (b === null || replace)) actions.push({ kind: 'remove-toxic', proxy, name: a.name })
  if (from.enabled !== to.enabled) actions.push({ kind: 'set-enabled', proxy, enabled: to.enabled })
  if (b !== null && (a === null || replace)) actions.push({ kind: 'add-toxic', proxy, toxic: b })
  else if (a !== null && b !== null && (!sameAttributes(a, b) || from.epoch !== to.epoch)) {
    actions.push({ kind: 'update-toxic', proxy, toxic: b })
  }
  return actions
}

/** One line for logs and the journal, e.g. `add latency toxic gauntlet_x (latency=200, jitter=0)`. */
export function describeAction(action: FaultAction): string {
  switch (action.kind) {
    case 'set-enabled':
      return `${action.enabled ? 'enable' : 'disable'} proxy ${action.proxy}`
    case 'remove-toxic':
      return `remove toxic ${action.name} from ${action.proxy}`
    case 'add-toxic':
    case 'update-toxic': {
      const attrs = Object.entries(action.toxic.attributes)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
      const verb = action.kind === 'add-toxic' ? 'add' : 'update'
      return `${verb} ${action.toxic.stream} ${action.toxic.type} toxic ${action.toxic.name} on ${action.proxy} (${attrs}; toxicity ${action.toxic.toxicity})`
    }
  }
}
