import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  RUN_RECORD_SCHEMA
} from "./chunk-MKFOCXAI.js";
import {
  STAGE_NAMES
} from "./chunk-2LYZDNKG.js";
import {
  external_exports
} from "./chunk-IGAZOIB7.js";

// src/history/constants.ts
var RUN_ARTIFACT_NAME = "gauntlet-run";
var SNAPSHOT_ARTIFACT_NAME = "gauntlet-history";
var SHARD_ARTIFACT_PREFIX = "gauntlet-shard-";
var RECORD_FILE_NAME = "record.json.gz";
var SNAPSHOT_FILE_NAME = "history.gsnap.gz";
var DEFAULT_MAX_RECORD_DOWNLOADS = 50;
var DEFAULT_DOWNLOAD_CONCURRENCY = 4;
var DEFAULT_MAX_PR_DOWNLOADS = 20;
var MAX_SHARD_DOWNLOADS = 256;
var DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
var DEFAULT_MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
var MAX_RECORD_JSON_BYTES = 128 * 1024 * 1024;
var MAX_SNAPSHOT_RAW_BYTES = 1024 * 1024 * 1024;
var MAX_LIST_PAGES = 100;

// src/history/errors.ts
var HistoryArtifactError = class extends Error {
  constructor(source, reason, detail) {
    super(`${source}: skipped (${reason}): ${detail}`);
    this.source = source;
    this.reason = reason;
  }
  source;
  reason;
  name = "HistoryArtifactError";
};
var FutureSchemaError = class extends HistoryArtifactError {
  constructor(source, found, supported) {
    super(
      source,
      "future-schema",
      `record schema ${found} is newer than this Gauntlet understands (${supported}); upgrade Gauntlet to read it`
    );
  }
};
var HistorySaveError = class extends Error {
  constructor(artifactName, kind, detail) {
    super(`history not saved: artifact ${artifactName}: ${detail}`);
    this.artifactName = artifactName;
    this.kind = kind;
  }
  artifactName;
  kind;
  name = "HistorySaveError";
};
var HistoryUsageError = class extends Error {
  name = "HistoryUsageError";
};

