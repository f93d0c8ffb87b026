/**
 * Builds an `ACTIONS_RUNTIME_TOKEN` the way `@actions/artifact` reads it: a JWT whose payload's `scp` claim
 * carries `Actions.Results:<runBackendId>:<jobBackendId>`. The library decodes it without verifying, so
 * the signature is a placeholder.
 */
function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` })}.x`
}

/** Reads the backend ids back out of a runtime token; null when absent or malformed. */
export function backendIdsOf(token: string): { runBackendId: string; jobBackendId: string } | null {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const scp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: string }).scp ?? ''
    for (const part of scp.split(' ')) {
      const [kind, run, job] = part.split(':')
      if (kind === 'Actions.Results' && run && job) return { runBackendId: run, jobBackendId: job }
    }
  } catch {
    return null
  }
  return null
}
