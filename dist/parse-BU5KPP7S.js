import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import {
  RESULT_FILE_FORMATS,
  parseResultFile
} from "./chunk-FTLZX6OI.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import {
  countTests
} from "./chunk-MKFOCXAI.js";
import "./chunk-2LYZDNKG.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/parse.ts
import { parseArgs } from "node:util";
var PARSE_USAGE = `gauntlet parse --format <format|auto> FILE... [--json]

Parses test reports or benchmark outputs and prints what Gauntlet reads from them. Formats: auto, ${RESULT_FILE_FORMATS.join(", ")}.
With --json it prints {"tests":[\u2026],"totals":{\u2026}} for test reports and {"metrics":[\u2026]} for benchmark outputs
(both keys when the files mix the two). On unreadable input it exits 2 with one line naming the file.`;
async function parseCommand(args, io) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: "string", default: "auto" }, json: { type: "boolean", default: false } }
  });
  const format = values.format;
  if (format !== "auto" && !RESULT_FILE_FORMATS.includes(format)) {
    io.stderr(
      `gauntlet parse: unknown format '${format}'; accepted: auto, ${RESULT_FILE_FORMATS.join(", ")}
`
    );
    return ExitCode.Usage;
  }
  if (positionals.length === 0) {
    io.stderr(`gauntlet parse: no file given

${PARSE_USAGE}
`);
    return ExitCode.Usage;
  }
  const tests = [];
  const metrics = [];
  let sawTests = false;
  for (const file of positionals) {
    try {
      const parsed = await parseResultFile(file, format);
      if (parsed.kind === "tests") {
        sawTests = true;
        tests.push(...parsed.report.tests);
      } else metrics.push(...parsed.report.metrics);
    } catch (err) {
      io.stderr(`gauntlet parse: ${file}: ${errorLine(err).replace(`${file}: `, "")}
`);
      return ExitCode.Usage;
    }
  }
  const output = {};
  if (sawTests) {
    output.tests = tests.map((t) => ({
      suite: t.suite,
      classname: t.classname,
      name: t.name,
      status: t.status,
      durationMs: t.durationMs,
      message: t.message
    }));
    output.totals = countTests(tests);
  }
  if (metrics.length > 0 || !sawTests) output.metrics = metrics;
  if (values.json) io.stdout(`${JSON.stringify(output, null, 2)}
`);
  else io.stdout(humanSummary(tests, metrics, sawTests));
  return ExitCode.Ok;
}
function humanSummary(tests, metrics, sawTests) {
  const lines = [];
  if (sawTests) {
    const t = countTests(tests);
    lines.push(
      `${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped`
    );
    for (const test of tests.filter((x) => x.status === "failed" || x.status === "errored")) {
      lines.push(
        `  \u2717 ${test.classname} \u203A ${test.name}${test.message ? `: ${test.message.split("\n")[0]}` : ""}`
      );
    }
  }
  for (const m of metrics)
    lines.push(`${m.name}: ${m.value} ${m.unit}${m.range ? ` (${m.range})` : ""} [${m.direction}]`);
  return `${lines.join("\n")}
`;
}
export {
  PARSE_USAGE,
  parseCommand
};
