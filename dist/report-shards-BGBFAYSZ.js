import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  fingerprintKey
} from "./chunk-GG6ZTVOR.js";
import {
  analyseAndPublish
} from "./chunk-SLFRS73G.js";
import "./chunk-GSSCJ2FI.js";
import "./chunk-FTLZX6OI.js";
import "./chunk-K5KL6JEE.js";
import "./chunk-7OZYSOVE.js";
import {
  stageFailsRun
} from "./chunk-OCDTSL2M.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import {
  isShardName
} from "./chunk-DV3L4MQX.js";
import "./chunk-HDJPLI3S.js";
import {
  RUN_RECORD_SCHEMA
} from "./chunk-MKFOCXAI.js";
import {
  STAGE_NAMES
} from "./chunk-2LYZDNKG.js";
import "./chunk-XIMRZTNP.js";
import "./chunk-BH6AH3DN.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-5GJBEOA2.js";
import "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";

// src/record/merge-shards.ts
var MAX_LISTED_DUPLICATES = 100;
var MAX_MERGED_STAGE_ERRORS = 50;
var MAX_QUOTED_NAME = 60;
var MAX_NAMES_IN_NOTE = 20;
function nameList(names) {
  const shown = names.slice(0, MAX_NAMES_IN_NOTE).join(", ");
  return names.length > MAX_NAMES_IN_NOTE ? `${shown} and ${names.length - MAX_NAMES_IN_NOTE} more` : shown;
}
var TEST_SEVERITY = {
  errored: 4,
  failed: 3,
  flaky: 2,
  passed: 1,
  skipped: 0
};
var STAGE_SEVERITY = {
  failed: 4,
  "timed-out": 3,
  cancelled: 2,
  passed: 1,
  skipped: 0
};
function quote(name) {
  const shown = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}\u2026` : name;
  return JSON.stringify(shown);
}
var DuplicateLog = class {
  byKey = /* @__PURE__ */ new Map();
  total = 0;
  add(kind, key, firstShard, shard) {
    const id = `${kind}\0${key}`;
    const entry = this.byKey.get(id);
    if (entry !== void 0) {
      if (!entry.shards.includes(shard)) entry.shards.push(shard);
      return;
    }
    this.total++;
    if (this.byKey.size < MAX_LISTED_DUPLICATES)
      this.byKey.set(id, { kind, key, shards: [firstShard, shard] });
  }
  list() {
    return [...this.byKey.values()];
  }
};
function mergeKeyed(shards, kind, itemsOf, keyOf, duplicates, prefer) {
  const out = [];
  const owner = /* @__PURE__ */ new Map();
  for (const { shard, record } of shards) {
    const claimed = [];
    for (const item of itemsOf(record)) {
      const key = keyOf(item);
      const first = owner.get(key);
      if (first === void 0) {
        claimed.push([key, out.length]);
        out.push(item);
        continue;
      }
      duplicates.add(kind, key, first.shard, shard);
      const kept = out[first.index];
      if (prefer?.(item, kept) === true) out[first.index] = item;
    }
    for (const [key, index] of claimed) if (!owner.has(key)) owner.set(key, { shard, index });
  }
  return out;
}
function mergeStage(parts) {
  let worst = parts[0].stage;
  for (const { stage } of parts)
    if (STAGE_SEVERITY[stage.status] > STAGE_SEVERITY[worst.status]) worst = stage;
  const errors = [];
  const files = /* @__PURE__ */ new Set();
  let repeats;
  for (const { shard, stage } of parts) {
    for (const e of stage.errors) if (errors.length < MAX_MERGED_STAGE_ERRORS) errors.push(`[${shard}] ${e}`);
    for (const f of stage.resultFiles) files.add(f);
    if (stage.repeats !== void 0) repeats = Math.max(repeats ?? 0, stage.repeats);
  }
  return {
    name: worst.name,
    status: worst.status,
    exitCode: worst.exitCode,
    durationMs: Math.max(...parts.map((p) => p.stage.durationMs)),
    attempts: Math.max(...parts.map((p) => p.stage.attempts)),
    ...repeats === void 0 ? {} : { repeats },
    resultFiles: [...files],
    errors,
    // Tolerated only when every shard tolerates it: one shard's strict config must not be overridden.
    continueOnError: parts.every((p) => p.stage.continueOnError)
  };
}
function mergeShards(input) {
  const notes = [];
  const stale = [];
  const carried = [];
  const chosen = /* @__PURE__ */ new Map();
  const sorted = [...input.shards].sort((a, b) => a.shard < b.shard ? -1 : a.shard > b.shard ? 1 : 0);
  for (const s of sorted) {
    if (!isShardName(s.shard)) {
      notes.push(`A shard record with the invalid name ${quote(s.shard)} was ignored.`);
      continue;
    }
    const r = s.record.run;
    if (r.runId !== input.run.runId || r.attempt > input.run.attempt) {
      stale.push(s.shard);
      continue;
    }
    const held = chosen.get(s.shard);
    if (held === void 0) chosen.set(s.shard, s);
    else if (r.attempt > held.record.run.attempt) {
      stale.push(s.shard);
      chosen.set(s.shard, s);
    } else if (r.attempt < held.record.run.attempt) stale.push(s.shard);
    else
      notes.push(
        `Shard ${s.shard} was uploaded more than once in attempt ${r.attempt}; the first record was used.`
      );
  }
  const usable = [...chosen.values()];
  const seen = new Set(chosen.keys());
  for (const s of usable)
    if (s.record.run.attempt < input.run.attempt) carried.push(`${s.shard} (attempt ${s.record.run.attempt})`);
  const staleNames = [...new Set(stale)];
  if (staleNames.length > 0) {
    notes.push(
      `Not merged, from another run, a later attempt or an attempt superseded by a newer upload of the same shard (stale): ${nameList(staleNames)}.`
    );
  }
  if (carried.length > 0) {
    notes.push(
      `Carried over from an earlier attempt of run ${input.run.runId} (this is attempt ${input.run.attempt}; a re-run of failed jobs keeps the passed shards' records): ${nameList(carried)}.`
    );
  }
  const expected = [];
  for (const name of input.expected) {
    if (!isShardName(name)) notes.push(`The expected shard name ${quote(name)} is invalid and was ignored.`);
    else if (!expected.includes(name)) expected.push(name);
  }
  if (input.expected.length === 0)
    notes.push("No expected shard list (input `shards`) was given, so missing shards cannot be named.");
  const present = usable.map((s) => s.shard);
  const missing = expected.filter((name) => !seen.has(name)).sort();
  const failed = usable.filter((s) => s.record.stages.some(stageFailsRun)).map((s) => s.shard);
  const duplicates = new DuplicateLog();
  const tests = mergeKeyed(
    usable,
    "test",
    (r) => r.tests,
    (t) => t.id,
    duplicates,
    (candidate, kept) => TEST_SEVERITY[candidate.status] > TEST_SEVERITY[kept.status]
  );
  const metrics = mergeKeyed(
    usable,
    "metric",
    (r) => r.metrics,
    (m) => m.key,
    duplicates
  );
  const chaos = mergeKeyed(
    usable,
    "chaos",
    (r) => r.chaos,
    (c) => c.experiment,
    duplicates
  );
  const listed = duplicates.list();
  if (duplicates.total > listed.length)
    notes.push(`${duplicates.total - listed.length} more duplicate keys are not listed.`);
  const stages = [];
  for (const name of STAGE_NAMES) {
    const parts = usable.flatMap(
      ({ shard, record: record2 }) => record2.stages.filter((st) => st.name === name).map((stage) => ({ shard, stage }))
    );
    if (parts.length > 0) stages.push(mergeStage(parts));
  }
  const first = usable[0];
  let runner = input.run.runner;
  if (first !== void 0) {
    runner = first.record.run.runner;
    const others = usable.filter((s) => fingerprintKey(s.record.run.runner) !== fingerprintKey(runner));
    if (others.length > 0) {
      notes.push(
        `Shards ran on different machines (${nameList(others.map((s) => s.shard))} differ from ${first.shard}); metrics are compared as if measured on ${first.shard}'s runner.`
      );
    }
  }
  const summary = { present, missing, failed, duplicates: listed, stale: staleNames, notes };
  const record = {
    schema: RUN_RECORD_SCHEMA,
    run: { ...input.run, runner },
    stages,
    tests,
    metrics,
    chaos,
    shards: summary
  };
  return { record, summary };
}