// src/history/shard-name.ts
var SHARD_NAME_RE = /^[A-Za-z0-9._-]{1,100}$/;
var SHARD_NAME_RULE = "1-100 letters, digits, '.', '_' or '-' (not '.' or '..')";
function isShardName(shard) {
  return SHARD_NAME_RE.test(shard) && shard !== "." && shard !== "..";
}
function shardArtifactName(shard) {
  if (!isShardName(shard)) {
    throw new HistoryUsageError(`shard name ${JSON.stringify(shard)} is not allowed: use ${SHARD_NAME_RULE}`);
  }
  return `${SHARD_ARTIFACT_PREFIX}${shard}`;
}
function shardFromArtifactName(name) {
  if (!name.startsWith(SHARD_ARTIFACT_PREFIX)) return null;
  const shard = name.slice(SHARD_ARTIFACT_PREFIX.length);
  return isShardName(shard) ? shard : null;
}
function selectShards(found, expected, max = MAX_SHARD_DOWNLOADS) {
  const warnings = [];
  const sorted = [...found].sort((a, b) => a.shard.localeCompare(b.shard));
  let candidates = sorted;
  if (expected.length > 0) {
    const wanted = new Set(expected);
    candidates = sorted.filter((x) => wanted.has(x.shard));
    const ignored = sorted.filter((x) => !wanted.has(x.shard)).map((x) => x.shard);
    if (ignored.length > 0) {
      warnings.push(
        `${ignored.length} shard record(s) not listed in shards: were ignored (${preview(ignored)}); add them to the report's shards: input to merge them`
      );
    }
  }
  if (candidates.length > max) {
    warnings.push(
      `${candidates.length} shard records found; only the first ${max} by name were downloaded (skipped ${preview(candidates.slice(max).map((x) => x.shard))})`
    );
    candidates = candidates.slice(0, max);
  }
  return { selected: candidates, warnings };
}
function preview(names) {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown}, and ${names.length - 5} more` : shown;
}

// src/history/record-schema.ts
var isoTime = external_exports.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: "an ISO 8601 timestamp" });
var finite = external_exports.number().refine(Number.isFinite, { message: "a finite number" });
var stage = external_exports.enum(STAGE_NAMES);
var runnerSchema = external_exports.object({
  os: external_exports.string(),
  arch: external_exports.string(),
  cpuModel: external_exports.string(),
  cores: external_exports.number().int().nonnegative(),
  imageVersion: external_exports.string().optional(),
  label: external_exports.string().optional()
}).loose();
var runInfoSchema = external_exports.object({
  repository: external_exports.string().min(1),
  headRepository: external_exports.string().min(1),
  sha: external_exports.string(),
  ref: external_exports.string(),
  branch: external_exports.string(),
  event: external_exports.string().min(1),
  prNumber: external_exports.number().int().positive().nullable(),
  baseBranch: external_exports.string().nullable(),
  runId: external_exports.number().int().nonnegative(),
  attempt: external_exports.number().int().positive(),
  timestamp: isoTime,
  workflow: external_exports.string().optional(),
  job: external_exports.string().optional(),
  shard: external_exports.string().nullable().optional(),
  runner: runnerSchema,
  url: external_exports.string().optional()
}).loose();
var stageResultSchema = external_exports.object({
  name: stage,
  status: external_exports.enum(["passed", "failed", "timed-out", "cancelled", "skipped"]),
  exitCode: external_exports.number().int().nullable(),
  durationMs: finite,
  attempts: external_exports.number().int().nonnegative(),
  resultFiles: external_exports.array(external_exports.string()),
  errors: external_exports.array(external_exports.string()),
  continueOnError: external_exports.boolean()
}).loose();
var parsedStatus = external_exports.enum(["passed", "failed", "errored", "skipped"]);
var testCaseSchema = external_exports.object({
  id: external_exports.string(),
  stage,
  suite: external_exports.string(),
  classname: external_exports.string(),
  name: external_exports.string(),
  status: external_exports.enum(["passed", "failed", "errored", "skipped", "flaky"]),
  durationMs: finite.nullable(),
  message: external_exports.string().nullable().optional(),
  details: external_exports.string().nullable().optional(),
  file: external_exports.string().nullable().optional(),
  line: external_exports.number().int().nullable().optional(),
  attempts: external_exports.array(parsedStatus).optional()
}).loose();
var metricSchema = external_exports.object({
  key: external_exports.string().min(1),
  stage,
  suite: external_exports.string(),
  name: external_exports.string(),
  measure: external_exports.string(),
  unit: external_exports.string(),
  direction: external_exports.enum(["lower", "higher", "none"]),
  value: finite,
  samples: external_exports.array(finite),
  range: external_exports.string().optional(),
  tags: external_exports.array(external_exports.string()).optional()
}).loose();
var verdict = external_exports.enum(["passed", "failed", "skipped"]);
var chaosSchema = external_exports.object({
  experiment: external_exports.string(),
  fault: external_exports.string(),
  steadyState: external_exports.object({ before: verdict, during: verdict, after: verdict }).loose(),
  errorRate: finite,
  latencyMs: external_exports.object({ p50: finite, p95: finite, p99: finite }).loose().nullable(),
  recoveryMs: finite.nullable(),
  verdict: external_exports.enum(["passed", "failed"]),
  journal: external_exports.string().optional(),
  notes: external_exports.array(external_exports.string()).optional()
}).loose();
var alertStateSchema = external_exports.object({
  key: external_exports.string(),
  findingId: external_exports.string(),
  severity: external_exports.string(),
  openedAt: isoTime,
  lastNotifiedAt: isoTime,
  channels: external_exports.array(external_exports.string())
}).loose();
var runRecordSchema = external_exports.object({
  schema: external_exports.literal(RUN_RECORD_SCHEMA),
  run: runInfoSchema,
  stages: external_exports.array(stageResultSchema),
  tests: external_exports.array(testCaseSchema),
  metrics: external_exports.array(metricSchema),
  chaos: external_exports.array(chaosSchema),
  alerts: external_exports.array(alertStateSchema).optional()
}).loose();
var recordPartSchemas = {
  run: runInfoSchema,
  stages: external_exports.array(stageResultSchema),
  chaos: external_exports.array(chaosSchema),
  alerts: external_exports.array(alertStateSchema).optional(),
  stage,
  direction: external_exports.enum(["lower", "higher", "none"]),
  testAttempts: external_exports.array(parsedStatus)
};
var MIGRATIONS = {
  0: (raw) => {
    const run = isObject(raw.run) ? raw.run : {};
    return {
      ...raw,
      schema: 1,
      stages: raw.stages ?? [],
      chaos: raw.chaos ?? [],
      run: {
        ...run,
        headRepository: run.headRepository ?? run.repository,
        prNumber: run.prNumber ?? null,
        baseBranch: run.baseBranch ?? null
      }
    };
  }
};
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function declaredSchemaVersion(raw) {
  if (raw.schema === void 0) return 0;
  return typeof raw.schema === "number" && Number.isInteger(raw.schema) && raw.schema >= 0 ? raw.schema : null;
}
function migrateRecord(raw, source) {
  if (!isObject(raw)) throw new HistoryArtifactError(source, "invalid", "the record is not a JSON object");
  let version = declaredSchemaVersion(raw);
  if (version === null) {
    throw new HistoryArtifactError(source, "invalid", `"schema" must be a non-negative integer`);
  }
  if (version > RUN_RECORD_SCHEMA) throw new FutureSchemaError(source, version, RUN_RECORD_SCHEMA);
  let current = raw;
  while (version < RUN_RECORD_SCHEMA) {
    const step = MIGRATIONS[version];
    if (!step) throw new HistoryArtifactError(source, "invalid", `no migration from record schema ${version}`);
    current = step(current);
    version++;
  }
  return current;
}
function describeIssues(error, max = 3) {
  const parts = error.issues.slice(0, max).map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : "";
  return parts.join("; ") + more;
}
function parseRunRecord(raw, source) {
  const migrated = migrateRecord(raw, source);
  const result = runRecordSchema.safeParse(migrated);
  if (!result.success) throw new HistoryArtifactError(source, "invalid", describeIssues(result.error));
  return result.data;
}

// src/history/directory-store.ts
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/history/merge.ts
var DAY_MS = 864e5;
function recordKey(record) {
  return `${record.run.runId}#${record.run.attempt}`;
}
function byTime(a, b) {
  const ta = Date.parse(a.run.timestamp);
  const tb = Date.parse(b.run.timestamp);
  if (ta !== tb) return ta - tb;
  if (a.run.runId !== b.run.runId) return a.run.runId - b.run.runId;
  return a.run.attempt - b.run.attempt;
}
function sortByTime(records) {
  return [...records].sort(byTime);
}
function mergeRecords(...lists) {
  const seen = /* @__PURE__ */ new Map();
  for (const list of lists) {
    for (const r of list) {
      const key = recordKey(r);
      if (!seen.has(key)) seen.set(key, r);
    }
  }
  return sortByTime([...seen.values()]);
}
function retentionCutoff(now, days) {
  return now.getTime() - days * DAY_MS;
}
function pruneRecords(records, now, days) {
  const cutoff = retentionCutoff(now, days);
  return records.filter((r) => Date.parse(r.run.timestamp) >= cutoff);
}

