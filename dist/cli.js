#!/usr/bin/env node
import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/main.ts
var COMMANDS = {
  run: {
    load: async () => (await import("./run-65XPGCLH.js")).runCommand,
    help: "run the stages, compare with history, report and alert"
  },
  validate: {
    load: async () => (await import("./validate-6WYZEOKB.js")).validateCommand,
    help: "check a config file and list every problem"
  },
  parse: {
    load: async () => (await import("./parse-BU5KPP7S.js")).parseCommand,
    help: "parse test reports or benchmark outputs (--json: the public contract)"
  },
  analyze: {
    load: async () => (await import("./analyze-ZJGAXBEO.js")).analyzeCommand,
    help: "analyse a run record against a history directory"
  },
  changepoints: {
    load: async () => (await import("./changepoints-MBSMBJYO.js")).changepointsCommand,
    help: 'find change points in a series ({"values":[\u2026]})'
  },
  history: {
    load: async () => (await import("./history-D6KXRAAQ.js")).historyCommand,
    help: "show | export | import | prune the local history"
  },
  chaos: {
    load: async () => (await import("./chaos-CL4WIALO.js")).chaosCommand,
    help: "run the embedded Toxiproxy-compatible fault proxy"
  }
};
var USAGE = `gauntlet <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)}${c.help}`).join("\n")}

Run 'gauntlet <command> --help' for a command's options.`;
var defaultIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
};
async function main(argv, io = defaultIo) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${USAGE}
`);
    return name === void 0 ? ExitCode.Usage : ExitCode.Ok;
  }
  const command = COMMANDS[name];
  if (command === void 0) {
    io.stderr(`gauntlet: unknown command '${name}'

${USAGE}
`);
    return ExitCode.Usage;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (err) {
    io.stderr(`gauntlet ${name}: ${errorLine(err)}
`);
    return ExitCode.Usage;
  }
}

// src/cli.ts
process.exitCode = await main(process.argv.slice(2));
