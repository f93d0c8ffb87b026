import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  BENCHMARK_FORMATS,
  DEFAULT_MAX_REPORT_BYTES,
  TEST_FORMATS,
  isBenchmarkFormat
} from "./chunk-BHEMVDQC.js";
import {
  median
} from "./chunk-PMRQHYNL.js";
import {
  countTests
} from "./chunk-MKFOCXAI.js";
import {
  external_exports
} from "./chunk-IGAZOIB7.js";

// src/parsers/index.ts
import { open as open2 } from "node:fs/promises";

// src/parsers/benchmarks/index.ts
import { stat, readFile } from "node:fs/promises";

// src/parsers/benchmarks/clean-text.ts
var CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function isControl(code) {
  return code < 32 && code !== 9 && code !== 10 || code >= 127 && code <= 159 || code >= 8234 && code <= 8238 || code >= 8294 && code <= 8297;
}
function stripControlChars(text2) {
  for (let i = 0; i < text2.length; i++) {
    if (isControl(text2.charCodeAt(i))) return text2.replace(CONTROL_CHARS, "");
  }
  return text2;
}
function excerpt(text2, max = 120) {
  const flat = stripControlChars(text2.slice(0, max * 4)).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}\u2026` : flat;
}

// src/parsers/benchmarks/units.ts
var TIME_FACTORS = /* @__PURE__ */ new Map([
  ["ns", 1e-9],
  ["nsec", 1e-9],
  ["nanosecond", 1e-9],
  ["nanoseconds", 1e-9],
  ["us", 1e-6],
  ["usec", 1e-6],
  ["microsecond", 1e-6],
  ["microseconds", 1e-6],
  ["ms", 1e-3],
  ["msec", 1e-3],
  ["millisecond", 1e-3],
  ["milliseconds", 1e-3],
  ["s", 1],
  ["sec", 1],
  ["secs", 1],
  ["second", 1],
  ["seconds", 1],
  ["min", 60],
  ["mins", 60],
  ["minute", 60],
  ["minutes", 60],
  ["h", 3600],
  ["hour", 3600],
  ["hours", 3600]
]);
var BYTE_FACTORS = /* @__PURE__ */ new Map([
  ["b", 1],
  ["byte", 1],
  ["bytes", 1],
  ["kb", 1e3],
  ["kilobyte", 1e3],
  ["kilobytes", 1e3],
  ["mb", 1e6],
  ["megabyte", 1e6],
  ["megabytes", 1e6],
  ["gb", 1e9],
  ["gigabyte", 1e9],
  ["gigabytes", 1e9],
  ["tb", 1e12],
  ["kib", 1024],
  ["mib", 1024 ** 2],
  ["gib", 1024 ** 3],
  ["tib", 1024 ** 4]
]);
var FREQUENCY_FACTORS = /* @__PURE__ */ new Map([
  ["hz", 1],
  ["khz", 1e3],
  ["mhz", 1e6],
  ["ghz", 1e9],
  ["rps", 1],
  ["qps", 1],
  ["tps", 1]
]);
var OPERATION_WORDS = /* @__PURE__ */ new Set(["op", "ops", "operation", "operations"]);
var ITERATION_WORDS = /* @__PURE__ */ new Set(["iter", "iters", "iteration", "iterations"]);
var LOWER_IS_BETTER_WORDS = /^(allocs?|allocations?|cycles?|instructions?|instrs?|errors?|errs?|failures?|fails?|faults?|misses|miss|retries|timeouts?|drops?|dropped|gc|pauses?)$/;
var ERROR_WORDS = /(^|[^a-z])(err|error|errors|fail|failed|failure|failures)([^a-z]|$)/;
function canonical(unit) {
  const first = unit.trim().split(/\s+/)[0] ?? "";
  return first.replace(/[µμ]/g, "u");
}
function timeFactor(token) {
  const exact = TIME_FACTORS.get(token);
  if (exact !== void 0) return exact;
  return token.length >= 3 ? TIME_FACTORS.get(token.toLowerCase()) : void 0;
}
function byteFactor(token) {
  return BYTE_FACTORS.get(token.toLowerCase());
}
function unitInfo(unit) {
  const token = canonical(unit);
  if (token === "") return void 0;
  const slash = token.indexOf("/");
  if (slash === -1) {
    const t2 = timeFactor(token);
    if (t2 !== void 0) return { family: "time", factor: t2 };
    const b2 = byteFactor(token);
    if (b2 !== void 0) return { family: "bytes", factor: b2 };
    const f = FREQUENCY_FACTORS.get(token.toLowerCase());
    if (f !== void 0) return { family: "ops/time", factor: f };
    return void 0;
  }
  const numerator = token.slice(0, slash);
  const denominator = token.slice(slash + 1);
  if (numerator === "" || denominator === "" || denominator.includes("/")) return void 0;
  const perTime = timeFactor(denominator);
  const denominatorWord = denominator.toLowerCase();
  if (perTime !== void 0) {
    const lower = numerator.toLowerCase();
    if (OPERATION_WORDS.has(lower)) return { family: "ops/time", factor: 1 / perTime };
    if (ITERATION_WORDS.has(lower)) return { family: "iter/time", factor: 1 / perTime };
    const b2 = byteFactor(numerator);
    if (b2 !== void 0) return { family: "bytes/time", factor: b2 / perTime };
    return void 0;
  }
  const perWhat = ITERATION_WORDS.has(denominatorWord) ? "iter" : OPERATION_WORDS.has(denominatorWord) ? "op" : void 0;
  if (perWhat === void 0) return void 0;
  const t = timeFactor(numerator);
  if (t !== void 0) return { family: `time/${perWhat}`, factor: t };
  const b = byteFactor(numerator);
  if (b !== void 0) return { family: `bytes/${perWhat}`, factor: b };
  return void 0;
}
function directionFromUnit(unit) {
  const known = directionCache.get(unit);
  if (known !== void 0) return known;
  const direction = computeDirection(unit);
  if (directionCache.size < DIRECTION_CACHE_SIZE) directionCache.set(unit, direction);
  return direction;
}
var DIRECTION_CACHE_SIZE = 1024;
var directionCache = /* @__PURE__ */ new Map();
function computeDirection(unit) {
  const raw = unit.trim();
  if (raw === "") return "none";
  const lowerRaw = raw.toLowerCase();
  if (ERROR_WORDS.test(lowerRaw)) return "lower";
  const info = unitInfo(raw);
  if (info !== void 0) {
    if (info.family.endsWith("/time")) return "higher";
    return "lower";
  }
  const token = canonical(raw);
  const slash = token.indexOf("/");
  const numerator = slash === -1 ? token : token.slice(0, slash);
  const denominator = slash === -1 ? "" : token.slice(slash + 1);
  if (LOWER_IS_BETTER_WORDS.test(numerator.toLowerCase())) return "lower";
  if (denominator !== "" && timeFactor(denominator) !== void 0 && timeFactor(numerator) === void 0) {
    return "higher";
  }
  if (denominator !== "" && (timeFactor(numerator) !== void 0 || byteFactor(numerator) !== void 0)) {
    return "lower";
  }
  return "none";
}

// src/parsers/benchmarks/build-metric.ts
function buildMetric(fields) {
  const unit = stripControlChars(fields.unit);
  const metric = {
    name: stripControlChars(fields.name),
    unit,
    value: fields.value,
    direction: fields.direction ?? directionFromUnit(unit)
  };
  if (fields.range !== void 0) metric.range = stripControlChars(fields.range);
  if (fields.extra !== void 0) metric.extra = stripControlChars(fields.extra);
  if (fields.samples !== void 0 && fields.samples.length > 0) metric.samples = [...fields.samples];
  if (fields.tags !== void 0 && fields.tags.length > 0) metric.tags = fields.tags.map(stripControlChars);
  return metric;
}

// src/parsers/benchmarks/errors.ts
var BenchmarkParseError = class extends Error {
  name = "BenchmarkParseError";
  /** Path of the file being parsed, as the caller gave it. */
  file;
  /** 1-based line number where the problem was seen, when the format is line-oriented or JSON is malformed. */
  line;
  /** What is wrong, without file or hint (stable text: tests and callers match on it). */
  reason;
  /** What the user can do about it. */
  hint;
  constructor(file, reason, options = {}) {
    const where = options.line === void 0 ? file : `${file}:${options.line}`;
    super(`${where}: ${reason}${options.hint === void 0 ? "" : `. ${options.hint}`}`, {
      cause: options.cause
    });
    this.file = file;
    this.reason = reason;
    if (options.line !== void 0) this.line = options.line;
    if (options.hint !== void 0) this.hint = options.hint;
  }
};

// src/parsers/benchmarks/json-input.ts
function parseJsonInput(file, content, reason, hint) {
  const text2 = content.charCodeAt(0) === 65279 ? content.slice(1) : content;
  try {
    return JSON.parse(text2);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = lineOfJsonError(text2, message);
    throw new BenchmarkParseError(file, `${reason}: ${excerpt(message, 200)}`, {
      hint,
      cause: err,
      ...line === void 0 ? {} : { line }
    });
  }
}
function lineOfJsonError(text2, message) {
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
  if (lineMatch?.[1] !== void 0) return Number(lineMatch[1]);
  const posMatch = /at position (\d+)/.exec(message);
  if (posMatch?.[1] !== void 0) {
    return lineAt(text2, Number(posMatch[1]));
  }
  if (text2.trim() === "") return 1;
  if (/Unexpected end of JSON input/.test(message)) return lineAt(text2, text2.trimEnd().length);
  const token = /Unexpected token '(.)'/u.exec(message)?.[1];
  const first = /\S/u.exec(text2);
  if (token !== void 0 && first !== null && first[0] === token) return lineAt(text2, first.index);
  return void 0;
}
function lineAt(text2, pos) {
  let line = 1;
  for (let i = 0; i < pos && i < text2.length; i++) if (text2.charCodeAt(i) === 10) line++;
  return line;
}
function jsonPath(path) {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
function validateJson(file, data, schema8, reason, hint) {
  const result = schema8.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues.slice(0, 3).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : "";
  throw new BenchmarkParseError(file, `${reason}: ${shown.join("; ")}${more}`, { hint });
}

// src/parsers/benchmarks/benchmarkdotnet.ts
var HOW = `Output file for 'benchmarkdotnet' must be JSON file generated by '--exporters json' option or by adding the JsonExporter to your run config`;
var HINT = "Use the *-report-full.json or *-report-brief.json file BenchmarkDotNet writes to BenchmarkDotNet.Artifacts/results";
var schema = external_exports.object({
  Benchmarks: external_exports.array(
    external_exports.object({
      FullName: external_exports.string(),
      Statistics: external_exports.object({ Mean: external_exports.number(), StandardDeviation: external_exports.number() }).nullable().optional()
    })
  )
});
function parseBenchmarkDotNet(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW, HINT), schema, HOW, HINT);
  const metrics = [];
  const warnings = [];
  for (const b of json.Benchmarks) {
    if (!b.Statistics) {
      warnings.push(`${file}: benchmark '${b.FullName}' has no statistics (it probably failed); skipped`);
      continue;
    }
    metrics.push(
      buildMetric({
        name: b.FullName,
        value: b.Statistics.Mean,
        unit: "ns",
        range: `\xB1 ${b.Statistics.StandardDeviation}`
      })
    );
  }
  return warnings.length > 0 ? { metrics, warnings } : { metrics };
}

// src/parsers/benchmarks/benchmarkjs.ts
var AFTER_NAME = /^ x ([0-9,.]+)\s+(\S+)\s+((?:±|\+-)[^%]+%) \((\d+) runs sampled\)$/;
function matchBenchmarkJsLine(line) {
  const at = line.lastIndexOf(" x ");
  if (at === -1) return void 0;
  const m = AFTER_NAME.exec(line.slice(at));
  if (!m) return void 0;
  const [, valueText = "", unit = "", range = "", runs = ""] = m;
  return { name: line.slice(0, at), valueText, unit, range, runs };
}
function parseBenchmarkJs(_file, content) {
  const metrics = [];
  for (const line of content.split(/\r?\n/)) {
    const m = matchBenchmarkJsLine(line);
    if (!m) continue;
    const { name, valueText, unit, range, runs } = m;
    metrics.push(
      buildMetric({
        name,
        value: Number.parseFloat(valueText.replace(/,/g, "")),
        unit,
        range,
        extra: `${runs} samples`
      })
    );
  }
  return { metrics };
}

// src/parsers/benchmarks/benchmarkluau.ts
var VALUE_WITH_UNIT = /^([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(.*)$/;
function parseBenchmarkLuau(file, content) {
  const metrics = [];
  content.split(/\n/).forEach((line, index) => {
    if (!line.startsWith("SUCCESS")) return;
    const fields = line.trim().split(/\s+/);
    const name = fields[1];
    const m = VALUE_WITH_UNIT.exec(fields[3] ?? "");
    if (name === void 0 || !m) {
      throw new BenchmarkParseError(file, `Luau result line has no '<value><unit>' in its 4th field`, {
        line: index + 1,
        hint: "Expected 'SUCCESS: <name> : <value><unit> +/- <pct>% on <driver>'"
      });
    }
    const range = fields[5];
    const extra = fields[7];
    metrics.push(
      buildMetric({
        name,
        value: Number.parseFloat(m[1] ?? ""),
        unit: m[2] ?? "",
        ...range === void 0 ? {} : { range: `\xB1${range}` },
        ...extra === void 0 ? {} : { extra }
      })
    );
  });
  return { metrics };
}

// src/parsers/benchmarks/cargo.ts
var TAIL = /^\.\.\. bench:\s+([0-9,.]+) (\w+\/\w+) \(\+\/- ([0-9,.]+)\)$/;
var WHITESPACE = /\s/;
var LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
function matchCargoResultLine(line) {
  if (!line.startsWith("test ")) return void 0;
  const at = line.lastIndexOf("... bench:");
  if (at < 7 || !WHITESPACE.test(line.charAt(at - 1))) return void 0;
  const tail = TAIL.exec(line.slice(at));
  const name = line.slice(5, at - 1);
  if (tail === null || LINE_TERMINATOR.test(name)) return void 0;
  const [, value = "", unit = "", range = ""] = tail;
  return { name: name.trim(), value, unit, range };
}
function parseCargo(_file, content) {
  const metrics = [];
  for (const line of content.split(/\r?\n/)) {
    const m = matchCargoResultLine(line);
    if (!m) continue;
    metrics.push(
      buildMetric({
        name: m.name,
        value: Number.parseFloat(m.value.replace(/,/g, "")),
        unit: m.unit,
        range: `\xB1 ${m.range.replace(/,/g, "")}`
      })
    );
  }
  return { metrics };
}

// src/parsers/benchmarks/catch2.ts
var CATCH2_HEADER = /^benchmark name +samples +iterations +(estimated|est run time)/;
var BENCH_START = /(?<!\d)(\d+) +(\d+) +(?:\d+(\.\d+)?) (?:ns|ms|us|s)\s*$/;
var VALUES = /^ +(\d+(?:\.\d+)?) (ns|us|ms|s) +(?:\d+(?:\.\d+)?) (?:ns|us|ms|s) +(?:\d+(?:\.\d+)?) (?:ns|us|ms|s)/;
var BLANK = /^\s*$/;
var SEPARATOR = /^-+$/;
var HINT2 = "Pass the unmodified console output of the Catch2 benchmark run (reporter `console`)";
function parseCatch2(file, content) {
  const lines = content.split(/\r?\n/);
  let next = 0;
  const read = () => lines[next++];
  const fail = (reason, lineNo) => {
    throw new BenchmarkParseError(file, reason, { line: lineNo, hint: HINT2 });
  };
  const metrics = [];
  while (next < lines.length) {
    const headerLine = read();
    if (headerLine === void 0 || !CATCH2_HEADER.test(headerLine)) continue;
    const headerNo = next;
    for (; ; ) {
      const line = read();
      if (line === void 0)
        fail(`Separator '------' does not appear after benchmark suite header`, headerNo);
      else if (SEPARATOR.test(line)) break;
    }
    let found = 0;
    for (; ; ) {
      const startLine = read();
      if (startLine === void 0) break;
      const start = BENCH_START.exec(startLine);
      if (!start) break;
      const name = startLine.slice(0, start.index).trim();
      const extra = `${start[1]} samples