// src/history/history.ts
function emptyHistory(warnings = []) {
  return { baseline: [], pullRequest: [], watermark: null, warnings, openAlerts: [], artifactIds: /* @__PURE__ */ new Map() };
}
function assembleHistory(input) {
  const artifactIds = /* @__PURE__ */ new Map();
  for (const e of [...input.snapshot, ...input.newer]) {
    if (e.artifactId !== null && !artifactIds.has(recordKey(e.record)))
      artifactIds.set(recordKey(e.record), e.artifactId);
  }
  const merged = mergeRecords(
    input.snapshot.map((e) => e.record),
    input.newer.map((e) => e.record)
  );
  const baseline = pruneRecords(merged, input.now, input.retentionDays);
  const kept = new Set(baseline.map(recordKey));
  for (const key of [...artifactIds.keys()]) if (!kept.has(key)) artifactIds.delete(key);
  const latest = baseline[baseline.length - 1];
  const pullRequest = sortByTime(
    pruneRecords(mergeRecords(input.pullRequest), input.now, input.retentionDays)
  );
  return {
    baseline,
    pullRequest,
    watermark: input.watermark,
    warnings: input.warnings,
    openAlerts: latest?.alerts ?? [],
    artifactIds
  };
}
function nextSnapshotEntries(history, own, now, retentionDays) {
  const records = own ? mergeRecords(history.baseline, [own.record]) : [...history.baseline];
  const ids = new Map(history.artifactIds);
  if (own?.artifactId != null) ids.set(recordKey(own.record), own.artifactId);
  return pruneRecords(records, now, retentionDays).map((record) => ({
    record,
    artifactId: ids.get(recordKey(record)) ?? null
  }));
}

// src/history/record-codec.ts
import { gunzipSync, gzipSync } from "node:zlib";
function encodeRecord(record) {
  return gzipSync(Buffer.from(JSON.stringify(record), "utf8"));
}
function gunzipBounded(bytes, source, maxBytes) {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const e = err;
    if (e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
      throw new HistoryArtifactError(source, "oversized", `decompresses to more than ${maxBytes} bytes`);
    }
    if (e.code === "Z_BUF_ERROR") {
      throw new HistoryArtifactError(source, "truncated", "the gzip stream ends early (truncated upload?)");
    }
    throw new HistoryArtifactError(source, "corrupt", `not a gzip stream (${e.message})`);
  }
}
function decodeRecord(bytes, source, maxJsonBytes = MAX_RECORD_JSON_BYTES) {
  const json = gunzipBounded(bytes, source, maxJsonBytes);
  let raw;
  try {
    raw = JSON.parse(json.toString("utf8"));
  } catch (err) {
    throw new HistoryArtifactError(source, "corrupt", `not valid JSON (${err.message})`);
  }
  return parseRunRecord(raw, source);
}

