import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import {
  EmbeddedToxiproxy,
  TOXIPROXY_DEFAULT_PORT,
  ToxiproxyClient
} from "./chunk-GSSCJ2FI.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/chaos.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
var CHAOS_USAGE = `gauntlet chaos proxy [--listen HOST:PORT] [--populate FILE.json] [--allow-remote] [--duration SECONDS]

Runs Gauntlet's embedded fault proxy on its own: Toxiproxy's HTTP API (default 127.0.0.1:${TOXIPROXY_DEFAULT_PORT}),
so toxiproxy-cli, toxiproxy-node-client and other Toxiproxy clients drive it. --populate creates the proxies of a
Toxiproxy config file ([{"name","listen","upstream"}]). Proxies listen on loopback only unless --allow-remote.
Stops on SIGINT/SIGTERM, or after --duration seconds.`;
async function chaosCommand(args, io, signal) {
  const [sub, ...rest] = args;
  if (sub !== "proxy") {
    io.stderr(
      `gauntlet chaos: ${sub === void 0 ? "no subcommand" : `unknown subcommand '${sub}'`}

${CHAOS_USAGE}
`
    );
    return ExitCode.Usage;
  }
  let values;
  try {
    values = parseArgs({
      args: rest,
      options: {
        listen: { type: "string", default: `127.0.0.1:${TOXIPROXY_DEFAULT_PORT}` },
        populate: { type: "string" },
        "allow-remote": { type: "boolean", default: false },
        duration: { type: "string" }
      }
    }).values;
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: ${errorLine(err)}

${CHAOS_USAGE}
`);
    return ExitCode.Usage;
  }
  const duration = values.duration === void 0 ? void 0 : Number(values.duration);
  if (duration !== void 0 && !(duration > 0)) {
    io.stderr(
      `gauntlet chaos proxy: --duration must be a positive number of seconds, found '${values.duration}'
`
    );
    return ExitCode.Usage;
  }
  const server = new EmbeddedToxiproxy({ allowRemote: values["allow-remote"] });
  let url;
  try {
    url = await server.listen(values.listen);
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: cannot listen on ${values.listen}: ${errorLine(err)}
`);
    return ExitCode.Failed;
  }
  try {
    if (values.populate !== void 0) {
      let proxies;
      try {
        proxies = JSON.parse(await readFile(values.populate, "utf8"));
      } catch (err) {
        io.stderr(`gauntlet chaos proxy: ${values.populate}: ${errorLine(err)}
`);
        return ExitCode.Usage;
      }
      if (!Array.isArray(proxies)) {
        io.stderr(
          `gauntlet chaos proxy: ${values.populate}: expected a JSON array of {name, listen, upstream}
`
        );
        return ExitCode.Usage;
      }
      const created = await new ToxiproxyClient(url).populate(
        proxies
      );
      for (const p of created) io.stdout(`proxy ${p.name}: ${p.listen} \u2192 ${p.upstream}
`);
    }
    io.stdout(`gauntlet fault proxy (Toxiproxy API) listening on ${url}
`);
    await new Promise((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        if (timer !== void 0) clearTimeout(timer);
        resolve();
      };
      const timer = duration === void 0 ? void 0 : setTimeout(stop, duration * 1e3);
      if (signal !== void 0) {
        if (signal.aborted) stop();
        else signal.addEventListener("abort", stop, { once: true });
      } else {
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      }
    });
    return ExitCode.Ok;
  } catch (err) {
    io.stderr(`gauntlet chaos proxy: ${errorLine(err)}
`);
    return ExitCode.Failed;
  } finally {
    await server.close();
    io.stdout("gauntlet fault proxy stopped\n");
  }
}
export {
  CHAOS_USAGE,
  chaosCommand
};