${start[2]} iterations`;
      const meanLine = read();
      const mean = meanLine === void 0 ? null : VALUES.exec(meanLine);
      if (!mean)
        fail(`Mean values cannot be retrieved for benchmark '${name}' from '${meanLine ?? "EOF"}'`, next);
      const stdLine = read();
      const std = stdLine === void 0 ? null : VALUES.exec(stdLine);
      if (!std)
        fail(`Std-dev values cannot be retrieved for benchmark '${name}' from '${stdLine ?? "EOF"}'`, next);
      const blank = read();
      if (blank === void 0 || !BLANK.test(blank)) {
        fail(`Empty line is not following after 'std dev' line of benchmark '${name}'`, next);
      }
      metrics.push(
        buildMetric({
          name,
          value: Number.parseFloat(mean?.[1] ?? ""),
          unit: mean?.[2] ?? "",
          range: `\xB1 ${(std?.[1] ?? "").trim()}`,
          extra
        })
      );
      found++;
    }
    if (found === 0) fail("No benchmark found for bench suite. Possibly mangled output from Catch2", headerNo);
  }
  return { metrics };
}

// src/parsers/benchmarks/custom.ts
var HOW2 = `Output file for 'custom-(bigger|smaller)-is-better' must be JSON file containing an array of entries in BenchmarkResult format`;
var HINT3 = 'Write a JSON array like [{"name": "parse", "unit": "ms", "value": 12.5, "range": "\xB1 0.3"}]';
var text = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).transform(String);
var schema2 = external_exports.array(
  external_exports.object({
    name: text,
    unit: text,
    value: external_exports.union(
      [
        external_exports.number(),
        external_exports.string().trim().regex(/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/).transform(Number)
      ],
      { error: "expected a number or a numeric string" }
    ),
    range: text.nullish(),
    extra: text.nullish()
  })
);
function parseCustom(file, content, direction) {
  const json = validateJson(file, parseJsonInput(file, content, HOW2, HINT3), schema2, HOW2, HINT3);
  return {
    metrics: json.map(
      (b) => buildMetric({
        name: b.name,
        unit: b.unit,
        value: b.value,
        range: b.range ?? void 0,
        extra: b.extra ?? void 0,
        direction
      })
    )
  };
}
function parseCustomBiggerIsBetter(file, content) {
  return parseCustom(file, content, "higher");
}
function parseCustomSmallerIsBetter(file, content) {
  return parseCustom(file, content, "lower");
}

// src/parsers/benchmarks/gauntlet-json.ts
var HOW3 = `Output file for 'gauntlet' must be a Gauntlet benchmark JSON file`;
var HINT4 = 'See docs/formats/gauntlet-json.md; minimal example: {"metrics": [{"name": "parse", "unit": "ms", "samples": [12.1, 11.9]}]}';
var gauntletBenchmarkSchema = external_exports.object({
  $schema: external_exports.string().optional().describe("URL or path of the JSON schema, for editors; ignored."),
  suite: external_exports.string().min(1).optional().describe("Suite the metrics belong to; the stage config `suite` overrides it."),
  metrics: external_exports.array(
    external_exports.object({
      name: external_exports.string().min(1).describe("Benchmark name, unique within the suite."),
      unit: external_exports.string().describe("Unit of value and samples, e.g. ns, ms, ops/s, B, allocs/op."),
      direction: external_exports.enum(["lower", "higher", "none"]).optional().describe("Which way is better; inferred from the unit when absent."),
      value: external_exports.number().optional().describe("Summary value; defaults to the median of samples."),
      samples: external_exports.array(external_exports.number()).min(1).optional().describe("Raw measurements, one per repeat."),
      tags: external_exports.array(external_exports.string()).optional().describe("Free-form labels."),
      range: external_exports.string().optional().describe('Display-only spread, e.g. "\xB1 0.3".'),
      extra: external_exports.string().optional().describe("Display-only notes.")
    }).strict().refine((m) => m.value !== void 0 || m.samples !== void 0, {
      message: 'give "value" or "samples" (or both)'
    })
  ).describe("The measured metrics.")
}).strict();
function parseGauntletJson(file, content) {
  const json = validateJson(
    file,
    parseJsonInput(file, content, HOW3, HINT4),
    gauntletBenchmarkSchema,
    HOW3,
    HINT4
  );
  const metrics = json.metrics.map(
    (m) => buildMetric({
      name: m.name,
      unit: m.unit,
      value: m.value ?? median(m.samples ?? []),
      range: m.range,
      extra: m.extra,
      direction: m.direction,
      samples: m.samples,
      tags: m.tags
    })
  );
  return json.suite === void 0 ? { metrics } : { metrics, suite: json.suite };
}

// src/parsers/benchmarks/go.ts
var NAME_CHARS = /^Benchmark\w[\w()$%^&*+,\-./:;<=|[\]{}"#]*$/;
var PROCS_SUFFIX = /-(\d+)$/;
var FIRST_FIELD = /^(\S+)\s+/;
var ITERATIONS_FIELD = /^(\d+)\s+/;
var LINE_TERMINATOR2 = /[\n\r\u2028\u2029]/;
function matchGoResultLine(line) {
  if (!line.startsWith("Benchmark")) return void 0;
  const first = FIRST_FIELD.exec(line);
  const field = first?.[1];
  if (first === null || field === void 0) return void 0;
  const rest = line.slice(first[0].length);
  const iterations = ITERATIONS_FIELD.exec(rest);
  const times = iterations?.[1];
  if (iterations === null || times === void 0) return void 0;
  const remainder = rest.slice(iterations[0].length);
  if (remainder === "" || LINE_TERMINATOR2.test(remainder)) return void 0;
  const procs = PROCS_SUFFIX.exec(field);
  const name = procs === null ? field : field.slice(0, procs.index);
  if (!NAME_CHARS.test(name)) return void 0;
  return procs?.[1] === void 0 ? { name, times, remainder } : { name, procs: procs[1], times, remainder };
}
var PKG_PREFIX = /^pkg:\s+/;
function mentionsPackage(name, pkg) {
  const segments = pkg.split("/");
  for (let i = 0; i + 2 <= segments.length; i++) {
    const suffix = segments.slice(i).join("/");
    if (name.includes(suffix) || name.includes(suffix.replace(/\//g, "_"))) return true;
  }
  return false;
}
function parseGo(file, content) {
  const lines = content.split(/\r?\n/);
  const packages = /* @__PURE__ */ new Set();
  const pkgOf = (line) => {
    const prefix = PKG_PREFIX.exec(line);
    return prefix === null ? void 0 : line.slice(prefix[0].length);
  };
  for (const line of lines) {
    const pkg2 = pkgOf(line);
    if (pkg2) packages.add(pkg2);
  }
  const suffixPackages = packages.size > 1;
  const metrics = [];
  let pkg = "";
  lines.forEach((line, index) => {
    const pkgName = pkgOf(line);
    if (pkgName !== void 0) {
      pkg = pkgName;
      return;
    }
    const result = matchGoResultLine(line);
    if (!result) return;
    const { name, procs, times, remainder } = result;
    const extra = procs === void 0 ? `${times} times` : `${times} times
${procs} procs`;
    const baseName = suffixPackages && pkg !== "" && !mentionsPackage(name, pkg) ? `${name} (${pkg})` : name;
    const pieces = remainder.split(/[ \t]+/);
    const pairs = [];
    if (pieces.length > 2) {
      const secondAt = remainder.indexOf(pieces[1] ?? "");
      pairs.push([pieces[0] ?? "", remainder.slice(secondAt)]);
    }
    for (let i = 0; i + 1 < pieces.length; i += 2) pairs.push([pieces[i] ?? "", pieces[i + 1] ?? ""]);
    pairs.forEach(([valueText, unit], i) => {
      const value = Number.parseFloat(valueText);
      if (!Number.isFinite(value)) {
        throw new BenchmarkParseError(
          file,
          `Go benchmark '${name}' has a value '${valueText}' that is not a number`,
          {
            line: index + 1,
            hint: "Pass the raw `go test -bench` output (one `BenchmarkX-8  1000  123 ns/op` line per result)"
          }
        );
      }
      metrics.push(buildMetric({ name: i > 0 ? `${baseName} - ${unit}` : baseName, unit, value, extra }));
    });
  });
  return { metrics };
}

// src/parsers/benchmarks/googlecpp.ts
var HOW4 = `Output file for 'googlecpp' must be JSON file generated by --benchmark_format=json option`;
var HINT5 = "Run the benchmark binary with --benchmark_format=json (or --benchmark_out=<file> --benchmark_out_format=json)";
var schema3 = external_exports.object({
  benchmarks: external_exports.array(
    external_exports.object({
      name: external_exports.string(),
      real_time: external_exports.number(),
      cpu_time: external_exports.number(),
      time_unit: external_exports.string(),
      iterations: external_exports.number(),
      threads: external_exports.number()
    })
  )
});
function parseGoogleCpp(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW4, HINT5), schema3, HOW4, HINT5);
  return {
    metrics: json.benchmarks.map(
      (b) => buildMetric({
        name: b.name,
        value: b.real_time,
        unit: `${b.time_unit}/iter`,
        extra: `iterations: ${b.iterations}