// src/history/snapshot-codec.ts
import { endianness } from "node:os";
import { gzipSync as gzipSync2 } from "node:zlib";
var SNAPSHOT_FORMAT = "gauntlet-snapshot";
var SNAPSHOT_VERSION = 1;
var MAGIC = Buffer.from("GSNP", "latin1");
var TEST_STATUSES = ["passed", "failed", "errored", "skipped", "flaky"];
var METRIC_COLUMNS = /* @__PURE__ */ new Set([
  "key",
  "stage",
  "suite",
  "name",
  "measure",
  "unit",
  "direction",
  "value",
  "samples"
]);
var TEST_COLUMNS = /* @__PURE__ */ new Set(["id", "stage", "suite", "classname", "name", "status", "durationMs"]);
var NULLABLE_TEST_FIELDS = ["message", "details", "file", "line"];
var ALL_NULL = (1 << NULLABLE_TEST_FIELDS.length) - 1;
var RECORD_KEYS = /* @__PURE__ */ new Set(["schema", "run", "stages", "tests", "metrics", "chaos", "alerts"]);
var EMPTY_SAMPLES = Object.freeze([]);
var SECTION_NAMES = ["mDef", "mVal", "mCnt", "mSmp", "tDef", "tSt", "tDur", "tNul"];
var metricExtraSchema = external_exports.object({ range: external_exports.string().optional(), tags: external_exports.array(external_exports.string()).optional() }).loose();
var testExtraSchema = external_exports.object({
  message: external_exports.string().nullable().optional(),
  details: external_exports.string().nullable().optional(),
  file: external_exports.string().nullable().optional(),
  line: external_exports.number().int().nullable().optional(),
  attempts: recordPartSchemas.testAttempts.optional()
}).loose();
var extrasSchema = external_exports.array(external_exports.tuple([external_exports.number().int().nonnegative(), external_exports.record(external_exports.string(), external_exports.unknown())]));
var headerSchema = external_exports.object({
  format: external_exports.literal(SNAPSHOT_FORMAT),
  version: external_exports.literal(SNAPSHOT_VERSION),
  recordSchema: external_exports.literal(RUN_RECORD_SCHEMA),
  createdAt: external_exports.string().refine((s) => !Number.isNaN(Date.parse(s))),
  metricDefs: external_exports.array(
    external_exports.tuple([
      external_exports.string().min(1),
      recordPartSchemas.stage,
      external_exports.string(),
      external_exports.string(),
      external_exports.string(),
      external_exports.string(),
      recordPartSchemas.direction
    ])
  ),
  testDefs: external_exports.array(external_exports.tuple([external_exports.string(), recordPartSchemas.stage, external_exports.string(), external_exports.string(), external_exports.string()])),
  runs: external_exports.array(
    external_exports.object({
      artifactId: external_exports.number().int().positive().nullable(),
      run: recordPartSchemas.run,
      stages: recordPartSchemas.stages,
      chaos: recordPartSchemas.chaos,
      alerts: recordPartSchemas.alerts,
      extra: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
      metrics: external_exports.number().int().nonnegative(),
      tests: external_exports.number().int().nonnegative(),
      metricExtras: extrasSchema.optional(),
      testExtras: extrasSchema.optional()
    })
  ),
  sections: external_exports.record(external_exports.string(), external_exports.tuple([external_exports.number().int().nonnegative(), external_exports.number().int().nonnegative()]))
});
var headerShellSchema = headerSchema.extend({
  metricDefs: external_exports.array(external_exports.unknown()),
  testDefs: external_exports.array(external_exports.unknown())
});
var STAGES = new Set(recordPartSchemas.stage.options);
var DIRECTIONS = new Set(recordPartSchemas.direction.options);
function definitionsValid(metricDefs, testDefs) {
  for (const d of metricDefs) {
    if (!Array.isArray(d) || d.length !== 7) return false;
    const [key, stage2, suite, name, measure, unit, direction] = d;
    if (typeof key !== "string" || key.length < 1 || !STAGES.has(stage2) || !DIRECTIONS.has(direction))
      return false;
    if (typeof suite !== "string" || typeof name !== "string") return false;
    if (typeof measure !== "string" || typeof unit !== "string") return false;
  }
  for (const d of testDefs) {
    if (!Array.isArray(d) || d.length !== 5) return false;
    const [id, stage2, suite, classname, name] = d;
    if (typeof id !== "string" || !STAGES.has(stage2) || typeof suite !== "string") return false;
    if (typeof classname !== "string" || typeof name !== "string") return false;
  }
  return true;
}
function assertLittleEndian() {
  if (endianness() !== "LE") throw new Error("the history snapshot format needs a little-endian machine");
}
function pad8(n) {
  return n + 7 & ~7;
}
function pick(obj, skip, skipNull = []) {
  let out = null;
  for (const k in obj) {
    if (skip.has(k)) continue;
    const v = obj[k];
    if (v === void 0 || v === null && skipNull.includes(k)) continue;
    (out ??= {})[k] = v;
  }
  return out;
}
function nullMask(t) {
  let mask = 0;
  for (let i = 0; i < NULLABLE_TEST_FIELDS.length; i++) {
    if (t[NULLABLE_TEST_FIELDS[i]] === null) mask |= 1 << i;
  }
  return mask;
}
function encodeSnapshot(snapshot) {
  assertLittleEndian();
  const metricDefIndex = /* @__PURE__ */ new Map();
  const metricDefs = [];
  const testDefIndex = /* @__PURE__ */ new Map();
  const testDefs = [];
  const metricDefByKey = /* @__PURE__ */ new Map();
  const testDefById = /* @__PURE__ */ new Map();
  const metricDef = (m) => {
    const defKey = [m.key, m.stage, m.suite, m.name, m.measure, m.unit, m.direction].join("\0");
    let def = metricDefIndex.get(defKey);
    if (def === void 0) {
      def = metricDefs.length;
      metricDefIndex.set(defKey, def);
      metricDefs.push([m.key, m.stage, m.suite, m.name, m.measure, m.unit, m.direction]);
      if (!metricDefByKey.has(m.key)) metricDefByKey.set(m.key, def);
    }
    return def;
  };
  const testDef = (t) => {
    const defKey = [t.id, t.stage, t.suite, t.classname, t.name].join("\0");
    let def = testDefIndex.get(defKey);
    if (def === void 0) {
      def = testDefs.length;
      testDefIndex.set(defKey, def);
      testDefs.push([t.id, t.stage, t.suite, t.classname, t.name]);
      if (!testDefById.has(t.id)) testDefById.set(t.id, def);
    }
    return def;
  };
  let totalMetrics = 0;
  let totalSamples = 0;
  let totalTests = 0;
  for (const { record } of snapshot.entries) {
    totalMetrics += record.metrics.length;
    totalTests += record.tests.length;
    for (const m of record.metrics) totalSamples += m.samples.length;
  }
  const mDef = new Uint32Array(totalMetrics);
  const mVal = new Float64Array(totalMetrics);
  const mCnt = new Uint32Array(totalMetrics);
  const mSmp = new Float64Array(totalSamples);
  const tDef = new Uint32Array(totalTests);
  const tSt = new Uint8Array(totalTests);
  const tDur = new Float64Array(totalTests);
  const tNul = new Uint8Array(totalTests);
  let mi = 0;
  let si = 0;
  let ti = 0;
  const runs = [];
  for (const { record, artifactId } of snapshot.entries) {
    const metricExtras = [];
    record.metrics.forEach((m, local) => {
      const candidate = metricDefByKey.get(m.key);
      const known = candidate === void 0 ? void 0 : metricDefs[candidate];
      const def = candidate !== void 0 && known !== void 0 && known[1] === m.stage && known[2] === m.suite && known[3] === m.name && known[4] === m.measure && known[5] === m.unit && known[6] === m.direction ? candidate : metricDef(m);
      mDef[mi] = def;
      mVal[mi] = m.value;
      mCnt[mi] = m.samples.length;
      for (const s of m.samples) mSmp[si++] = s;
      mi++;
      const extra2 = pick(m, METRIC_COLUMNS);
      if (extra2) metricExtras.push([local, extra2]);
    });
    const testExtras = [];
    record.tests.forEach((t, local) => {
      const candidate = testDefById.get(t.id);
      const known = candidate === void 0 ? void 0 : testDefs[candidate];
      const def = candidate !== void 0 && known !== void 0 && known[1] === t.stage && known[2] === t.suite && known[3] === t.classname && known[4] === t.name ? candidate : testDef(t);
      tDef[ti] = def;
      tSt[ti] = TEST_STATUSES.indexOf(t.status);
      tDur[ti] = t.durationMs ?? Number.NaN;
      tNul[ti] = nullMask(t);
      ti++;
      const extra2 = pick(t, TEST_COLUMNS, NULLABLE_TEST_FIELDS);
      if (extra2) testExtras.push([local, extra2]);
    });
    const extra = pick(record, RECORD_KEYS);
    runs.push({
      artifactId,
      run: record.run,
      stages: [...record.stages],
      chaos: [...record.chaos],
      ...record.alerts ? { alerts: [...record.alerts] } : {},
      ...extra ? { extra } : {},
      metrics: record.metrics.length,
      tests: record.tests.length,
      ...metricExtras.length > 0 ? { metricExtras } : {},
      ...testExtras.length > 0 ? { testExtras } : {}
    });
  }
  const arrays = { mDef, mVal, mCnt, mSmp, tDef, tSt, tDur, tNul };
  const sections = {};
  let offset = 0;
  for (const name of SECTION_NAMES) {
    sections[name] = [offset, arrays[name].byteLength];
    offset += pad8(arrays[name].byteLength);
  }
  const header = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    recordSchema: RUN_RECORD_SCHEMA,
    createdAt: snapshot.createdAt,
    metricDefs,
    testDefs,
    runs,
    sections
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const dataStart = pad8(8 + headerBytes.length);
  const out = Buffer.alloc(dataStart + offset);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  for (const name of SECTION_NAMES) {
    const view = arrays[name];
    const [at] = sections[name];
    Buffer.from(view.buffer, view.byteOffset, view.byteLength).copy(out, dataStart + at);
  }
  return gzipSync2(out, { level: 1 });
}
var SNAPSHOT_TEST_STATUSES = TEST_STATUSES;
var testColumnsOf = /* @__PURE__ */ new WeakMap();
var metricColumnsOf = /* @__PURE__ */ new WeakMap();
function snapshotTestColumns(record) {
  return testColumnsOf.get(record);
}
function snapshotMetricColumns(record) {
  return metricColumnsOf.get(record);
}
function defineLazy(target, key, compute, onSet) {
  let value;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => value ??= compute(),
    set: (v) => {
      value = v;
      onSet?.();
    }
  });
}
function fail(source, detail) {
  throw new HistoryArtifactError(source, "corrupt", detail);
}
function section(raw, dataStart, header, name, elementBytes, make, source) {
  const where = header.sections[name];
  if (!where) fail(source, `section ${name} is missing`);
  const [at, len] = where;
  if (len % elementBytes !== 0 || dataStart + at + len > raw.length)
    fail(source, `section ${name} is out of bounds`);
  const start = raw.byteOffset + dataStart + at;
  if (start % elementBytes === 0) return make(raw.buffer, start, len / elementBytes);
  const copy = new Uint8Array(len);
  copy.set(raw.subarray(dataStart + at, dataStart + at + len));
  return make(copy.buffer, 0, len / elementBytes);
}
function decodeSnapshot(bytes, source, maxRawBytes = MAX_SNAPSHOT_RAW_BYTES) {
  assertLittleEndian();
  const raw = gunzipBounded(bytes, source, maxRawBytes);
  if (raw.length < 8 || !raw.subarray(0, 4).equals(MAGIC)) fail(source, "not a Gauntlet snapshot (bad magic)");
  const headerLength = raw.readUInt32LE(4);
  if (8 + headerLength > raw.length) fail(source, "header runs past the end of the data");
  let parsedJson;
  try {
    parsedJson = JSON.parse(raw.toString("utf8", 8, 8 + headerLength));
  } catch (err) {
    fail(source, `header is not JSON (${err.message})`);
  }
  const shell = headerShellSchema.safeParse(parsedJson);
  let header;
  if (shell.success && definitionsValid(shell.data.metricDefs, shell.data.testDefs)) {
    header = shell.data;
  } else {
    const parsed = headerSchema.safeParse(parsedJson);
    if (!parsed.success) throw new HistoryArtifactError(source, "invalid", describeIssues(parsed.error));
    header = parsed.data;
  }
  const dataStart = pad8(8 + headerLength);
  const u32 = (b, o, n) => new Uint32Array(b, o, n);
  const f64 = (b, o, n) => new Float64Array(b, o, n);
  const mDef = section(raw, dataStart, header, "mDef", 4, u32, source);
  const mVal = section(raw, dataStart, header, "mVal", 8, f64, source);
  const mCnt = section(raw, dataStart, header, "mCnt", 4, u32, source);
  const mSmp = section(raw, dataStart, header, "mSmp", 8, f64, source);
  const tDef = section(raw, dataStart, header, "tDef", 4, u32, source);
  const tSt = section(raw, dataStart, header, "tSt", 1, (b, o, n) => new Uint8Array(b, o, n), source);
  const tDur = section(raw, dataStart, header, "tDur", 8, f64, source);
  const tNul = header.sections.tNul ? section(raw, dataStart, header, "tNul", 1, (b, o, n) => new Uint8Array(b, o, n), source) : null;
  let totalMetrics = 0;
  let totalTests = 0;
  for (const r of header.runs) {
    totalMetrics += r.metrics;
    totalTests += r.tests;
  }
  if (mDef.length !== totalMetrics || mVal.length !== totalMetrics || mCnt.length !== totalMetrics) {
    fail(source, `metric columns hold ${mDef.length} entries, runs declare ${totalMetrics}`);
  }
  if (tDef.length !== totalTests || tSt.length !== totalTests || tDur.length !== totalTests || tNul !== null && tNul.length !== totalTests) {
    fail(source, `test columns hold ${tDef.length} entries, runs declare ${totalTests}`);
  }
  let totalSamples = 0;
  for (let i = 0; i < totalMetrics; i++) {
    if (mDef[i] >= header.metricDefs.length) fail(source, `metric definition index out of range`);
    if (!Number.isFinite(mVal[i])) fail(source, `metric value is not finite`);
    totalSamples += mCnt[i];
  }
  if (totalSamples !== mSmp.length)
    fail(source, `sample column holds ${mSmp.length}, counts sum to ${totalSamples}`);
  for (let i = 0; i < mSmp.length; i++) if (!Number.isFinite(mSmp[i])) fail(source, "sample is not finite");
  for (let i = 0; i < totalTests; i++) {
    if (tDef[i] >= header.testDefs.length) fail(source, `test definition index out of range`);
    if (tSt[i] >= TEST_STATUSES.length) fail(source, `test status code out of range`);
    if (tNul !== null && tNul[i] >> NULLABLE_TEST_FIELDS.length !== 0)
      fail(source, `test null mask out of range`);
  }
  const metricDefs = header.metricDefs;
  const testDefs = header.testDefs;
  const entries = [];
  let mi = 0;
  let si = 0;
  let ti = 0;
  for (const r of header.runs) {
    const metricExtras = /* @__PURE__ */ new Map();
    for (const [local, extra] of r.metricExtras ?? []) {
      if (local >= r.metrics) fail(source, `metric extra index ${local} out of range`);
      const checked = metricExtraSchema.safeParse(pick(extra, METRIC_COLUMNS) ?? {});
      if (!checked.success)
        fail(source, `run ${r.run.runId} metric ${local}: ${describeIssues(checked.error)}`);
      metricExtras.set(local, checked.data);
    }
    const testExtras = /* @__PURE__ */ new Map();
    for (const [local, extra] of r.testExtras ?? []) {
      if (local >= r.tests) fail(source, `test extra index ${local} out of range`);
      const checked = testExtraSchema.safeParse(pick(extra, TEST_COLUMNS) ?? {});
      if (!checked.success) fail(source, `run ${r.run.runId} test ${local}: ${describeIssues(checked.error)}`);
      testExtras.set(local, checked.data);
    }
    const mStart = mi;
    const sStart = si;
    const tStart = ti;
    const mCount = r.metrics;
    const tCount = r.tests;
    for (let k = 0; k < mCount; k++) si += mCnt[mStart + k];
    mi += mCount;
    ti += tCount;
    const materializeMetrics = () => {
      const metrics = new Array(mCount);
      let sp = sStart;
      for (let local = 0; local < mCount; local++) {
        const at = mStart + local;
        const d = metricDefs[mDef[at]];
        const count = mCnt[at];
        let samples = EMPTY_SAMPLES;
        if (count > 0) {
          const s = [];
          for (let k = 0; k < count; k++) s.push(mSmp[sp + k]);
          samples = s;
          sp += count;
        }
        const m = {
          key: d[0],
          stage: d[1],
          suite: d[2],
          name: d[3],
          measure: d[4],
          unit: d[5],
          direction: d[6],
          value: mVal[at],
          samples
        };
        const extra = metricExtras.get(local);
        metrics[local] = extra ? { ...m, ...extra } : m;
      }
      return metrics;
    };
    const materializeTests = () => {
      const tests = new Array(tCount);
      for (let local = 0; local < tCount; local++) {
        const at = tStart + local;
        const d = testDefs[tDef[at]];
        const dur = tDur[at];
        const mask = tNul === null ? 0 : tNul[at];
        const status = TEST_STATUSES[tSt[at]];
        const durationMs = Number.isNaN(dur) ? null : dur;
        const t = mask === 0 ? { id: d[0], stage: d[1], suite: d[2], classname: d[3], name: d[4], status, durationMs } : mask === 1 ? {
          id: d[0],
          stage: d[1],
          suite: d[2],
          classname: d[3],
          name: d[4],
          status,
          durationMs,
          message: null
        } : mask === ALL_NULL ? {
          id: d[0],
          stage: d[1],
          suite: d[2],
          classname: d[3],
          name: d[4],
          status,
          durationMs,
          message: null,
          details: null,
          file: null,
          line: null
        } : { id: d[0], stage: d[1], suite: d[2], classname: d[3], name: d[4], status, durationMs };
        if (mask > 1 && mask !== ALL_NULL) {
          const nulls = t;
          for (let b = 0; b < NULLABLE_TEST_FIELDS.length; b++)
            if ((mask & 1 << b) !== 0) nulls[NULLABLE_TEST_FIELDS[b]] = null;
        }
        const extra = testExtras.get(local);
        tests[local] = extra ? { ...t, ...extra } : t;
      }
      return tests;
    };
    const record = {
      ...r.extra ?? {},
      schema: RUN_RECORD_SCHEMA,
      run: r.run,
      stages: r.stages
    };
    defineLazy(record, "tests", materializeTests, () => testColumnsOf.delete(record));
    defineLazy(record, "metrics", materializeMetrics, () => metricColumnsOf.delete(record));
    testColumnsOf.set(record, {
      count: tCount,
      defs: testDefs,
      def: tDef.subarray(tStart, tStart + tCount),
      status: tSt.subarray(tStart, tStart + tCount),
      durationMs: tDur.subarray(tStart, tStart + tCount)
    });
    metricColumnsOf.set(record, {
      count: mCount,
      defs: metricDefs,
      def: mDef.subarray(mStart, mStart + mCount),
      value: mVal.subarray(mStart, mStart + mCount)
    });
    record.chaos = r.chaos;
    if (r.alerts) record.alerts = r.alerts;
    entries.push({ record, artifactId: r.artifactId });
  }
  return { createdAt: header.createdAt, entries };
}

