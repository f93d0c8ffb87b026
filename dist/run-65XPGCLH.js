import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  repositoryFromRemote,
  runInfoForLocal
} from "./chunk-YCHYG7TX.js";
import {
  runnerFingerprint
} from "./chunk-GG6ZTVOR.js";
import {
  loadConfig
} from "./chunk-TOJ4Y6NW.js";
import "./chunk-K4M7TS6K.js";
import {
  ExitCode,
  errorLine
} from "./chunk-SSBR2K5P.js";
import {
  runPipeline
} from "./chunk-SLFRS73G.js";
import "./chunk-GSSCJ2FI.js";
import "./chunk-FTLZX6OI.js";
import "./chunk-K5KL6JEE.js";
import "./chunk-7OZYSOVE.js";
import {
  createLineLogger,
  installCancelHandlers,
  parseStageSelection
} from "./chunk-OCDTSL2M.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import {
  createDirectoryStore
} from "./chunk-DV3L4MQX.js";
import {
  DEFAULT_CONFIG_PATH,
  FAIL_ON
} from "./chunk-HDJPLI3S.js";
import {
  LOCAL_EVENT,
  systemClock
} from "./chunk-MKFOCXAI.js";
import "./chunk-2LYZDNKG.js";
import "./chunk-XIMRZTNP.js";
import {
  createChannels,
  createDryRunChannels
} from "./chunk-BH6AH3DN.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-5GJBEOA2.js";
import "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";

