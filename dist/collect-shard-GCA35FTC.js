import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  collectStages
} from "./chunk-SLFRS73G.js";
import "./chunk-GSSCJ2FI.js";
import "./chunk-FTLZX6OI.js";
import "./chunk-K5KL6JEE.js";
import "./chunk-7OZYSOVE.js";
import {
  ENV_SHARD,
  stageFailsRun
} from "./chunk-OCDTSL2M.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import {
  shardArtifactName
} from "./chunk-DV3L4MQX.js";
import {
  Outputs
} from "./chunk-HDJPLI3S.js";
import {
  countTests
} from "./chunk-MKFOCXAI.js";
import "./chunk-2LYZDNKG.js";
import "./chunk-XIMRZTNP.js";
import "./chunk-BH6AH3DN.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-5GJBEOA2.js";
import "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";

// src/pipeline/collect-shard.ts
var SHARD_STATUS = { passed: "passed", failed: "failed" };
function shardVerdict(record, failOn) {
  const totals = countTests(record.tests);
  const testsFailed = totals.failed + totals.errored;
  const reasons = [];
  if (testsFailed > 0) reasons.push(`${testsFailed} test${testsFailed === 1 ? "" : "s"} failed`);
  for (const stage of record.stages)
    if (stageFailsRun(stage)) reasons.push(`stage ${stage.name} ${stage.status}`);
  const status = reasons.length > 0 ? SHARD_STATUS.failed : SHARD_STATUS.passed;
  return { status, testsFailed, failed: failOn !== "never" && reasons.length > 0, reasons };
}
function shardSummaryMarkdown(shard, record, destination, saved) {
  const t = countTests(record.tests);
  const flaky = record.tests.filter((x) => x.status === "flaky").length;
  const stages = record.stages.length === 0 ? "none" : record.stages.map((s) => `${s.name} ${s.status}${s.continueOnError ? " (tolerated)" : ""}`).join(", ");
  const where = saved ? `saved as ${destination} for the \`mode: report\` job` : `**not saved** (${destination}): the report job will name this shard as missing`;
  return [
    `### Gauntlet shard \`${shard}\``,
    "",
    `- Stages: ${stages}`,
    `- Tests: ${t.passed} passed (${flaky} flaky), ${t.failed + t.errored} failed, ${t.skipped} skipped`,
    `- Metrics: ${record.metrics.length}, chaos experiments: ${record.chaos.length}`,
    `- Record: ${where}`,
    ""
  ].join("\n");
}
async function collectShard(ctx) {
  const { logger } = ctx;
  const warnings = [];
  const warn = (m) => {
    warnings.push(m);
    logger.warning(m);
  };
  const baseEnv = { ...ctx.baseEnv ?? process.env, [ENV_SHARD]: ctx.shard };
  const collected = await collectStages({ ...ctx, baseEnv }, { ...ctx.run, shard: ctx.shard });
  logger.startGroup(`Save shard ${ctx.shard}`);
  const artifact = shardArtifactName(ctx.shard);
  const destination = ctx.history.kind === "artifacts" ? `artifact ${artifact}` : `${artifact} in the history directory`;
  let saved = false;
  try {
    const result = await ctx.history.saveShard(ctx.shard, collected, ctx.retentionDays);
    saved = result.recordSaved;
    for (const w of result.warnings) warn(`shard ${ctx.shard}: ${w}`);
  } catch (err) {
    warn(`shard ${ctx.shard}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!saved) warn(`shard ${ctx.shard} was not saved; the report job will name it as missing`);
  else logger.info(`shard ${ctx.shard} saved as ${destination}`);
  logger.endGroup();
  const verdict = shardVerdict(collected, ctx.failOn);
  if (ctx.sinks.summary) {
    await ctx.sinks.summary(shardSummaryMarkdown(ctx.shard, collected, destination, saved)).catch(
      (err) => warn(`The job summary was not written: ${err instanceof Error ? err.message : String(err)}`)
    );
  }
  ctx.sinks.setOutput?.(Outputs.Status, verdict.status);
  ctx.sinks.setOutput?.(Outputs.TestsFailed, verdict.testsFailed);
  return { record: collected, saved, verdict, warnings };
}
export {
  SHARD_STATUS,
  collectShard,
  shardSummaryMarkdown,
  shardVerdict
};