// src/history/trust.ts
var TRUSTED = { trusted: true };
var untrusted = (reason) => ({ trusted: false, reason });
function judgeProvenance(p, policy, expectedRepositoryId = null) {
  if (!p) return untrusted("the listing does not say which workflow run uploaded it");
  if (expectedRepositoryId !== null && p.repositoryId !== expectedRepositoryId) {
    return untrusted(`uploaded in repository id ${p.repositoryId}, not ${expectedRepositoryId}`);
  }
  if (p.headRepositoryId !== p.repositoryId) {
    return untrusted(`run ${p.runId} came from another repository (fork id ${p.headRepositoryId})`);
  }
  if (p.headBranch === null || !policy.baselineBranches.includes(p.headBranch)) {
    return untrusted(`run ${p.runId} is on branch ${p.headBranch ?? "(none)"}, not a baseline branch`);
  }
  return TRUSTED;
}
function judgeRecord(record, provenance, policy, expectedRepositoryId = null) {
  const run = record.run;
  if (provenance) {
    const p = judgeProvenance(provenance, policy, expectedRepositoryId);
    if (!p.trusted) return p;
    if (run.runId !== provenance.runId) {
      return untrusted(
        `the record claims run ${run.runId} but the artifact belongs to run ${provenance.runId}`
      );
    }
    if (run.branch !== provenance.headBranch) {
      return untrusted(
        `the record claims branch ${run.branch} but run ${provenance.runId} ran on ${provenance.headBranch}`
      );
    }
  } else {
    if (run.headRepository !== run.repository) {
      return untrusted(`run ${run.runId} came from ${run.headRepository}, not ${run.repository}`);
    }
    if (!policy.baselineBranches.includes(run.branch)) {
      return untrusted(`run ${run.runId} is on branch ${run.branch}, not a baseline branch`);
    }
  }
  if (!policy.trustedEvents.includes(run.event)) {
    return untrusted(`run ${run.runId} was triggered by ${run.event}, not a trusted event`);
  }
  if (run.prNumber !== null) return untrusted(`run ${run.runId} belongs to pull request #${run.prNumber}`);
  return TRUSTED;
}