cpu: ${b.cpu_time} ${b.time_unit}
threads: ${b.threads}`
      })
    )
  };
}

// src/parsers/benchmarks/hyperfine.ts
var HOW5 = `Output file for 'hyperfine' must be JSON file generated by --export-json option`;
var HINT6 = "Run hyperfine with --export-json <file> and point Gauntlet at that file";
var seconds = external_exports.number().nonnegative();
var schema4 = external_exports.object({
  results: external_exports.array(
    external_exports.object({
      command: external_exports.string(),
      mean: seconds,
      stddev: seconds.nullish(),
      median: seconds.optional(),
      min: seconds.optional(),
      max: seconds.optional(),
      user: seconds.optional(),
      system: seconds.optional(),
      times: external_exports.array(seconds).optional(),
      exit_codes: external_exports.array(external_exports.number().nullable()).optional(),
      parameters: external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number()])).optional()
    })
  )
});
function ms(secondsValue) {
  return Number.parseFloat((secondsValue * 1e3).toPrecision(12));
}
function parseHyperfine(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW5, HINT6), schema4, HOW5, HINT6);
  return {
    metrics: json.results.map((r) => {
      const times = r.times ?? [];
      const valueSeconds = r.median ?? (times.length > 0 ? median(times) : r.mean);
      const lines = [`mean: ${ms(r.mean)} ms`];
      if (r.min !== void 0) lines.push(`min: ${ms(r.min)} ms`);
      if (r.max !== void 0) lines.push(`max: ${ms(r.max)} ms`);
      if (r.user !== void 0) lines.push(`user: ${ms(r.user)} ms`);
      if (r.system !== void 0) lines.push(`system: ${ms(r.system)} ms`);
      if (times.length > 0) lines.push(`runs: ${times.length}`);
      const failed = (r.exit_codes ?? []).filter((code) => code !== 0).length;
      if (failed > 0) lines.push(`non-zero exits: ${failed}`);
      return buildMetric({
        name: r.command,
        unit: "ms",
        value: ms(valueSeconds),
        range: r.stddev === null || r.stddev === void 0 ? void 0 : `\xB1 ${ms(r.stddev)}`,
        extra: lines.join("\n"),
        samples: times.map(ms),
        tags: Object.entries(r.parameters ?? {}).map(([k, v]) => `${k}=${v}`)
      });
    })
  };
}

// src/parsers/benchmarks/jmh.ts
var HOW6 = `Output file for 'jmh' must be JSON file generated by -rf json option`;
var HINT7 = "Run JMH with -rf json -rff <file> and point Gauntlet at that file";
var schema5 = external_exports.array(
  external_exports.object({
    benchmark: external_exports.string(),
    params: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
    measurementIterations: external_exports.number().optional(),
    forks: external_exports.number().optional(),
    threads: external_exports.number().optional(),
    primaryMetric: external_exports.object({ score: external_exports.number(), scoreUnit: external_exports.string() })
  })
);
function jmhExtra(b) {
  const lines = [];
  if (b.measurementIterations !== void 0) lines.push(`iterations: ${b.measurementIterations}`);
  if (b.forks !== void 0) lines.push(`forks: ${b.forks}`);
  if (b.threads !== void 0) lines.push(`threads: ${b.threads}`);
  return lines.length > 0 ? lines.join("\n") : void 0;
}
function parseJmh(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW6, HINT7), schema5, HOW6, HINT7);
  return {
    metrics: json.map(
      (b) => buildMetric({
        name: b.params ? `${b.benchmark} ( ${JSON.stringify(b.params)} )` : b.benchmark,
        value: b.primaryMetric.score,
        unit: b.primaryMetric.scoreUnit,
        extra: jmhExtra(b)
      })
    )
  };
}

// src/parsers/benchmarks/julia.ts
var HOW7 = `Output file for 'julia' must be JSON file generated by BenchmarkTools.save("output.json", suite::BenchmarkGroup)`;
var HINT8 = 'Save an estimate of the results, e.g. BenchmarkTools.save("output.json", median(run(suite)))';
var MAX_DEPTH = 64;
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseJulia(file, content) {
  const json = parseJsonInput(file, content, HOW7, HINT8);
  const shapeError = (path, problem) => new BenchmarkParseError(file, `${HOW7}: ${path}: ${problem}`, { hint: HINT8 });
  if (!Array.isArray(json) || !Array.isArray(json[1])) {
    throw shapeError("$[1]", "expected an array of BenchmarkGroups after the version object");
  }
  const metrics = [];
  const walkGroup = (node, labels, path) => {
    if (labels.length > MAX_DEPTH) throw shapeError(path, `groups nested deeper than ${MAX_DEPTH} levels`);
    const body = Array.isArray(node) ? node[1] : void 0;
    const data = isRecord(body) ? body.data : void 0;
    if (!isRecord(data)) throw shapeError(`${path}[1].data`, "expected an object of benchmarks");
    for (const [key, child] of Object.entries(data)) {
      const childPath = `${path}[1].data[${JSON.stringify(key)}]`;
      const kind = Array.isArray(child) ? child[0] : void 0;
      if (kind === "BenchmarkGroup") {
        walkGroup(child, [...labels, key], childPath);
      } else if (kind === "TrialEstimate") {
        const est = child[1];
        if (!isRecord(est) || typeof est.time !== "number")
          throw shapeError(`${childPath}[1].time`, "expected a number");
        const params = Array.isArray(est.params) ? est.params[1] : void 0;
        metrics.push(
          buildMetric({
            name: [...labels, key].join("/"),
            value: est.time,
            unit: "ns",
            extra: `gctime=${String(est.gctime)}
memory=${String(est.memory)}
allocs=${String(est.allocs)}
params=${JSON.stringify(params)}`
          })
        );
      } else if (kind === "Trial") {
        throw new BenchmarkParseError(
          file,
          "Only TrialEstimate is supported currently. You need to apply an estimation (minimum/median/mean/maximum/std) before saving the JSON file",
          { hint: HINT8 }
        );
      } else {
        throw shapeError(childPath, `unsupported type ${JSON.stringify(kind ?? null)}`);
      }
    }
  };
  json[1].forEach((group, i) => walkGroup(group, [], `$[1][${i}]`));
  return { metrics };
}

// src/parsers/benchmarks/pytest.ts
var HOW8 = `Output file for 'pytest' must be JSON file generated by --benchmark-json option`;
var HINT9 = "Run pytest with --benchmark-json=<file> and point Gauntlet at that file";
var schema6 = external_exports.object({
  benchmarks: external_exports.array(
    external_exports.object({
      fullname: external_exports.string(),
      stats: external_exports.object({ ops: external_exports.number(), stddev: external_exports.number(), mean: external_exports.number(), rounds: external_exports.number() })
    })
  )
});
function humanSeconds(seconds2) {
  if (seconds2 < 1e-6) return [seconds2 * 1e9, "nsec"];
  if (seconds2 < 1e-3) return [seconds2 * 1e6, "usec"];
  if (seconds2 < 1) return [seconds2 * 1e3, "msec"];
  return [seconds2, "sec"];
}
function parsePytest(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW8, HINT9), schema6, HOW8, HINT9);
  return {
    metrics: json.benchmarks.map((b) => {
      const [mean, meanUnit] = humanSeconds(b.stats.mean);
      return buildMetric({
        name: b.fullname,
        value: b.stats.ops,
        unit: "iter/sec",
        range: `stddev: ${b.stats.stddev}`,
        extra: `mean: ${mean} ${meanUnit}
