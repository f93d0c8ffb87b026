import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-TOJ4Y6NW.js";
import {
  analysisSection
} from "./chunk-K4M7TS6K.js";
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import {
  analyze,
  isPullRequestRun
} from "./chunk-K5KL6JEE.js";
import "./chunk-7OZYSOVE.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import {
  createDirectoryStore,
  isHistoryDirectory
} from "./chunk-DV3L4MQX.js";
import "./chunk-HDJPLI3S.js";
import {
  RUN_RECORD_SCHEMA,
  systemClock
} from "./chunk-MKFOCXAI.js";
import "./chunk-2LYZDNKG.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import {
  SEVERITIES,
  isAtLeast
} from "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/analyze.ts
import { parseArgs } from "node:util";

// src/history/record-files.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
var MAX_RECORD_BYTES = 64 * 1024 * 1024;
var MAX_DEPTH = 8;
var RunRecordError = class extends Error {
  constructor(file, problem) {
    super(`${file}: ${problem}`);
    this.file = file;
    this.name = "RunRecordError";
  }
  file;
};
function asRunRecord(file, data) {
  if (typeof data !== "object" || data === null) throw new RunRecordError(file, "not a JSON object");
  const r = data;
  if (r.schema !== RUN_RECORD_SCHEMA) {
    throw new RunRecordError(
      file,
      `schema ${JSON.stringify(r.schema)} is not ${RUN_RECORD_SCHEMA}; a newer Gauntlet wrote it, or it is not a run record`
    );
  }
  if (typeof r.run !== "object" || r.run === null || typeof r.run.sha !== "string" || typeof r.run.timestamp !== "string") {
    throw new RunRecordError(file, '"run" with "sha" and "timestamp" is missing');
  }
  if (!Array.isArray(r.metrics) || !Array.isArray(r.tests))
    throw new RunRecordError(file, '"metrics" and "tests" must be arrays');
  return {
    ...r,
    stages: Array.isArray(r.stages) ? r.stages : [],
    chaos: Array.isArray(r.chaos) ? r.chaos : []
  };
}
async function readRunRecordFile(file) {
  const info = await stat(file);
  if (info.size > MAX_RECORD_BYTES)
    throw new RunRecordError(file, `is ${info.size} bytes, more than ${MAX_RECORD_BYTES}`);
  const raw = await readFile(file);
  let text;
  try {
    text = file.endsWith(".gz") ? gunzipSync(raw, { maxOutputLength: MAX_RECORD_BYTES }).toString("utf8") : raw.toString("utf8");
  } catch (err) {
    throw new RunRecordError(file, `cannot decompress (${err instanceof Error ? err.message : String(err)})`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new RunRecordError(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return asRunRecord(file, data);
}
async function readRunRecordsFromDirectory(dir, warn) {
  const out = [];
  const walk = async (d, depth) => {
    if (depth > MAX_DEPTH) return;
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && (e.name.endsWith(".json") || e.name.endsWith(".json.gz"))) {
        try {
          out.push(await readRunRecordFile(p));
        } catch (err) {
          warn(err instanceof Error ? err.message : String(err));
        }
      }
    }
  };
  await walk(dir, 0);
  return out;
}

// src/cli/commands/analyze.ts
var DEFAULT_RETENTION_DAYS = 90;
var ANALYZE_USAGE = `gauntlet analyze --history-dir DIR --current RECORD.json [--json] [--config FILE] [--retention-days N] [--now ISO] [--fail-on SEVERITY]

Analyses one run record (RECORD.json or .json.gz) against the run records under DIR (read recursively) and
prints the findings; with --json the whole analysis report. Pull-request runs in DIR are never a baseline;
those of the same pull request confirm the current one. Exits 1 when --fail-on is given and reached, 2 on
bad usage or an unreadable current record.`;
async function loadHistoryFolder(dir, warn) {
  if (!await isHistoryDirectory(dir)) return readRunRecordsFromDirectory(dir, warn);
  const contents = await createDirectoryStore({ directory: dir, clock: systemClock }).readAll();
  for (const w of contents.warnings) warn(w);
  return [...contents.records];
}
var defaultAnalyzeDeps = {
  loadHistory: loadHistoryFolder,
  readRecord: readRunRecordFile,
  loadAnalysisConfig: async (file) => file === void 0 ? analysisSection.parse(void 0) : (await loadConfig(file)).analysis,
  now: () => /* @__PURE__ */ new Date()
};
async function analyzeCommand(args, io, deps = defaultAnalyzeDeps) {
  let o;
  try {
    o = parseArgs({
      args: [...args],
      options: {
        "history-dir": { type: "string" },
        current: { type: "string" },
        json: { type: "boolean", default: false },
        config: { type: "string" },
        "retention-days": { type: "string" },
        now: { type: "string" },
        "fail-on": { type: "string" }
      }
    }).values;
  } catch (err) {
    io.stderr(`gauntlet analyze: ${errorLine(err)}

${ANALYZE_USAGE}
`);
    return ExitCode.Usage;
  }
  if (o.current === void 0 || o["history-dir"] === void 0) {
    io.stderr(`gauntlet analyze: --history-dir and --current are required

${ANALYZE_USAGE}
`);
    return ExitCode.Usage;
  }
  const retentionDays = o["retention-days"] === void 0 ? DEFAULT_RETENTION_DAYS : Number(o["retention-days"]);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    io.stderr(
      `gauntlet analyze: --retention-days must be a positive number, got ${JSON.stringify(o["retention-days"])}
`
    );
    return ExitCode.Usage;
  }
  const now = o.now === void 0 ? deps.now() : new Date(o.now);
  if (Number.isNaN(now.getTime())) {
    io.stderr(
      `gauntlet analyze: --now must be an ISO date such as 2026-11-23T10:00:00Z, got ${JSON.stringify(o.now)}
`
    );
    return ExitCode.Usage;
  }
  const failOn = o["fail-on"];
  if (failOn !== void 0 && !SEVERITIES.includes(failOn)) {
    io.stderr(
      `gauntlet analyze: --fail-on must be one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(failOn)}
`
    );
    return ExitCode.Usage;
  }
  let current;
  let history;
  let config;
  try {
    current = await deps.readRecord(o.current);
    config = await deps.loadAnalysisConfig(o.config);
    history = await deps.loadHistory(o["history-dir"], (m) => io.stderr(`gauntlet analyze: skipped ${m}
`));
  } catch (err) {
    io.stderr(`gauntlet analyze: ${errorLine(err)}
`);
    return ExitCode.Usage;
  }
  const isPr = isPullRequestRun(current);
  const prRuns = isPr ? history.filter((r) => r.run.prNumber !== null && r.run.prNumber === current.run.prNumber) : [];
  const report = analyze({
    current,
    baseline: history.filter((r) => !isPullRequestRun(r)),
    prRuns,
    config,
    now,
    retentionDays,
    isPullRequest: isPr
  });
  if (o.json) io.stdout(`${JSON.stringify(report, null, 2)}
`);
  else {
    const lines = [
      `verdict: ${report.verdict} (${report.findings.length} findings, ${report.historyRuns} baseline runs)`
    ];
    for (const f of report.findings) lines.push(`${f.severity.padEnd(8)} ${f.title} \u2014 ${f.reason}`);
    io.stdout(`${lines.join("\n")}
`);
  }
  if (failOn !== void 0 && report.verdict !== "pass" && isAtLeast(report.verdict, failOn))
    return ExitCode.Failed;
  return ExitCode.Ok;
}
var analyze_default = analyzeCommand;
export {
  ANALYZE_USAGE,
  DEFAULT_RETENTION_DAYS,
  analyzeCommand,
  analyze_default as default,
  defaultAnalyzeDeps
};
