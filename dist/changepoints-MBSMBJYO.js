import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  analysisSection
} from "./chunk-K4M7TS6K.js";
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import {
  detectChangePoints,
  detectSustainedShifts
} from "./chunk-7OZYSOVE.js";
import "./chunk-PMRQHYNL.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/changepoints.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
var MAX_SERIES_BYTES = 64 * 1024 * 1024;
var CHANGEPOINTS_USAGE = `gauntlet changepoints --input SERIES.json [--json] [--window N] [--p-value P] [--min-magnitude PCT] [--min-segment N] [--otava]

Reads {"values":[\u2026]} (null marks a missing observation; an optional "timestamps" array of the same length is
checked and otherwise ignored) and prints the change points: with --json exactly {"changepoints":[indices]},
each the 0-based index of the first point after a change. Defaults are the analysis config's: window 50,
p \u2264 0.001, min magnitude = min-effect 5 %, regimes shorter than 3 points are transients. --otava runs Apache
Otava's algorithm alone (no serial-correlation correction, no transient filter).`;
var SeriesInputError = class extends Error {
  constructor(file, problem) {
    super(`${file}: ${problem}; expected {"values":[number|null, \u2026], "timestamps"?: [...]}`);
    this.name = "SeriesInputError";
  }
};
function readSeries(file, data) {
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new SeriesInputError(file, "top level is not an object");
  const values = data.values;
  if (!Array.isArray(values)) throw new SeriesInputError(file, '"values" is missing or not an array');
  const out = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) out.push(null);
    else if (typeof v === "number" && Number.isFinite(v)) out.push(v);
    else throw new SeriesInputError(file, `values[${i}] is ${JSON.stringify(v)}, not a finite number or null`);
  }
  const ts = data.timestamps;
  if (ts !== void 0 && (!Array.isArray(ts) || ts.length !== values.length)) {
    throw new SeriesInputError(file, `"timestamps" must be an array as long as "values" (${values.length})`);
  }
  return out;
}
function numberOption(name, raw, fallback, min, max) {
  if (raw === void 0) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return v;
}
async function changepointsCommand(args, io) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        input: { type: "string" },
        json: { type: "boolean", default: false },
        window: { type: "string" },
        "p-value": { type: "string" },
        "min-magnitude": { type: "string" },
        "min-segment": { type: "string" },
        otava: { type: "boolean", default: false }
      }
    });
  } catch (err) {
    io.stderr(`gauntlet changepoints: ${errorLine(err)}

${CHANGEPOINTS_USAGE}
`);
    return ExitCode.Usage;
  }
  const o = parsed.values;
  if (o.input === void 0) {
    io.stderr(`gauntlet changepoints: --input is required

${CHANGEPOINTS_USAGE}
`);
    return ExitCode.Usage;
  }
  const defaults = analysisSection.parse(void 0);
  let values;
  let options;
  try {
    options = {
      windowLen: numberOption("window", o.window, defaults.changepoints.window, 2, 1e5),
      maxPValue: numberOption("p-value", o["p-value"], defaults.changepoints["p-value"], 0, 1),
      minMagnitude: numberOption(
        "min-magnitude",
        o["min-magnitude"],
        defaults.changepoints["min-magnitude"] ?? defaults["min-effect"],
        0,
        1e9
      ) / 100,
      minSegment: numberOption(
        "min-segment",
        o["min-segment"],
        defaults.changepoints["min-segment"],
        1,
        1e5
      )
    };
    const text = await readFile(o.input, "utf8");
    if (text.length > MAX_SERIES_BYTES)
      throw new SeriesInputError(o.input, `larger than ${MAX_SERIES_BYTES} bytes`);
    let data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new SeriesInputError(o.input, `not valid JSON (${errorLine(err)})`);
    }
    values = readSeries(o.input, data);
  } catch (err) {
    io.stderr(`gauntlet changepoints: ${errorLine(err)}
`);
    return ExitCode.Usage;
  }
  const indices = o.otava ? detectChangePoints(values, options).map((c) => c.index) : detectSustainedShifts(values, options).map((s) => s.index);
  if (o.json) io.stdout(`${JSON.stringify({ changepoints: indices })}
`);
  else {
    io.stdout(
      indices.length === 0 ? `no change points in ${values.length} values
` : `${indices.length} change point(s) in ${values.length} values: ${indices.join(", ")} (index of the first point after each change)
`
    );
  }
  return ExitCode.Ok;
}
var changepoints_default = changepointsCommand;
export {
  CHANGEPOINTS_USAGE,
  MAX_SERIES_BYTES,
  SeriesInputError,
  changepointsCommand,
  changepoints_default as default,
  readSeries
};