// src/history/directory-store.ts
var RUNS_DIR = "runs";
var SHARDS_DIR = "shards";
var SNAPSHOT_FILE = "snapshot.gsnap.gz";
var RECORD_FILE_RE = /^(\d+)-(\d+)\.json\.gz$/;
async function writeAtomic(path, bytes) {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
function warningOf(err) {
  return err instanceof HistoryArtifactError ? err.message : `unexpected error: ${String(err)}`;
}
async function isHistoryDirectory(directory) {
  const probes = await Promise.allSettled([
    stat(join(directory, RUNS_DIR)),
    stat(join(directory, SNAPSHOT_FILE))
  ]);
  return probes.some((p) => p.status === "fulfilled");
}
function createDirectoryStore(options) {
  const root = options.directory;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const maxSnapshotBytes = options.maxSnapshotBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  const runsDir = join(root, RUNS_DIR);
  const snapshotPath = join(root, SNAPSHOT_FILE);
  async function readBounded(path, max) {
    const info = await stat(path);
    if (info.size > max) {
      throw new HistoryArtifactError(path, "oversized", `${info.size} bytes is over the limit of ${max}`);
    }
    return readFile(path);
  }
  async function readSnapshot(warnings) {
    let bytes;
    try {
      bytes = await readBounded(snapshotPath, maxSnapshotBytes);
    } catch (err) {
      if (err.code === "ENOENT") return null;
      warnings.push(warningOf(err));
      return null;
    }
    try {
      return decodeSnapshot(bytes, snapshotPath);
    } catch (err) {
      warnings.push(warningOf(err));
      return null;
    }
  }
  async function listRecordFiles() {
    let names;
    try {
      names = await readdir(runsDir);
    } catch (err) {
      if (err.code === "ENOENT") return [];
      throw err;
    }
    const out = [];
    for (const name of names) {
      const m = RECORD_FILE_RE.exec(name);
      if (m) out.push({ name, key: `${Number(m[1])}#${Number(m[2])}` });
    }
    return out;
  }
  async function readRecordFile(name, key) {
    const path = join(runsDir, name);
    const record = decodeRecord(await readBounded(path, maxRecordBytes), path);
    if (recordKey(record) !== key) {
      throw new HistoryArtifactError(
        path,
        "foreign",
        `holds run ${recordKey(record)}, not ${key} as its name says`
      );
    }
    return record;
  }
  async function readNewerFiles(known, warnings) {
    const out = [];
    for (const { name, key } of await listRecordFiles()) {
      if (known.has(key)) continue;
      try {
        out.push(await readRecordFile(name, key));
      } catch (err) {
        warnings.push(warningOf(err));
      }
    }
    return out;
  }
  async function writeSnapshot(entries) {
    await mkdir(root, { recursive: true });
    await writeAtomic(snapshotPath, encodeSnapshot({ createdAt: options.clock.now().toISOString(), entries }));
  }
  async function writeRecordFile(record) {
    await mkdir(runsDir, { recursive: true });
    const path = join(runsDir, `${record.run.runId}-${record.run.attempt}.json.gz`);
    try {
      await stat(path);
      return false;
    } catch {
      await writeAtomic(path, encodeRecord(record));
      return true;
    }
  }
  const store = {
    kind: "directory",
    directory: root,
    async load(query) {
      const warnings = [];
      const now = options.clock.now();
      const snapshot = await readSnapshot(warnings);
      const snapshotEntries = (snapshot?.entries ?? []).filter(
        (e) => judgeRecord(e.record, null, query.policy).trusted
      );
      const known = new Set((snapshot?.entries ?? []).map((e) => recordKey(e.record)));
      const newer = [];
      const pullRequest = [];
      for (const record of await readNewerFiles(known, warnings)) {
        if (judgeRecord(record, null, query.policy).trusted) newer.push({ record, artifactId: null });
        else if (query.pullRequest && record.run.prNumber === query.pullRequest.number)
          pullRequest.push(record);
      }
      const kept = pruneRecords(
        snapshotEntries.map((e) => e.record),
        now,
        query.retentionDays
      );
      const watermark = snapshot ? {
        source: snapshotPath,
        artifactId: null,
        createdAt: snapshot.createdAt,
        records: kept.length,
        newestRecordAt: kept[kept.length - 1]?.run.timestamp ?? null
      } : null;
      return assembleHistory({
        snapshot: snapshotEntries,
        watermark,
        newer,
        pullRequest,
        warnings,
        now,
        retentionDays: query.retentionDays
      });
    },
    async save(record, opts) {
      const warnings = [];
      let recordSaved = false;
      let snapshotSaved = false;
      try {
        recordSaved = await writeRecordFile(record);
        if (!recordSaved)
          warnings.push(`history: run ${recordKey(record)} is already in ${runsDir}; kept the earlier file`);
      } catch (err) {
        warnings.push(`history not saved: ${runsDir}: ${err.message}`);
      }
      if (judgeRecord(record, null, opts.policy).trusted) {
        try {
          const now = options.clock.now();
          await writeSnapshot(
            nextSnapshotEntries(opts.history, { record, artifactId: null }, now, opts.retentionDays)
          );
          snapshotSaved = true;
        } catch (err) {
          warnings.push(`history snapshot not saved: ${snapshotPath}: ${err.message}`);
        }
      }
      return { recordSaved, snapshotSaved, warnings };
    },
    async saveShard(shard, record) {
      const name = shardArtifactName(shard);
      const dir = join(root, SHARDS_DIR, String(record.run.runId));
      try {
        await mkdir(dir, { recursive: true });
        await writeAtomic(join(dir, `${name}.json.gz`), encodeRecord(record));
        return { recordSaved: true, snapshotSaved: false, warnings: [] };
      } catch (err) {
        return {
          recordSaved: false,
          snapshotSaved: false,
          warnings: [`shard ${shard} not saved: ${err.message}`]
        };
      }
    },
    async loadShards(runId, expected = []) {
      const dir = join(root, SHARDS_DIR, String(runId));
      const warnings = [];
      const shards = [];
      let names = [];
      try {
        names = (await readdir(dir)).sort();
      } catch (err) {
        if (err.code !== "ENOENT")
          warnings.push(`${dir}: ${err.message}`);
      }
      const found = names.filter((file) => file.endsWith(".json.gz")).map((file) => ({ file, shard: file.slice(0, -".json.gz".length).replace(/^gauntlet-shard-/, "") }));
      const selection = selectShards(found, expected);
      warnings.push(...selection.warnings);
      for (const { file, shard } of selection.selected) {
        const path = join(dir, file);
        try {
          const record = decodeRecord(await readBounded(path, maxRecordBytes), path);
          if (record.run.runId !== runId)
            throw new HistoryArtifactError(path, "foreign", `holds run ${record.run.runId}`);
          shards.push({ shard, record });
        } catch (err) {
          warnings.push(warningOf(err));
        }
      }
      return { shards, warnings };
    },
    async readAll() {
      const warnings = [];
      const snapshot = await readSnapshot(warnings);
      const fromSnapshot = (snapshot?.entries ?? []).map((e) => e.record);
      const files = await readNewerFiles(new Set(fromSnapshot.map(recordKey)), warnings);
      return { records: mergeRecords(fromSnapshot, files), snapshot, warnings };
    },
    async importRecords(records) {
      let added = 0;
      for (const r of records) if (await writeRecordFile(r)) added++;
      return added;
    },
    async prune(retentionDays) {
      const now = options.clock.now();
      const cutoff = retentionCutoff(now, retentionDays);
      let deletedFiles = 0;
      const warnings = [];
      for (const { name, key } of await listRecordFiles()) {
        try {
          const record = await readRecordFile(name, key);
          if (Date.parse(record.run.timestamp) < cutoff) {
            await rm(join(runsDir, name));
            deletedFiles++;
          }
        } catch (err) {
          warnings.push(warningOf(err));
        }
      }
      const snapshot = await readSnapshot(warnings);
      let snapshotRecords = 0;
      if (snapshot) {
        const entries = snapshot.entries.filter((e) => Date.parse(e.record.run.timestamp) >= cutoff);
        snapshotRecords = entries.length;
        await writeSnapshot(entries);
      }
      return { deletedFiles, snapshotRecords };
    }
  };
  return store;
}

export {
  RUN_ARTIFACT_NAME,
  SNAPSHOT_ARTIFACT_NAME,
  RECORD_FILE_NAME,
  SNAPSHOT_FILE_NAME,
  DEFAULT_MAX_RECORD_DOWNLOADS,
  DEFAULT_DOWNLOAD_CONCURRENCY,
  DEFAULT_MAX_PR_DOWNLOADS,
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_SNAPSHOT_BYTES,
  MAX_RECORD_JSON_BYTES,
  MAX_LIST_PAGES,
  HistoryArtifactError,
  HistorySaveError,
  HistoryUsageError,
  SHARD_NAME_RULE,
  isShardName,
  shardArtifactName,
  shardFromArtifactName,
  selectShards,
  retentionCutoff,
  emptyHistory,
  assembleHistory,
  nextSnapshotEntries,
  parseRunRecord,
  encodeRecord,
  decodeRecord,
  encodeSnapshot,
  SNAPSHOT_TEST_STATUSES,
  snapshotTestColumns,
  snapshotMetricColumns,
  decodeSnapshot,
  judgeProvenance,
  judgeRecord,
  isHistoryDirectory,
  createDirectoryStore
};