// src/cli/commands/run.ts
import { execFile } from "node:child_process";
import * as os from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { promisify } from "node:util";
var RUN_USAGE = `gauntlet run [--config FILE] [--stages a,b] [--history-dir DIR] [-C DIR] [--fail-on LEVEL]

Runs the configured stages, compares them with the local history, writes report.md, report.html and
findings.json, and saves this run into the history. Paths are relative to -C (default: the current directory).
Alerts go to the channels named by GAUNTLET_SLACK_WEBHOOK_URL, GAUNTLET_PAGERDUTY_ROUTING_KEY and
GAUNTLET_SMTP_URL, or are written to the report folder when none is set or alerts.dry-run is true.`;
async function gitFacts(cwd) {
  const git = async (...args) => {
    try {
      const { stdout } = await promisify(execFile)("git", args, { cwd, timeout: 5e3 });
      return stdout.trim() || void 0;
    } catch {
      return void 0;
    }
  };
  const [sha, branch, remote] = await Promise.all([
    git("rev-parse", "HEAD"),
    git("rev-parse", "--abbrev-ref", "HEAD"),
    git("remote", "get-url", "origin")
  ]);
  const repository = remote === void 0 ? void 0 : repositoryFromRemote(remote);
  return {
    ...sha === void 0 ? {} : { sha },
    ...branch === void 0 || branch === "HEAD" ? {} : { branch },
    ...repository === void 0 ? {} : { remote: repository }
  };
}
async function runCommand(args, io) {
  const { values } = parseArgs({
    args: [...args],
    options: {
      config: { type: "string", short: "c" },
      stages: { type: "string" },
      "history-dir": { type: "string" },
      "working-directory": { type: "string", short: "C", default: "." },
      "fail-on": { type: "string", default: "error" }
    }
  });
  const failOn = values["fail-on"];
  if (!FAIL_ON.includes(failOn)) {
    io.stderr(`gauntlet run: --fail-on '${failOn}' is not one of ${FAIL_ON.join(", ")}
`);
    return ExitCode.Usage;
  }
  const workspace = resolve(values["working-directory"]);
  let config;
  let selection;
  try {
    config = await loadConfig(resolve(workspace, values.config ?? DEFAULT_CONFIG_PATH));
    selection = values.stages === void 0 ? void 0 : parseStageSelection(values.stages);
  } catch (err) {
    io.stderr(`gauntlet run: ${err instanceof Error ? err.message : String(err)}
`);
    return ExitCode.Usage;
  }
  const git = await gitFacts(workspace);
  const run = runInfoForLocal(git, runnerFingerprint(os, process.env), systemClock.now());
  const localConfig = {
    ...config,
    history: { ...config.history, "trusted-events": [...config.history["trusted-events"], LOCAL_EVENT] }
  };
  const reportDir = resolve(workspace, config.report.directory);
  const secrets = {
    slackWebhookUrl: process.env.GAUNTLET_SLACK_WEBHOOK_URL,
    pagerdutyRoutingKey: process.env.GAUNTLET_PAGERDUTY_ROUTING_KEY,
    smtpUrl: process.env.GAUNTLET_SMTP_URL
  };
  const anySecret = Object.values(secrets).some((s) => s !== void 0 && s !== "");
  const channels = config.alerts["dry-run"] || !anySecret ? createDryRunChannels(reportDir) : createChannels(
    {
      ...secrets.slackWebhookUrl ? { slackWebhookUrl: secrets.slackWebhookUrl } : {},
      ...secrets.pagerdutyRoutingKey ? { pagerdutyRoutingKey: secrets.pagerdutyRoutingKey } : {},
      ...secrets.smtpUrl ? { smtpUrl: secrets.smtpUrl } : {}
    },
    { pagerdutyUrl: config.alerts["pagerduty-url"], mask: () => void 0 }
  );
  const controller = new AbortController();
  const uninstall = installCancelHandlers(controller);
  try {
    const result = await runPipeline({
      config: localConfig,
      workspace,
      ...selection === void 0 ? {} : { selection },
      failOn,
      commentMode: "never",
      retentionDays: config.history["retention-days"],
      run,
      defaultBranch: run.branch,
      pullRequest: null,
      logger: createLineLogger((line) => io.stdout(`${line}
`)),
      clock: systemClock,
      signal: controller.signal,
      history: createDirectoryStore({
        directory: resolve(workspace, values["history-dir"] ?? config.history.directory),
        clock: systemClock
      }),
      poster: null,
      channels,
      sinks: { warn: () => void 0 },
      links: {}
    });
    io.stdout(`
${summaryText(result.report, result.verdict.reasons, result.reportDirectory)}
`);
    return result.verdict.failed ? ExitCode.Failed : ExitCode.Ok;
  } catch (err) {
    io.stderr(`gauntlet run: ${errorLine(err)}
`);
    return ExitCode.Usage;
  } finally {
    uninstall();
  }
}
var ICONS = { info: "\u2139", warning: "\u26A0", error: "\u2717", critical: "\u203C" };
function summaryText(report, reasons, dir) {
  const t = report.tests;
  const lines = [
    `Gauntlet: ${report.verdict === "pass" ? "PASS" : report.verdict.toUpperCase()} (${report.historyRuns} baseline run(s))`,
    `  stages:  ${report.stages.map((s) => `${s.name} ${s.status} in ${(s.durationMs / 1e3).toFixed(1)}s`).join(", ")}`,
    `  tests:   ${t.tests} total, ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ${t.flaky} flaky`,
    `  metrics: ${report.comparisons.length} compared, ${count(report.comparisons, "regressed")} regressed, ${count(report.comparisons, "improved")} improved, ${count(report.comparisons, "new")} new`
  ];
  for (const c of report.chaos) {
    const p95 = c.latencyMs === null ? "n/a" : `${c.latencyMs.p95.toFixed(1)} ms`;
    const recovery = c.recoveryMs === null ? "did not recover" : `recovered in ${c.recoveryMs} ms`;
    lines.push(
      `  chaos:   ${c.experiment} ${c.verdict}, error rate ${(c.errorRate * 100).toFixed(1)} %, p95 ${p95}, ${recovery}`
    );
  }
  const shown = report.findings.filter((f) => f.severity !== "info").slice(0, 15);
  for (const f of shown) lines.push(`  ${ICONS[f.severity]} ${f.severity}: ${f.title} \u2014 ${f.reason}`);
  for (const r of reasons) lines.push(`  fails: ${r}`);
  lines.push(`  report:  ${dir}/report.md, report.html, findings.json`);
  return lines.join("\n");
}
function count(rows, verdict) {
  return rows.filter((r) => r.verdict === verdict).length;
}
export {
  RUN_USAGE,
  runCommand
};