rounds: ${b.stats.rounds}`
      });
    })
  };
}

// src/parsers/benchmarks/sniff.ts
var LUAU_LINE = /^SUCCESS:?\s+\S+\s+:\s+[0-9.]\S*\s+\+\/-/;
var GO_VALUE = /^[0-9.]+(?:e[-+]?\d+)?\s+\S/;
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function firstRecord(value) {
  return Array.isArray(value) && isRecord2(value[0]) ? value[0] : void 0;
}
function sniffJsonValue(json) {
  if (Array.isArray(json)) {
    const first = firstRecord(json);
    if (first && "BenchmarkTools" in first && Array.isArray(json[1])) return "julia";
    if (first && "primaryMetric" in first) return "jmh";
    return void 0;
  }
  if (!isRecord2(json)) return void 0;
  if ("machine_info" in json && Array.isArray(json.benchmarks)) return "pytest";
  if ("context" in json && Array.isArray(json.benchmarks)) return "googlecpp";
  if (Array.isArray(json.Benchmarks) && "HostEnvironmentInfo" in json) return "benchmarkdotnet";
  if (Array.isArray(json.results) && typeof firstRecord(json.results)?.command === "string")
    return "hyperfine";
  if (Array.isArray(json.files) && Array.isArray(firstRecord(json.files)?.groups)) return "vitest-bench";
  if (Array.isArray(json.metrics)) return "gauntlet";
  return void 0;
}
function sniffJsonText(head) {
  const text2 = head.slice(0, 64 * 1024);
  const has = (key) => new RegExp(`"${key}"\\s*:`).test(text2);
  if (text2.startsWith("[")) {
    if (has("BenchmarkTools")) return "julia";
    if (has("primaryMetric")) return "jmh";
    return void 0;
  }
  if (has("machine_info") && has("benchmarks")) return "pytest";
  if (has("context") && has("benchmarks")) return "googlecpp";
  if (has("HostEnvironmentInfo") && has("Benchmarks")) return "benchmarkdotnet";
  if (has("results") && has("command")) return "hyperfine";
  if (has("files") && has("groups")) return "vitest-bench";
  if (/^\{\s*(?:"\$schema"\s*:\s*"[^"]*"\s*,\s*)?(?:"suite"\s*:\s*"[^"]*"\s*,\s*)?"metrics"\s*:\s*\[/.test(text2)) {
    return "gauntlet";
  }
  return void 0;
}
function sniffText(text2) {
  const lines = text2.split(/\r?\n/);
  if (lines.some((l) => CATCH2_HEADER.test(l))) return "catch2";
  if (lines.some((l) => matchCargoResultLine(l) !== void 0)) return "cargo";
  if (lines.some((l) => matchBenchmarkJsLine(l) !== void 0)) return "benchmarkjs";
  if (lines.some((l) => LUAU_LINE.test(l))) return "benchmarkluau";
  const isGoLine = (l) => GO_VALUE.test(matchGoResultLine(l)?.remainder ?? "");
  if (lines.some(isGoLine)) return "go";
  return void 0;
}
function sniffBenchmarkFormat(path, head) {
  const text2 = (head.charCodeAt(0) === 65279 ? head.slice(1) : head).trimStart();
  if (text2.startsWith("{") || text2.startsWith("[")) {
    let json;
    try {
      json = JSON.parse(text2);
    } catch {
      return sniffJsonText(text2);
    }
    return sniffJsonValue(json);
  }
  if (/\.json$/i.test(path)) return void 0;
  return sniffText(text2);
}

// src/parsers/benchmarks/vitest-bench.ts
var HOW9 = `Output file for 'vitest-bench' must be JSON file generated by 'vitest bench --outputJson <file>'`;
var HINT10 = "Run vitest bench --run --outputJson <file> and point Gauntlet at that file";
var num = external_exports.number();
var schema7 = external_exports.object({
  files: external_exports.array(
    external_exports.object({
      filepath: external_exports.string().optional(),
      groups: external_exports.array(
        external_exports.object({
          fullName: external_exports.string(),
          benchmarks: external_exports.array(
            external_exports.object({
              name: external_exports.string(),
              mean: num,
              median: num.optional(),
              hz: num.optional(),
              rme: num.optional(),
              p75: num.optional(),
              p99: num.optional(),
              sampleCount: num.optional(),
              samples: external_exports.array(num).optional()
            })
          )
        })
      )
    })
  )
});
function parseVitestBench(file, content) {
  const json = validateJson(file, parseJsonInput(file, content, HOW9, HINT10), schema7, HOW9, HINT10);
  const metrics = [];
  for (const f of json.files) {
    for (const group of f.groups) {
      for (const b of group.benchmarks) {
        const extra = [`mean: ${b.mean} ms`];
        if (b.p75 !== void 0) extra.push(`p75: ${b.p75} ms`);
        if (b.p99 !== void 0) extra.push(`p99: ${b.p99} ms`);
        if (b.hz !== void 0) extra.push(`hz: ${b.hz} ops/sec`);
        const count = b.sampleCount ?? (b.samples && b.samples.length > 0 ? b.samples.length : void 0);
        if (count !== void 0) extra.push(`${count} samples`);
        metrics.push(
          buildMetric({
            name: `${group.fullName} > ${b.name}`,
            unit: "ms",
            value: b.median ?? b.mean,
            range: b.rme === void 0 ? void 0 : `\xB1${b.rme.toFixed(2)}%`,
            extra: extra.join("\n"),
            samples: b.samples
          })
        );
      }
    }
  }
  return { metrics };
}

// src/parsers/benchmarks/index.ts
var DEFAULT_MAX_BENCHMARK_BYTES = 100 * 1024 * 1024;
var SNIFF_WHOLE_BYTES = 1024 * 1024;
var SNIFF_HEAD_CHARS = 64 * 1024;
var PARSERS = {
  go: parseGo,
  cargo: parseCargo,
  benchmarkjs: parseBenchmarkJs,
  benchmarkluau: parseBenchmarkLuau,
  pytest: parsePytest,
  googlecpp: parseGoogleCpp,
  catch2: parseCatch2,
  julia: parseJulia,
  jmh: parseJmh,
  benchmarkdotnet: parseBenchmarkDotNet,
  customBiggerIsBetter: parseCustomBiggerIsBetter,
  customSmallerIsBetter: parseCustomSmallerIsBetter,
  hyperfine: parseHyperfine,
  "vitest-bench": parseVitestBench,
  gauntlet: parseGauntletJson
};
function tooLarge(path, bytes, maxBytes) {
  return new BenchmarkParseError(
    path,
    `benchmark output is ${bytes} bytes, over the limit of ${maxBytes} bytes`,
    {
      hint: "Write less output (filter the benchmarks, drop raw samples) or raise the limit if the file is genuine"
    }
  );
}
var FORMAT_LIST = BENCHMARK_FORMATS.join(", ");
function parseBenchmarkOutput(path, content, format, options = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BENCHMARK_BYTES;
  if (content.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(content, "utf8");
    if (bytes > maxBytes) throw tooLarge(path, bytes, maxBytes);
  }
  let resolved;
  if (format === "auto") {
    const head = content.length <= SNIFF_WHOLE_BYTES ? content : content.slice(0, SNIFF_HEAD_CHARS);
    const sniffed = sniffBenchmarkFormat(path, head);
    if (sniffed === void 0) {
      throw new BenchmarkParseError(path, "could not detect the benchmark format", {
        hint: `Set the result's format explicitly to one of: ${FORMAT_LIST} (customBiggerIsBetter/customSmallerIsBetter are never detected). The file begins: "${excerpt(content)}"`
      });
    }
    resolved = sniffed;
  } else if (isBenchmarkFormat(format)) {
    resolved = format;
  } else {
    throw new BenchmarkParseError(path, `FATAL: Unexpected tool: '${excerpt(String(format), 80)}'`, {
      hint: `Use one of: ${FORMAT_LIST}, or auto`
    });
  }
  let out;
  try {
    out = PARSERS[resolved](path, content);
  } catch (err) {
    if (err instanceof BenchmarkParseError) throw err;
    throw new BenchmarkParseError(
      path,
      `the '${resolved}' parser failed: ${err instanceof Error ? err.message : String(err)}`,
      {
        hint: "This is a bug in Gauntlet: please report it with the file (or a redacted copy)",
        cause: err
      }
    );
  }
  if (out.metrics.length === 0) {
    throw new BenchmarkParseError(path, `No benchmark result was found in ${path}`, {
      hint: `Check that the file is the output of the '${resolved}' tool and that the benchmarks ran. The file begins: "${excerpt(content)}"`
    });
  }
  const broken = out.metrics.find((m) => !Number.isFinite(m.value));
  if (broken !== void 0) {
    throw new BenchmarkParseError(
      path,
      `benchmark '${broken.name}' has no finite value (${String(broken.value)})`,
      {
        hint: `Check that the file is complete, unmodified '${resolved}' output`
      }
    );
  }
  return {
    metrics: out.metrics,
    ...out.suite === void 0 ? {} : { suite: out.suite },
    ...out.warnings === void 0 || out.warnings.length === 0 ? {} : { warnings: out.warnings }
  };
}
async function parseBenchmarkFile(path, format, options = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BENCHMARK_BYTES;
  let content;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new BenchmarkParseError(path, "not a regular file", { hint: "Point the result path at a file" });
    }
    if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
    content = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof BenchmarkParseError) throw err;
    const code = err.code;
    const reason = code === "ENOENT" ? "file does not exist" : `cannot read file (${code ?? String(err)})`;
    throw new BenchmarkParseError(path, reason, {
      hint: "Check the result path of the benchmark stage and that the benchmark command wrote the file",
      cause: err
    });
  }
  return parseBenchmarkOutput(path, content, format, options);
}

// src/parsers/tests/index.ts
import { open, stat as stat2 } from "node:fs/promises";

// src/parsers/tests/case-outcome.ts
var MAX_MESSAGE_CHARS = 4 * 1024;
var MAX_DETAILS_CHARS = 16 * 1024;
var MAX_ELEMENT_TEXT_CHARS = 64 * 1024;
var TRUNCATION_MARK = "\u2026 [truncated]";
function boundText(text2, max) {
  if (text2 === null || text2 === void 0 || text2 === "") return null;
  if (text2.length <= max) return text2;
  let end = max - TRUNCATION_MARK.length;
  const code = text2.charCodeAt(end - 1);
  if (code >= 55296 && code <= 56319) end--;
  return text2.slice(0, end) + TRUNCATION_MARK;
}
function secondsToMs(seconds2) {
  if (seconds2 === null || seconds2 === void 0) return null;
  if (typeof seconds2 === "number") return Number.isFinite(seconds2) ? seconds2 * 1e3 : null;
  let value = Number(seconds2);
  if (value === 0 && seconds2.trim() === "") return null;
  if (Number.isNaN(value) && seconds2.includes(",")) {
    const cleaned = seconds2.replaceAll(",", "");
    value = cleaned.trim() === "" ? NaN : Number(cleaned);
  }
  return Number.isFinite(value) ? value * 1e3 : null;
}
function parseLine(text2) {
  if (text2 === null || text2 === void 0 || !/^\s*[+-]?\d+\s*$/.test(text2)) return null;
  return Number.parseInt(text2, 10);
}
var SEVERITY = ["error", "failure"];
var STATUS_OF = {
  error: "errored",
  failure: "failed",
  skipped: "skipped",
  disabled: "skipped"
};
var PASSED = { status: "passed", message: null, details: null };
var DISABLED = { status: "skipped", message: null, details: null };
function resolveOutcome(results, statusAttribute) {
  if (results.length === 0) return statusAttribute === "disabled" ? DISABLED : PASSED;
  let winner;
  for (const kind of SEVERITY) {
    if (results.some((r) => r.kind === kind)) {
      winner = kind;
      break;
    }
  }
  if (winner === void 0 && results.some((r) => r.kind === "skipped")) winner = "skipped";
  if (winner === void 0 && results.some((r) => r.kind === "disabled")) winner = "disabled";
  if (winner === void 0) {
    if (statusAttribute === "disabled") return { status: "skipped", message: null, details: null };
    return { status: "passed", message: null, details: null };
  }
  const chosen = results.filter((r) => r.kind === winner);
  const messages = chosen.map((r) => r.message).filter((m) => typeof m === "string" && m !== "");
  const contents = chosen.map((r) => r.content).filter((c) => typeof c === "string");
  return {
    status: STATUS_OF[winner],
    message: boundText(messages.length > 0 ? messages.join("\n") : null, MAX_MESSAGE_CHARS),
    details: boundText(contents.length > 0 ? contents.join("\n") : null, MAX_DETAILS_CHARS)
  };
}
function buildReport(tests) {
  return { tests, totals: countTests(tests) };
}

