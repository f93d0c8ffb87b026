import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  ConfigError,
  loadConfig
} from "./chunk-TOJ4Y6NW.js";
import "./chunk-K4M7TS6K.js";
import {
  ExitCode
} from "./chunk-SSBR2K5P.js";
import "./chunk-BHEMVDQC.js";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-HDJPLI3S.js";
import {
  STAGE_NAMES
} from "./chunk-2LYZDNKG.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/validate.ts
import { parseArgs } from "node:util";

// src/config/validate.ts
function duration(ms) {
  if (ms % 36e5 === 0) return `${ms / 36e5}h`;
  if (ms % 6e4 === 0) return `${ms / 6e4}m`;
  if (ms % 1e3 === 0) return `${ms / 1e3}s`;
  return `${ms}ms`;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function summarizeConfig(config) {
  const lines = [];
  for (const name of STAGE_NAMES) {
    const stage = config.stages[name];
    if (stage === void 0) continue;
    const parts = [
      plural(stage.run?.length ?? 0, "command"),
      `timeout ${duration(stage.timeout)}`,
      plural(stage.results.length, "result glob")
    ];
    if (stage.services.length > 0) parts.push(plural(stage.services.length, "service"));
    if (stage.retries > 0) parts.push(plural(stage.retries, "retry").replace("retrys", "retries"));
    if ("repeat" in stage && stage.repeat > 1) parts.push(`repeat ${stage.repeat}`);
    if (stage["continue-on-error"]) parts.push("continue-on-error");
    lines.push(`  ${name}: ${parts.join(", ")}`);
  }
  const head = lines.length === 0 ? "stages: none configured" : "stages:";
  return [head, ...lines].join("\n");
}
async function validateConfigFile(path) {
  try {
    const config = await loadConfig(path);
    return { ok: true, config, summary: summarizeConfig(config) };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, errors: err.lines() };
    throw err;
  }
}

// src/cli/commands/validate.ts
var VALIDATE_USAGE = `gauntlet validate [--config FILE]

Checks a Gauntlet config and prints every problem as file:line:col: key: found; expected.`;
async function validateCommand(args, io) {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: "string", short: "c", default: DEFAULT_CONFIG_PATH } }
  });
  const result = await validateConfigFile(values.config);
  if (result.ok) {
    io.stdout(`${values.config}: valid
${result.summary}
`);
    return ExitCode.Ok;
  }
  io.stderr(`${result.errors.join("\n")}
`);
  return ExitCode.Failed;
}
export {
  VALIDATE_USAGE,
  validateCommand
};