// src/pipeline/report-shards.ts
function describeShardSummary(summary) {
  const parts = [
    `${summary.present.length} shard(s) merged${summary.present.length > 0 ? `: ${summary.present.join(", ")}` : ""}`
  ];
  if (summary.missing.length > 0) parts.push(`missing: ${summary.missing.join(", ")}`);
  if (summary.failed.length > 0) parts.push(`failed: ${summary.failed.join(", ")}`);
  if (summary.stale.length > 0) parts.push(`stale: ${summary.stale.join(", ")}`);
  if (summary.duplicates.length > 0) parts.push(`${summary.duplicates.length} duplicate key(s)`);
  return parts.join("; ");
}
async function reportShards(ctx) {
  const { logger } = ctx;
  const warnings = [];
  const warn = (m) => {
    warnings.push(m);
    logger.warning(m);
  };
  logger.startGroup(`Shards of run ${ctx.run.runId} (attempt ${ctx.run.attempt})`);
  let loaded = { shards: [], warnings: [] };
  try {
    loaded = await ctx.history.loadShards(ctx.run.runId, ctx.expected);
  } catch (err) {
    warn(
      `Shard records of run ${ctx.run.runId} could not be loaded: ${err instanceof Error ? err.message : String(err)}`
    );
  }
  for (const w of loaded.warnings) warn(w);
  const { record, summary } = mergeShards({ run: ctx.run, shards: loaded.shards, expected: ctx.expected });
  logger.info(describeShardSummary(summary));
  for (const note of summary.notes) logger.info(note);
  logger.endGroup();
  const result = await analyseAndPublish(ctx, record);
  return { ...result, warnings: [...warnings, ...result.warnings], shards: summary };
}
export {
  describeShardSummary,
  reportShards
};