// src/parsers/tests/errors.ts
var TestReportParseError = class extends Error {
  /** The report file as the caller named it. */
  file;
  /** 1-based line of the problem, when known. */
  line;
  /** 1-based column (UTF-16 code units) of the problem, when known. */
  column;
  /** The reason alone, without file and position. */
  reason;
  constructor(file, reason, position) {
    const where = position ? ` line ${position.line} col ${position.column}` : "";
    super(`file=${file}${where}: ${reason}`);
    this.name = "TestReportParseError";
    this.file = file;
    this.reason = reason;
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
};

// src/parsers/tests/json-input.ts
function decodeText(content) {
  const text2 = typeof content === "string" ? content : new TextDecoder("utf-8").decode(content);
  return text2.charCodeAt(0) === 65279 ? text2.slice(1) : text2;
}
function lineColumnAt(text2, offset) {
  let line = 1;
  let lineStart = 0;
  for (let nl = text2.indexOf("\n"); nl !== -1 && nl < offset; nl = text2.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function parseJson(file, text2, lineOffset = 0) {
  try {
    return JSON.parse(text2);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(reason);
    const pos = /position (\d+)/.exec(reason);
    const at = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : pos ? lineColumnAt(text2, Number(pos[1])) : text2.trim() === "" ? void 0 : lineColumnAt(text2, text2.length);
    const position = at ? { line: at.line + lineOffset, column: at.column } : void 0;
    throw new TestReportParseError(
      file,
      `malformed JSON: ${reason.replace(/\s*\(line \d+ column \d+\)/, "")}`,
      position
    );
  }
}
function isRecord3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function num2(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : void 0;
}

// src/parsers/tests/dart-json.ts
function parseDartJson(file, content) {
  const text2 = decodeText(content);
  const suites = /* @__PURE__ */ new Map();
  const tests = /* @__PURE__ */ new Map();
  const order = [];
  let lineNo = 0;
  let sawEvent = false;
  for (const line of text2.split("\n")) {
    lineNo++;
    if (line.trim() === "") continue;
    const event = parseJson(file, line, lineNo - 1);
    if (!isRecord3(event)) {
      throw new TestReportParseError(file, "not a Dart JSON event: expected one object per line", {
        line: lineNo,
        column: 1
      });
    }
    if (!sawEvent && !(event.type === "start" && "protocolVersion" in event)) {
      throw new TestReportParseError(
        file,
        'not a Dart JSON reporter stream: the first event must be {"type":"start","protocolVersion":\u2026}',
        { line: lineNo, column: 1 }
      );
    }
    sawEvent = true;
    const type = event.type;
    if (type === "suite" && isRecord3(event.suite)) {
      const id = num2(event.suite.id);
      if (id !== void 0) suites.set(id, str(event.suite.path) ?? "");
    } else if (type === "testStart" && isRecord3(event.test)) {
      const t = event.test;
      const id = num2(t.id);
      if (id === void 0) continue;
      const test = {
        name: str(t.name),
        suiteId: num2(t.suiteID),
        url: str(t.url),
        line: num2(t.line),
        start: num2(event.time)
      };
      tests.set(id, test);
      order.push(test);
    } else {
      const id = num2(event.testID);
      const test = id === void 0 ? void 0 : tests.get(id);
      if (!test) continue;
      if (type === "testDone") {
        test.result = str(event.result);
        test.hidden = event.hidden === true;
        test.skipped = event.skipped === true;
        test.end = num2(event.time);
      } else if (type === "error") {
        test.error = str(event.error);
        test.stackTrace = str(event.stackTrace);
      } else if (type === "print" && event.messageType === "skip") {
        test.reason = str(event.message);
      }
    }
  }
  if (!sawEvent) throw new TestReportParseError(file, "no Dart JSON events in the file");
  const out = [];
  for (const test of order) {
    if (test.hidden === true || test.suiteId === void 0) continue;
    const result = test.result ?? "error";
    const results = [];
    if (result !== "success") {
      const content2 = [test.error, test.stackTrace].filter((t) => !!t).join("\n");
      results.push({ kind: result === "failure" ? "failure" : "error", message: test.error ?? null, content: content2 });
    } else if (test.skipped === true) {
      results.push({ kind: "skipped", message: test.reason ?? null });
    }
    const outcome = resolveOutcome(results);
    out.push({
      suite: suites.get(test.suiteId) ?? "",
      classname: "",
      name: test.name ?? "",
      status: outcome.status,
      durationMs: test.start !== void 0 && test.end !== void 0 ? test.end - test.start : null,
      message: outcome.message,
      details: outcome.details,
      file: test.url ?? null,
      line: test.line ?? null
    });
  }
  return out;
}

// src/parsers/tests/safe-xml.ts
import { TextDecoder as TextDecoder2 } from "node:util";
var XmlAttributes = class {
  source = "";
  /** Per attribute: name start, name end, value start, value end (offsets into `source`); `count * 4` are current. */
  spans = [];
  /** Per attribute: the decoded value when it differed from the raw text. */
  decoded = [];
  count = 0;
  /** The attribute names in order, interned, when they are those of the element's remembered shape. */
  known;
  /** How many attributes the element has. */
  get length() {
    return this.count;
  }
  /** The decoded value of the attribute with this qualified name, or undefined. */
  get(name) {
    const spans = this.spans;
    const source = this.source;
    const known = this.known;
    if (known !== void 0) {
      for (let k = 0; k < this.count; k++) {
        if (known[k] === name) return this.decoded[k] ?? source.slice(spans[k * 4 + 2], spans[k * 4 + 3]);
      }
      return void 0;
    }
    const length = name.length;
    const end = this.count * 4;
    for (let i = 0; i < end; i += 4) {
      const start = spans[i];
      if (spans[i + 1] - start !== length) continue;
      let j = 0;
      while (j < length && source.charCodeAt(start + j) === name.charCodeAt(j)) j++;
      if (j === length) return this.decoded[i >> 2] ?? source.slice(spans[i + 2], spans[i + 3]);
    }
    return void 0;
  }
  /** As a null-prototype record (for tree building). */
  toRecord() {
    const out = /* @__PURE__ */ Object.create(null);
    const spans = this.spans;
    const end = this.count * 4;
    for (let i = 0; i < end; i += 4) {
      out[this.source.slice(spans[i], spans[i + 1])] = this.decoded[i >> 2] ?? this.source.slice(spans[i + 2], spans[i + 3]);
    }
    return out;
  }
  /** Starts a new element whose attributes sit in `source` (for the reader). */
  reset(source) {
    this.source = source;
    this.count = 0;
    this.known = void 0;
  }
  /** Tells the view that its attributes are exactly the first `count` of `names` (for the reader). */
  setKnownNames(names) {
    this.known = names;
  }
  /** Records one attribute (for the reader); `decoded` is its value when it differs from the raw text. */
  add(nameStart, nameEnd, valueStart, valueEnd, decoded) {
    const at = this.count * 4;
    const spans = this.spans;
    spans[at] = nameStart;
    spans[at + 1] = nameEnd;
    spans[at + 2] = valueStart;
    spans[at + 3] = valueEnd;
    this.decoded[this.count] = decoded;
    this.count++;
  }
  /** Whether an attribute named like `source[start, end)` is already recorded (compared in place, no copies). */
  has(start, end) {
    const buf = this.source;
    const spans = this.spans;
    const length = end - start;
    const last = this.count * 4;
    for (let k = 0; k < last; k += 4) {
      const other = spans[k];
      if (spans[k + 1] - other !== length) continue;
      let j = 0;
      while (j < length && buf.charCodeAt(other + j) === buf.charCodeAt(start + j)) j++;
      if (j === length) return true;
    }
    return false;
  }
  /** The recorded attribute names, interned (for the reader's shape cache). */
  names() {
    const names = [];
    const last = this.count * 4;
    for (let k = 0; k < last; k += 4)
      names.push(internString(this.source.slice(this.spans[k], this.spans[k + 1])));
    return names;
  }
  /** Lets go of the document text once the element has been handled. */
  release() {
    this.source = "";
    this.count = 0;
    this.known = void 0;
  }
};
function localName(name) {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}
var FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
function isNameStart(code) {
  return code >= 97 && code <= 122 || code >= 65 && code <= 90 || code === 95 || code === 58 || code >= 192;
}
var ENTITY = /&([^&;\s<]*)(;?)/g;
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
var LT = 60;
var GT = 62;
var SLASH = 47;
var BANG = 33;
var QUESTION = 63;
var EQ = 61;
var QUOTE = 34;
var APOS = 39;
var SPACE = 32;
var TAB = 9;
var LF = 10;
var CR = 13;
function isSpace(code) {
  return code === SPACE || code === LF || code === TAB || code === CR;
}
var WATCHED = ["<", "&", "	", "\n"];
var NEXT_LT = 0;
var NEXT_AMP = 1;
var NEXT_TAB = 2;
var NEXT_LF = 3;
var NONE = 0;
var COMMENT = 1;
var CDATA = 2;
var MAX_SHAPES = 64;
function copyString(value) {
  return value.length < 13 ? value : (" " + value).slice(1);
}
function internString(value) {
  return Object.keys({ [value]: 0 })[0] ?? copyString(value);
}
var NeedMoreInput = class extends Error {
};
var NEED_MORE = new NeedMoreInput("more input needed");
var SafeXmlReader = class {
  constructor(file, handler) {
    this.file = file;
    this.handler = handler;
  }
  file;
  handler;
  buf = "";
  pos = 0;
  // Open elements: name, line and column of each, in parallel arrays (no object per element on the hot path).
  stack = [];
  stackLines = [];
  stackColumns = [];
  seenRoot = false;
  rootClosed = false;
  started = false;
  /** Cache for `nextIndex`: -2 = unknown, -1 = none left in the buffer. */
  nextAt = [-2, -2, -2, -2];
  /** Whether the scanner is inside a comment or CDATA section that continues into the next chunk. */
  open = NONE;
  openedAt = { line: 0, column: 0 };
  pendingCr = false;
  // Line tracking: `line` is the number of the line that starts at `lineStart` (an index into `buf`, may be
  // negative after compaction); `counted` is how far newlines have been counted; `nextNl` caches the next one.
  line = 1;
  lineStart = 0;
  counted = 0;
  nextNl = -2;
  shapes = [];
  attributes = new XmlAttributes();
  /** Feeds the next piece of the document. */
  write(chunk) {
    if (this.pendingCr) {
      chunk = "\r" + chunk;
      this.pendingCr = false;
    }
    if (chunk === "") return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 65279) chunk = chunk.slice(1);
    }
    if (chunk.includes("\r")) {
      if (chunk.endsWith("\r")) {
        this.pendingCr = true;
        chunk = chunk.slice(0, -1);
      }
      chunk = chunk.replace(/\r\n?/g, "\n");
    }
    const bad = FORBIDDEN_CHAR.exec(chunk);
    if (this.pos > 0) this.compact();
    if (bad) {
      const at = this.buf.length + bad.index;
      this.buf += chunk;
      this.nextNl = -2;
      this.nextAt.fill(-2);
      this.scan(false, at);
      throw this.error(
        `character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`,
        at
      );
    }
    this.buf += chunk;
    this.nextNl = -2;
    this.nextAt.fill(-2);
    this.scan(false, this.buf.length);
  }
  /** Signals the end of the document and checks that it was complete. */
  end() {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.write("\n");
    }
    this.scan(true, this.buf.length);
    const depth = this.stack.length;
    if (depth > 0) {
      throw this.error(
        `unclosed tag <${this.stack[depth - 1]}> (opened at line ${this.stackLines[depth - 1]} col ${this.stackColumns[depth - 1]}); the file is truncated or malformed`,
        this.buf.length
      );
    }
    if (!this.seenRoot) throw this.error("no root element; the file is not XML or is empty", this.buf.length);
  }
  /** Drops the consumed prefix of the buffer, keeping line bookkeeping relative to the new start. */
  compact() {
    this.advanceLines(this.pos);
    this.buf = this.buf.slice(this.pos);
    this.lineStart -= this.pos;
    this.counted -= this.pos;
    this.pos = 0;
    this.nextNl = -2;
    this.nextAt.fill(-2);
  }
  /**
   * Next index of a watched character at or after `from` in the buffer, or -1. Results are cached per character
   * and only recomputed once passed, so checking every attribute value costs one `indexOf` pass per chunk and
   * character instead of one per value (rare characters such as `&` would otherwise be searched to the end of the
   * buffer again and again).
   */
  nextIndex(which, from) {
    let at = this.nextAt[which];
    if (at === -1 || at >= from) return at;
    at = this.buf.indexOf(WATCHED[which], from);
    this.nextAt[which] = at;
    return at;
  }
  advanceLines(to) {
    for (; ; ) {
      if (this.nextNl === -2) this.nextNl = this.buf.indexOf("\n", this.counted);
      if (this.nextNl === -1 || this.nextNl >= to) break;
      this.line++;
      this.lineStart = this.nextNl + 1;
      this.counted = this.nextNl + 1;
      this.nextNl = -2;
    }
    if (to > this.counted) this.counted = to;
  }
  position(at) {
    this.advanceLines(at);
    return { line: this.line, column: at - this.lineStart + 1 };
  }
  error(reason, at) {
    return new TestReportParseError(this.file, reason, this.position(at));
  }
  scan(final, limit) {
    const buf = this.buf;
    while (this.pos < limit) {
      const start = this.pos;
      if (this.open !== NONE) {
        if (!this.continueSection(final, limit)) return;
        continue;
      }
      try {
        const lt = this.nextIndex(NEXT_LT, start);
        if (lt === -1 || lt >= limit) {
          let end = limit;
          if (!final) {
            const amp = buf.lastIndexOf("&", limit - 1);
            if (amp >= start && buf.indexOf(";", amp) === -1) end = amp;
          }
          if (end > start) this.onText(start, end);
          this.pos = end;
          if (!final) return;
          continue;
        }
        if (lt > start) {
          this.onText(start, lt);
          this.pos = lt;
        }
        this.markup(lt, final, limit);
      } catch (e) {
        if (e === NEED_MORE) {
          if (final) throw this.error(this.truncatedReason(this.pos), this.pos);
          return;
        }
        throw e;
      }
    }
  }
  /**
   * Inside a comment or CDATA section: consume up to its end, or, when the end is not in this chunk yet, all but
   * the last two characters (which may start the terminator), passing CDATA text on as it goes. Streaming these
   * keeps a 50 MB `<system-out>` CDATA block linear instead of re-scanning and re-joining it per chunk.
   * Returns false when more input is needed.
   */
  continueSection(final, limit) {
    const buf = this.buf;
    const cdata = this.open === CDATA;
    const end = buf.indexOf(cdata ? "]]>" : "-->", this.pos);
    if (end === -1 || end + 3 > limit) {
      if (final) {
        const what = cdata ? "unterminated CDATA section" : "unterminated comment";
        throw this.error(`${what} (opened at line ${this.openedAt.line} col ${this.openedAt.column})`, limit);
      }
      const keep = Math.max(this.pos, limit - 2);
      if (cdata && keep > this.pos && this.handler.wantsText?.() !== false)
        this.handler.text(buf.slice(this.pos, keep));
      this.pos = keep;
      return false;
    }
    if (cdata && end > this.pos && this.handler.wantsText?.() !== false)
      this.handler.text(buf.slice(this.pos, end));
    this.pos = end + 3;
    this.open = NONE;
    return true;
  }
  truncatedReason(at) {
    const head = this.buf.slice(at, at + 12);
    if (head.startsWith("<!--")) return "unterminated comment";
    if (head.startsWith("<![CDATA[")) return "unterminated CDATA section";
    if (head.startsWith("<!")) return "unterminated declaration";
    if (head.startsWith("<?")) return "unterminated processing instruction";
    return "unterminated tag; the file is truncated";
  }
  /** Handles the markup starting at `lt` (`buf[lt] === '<'`). */
  markup(lt, final, limit) {
    const buf = this.buf;
    if (lt + 1 >= limit) throw NEED_MORE;
    const next = buf.charCodeAt(lt + 1);
    if (next === SLASH) {
      const depth = this.stack.length;
      const expected = depth > 0 ? this.stack[depth - 1] : "";
      const end = lt + 2 + expected.length;
      if (depth > 0 && end < limit && buf.charCodeAt(end) === GT && buf.startsWith(expected, lt + 2)) {
        this.stack.pop();
        this.stackLines.pop();
        this.stackColumns.pop();
        this.pos = end + 1;
        if (depth === 1) this.rootClosed = true;
        this.handler.closeTag(expected);
        return;
      }
      const gt = buf.indexOf(">", lt + 2);
      if (gt === -1 || gt >= limit) throw NEED_MORE;
      let nameEnd = gt;
      while (nameEnd > lt + 2 && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      const open3 = this.stack.pop();
      const openLine = this.stackLines.pop();
      const openColumn = this.stackColumns.pop();
      if (open3 === void 0) {
        throw this.error(`closing tag </${buf.slice(lt + 2, nameEnd)}> without a matching opening tag`, lt);
      }
      if (nameEnd - lt - 2 !== open3.length || !buf.startsWith(open3, lt + 2)) {
        throw this.error(
          `mismatched closing tag </${buf.slice(lt + 2, nameEnd)}>: expected </${open3}> (opened at line ${openLine} col ${openColumn})`,
          lt
        );
      }
      this.pos = gt + 1;
      if (this.stack.length === 0) this.rootClosed = true;
      this.handler.closeTag(open3);
      return;
    }
    if (next === BANG) {
      if (lt + 4 > limit && !final) throw NEED_MORE;
      if (buf.startsWith("<!--", lt)) {
        this.open = COMMENT;
        this.openedAt = this.position(lt);
        this.pos = lt + 4;
        return;
      }
      if (lt + 9 > limit && !final) throw NEED_MORE;
      if (buf.startsWith("<![CDATA[", lt)) {
        if (this.stack.length === 0) throw this.error("CDATA section outside the root element", lt);
        this.open = CDATA;
        this.openedAt = this.position(lt);
        this.pos = lt + 9;
        return;
      }
      if (buf.startsWith("<!DOCTYPE", lt)) {
        this.doctype(lt, limit);
        return;
      }
      throw this.error('unexpected markup "<!"; expected a comment, CDATA section or DOCTYPE', lt);
    }
    if (next === QUESTION) {
      const end = buf.indexOf("?>", lt + 2);
      if (end === -1 || end + 2 > limit) throw NEED_MORE;
      this.pos = end + 2;
      return;
    }
    this.startTag(lt, limit);
  }
  doctype(lt, limit) {
    const buf = this.buf;
    if (this.seenRoot) throw this.error("DOCTYPE after the root element", lt);
    let i = lt + 9;
    let inSubset = false;
    for (; ; ) {
      if (i >= limit) throw NEED_MORE;
      const c = buf.charCodeAt(i);
      if (c === QUOTE || c === APOS) {
        const close = buf.indexOf(c === QUOTE ? '"' : "'", i + 1);
        if (close === -1 || close >= limit) throw NEED_MORE;
        i = close + 1;
        continue;
      }
      if (c === 91) inSubset = true;
      else if (c === 93) inSubset = false;
      else if (c === GT && !inSubset) break;
      i++;
    }
    const body = buf.slice(lt, i + 1);
    const entity = body.indexOf("<!ENTITY");
    if (entity !== -1) {
      throw this.error(
        'the DOCTYPE declares entities (<!ENTITY \u2026>); entity declarations are refused to prevent external entity (XXE) reads and entity-expansion ("billion laughs") attacks. Remove the DOCTYPE from the report',
        lt + entity
      );
    }
    this.pos = i + 1;
  }
  /** The remembered shape whose name starts at `at` and is followed by a delimiter, if any. */
  knownShape(at, limit) {
    const buf = this.buf;
    const first = buf.charCodeAt(at);
    const shapes = this.shapes;
    for (let k = 0; k < shapes.length; k++) {
      const shape = shapes[k];
      const name = shape.name;
      const end = at + name.length;
      if (name.charCodeAt(0) !== first || end >= limit) continue;
      const d = buf.charCodeAt(end);
      if ((isSpace(d) || d === GT || d === SLASH) && buf.startsWith(name, at)) return shape;
    }
    return void 0;
  }
  startTag(lt, limit) {
    const buf = this.buf;
    let i = lt + 1;
    let name;
    const shape = this.knownShape(i, limit);
    if (shape !== void 0) {
      name = shape.name;
      i += name.length;
    } else {
      while (i < limit) {
        const c = buf.charCodeAt(i);
        if (isSpace(c) || c === GT || c === SLASH) break;
        i++;
      }
      if (i >= limit) throw NEED_MORE;
      name = buf.slice(lt + 1, i);
      if (!isNameStart(name.charCodeAt(0))) {
        throw this.error(`invalid element name "<${name.slice(0, 40)}"`, lt);
      }
    }
    if (this.rootClosed) throw this.error(`content after the root element: <${name}>`, lt);
    const memo = shape?.attributes;
    let count = 0;
    let matched = 0;
    const attributes = this.attributes;
    attributes.reset(buf);
    let selfClosing = false;
    for (; ; ) {
      const before = i;
      while (i < limit && isSpace(buf.charCodeAt(i))) i++;
      if (i >= limit) throw NEED_MORE;
      const c = buf.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= limit) throw NEED_MORE;
        if (buf.charCodeAt(i + 1) !== GT) throw this.error(`expected "/>" in tag <${name}>`, i);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === before) throw this.error(`attributes of <${name}> must be separated by whitespace`, i);
      const nameStart = i;
      let nameEnd = -1;
      if (memo !== void 0 && matched === count && count < memo.length) {
        const expected = memo[count];
        const eq = i + expected.length;
        if (eq + 1 < limit && buf.charCodeAt(eq) === EQ && buf.startsWith(expected, i)) {
          const q = buf.charCodeAt(eq + 1);
          if (q === QUOTE || q === APOS) {
            nameEnd = eq;
            i = eq + 1;
            matched++;
          }
        }
      }
      if (nameEnd === -1) {
        while (i < limit) {
          const d = buf.charCodeAt(i);
          if (d === EQ || isSpace(d) || d === GT || d === SLASH || d === LT) break;
          i++;
        }
        if (i >= limit) throw NEED_MORE;
        nameEnd = i;
        if (!isNameStart(buf.charCodeAt(nameStart))) {
          throw this.error(
            `invalid attribute name "${buf.slice(nameStart, Math.min(nameEnd, nameStart + 40))}" in <${name}>`,
            nameStart
          );
        }
        while (i < limit && isSpace(buf.charCodeAt(i))) i++;
        if (i >= limit) throw NEED_MORE;
        if (buf.charCodeAt(i) !== EQ) {
          throw this.error(`attribute "${buf.slice(nameStart, nameEnd)}" of <${name}> has no value`, i);
        }
        i++;
        while (i < limit && isSpace(buf.charCodeAt(i))) i++;
        if (i >= limit) throw NEED_MORE;
        const quote = buf.charCodeAt(i);
        if (quote !== QUOTE && quote !== APOS) {
          throw this.error(
            `value of attribute "${buf.slice(nameStart, nameEnd)}" in <${name}> must be quoted`,
            i
          );
        }
        if (attributes.has(nameStart, nameEnd)) {
          throw this.error(`duplicate attribute "${buf.slice(nameStart, nameEnd)}" in <${name}>`, nameStart);
        }
      }
      const close = buf.indexOf(buf.charCodeAt(i) === QUOTE ? '"' : "'", i + 1);
      if (close === -1 || close >= limit) throw NEED_MORE;
      const lessThan = this.nextIndex(NEXT_LT, i + 1);
      if (lessThan !== -1 && lessThan < close) {
        throw this.error(
          `"<" in the value of attribute "${buf.slice(nameStart, nameEnd)}" of <${name}>`,
          lessThan
        );
      }
      const amp = this.nextIndex(NEXT_AMP, i + 1);
      const tab = this.nextIndex(NEXT_TAB, i + 1);
      const lf = this.nextIndex(NEXT_LF, i + 1);
      const special = amp !== -1 && amp < close || tab !== -1 && tab < close || lf !== -1 && lf < close;
      attributes.add(
        nameStart,
        nameEnd,
        i + 1,
        close,
        special ? this.decode(normalizeAttribute(buf.slice(i + 1, close)), i + 1) : void 0
      );
      count++;
      i = close + 1;
    }
    if (shape === void 0) {
      if (this.shapes.length < MAX_SHAPES) {
        this.shapes.push({ name: copyString(name), attributes: attributes.names() });
      }
    } else if (matched !== count || count > (memo?.length ?? 0)) {
      shape.attributes = attributes.names();
    } else if (memo !== void 0) {
      attributes.setKnownNames(memo);
    }
    if (this.stack.length === 0) {
      if (this.seenRoot) throw this.error(`a second root element <${name}>`, lt);
      this.seenRoot = true;
    }
    this.pos = i;
    if (selfClosing) {
      this.handler.openTag(name, attributes);
      attributes.release();
      if (this.stack.length === 0) this.rootClosed = true;
      this.handler.closeTag(name);
    } else {
      this.advanceLines(lt);
      this.stack.push(name);
      this.stackLines.push(this.line);
      this.stackColumns.push(lt - this.lineStart + 1);
      this.handler.openTag(name, attributes);
      attributes.release();
    }
  }
  onText(start, end) {
    const buf = this.buf;
    if (this.stack.length > 0 && this.handler.wantsText?.() === false) {
      const amp = this.nextIndex(NEXT_AMP, start);
      if (amp !== -1 && amp < end) this.decode(buf.slice(start, end), start);
      return;
    }
    const raw = buf.slice(start, end);
    if (this.stack.length === 0) {
      if (raw.trim() !== "") {
        throw this.error(
          this.seenRoot ? "text after the root element" : "text before the root element; the file is not XML",
          start + (raw.length - raw.trimStart().length)
        );
      }
      return;
    }
    if (raw.includes("]]>")) throw this.error('"]]>" is not allowed in text', start + raw.indexOf("]]>"));
    this.handler.text(this.decode(raw, start));
  }
  /** Decodes entity and character references in `raw`, which starts at `offset` in the buffer. */
  decode(raw, offset) {
    if (!raw.includes("&")) return raw;
    return raw.replace(ENTITY, (whole, name, semi, index) => {
      if (semi === "") throw this.error('"&" must be escaped as "&amp;"', offset + index);
      const predefined = PREDEFINED[name];
      if (predefined !== void 0) return predefined;
      if (name.startsWith("#")) {
        const hex = name.startsWith("#x");
        const digits = name.slice(hex ? 2 : 1);
        const valid = hex ? /^[0-9A-Fa-f]+$/.test(digits) : /^[0-9]+$/.test(digits);
        const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : NaN;
        if (!isXmlChar(code)) throw this.error(`invalid character reference ${whole}`, offset + index);
        return String.fromCodePoint(code);
      }
      throw this.error(
        `undefined entity ${whole}; only &lt; &gt; &amp; &quot; &apos; and character references are allowed`,
        offset + index
      );
    });
  }
};
function isXmlChar(code) {
  if (!Number.isInteger(code)) return false;
  return code === 9 || code === 10 || code === 13 || code >= 32 && code <= 55295 || code >= 57344 && code <= 65533 || code >= 65536 && code <= 1114111;
}
function normalizeAttribute(raw) {
  return raw.indexOf("\n") === -1 && raw.indexOf("	") === -1 ? raw : raw.replace(/[\t\n]/g, " ");
}
var DECL_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
function xmlDecoderFor(file, head) {
  if (head[0] === 239 && head[1] === 187 && head[2] === 191) return new TextDecoder2("utf-8");
  if (head[0] === 255 && head[1] === 254) return new TextDecoder2("utf-16le");
  if (head[0] === 254 && head[1] === 255) return new TextDecoder2("utf-16be");
  if (head[0] === 60 && head[1] === 0) return new TextDecoder2("utf-16le");
  if (head[0] === 0 && head[1] === 60) return new TextDecoder2("utf-16be");
  const ascii = Buffer.from(head.subarray(0, 200)).toString("latin1");
  const label = DECL_ENCODING.exec(ascii)?.[1];
  if (label === void 0) return new TextDecoder2("utf-8");
  try {
    return new TextDecoder2(/^utf-?16/i.test(label) ? "utf-8" : label);
  } catch {
    throw new TestReportParseError(file, `unsupported encoding "${label}" in the XML declaration`, {
      line: 1,
      column: 1
    });
  }
}
var XML_CHUNK_BYTES = 1 << 18;
function readXml(file, content, handler) {
  const reader = new SafeXmlReader(file, handler);
  if (typeof content === "string") {
    for (let i = 0; i < content.length; i += XML_CHUNK_BYTES) {
      let end = Math.min(content.length, i + XML_CHUNK_BYTES);
      const code = content.charCodeAt(end - 1);
      if (code >= 55296 && code <= 56319 && end < content.length) end++;
      reader.write(content.slice(i, end));
      i = end - XML_CHUNK_BYTES;
    }
  } else {
    const decoder = xmlDecoderFor(file, content);
    for (let i = 0; i < content.length; i += XML_CHUNK_BYTES) {
      const piece = content.subarray(i, i + XML_CHUNK_BYTES);
      reader.write(decoder.decode(piece, { stream: i + XML_CHUNK_BYTES < content.length }));
    }
  }
  reader.end();
}
var XmlTreeBuilder = class {
  root;
  current;
  textBudget = [];
  openTag(name, attributes) {
    const element = {
      name: localName(name),
      attributes: attributes.toRecord(),
      children: [],
      parent: this.current
    };
    if (this.current) this.current.children.push(element);
    else this.root = element;
    this.current = element;
    this.textBudget.push(MAX_ELEMENT_TEXT_CHARS);
  }
  closeTag() {
    this.current = this.current?.parent;
    this.textBudget.pop();
  }
  text(text2) {
    if (!this.current) return;
    const budget = this.textBudget[this.textBudget.length - 1] ?? 0;
    if (budget <= 0) return;
    const kept = text2.length > budget ? text2.slice(0, budget) : text2;
    this.textBudget[this.textBudget.length - 1] = budget - kept.length;
    this.current.children.push(kept);
  }
};
function readXmlTree(file, content) {
  const builder = new XmlTreeBuilder();
  readXml(file, content, builder);
  if (!builder.root) throw new TestReportParseError(file, "no root element; the file is not XML or is empty");
  return builder.root;
}
function childElements(element, name) {
  const out = [];
  for (const child of element.children) {
    if (typeof child !== "string" && (name === void 0 || child.name === name)) out.push(child);
  }
  return out;
}
function firstChild(element, name) {
  for (const child of element.children) if (typeof child !== "string" && child.name === name) return child;
  return void 0;
}
function stringValue(element) {
  if (!element) return "";
  let out = "";
  for (const child of element.children) out += typeof child === "string" ? child : stringValue(child);
  return out;
}
function descendants(element, name) {
  const out = [];
  const walk = (e) => {
    for (const child of e.children) {
      if (typeof child === "string") continue;
      if (child.name === name) out.push(child);
      walk(child);
    }
  };
  walk(element);
  return out;
}

