/**
 * Turns SIGINT/SIGTERM into an abort, so that a cancelled run stops its services, proxies and process trees
 * instead of leaving them behind. Installed by the shell (CLI or action entry), never at import.
 */

/** Signals that cancel a run. */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'] as const
export type CancelSignal = (typeof CANCEL_SIGNALS)[number]

/** The abort reason: says which signal cancelled the run. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError'
  constructor(readonly signal: CancelSignal) {
    super(`cancelled by ${signal}`)
  }
}

export interface CancelHandlerOptions {
  /** Process to listen on; injectable for tests. */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>
  /**
   * Called on a second signal, after the handlers are removed: the user insists, so stop waiting for cleanup.
   * Default: re-raise the signal, which now takes its default action (exit).
   */
  readonly onRepeat?: (signal: CancelSignal) => void
  /** Called on the first signal (to print "cancelling…"). */
  readonly onCancel?: (signal: CancelSignal) => void
}

/**
 * Aborts `controller` on the first SIGINT/SIGTERM; a second one forces the default behaviour. Returns a function
 * that removes the handlers (call it when the run ends).
 */
export function installCancelHandlers(
  controller: AbortController,
  options: CancelHandlerOptions = {},
): () => void {
  const target = options.target ?? process
  const onRepeat = options.onRepeat ?? ((sig: CancelSignal) => process.kill(process.pid, sig))
  const handlers = new Map<CancelSignal, () => void>()
  let fired = false
  const uninstall = (): void => {
    for (const [sig, handler] of handlers) target.off(sig, handler)
    handlers.clear()
  }
  for (const sig of CANCEL_SIGNALS) {
    const handler = (): void => {
      if (!fired) {
        fired = true
        options.onCancel?.(sig)
        controller.abort(new CancelledError(sig))
        return
      }
      uninstall()
      onRepeat(sig)
    }
    handlers.set(sig, handler)
    target.on(sig, handler)
  }
  return uninstall
}
