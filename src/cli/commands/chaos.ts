import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { TOXIPROXY_DEFAULT_PORT } from '../../chaos/constants.js'
import { EmbeddedToxiproxy } from '../../chaos/proxy/embedded-server.js'
import { ToxiproxyClient } from '../../chaos/toxiproxy-client.js'
import { ExitCode, errorLine, type CliIo } from '../io.js'

export const CHAOS_USAGE = `gauntlet chaos proxy [--listen HOST:PORT] [--populate FILE.json] [--allow-remote] [--duration SECONDS]

Runs Gauntlet's embedded fault proxy on its own: Toxiproxy's HTTP API (default 127.0.0.1:${TOXIPROXY_DEFAULT_PORT}),
so toxiproxy-cli, toxiproxy-node-client and other Toxiproxy clients drive it. --populate creates the proxies of a
Toxiproxy config file ([{"name","listen","upstream"}]). Proxies listen on loopback only unless --allow-remote.
Stops on SIGINT/SIGTERM, or after --duration seconds.`

/**
 * `gauntlet chaos proxy`: the embedded proxy as a standalone process. `signal` stops it (tests); without one it
 * stops on SIGINT or SIGTERM.
 */
export async function chaosCommand(
  args: readonly string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'proxy') {
    io.stderr(
      `gauntlet chaos: ${sub === undefined ? 'no subcommand' : `unknown subcommand '${sub}'`}\n\n${CHAOS_USAGE}\n`,
    )
    return ExitCode.Usage
  }
  let values: { listen: string; populate?: string; 'allow-remote': boolean; duration?: string }
  try {
    values = parseArgs({
      args: rest,
      options: {
        listen: { type: 'string', default: `127.0.0.1:${TOXIPROXY_DEFAULT_PORT}` },
        populate: { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        duration: { type: 'string' },
      },
    }).values
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: ${errorLine(err)}\n\n${CHAOS_USAGE}\n`)
    return ExitCode.Usage
  }
  const duration = values.duration === undefined ? undefined : Number(values.duration)
  if (duration !== undefined && !(duration > 0)) {
    io.stderr(
      `gauntlet chaos proxy: --duration must be a positive number of seconds, found '${values.duration}'\n`,
    )
    return ExitCode.Usage
  }

  const server = new EmbeddedToxiproxy({ allowRemote: values['allow-remote'] })
  let url: string
  try {
    url = await server.listen(values.listen)
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: cannot listen on ${values.listen}: ${errorLine(err)}\n`)
    return ExitCode.Failed
  }
  try {
    if (values.populate !== undefined) {
      let proxies: unknown
      try {
        proxies = JSON.parse(await readFile(values.populate, 'utf8'))
      } catch (err) {
        io.stderr(`gauntlet chaos proxy: ${values.populate}: ${errorLine(err)}\n`)
        return ExitCode.Usage
      }
      if (!Array.isArray(proxies)) {
        io.stderr(
          `gauntlet chaos proxy: ${values.populate}: expected a JSON array of {name, listen, upstream}\n`,
        )
        return ExitCode.Usage
      }
      const created = await new ToxiproxyClient(url).populate(
        proxies as Array<{ name: string; listen: string; upstream: string }>,
      )
      for (const p of created) io.stdout(`proxy ${p.name}: ${p.listen} → ${p.upstream}\n`)
    }
    io.stdout(`gauntlet fault proxy (Toxiproxy API) listening on ${url}\n`)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        if (timer !== undefined) clearTimeout(timer)
        resolve()
      }
      const timer = duration === undefined ? undefined : setTimeout(stop, duration * 1000)
      if (signal !== undefined) {
        if (signal.aborted) stop()
        else signal.addEventListener('abort', stop, { once: true })
      } else {
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      }
    })
    return ExitCode.Ok
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: ${errorLine(err)}\n`)
    return ExitCode.Failed
  } finally {
    await server.close()
    io.stdout('gauntlet fault proxy stopped\n')
  }
}