// src/parsers/tests/junit.ts
var MAX_INTERNED = 1e5;
var RECENT_SLOTS = 256;
function detach(value) {
  return value.length < 13 ? value : (" " + value).slice(1);
}
function lineNumber(text2) {
  if (text2 === void 0) return null;
  const n = text2.length;
  if (n === 0 || n > 9) return parseLine(text2);
  for (let k = 0; k < n; k++) {
    const c = text2.charCodeAt(k);
    if (c < 48 || c > 57) return parseLine(text2);
  }
  return Number(text2);
}
var ROOT = 0;
var SUITE = 1;
var CASE = 2;
var RESULT = 3;
var OTHER = 4;
var JUnitHandler = class {
  constructor(file) {
    this.file = file;
  }
  file;
  tests = [];
  frames = [];
  /** Interned `name` of each open `<testsuite>`. */
  suiteNames = [];
  /** The open `<testcase>`'s attributes, read when it opens (the reader's attribute view lives only that long). */
  inCase = false;
  caseName;
  caseClassname;
  caseStatus;
  caseTime;
  caseFile;
  caseLine;
  /** Results of the open case; reused (emptied) per case, as `resolveOutcome` only reads it. */
  results = [];
  result;
  /** Depth of the open result element, so only its own text counts as its content. */
  resultDepth = 0;
  /** Repeated values (suite, class and file names) share one string; see `detach` for why values are copied. */
  interned = /* @__PURE__ */ new Map();
  /**
   * Recently seen values by a cheap key (length and three characters, where class and file names tend to differ),
   * checked before the hash table: cases repeat a handful of class and file names, and comparing with one
   * candidate is much cheaper than hashing every value for the table look-up. A collision only costs that look-up.
   */
  recent = new Array(RECENT_SLOTS).fill("");
  internField(value) {
    const n = value.length;
    if (n === 0) return "";
    const slot = n * 7 + value.charCodeAt(n - 1) * 31 + (n > 6 ? value.charCodeAt(n - 6) * 17 : 0) + value.charCodeAt(n >> 1) * 3 & RECENT_SLOTS - 1;
    const cached = this.recent[slot];
    if (cached === value) return cached;
    const interned = this.intern(value);
    this.recent[slot] = interned;
    return interned;
  }
  intern(value) {
    const known = this.interned.get(value);
    if (known !== void 0) return known;
    const copy = detach(value);
    if (this.interned.size < MAX_INTERNED) this.interned.set(copy, copy);
    return copy;
  }
  openTag(qname, attributes) {
    const name = localName(qname);
    const depth = this.frames.length;
    if (depth === 0) {
      if (name !== "testsuites" && name !== "testsuite") {
        throw new TestReportParseError(
          this.file,
          `not a JUnit XML report: the root element is <${qname}>, expected <testsuites> or <testsuite>`
        );
      }
      if (name === "testsuite") {
        this.frames.push(SUITE);
        this.suiteNames.push(this.internField(attributes.get("name") ?? ""));
      } else {
        this.frames.push(ROOT);
      }
      return;
    }
    const parent = this.frames[depth - 1];
    if (parent === ROOT || parent === SUITE) {
      if (name === "testsuite") {
        this.frames.push(SUITE);
        this.suiteNames.push(this.internField(attributes.get("name") ?? ""));
        return;
      }
      if (name === "testcase" && parent === SUITE) {
        this.frames.push(CASE);
        this.inCase = true;
        this.caseName = attributes.get("name");
        this.caseClassname = attributes.get("classname");
        this.caseStatus = attributes.get("status");
        this.caseTime = attributes.get("time");
        this.caseFile = attributes.get("file");
        this.caseLine = attributes.get("line");
        if (this.results.length !== 0) this.results.length = 0;
        return;
      }
      this.frames.push(OTHER);
      return;
    }
    if (this.inCase && this.result === void 0) {
      if (name === "failure" || name === "error" || name === "skipped") {
        this.frames.push(RESULT);
        this.result = { kind: name, message: attributes.get("message") ?? null, content: "" };
        this.resultDepth = depth + 1;
        return;
      }
    }
    this.frames.push(OTHER);
  }
  closeTag() {
    const frame = this.frames.pop();
    if (frame === SUITE) {
      this.suiteNames.pop();
    } else if (frame === RESULT && this.frames.length + 1 === this.resultDepth && this.result) {
      this.results.push({
        kind: this.result.kind,
        message: this.result.message,
        content: this.result.content === "" && !this.resultHadText ? null : this.result.content
      });
      this.result = void 0;
      this.resultHadText = false;
    } else if (frame === CASE && this.inCase) {
      this.finishCase();
      this.inCase = false;
      this.caseName = this.caseClassname = this.caseStatus = void 0;
      this.caseTime = this.caseFile = this.caseLine = void 0;
    }
  }
  resultHadText = false;
  wantsText() {
    return this.result !== void 0 && this.frames.length === this.resultDepth;
  }
  text(text2) {
    const result = this.result;
    if (result === void 0 || this.frames.length !== this.resultDepth) return;
    this.resultHadText = true;
    if (result.content.length < MAX_DETAILS_CHARS) result.content += text2;
  }
  finishCase() {
    const name = this.caseName;
    const classname = this.caseClassname;
    if (name === void 0 && classname === void 0) return;
    const outcome = resolveOutcome(this.results, this.caseStatus);
    const file = this.caseFile;
    this.tests.push({
      suite: this.suiteNames[this.suiteNames.length - 1] ?? "",
      classname: this.internField(classname ?? ""),
      name: detach(name ?? ""),
      status: outcome.status,
      durationMs: secondsToMs(this.caseTime),
      message: outcome.message === null ? null : detach(outcome.message),
      details: outcome.details === null ? null : detach(outcome.details),
      file: file === void 0 ? null : this.internField(file),
      line: lineNumber(this.caseLine)
    });
    if (this.results.length !== 0) this.results.length = 0;
  }
};

// src/parsers/tests/mocha-json.ts
var CONTROL = /[\x00-\x1F]/g;
function parseMochaJson(file, content) {
  const data = parseJson(file, decodeText(content));
  if (!isRecord3(data) || !Array.isArray(data.tests)) {
    throw new TestReportParseError(file, 'not a Mocha JSON report: expected an object with a "tests" array');
  }
  const pending = /* @__PURE__ */ new Set();
  if (Array.isArray(data.pending)) {
    for (const p of data.pending) {
      const title = isRecord3(p) ? str(p.fullTitle) : void 0;
      if (title !== void 0) pending.add(title);
    }
  }
  const tests = [];
  for (const test of data.tests) {
    if (!isRecord3(test)) continue;
    const fullTitle = str(test.fullTitle) ?? str(test.title) ?? "";
    const results = [];
    const err = test.err;
    if (isRecord3(err) && Object.keys(err).length > 0) {
      const message = str(err.message);
      const content2 = [str(err.name), message, str(err.stack)].filter((t) => t !== void 0 && t !== "").map((t) => t.replace(CONTROL, "")).join("\n");
      results.push({
        kind: err.errorMode ? "error" : "failure",
        message: message?.replace(CONTROL, "") ?? null,
        content: content2
      });
    } else if (pending.has(fullTitle)) {
      results.push({ kind: "skipped" });
    }
    const outcome = resolveOutcome(results);
    tests.push({
      suite: "",
      classname: "",
      name: fullTitle,
      status: outcome.status,
      durationMs: num2(test.duration) ?? null,
      message: outcome.message,
      details: outcome.details,
      file: str(test.file) ?? null,
      line: null
    });
  }
  return tests;
}

// src/parsers/tests/nunit.ts
var NUNIT_ROOTS = /* @__PURE__ */ new Set(["test-results", "test-run", "test-suite"]);
var SKIPPED_RESULTS = /* @__PURE__ */ new Set(["Skipped", "Ignored", "NotRunnable", "Inconclusive"]);
var SKIPPED_RUNSTATES = /* @__PURE__ */ new Set(["Skipped", "Ignored", "NotRunnable"]);
function parseNUnit(file, content) {
  const root = readXmlTree(file, content);
  if (!NUNIT_ROOTS.has(root.name)) {
    throw new TestReportParseError(
      file,
      `not an NUnit report: the root element is <${root.name}>, expected <test-results> (NUnit 2) or <test-run> (NUnit 3)`
    );
  }
  const tests = [];
  const walk = (element, suite) => {
    for (const child of element.children) {
      if (typeof child === "string") continue;
      if (child.name === "test-suite") walk(child, child);
      else if (child.name === "test-case") {
        if (suite) tests.push(toCase(child, suite));
      } else if (!IGNORED.has(child.name)) walk(child, suite);
    }
  };
  if (root.name === "test-suite") walk(root, root);
  else walk(root, void 0);
  return tests;
}
var IGNORED = /* @__PURE__ */ new Set(["command-line", "settings", "filter", "properties", "reason", "failure"]);
function suiteName(suite) {
  const a = suite.attributes;
  if (a.fullname !== void 0) return a.fullname;
  if (a.classname !== void 0) return a.classname;
  let prefix = "";
  for (let p = suite.parent; p; p = p.parent) {
    if (p.name === "test-suite" && (p.attributes.type === "TestSuite" || p.attributes.type === "Namespace")) {
      prefix = `${p.attributes.name ?? ""}.` + prefix;
    }
  }
  return prefix + (a.name ?? "");
}
function toCase(testCase, suite) {
  const a = testCase.attributes;
  const results = [];
  if (a.executed === "False" || SKIPPED_RESULTS.has(a.result ?? "") || SKIPPED_RUNSTATES.has(a.runstate ?? "")) {
    const reason = firstChild(testCase, "reason");
    const message = reason ? stringValue(firstChild(reason, "message")) : "";
    results.push({ kind: "skipped", message: message === "" ? null : message, content: null });
  }
  for (const failure of childElements(testCase, "failure")) {
    results.push({
      kind: a.result === "Error" ? "error" : "failure",
      message: stringValue(firstChild(failure, "message")),
      content: stringValue(firstChild(failure, "stack-trace"))
    });
  }
  const outcome = resolveOutcome(results, a.result);
  return {
    suite: suiteName(suite),
    classname: a.classname ?? "",
    name: a.name ?? "",
    status: outcome.status,
    durationMs: secondsToMs(a.duration ?? a.time),
    message: outcome.message,
    details: outcome.details,
    file: null,
    line: null
  };
}

// src/parsers/tests/sniff.ts
var ROOTS = {
  testsuites: "junit",
  testsuite: "junit",
  "test-results": "nunit",
  "test-run": "nunit",
  "test-suite": "nunit",
  assemblies: "xunit",
  assembly: "xunit",
  TestRun: "trx"
};
function rootElementName(head) {
  let i = 0;
  for (; ; ) {
    const lt = head.indexOf("<", i);
    if (lt === -1) return void 0;
    if (head.slice(i, lt).trim() !== "") return void 0;
    if (head.startsWith("<?", lt)) {
      const end = head.indexOf("?>", lt);
      if (end === -1) return void 0;
      i = end + 2;
    } else if (head.startsWith("<!--", lt)) {
      const end = head.indexOf("-->", lt);
      if (end === -1) return void 0;
      i = end + 3;
    } else if (head.startsWith("<!", lt)) {
      const close = head.indexOf("]>", lt);
      const end = head.indexOf(">", lt);
      const subset = head.indexOf("[", lt);
      const inSubset = subset !== -1 && subset < end;
      const stop = inSubset ? close : end;
      if (stop === -1) return void 0;
      i = stop + (inSubset ? 2 : 1);
    } else {
      const m = /^<([A-Za-z_][-\w.:]*)/.exec(head.slice(lt, lt + 200));
      if (!m?.[1]) return void 0;
      const name = m[1];
      const colon = name.indexOf(":");
      return colon === -1 ? name : name.slice(colon + 1);
    }
  }
}
function sniffTestFormat(path, head) {
  const text2 = (head.charCodeAt(0) === 65279 ? head.slice(1) : head).trimStart();
  if (text2.startsWith("<")) {
    const root = rootElementName(text2);
    if (root !== void 0) return ROOTS[root];
    return /\.trx$/i.test(path) ? "trx" : void 0;
  }
  if (text2.startsWith("{")) {
    const firstLine = text2.split("\n", 1)[0] ?? "";
    if (/"type"\s*:\s*"start"/.test(firstLine) && /"protocolVersion"/.test(firstLine)) return "dart-json";
    if (/^\{\s*"stats"\s*:/.test(text2) || /"stats"\s*:/.test(text2) && /"tests"\s*:/.test(text2))
      return "mocha-json";
    return void 0;
  }
  if (text2 === "" && /\.trx$/i.test(path)) return "trx";
  return void 0;
}

// src/parsers/tests/trx.ts
var NS_2006 = "http://microsoft.com/schemas/VisualStudio/TeamTest/2006";
function parseTrx(file, content) {
  const root = readXmlTree(file, content);
  if (root.name !== "TestRun") {
    throw new TestReportParseError(
      file,
      `not a TRX report: the root element is <${root.name}>, expected <TestRun>`
    );
  }
  const byExecution = root.attributes.xmlns === NS_2006;
  const definitions = /* @__PURE__ */ new Map();
  for (const unitTest of descendants(root, "UnitTest")) {
    const key = byExecution ? firstChild(unitTest, "Execution")?.attributes.id : unitTest.attributes.id;
    if (key === void 0) continue;
    const list = definitions.get(key);
    if (list) list.push(unitTest);
    else definitions.set(key, [unitTest]);
  }
  const tests = [];
  for (const result of descendants(root, "UnitTestResult")) {
    const key = byExecution ? result.attributes.executionId : result.attributes.testId;
    for (const unitTest of key !== void 0 && definitions.get(key) || [])
      tests.push(toCase2(result, unitTest));
  }
  return tests;
}
function toCase2(result, unitTest) {
  const a = result.attributes;
  const fullClass = firstChild(unitTest, "TestMethod")?.attributes.className ?? "";
  const comma = fullClass.indexOf(",");
  const classname = comma === -1 ? fullClass : fullClass.slice(0, comma);
  const testName = a.testName ?? "";
  const name = testName.startsWith(`${classname}.`) ? testName.slice(classname.length + 1) : testName;
  const errorInfo = firstChild(firstChild(result, "Output") ?? result, "ErrorInfo");
  const message = stringValue(firstChild(errorInfo ?? result, "Message"));
  const stack = stringValue(firstChild(errorInfo ?? result, "StackTrace"));
  const outcome = a.outcome ?? "Error";
  const results = [];
  if (!outcome.includes("Passed") && !outcome.includes("Failed") && !outcome.includes("Error")) {
    results.push({ kind: "skipped", message, content: message });
  }
  if (outcome.includes("Failed")) results.push({ kind: "failure", message, content: message + stack });
  if (outcome.includes("Error")) results.push({ kind: "error", message, content: message + stack });
  const resolved = resolveOutcome(results);
  return {
    suite: "",
    classname,
    name,
    status: resolved.status,
    durationMs: trxDurationMs(a),
    message: resolved.message,
    details: resolved.details,
    file: null,
    line: null
  };
}
function trxDurationMs(a) {
  const duration = a.duration;
  if (duration !== void 0) {
    const m = /^(\d+):(\d+):(\d+(?:\.\d*)?)$/.exec(duration.trim());
    if (m) return roundMs(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
    return 0;
  }
  if (a.startTime !== void 0 && a.endTime !== void 0) {
    const start = Date.parse(a.startTime);
    const end = Date.parse(a.endTime);
    if (Number.isFinite(start) && Number.isFinite(end)) {
      return roundMs((end - start) / 1e3 + (subMs(a.endTime) - subMs(a.startTime)));
    }
  }
  return 0;
}
function subMs(time) {
  const m = /\.(\d+)/.exec(time);
  if (!m?.[1] || m[1].length <= 3) return 0;
  return Number(`0.000${m[1].slice(3)}`);
}
function roundMs(seconds2) {
  return Math.round(seconds2 * 1e7) / 1e4;
}

// src/parsers/tests/xunit.ts
function parseXUnit(file, content) {
  const root = readXmlTree(file, content);
  if (root.name !== "assemblies" && root.name !== "assembly") {
    throw new TestReportParseError(
      file,
      `not an xUnit.net report: the root element is <${root.name}>, expected <assemblies> or <assembly>`
    );
  }
  const assemblies = root.name === "assembly" ? [root, ...descendants(root, "assembly")] : descendants(root, "assembly");
  const tests = [];
  for (const assembly of assemblies) {
    for (const group of childElements(assembly)) {
      if (group.name !== "collection" && group.name !== "class") continue;
      for (const test of childElements(group, "test")) tests.push(toCase3(test, group));
    }
  }
  return tests;
}
function firstText(element) {
  if (!element) return "";
  for (const child of element.children) if (typeof child === "string") return child;
  return "";
}
function toCase3(test, group) {
  const a = test.attributes;
  const results = [];
  const reason = firstChild(test, "reason");
  if (reason) {
    const message = firstText(reason);
    results.push({ kind: "skipped", message, content: null });
  }
  for (const failure of childElements(test, "failure")) {
    const message = stringValue(firstChild(failure, "message"));
    results.push({
      kind: "failure",
      message,
      content: message + stringValue(firstChild(failure, "stack-trace"))
    });
  }
  const outcome = resolveOutcome(results);
  return {
    suite: group.attributes.name ?? "",
    classname: a.type ?? "",
    name: a.method ?? a.name ?? "",
    status: outcome.status,
    durationMs: secondsToMs(a.time),
    message: outcome.message,
    details: outcome.details,
    file: null,
    line: null
  };
}

// src/parsers/tests/index.ts
var SNIFF_CHARS = 4096;
function limitOf(options) {
  return options?.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
}
function tooLarge2(path, bytes, limit) {
  return new TestReportParseError(
    path,
    `the report is ${bytes} bytes, over the limit of ${limit} bytes (${(limit / 1024 / 1024).toFixed(1)} MB); raise the limit with the test parser option maxBytes if this report is expected to be this large`
  );
}
function resolveFormat(path, head, format) {
  if (format !== "auto") {
    if (!TEST_FORMATS.includes(format)) {
      throw new TestReportParseError(
        path,
        `unknown test report format "${String(format)}"; use one of ${TEST_FORMATS.join(", ")}`
      );
    }
    return format;
  }
  const sniffed = sniffTestFormat(path, head);
  if (sniffed === void 0) {
    throw new TestReportParseError(
      path,
      `cannot tell the test report format from the file's start; name it explicitly (${TEST_FORMATS.join(", ")})`
    );
  }
  return sniffed;
}
function parseJUnit(path, content) {
  const handler = new JUnitHandler(path);
  readXml(path, content, handler);
  return handler.tests;
}
function parseAs(path, content, format) {
  switch (format) {
    case "junit":
      return parseJUnit(path, content);
    case "nunit":
      return parseNUnit(path, content);
    case "xunit":
      return parseXUnit(path, content);
    case "trx":
      return parseTrx(path, content);
    case "mocha-json":
      return parseMochaJson(path, content);
    case "dart-json":
      return parseDartJson(path, content);
  }
}
function headOf(content) {
  if (typeof content === "string") return content.slice(0, SNIFF_CHARS);
  const bytes = content.subarray(0, SNIFF_CHARS * 2);
  if (bytes[0] === 255 && bytes[1] === 254 || bytes[0] === 60 && bytes[1] === 0) {
    return new TextDecoder("utf-16le").decode(bytes);
  }
  if (bytes[0] === 254 && bytes[1] === 255 || bytes[0] === 0 && bytes[1] === 60) {
    return new TextDecoder("utf-16be").decode(bytes);
  }
  return new TextDecoder("utf-8").decode(bytes);
}
async function parseTestReportFile(path, format, options) {
  const limit = limitOf(options);
  let size;
  try {
    const info = await stat2(path);
    if (!info.isFile()) throw new TestReportParseError(path, "not a regular file");
    size = info.size;
  } catch (e) {
    if (e instanceof TestReportParseError) throw e;
    const code = e.code;
    if (code === "ENOENT") throw new TestReportParseError(path, "file does not exist");
    throw new TestReportParseError(path, `cannot read the file: ${e.message}`);
  }
  if (size > limit) throw tooLarge2(path, size, limit);
  if (size === 0) throw new TestReportParseError(path, "file is empty");
  const handle = await open(path, "r");
  try {
    const first = Buffer.alloc(Math.min(size, XML_CHUNK_BYTES));
    const { bytesRead } = await handle.read(first, 0, first.length, 0);
    const head = first.subarray(0, bytesRead);
    const resolved = resolveFormat(path, headOf(head), format);
    if (resolved !== "junit" || bytesRead >= size) {
      if (bytesRead >= size) return buildReport(parseAs(path, head, resolved));
      const all = Buffer.alloc(size);
      head.copy(all);
      let offset2 = bytesRead;
      while (offset2 < size) {
        const r = await handle.read(all, offset2, size - offset2, offset2);
        if (r.bytesRead === 0) break;
        offset2 += r.bytesRead;
      }
      return buildReport(parseAs(path, all.subarray(0, offset2), resolved));
    }
    const handler = new JUnitHandler(path);
    const reader = new SafeXmlReader(path, handler);
    const decoder = xmlDecoderFor(path, head);
    reader.write(decoder.decode(head, { stream: true }));
    const piece = Buffer.alloc(XML_CHUNK_BYTES);
    let offset = bytesRead;
    for (; ; ) {
      const r = await handle.read(piece, 0, piece.length, offset);
      if (r.bytesRead === 0) break;
      offset += r.bytesRead;
      if (offset > limit) throw tooLarge2(path, offset, limit);
      reader.write(decoder.decode(piece.subarray(0, r.bytesRead), { stream: true }));
    }
    reader.write(decoder.decode());
    reader.end();
    return buildReport(handler.tests);
  } finally {
    await handle.close();
  }
}

// src/parsers/index.ts
var RESULT_FILE_FORMATS = [...TEST_FORMATS, ...BENCHMARK_FORMATS];
var UnknownFormatError = class extends Error {
  constructor(file) {
    super(
      `${file}: could not tell the format from the file's start; name it with --format (or results[].format): ` + RESULT_FILE_FORMATS.join(", ")
    );
    this.file = file;
  }
  file;
  name = "UnknownFormatError";
};
var SNIFF_BYTES = 8192;
async function readHead(path) {
  const handle = await open2(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}
function isTestFormat(format) {
  return TEST_FORMATS.includes(format);
}
async function detectFormat(path) {
  const head = await readHead(path);
  const format = sniffTestFormat(path, head) ?? sniffBenchmarkFormat(path, head);
  if (format === void 0) throw new UnknownFormatError(path);
  return format;
}
async function parseResultFile(path, format, options = {}) {
  const resolved = format === "auto" ? await detectFormat(path).catch(rethrowMissing(path)) : format;
  if (isTestFormat(resolved)) {
    return {
      kind: "tests",
      path,
      format: resolved,
      report: await parseTestReportFile(path, resolved, options)
    };
  }
  return {
    kind: "benchmarks",
    path,
    format: resolved,
    report: await parseBenchmarkFile(path, resolved, options)
  };
}
function rethrowMissing(path) {
  return (err) => {
    if (err.code === "ENOENT") throw new Error(`${path}: file does not exist`);
    if (err.code === "EISDIR")
      throw new Error(`${path}: is a directory, not a file`);
    throw err;
  };
}

export {
  RESULT_FILE_FORMATS,
  parseResultFile
};
