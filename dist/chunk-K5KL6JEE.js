import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  benjaminiHochberg,
  detectSustainedShifts,
  medianOf,
  normalSf,
  robustSummary,
  theilSenSlope
} from "./chunk-7OZYSOVE.js";
import {
  SNAPSHOT_TEST_STATUSES,
  snapshotMetricColumns,
  snapshotTestColumns
} from "./chunk-DV3L4MQX.js";
import {
  LOCAL_EVENT,
  countTests
} from "./chunk-MKFOCXAI.js";
import {
  require_picomatch
} from "./chunk-IXITZCPI.js";
import {
  severityRank
} from "./chunk-LLLGGWG3.js";
import {
  __toESM
} from "./chunk-ZAQXCPAF.js";

// src/analysis/input.ts
function findingId(kind, subjectKey) {
  return `${kind}:${subjectKey}`;
}

// src/analysis/metrics/metric-rules.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var matcherCache = /* @__PURE__ */ new Map();
function keyMatches(pattern, key) {
  if (key === pattern || key.endsWith(`/${pattern}`)) return true;
  let m = matcherCache.get(pattern);
  if (m === void 0) {
    m = (0, import_picomatch.default)(pattern, { dot: true });
    matcherCache.set(pattern, m);
  }
  return m(key);
}
function findOverride(overrides, key, now) {
  for (const o of overrides) {
    if (!keyMatches(o.metric, key)) continue;
    if (o.expires !== void 0) {
      const until = Date.parse(o.expires);
      if (!Number.isNaN(until) && now.getTime() > until + 864e5 - 1) continue;
    }
    return o;
  }
  return void 0;
}
var TIME_UNITS = /^(ns|us|µs|μs|ms|s|sec|seconds?|min|minutes?|h|hours?)(\/(iter|op|call))?$/i;
var THROUGHPUT = /(ops?|iter|req|requests?|queries|msgs?|messages?|events?|items?|B|KB|MB|GB)\s*\/\s*(s|sec|second|ms|min)$|ops\/sec|iter\/sec|hz$/i;
var MEMORY = /^(B|bytes?|KB|KiB|MB|MiB|GB|GiB)$/i;
var COUNT = /(instructions?|instr|cycles|allocs?|allocations?)(\/op)?$/i;
var RATIO = /^(%|percent|ratio|fraction)$/i;
function unitClass(unit) {
  const u = unit.trim();
  if (TIME_UNITS.test(u)) return "time";
  if (COUNT.test(u)) return "count";
  if (MEMORY.test(u)) return "memory";
  if (THROUGHPUT.test(u)) return "throughput";
  if (RATIO.test(u)) return "ratio";
  return "other";
}
function isHostedRunner(runner) {
  return runner.imageVersion !== void 0 && runner.imageVersion !== "";
}
function minEffectFor(config, unit, hosted, override) {
  if (override?.["min-effect"] !== void 0) return override["min-effect"];
  const cls = unitClass(unit);
  if (cls === "count") return config["count-min-effect"];
  if (hosted && (cls === "time" || cls === "throughput"))
    return Math.max(config["min-effect"], config["hosted-wall-clock-min-effect"]);
  return config["min-effect"];
}
function fingerprintKey(r) {
  return `${r.os}|${r.arch}|${r.cpuModel}|${r.cores}`;
}
function memoryRateMbPerHour(value, unit) {
  const m = /^(B|bytes|KB|KiB|MB|MiB|GB|GiB)\s*\/\s*(min|h|hr|hour)$/i.exec(unit.trim());
  if (m === null) return void 0;
  const size = {
    b: 1e-6,
    bytes: 1e-6,
    kb: 1e-3,
    kib: 1024 / 1e6,
    mb: 1,
    mib: 1.048576,
    gb: 1e3,
    gib: 1073.741824
  };
  const per = { min: 60, h: 1, hr: 1, hour: 1 };
  return value * size[m[1].toLowerCase()] * per[m[2].toLowerCase()];
}

// src/analysis/metrics/budgets.ts
var BudgetSyntaxError = class extends Error {
  constructor(index, entry) {
    super(
      `analysis.budgets[${index}]: cannot read ${JSON.stringify(entry)}; write "<metric glob or suffix> <= <number>" (or <, >=, >), e.g. "benchmark/kv/get/p95 <= 20"`
    );
    this.index = index;
    this.entry = entry;
    this.name = "BudgetSyntaxError";
  }
  index;
  entry;
};
var BUDGET_RE = /^\s*(\S+)\s*(<=|<|>=|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;
function parseBudgets(entries) {
  return entries.map((entry, index) => {
    if (typeof entry !== "string") {
      return {
        pattern: entry.metric,
        max: entry.max,
        min: entry.min,
        inclusive: true,
        source: JSON.stringify(entry)
      };
    }
    const m = BUDGET_RE.exec(entry);
    if (m === null) throw new BudgetSyntaxError(index, entry);
    const value = Number(m[3]);
    const op = m[2];
    const upper = op.startsWith("<");
    return {
      pattern: m[1],
      ...upper ? { max: value } : { min: value },
      inclusive: op.length === 2,
      source: entry.trim()
    };
  });
}
function budgetSubjects(metrics, chaos) {
  const out = metrics.map((m) => ({
    key: m.key,
    stage: m.stage,
    value: m.value,
    unit: m.unit
  }));
  const seen = new Set(out.map((s) => s.key));
  const chaosSubjects = [];
  for (const c of chaos) {
    const base = `chaos/${c.experiment}`;
    chaosSubjects.push({ key: `${base}/error_rate`, stage: "chaos", value: c.errorRate, unit: "ratio" });
    if (c.latencyMs !== null) {
      chaosSubjects.push({
        key: `${base}/p50_latency_ms`,
        stage: "chaos",
        value: c.latencyMs.p50,
        unit: "ms"
      });
      chaosSubjects.push({
        key: `${base}/p95_latency_ms`,
        stage: "chaos",
        value: c.latencyMs.p95,
        unit: "ms"
      });
      chaosSubjects.push({
        key: `${base}/p99_latency_ms`,
        stage: "chaos",
        value: c.latencyMs.p99,
        unit: "ms"
      });
    }
    if (c.recoveryMs !== null)
      chaosSubjects.push({ key: `${base}/recovery_ms`, stage: "chaos", value: c.recoveryMs, unit: "ms" });
  }
  for (const s of chaosSubjects) if (!seen.has(s.key)) out.push(s);
  return out;
}
function breaks(budget, value) {
  if (budget.max !== void 0) {
    if (Number.isNaN(value) || (budget.inclusive ? value > budget.max : value >= budget.max))
      return { side: "max", bound: budget.max };
  }
  if (budget.min !== void 0) {
    if (Number.isNaN(value) || (budget.inclusive ? value < budget.min : value <= budget.min))
      return { side: "min", bound: budget.min };
  }
  return void 0;
}
function evaluateBudgets(subjects, budgets) {
  const out = [];
  for (const s of subjects) {
    for (const b of budgets) {
      if (!keyMatches(b.pattern, s.key)) continue;
      const hit = breaks(b, s.value);
      if (hit !== void 0) {
        out.push({ subject: s, budget: b, bound: hit.bound, side: hit.side });
        break;
      }
    }
  }
  return out;
}
function budgetFor(budgets, key) {
  return budgets.find((b) => keyMatches(b.pattern, key));
}

// src/analysis/metrics/compare-metrics.ts
var DAY_MS = 864e5;
function indexHistory(runs) {
  const out = /* @__PURE__ */ new Map();
  for (const run of runs) {
    const fp = fingerprintKey(run.run.runner);
    const ts = Date.parse(run.run.timestamp);
    const columns = snapshotMetricColumns(run);
    if (columns !== void 0) {
      for (let k = 0; k < columns.count; k++) {
        const value = columns.value[k];
        if (!Number.isFinite(value)) continue;
        const d = columns.defs[columns.def[k]];
        let list = out.get(d[0]);
        if (list === void 0) out.set(d[0], list = []);
        list.push({
          value,
          unit: d[5],
          fingerprint: fp,
          timestamp: ts,
          sha: run.run.sha,
          runId: run.run.runId,
          isoTime: run.run.timestamp
        });
      }
      continue;
    }
    for (const m of run.metrics) {
      if (!Number.isFinite(m.value)) continue;
      let list = out.get(m.key);
      if (list === void 0) out.set(m.key, list = []);
      list.push({
        value: m.value,
        unit: m.unit,
        fingerprint: fp,
        timestamp: ts,
        sha: run.run.sha,
        runId: run.run.runId,
        isoTime: run.run.timestamp
      });
    }
  }
  return out;
}
function signOf(direction) {
  return direction === "lower" ? 1 : direction === "higher" ? -1 : 0;
}
function score(x, s, sign) {
  const diff = x - s.center;
  const signed = sign === 0 ? Math.abs(diff) : sign * diff;
  const delta = s.center === 0 ? null : signed / Math.abs(s.center) * 100;
  const z = s.spread > 0 ? signed / s.spread : signed === 0 ? 0 : signed > 0 ? Infinity : -Infinity;
  return { delta, z };
}
function flagged(x, ref, s, sign, rules) {
  const { delta, z } = score(x, s, sign);
  if (delta === null) return false;
  const enough = ref.length >= rules.minSamples;
  if (enough ? !(z >= rules.warnZ && delta >= rules.minEffect) : !(delta >= 3 * rules.minEffect)) return false;
  return rankP(x, ref, s.center, sign) <= Math.max(0.05, 1 / (ref.length + 1));
}
function rankP(x, ref, center, sign) {
  let worse = 0;
  for (const h of ref) {
    const bad = sign === 0 ? Math.abs(h - center) >= Math.abs(x - center) : sign * h >= sign * x;
    if (bad) worse++;
  }
  return (worse + 1) / (ref.length + 1);
}
var fmt = (v, digits = 1) => Number.isFinite(v) ? v.toFixed(digits) : String(v);
function compareMetric(metric, history, ctx) {
  const cfg = ctx.config;
  const override = findOverride(cfg.overrides, metric.key, ctx.now);
  const direction = override?.direction ?? metric.direction;
  const sign = signOf(direction);
  const findings = [];
  const badges = [];
  const base = { key: metric.key, stage: metric.stage, unit: metric.unit, direction, current: metric.value };
  const subject = { type: "metric", key: metric.key, stage: metric.stage };
  if (override?.ignore === true || !Number.isFinite(metric.value)) {
    const comparison2 = {
      ...base,
      baseline: null,
      deltaPct: null,
      z: null,
      verdict: "ignored",
      severity: null,
      badges: []
    };
    return { comparison: comparison2, p: Number.NaN, findings, series: [], changepoints: [] };
  }
  const sameUnit = history.filter((h) => h.unit === metric.unit);
  const lastPoint = history[history.length - 1];
  if (lastPoint !== void 0 && lastPoint.unit !== metric.unit) {
    findings.push({
      id: findingId("metric-unit-changed", metric.key),
      kind: "metric-unit-changed",
      severity: "info",
      title: `Unit changed: ${metric.key}`,
      reason: `unit was ${JSON.stringify(lastPoint.unit)}, now ${JSON.stringify(metric.unit)}; only ${sameUnit.length} earlier point(s) in the new unit are compared`,
      subject,
      numbers: { current: metric.value, unit: metric.unit, n: sameUnit.length }
    });
  }
  const rate = memoryRateMbPerHour(metric.value, metric.unit);
  if (rate !== void 0 && rate > cfg.trends["leak-mb-per-hour"]) {
    findings.push({
      id: findingId("leak", metric.key),
      kind: "leak",
      severity: override?.quarantine === true ? "info" : "warning",
      title: `Memory leak suspected: ${metric.key}`,
      reason: `memory grows ${fmt(rate, 2)} MB/h > ${cfg.trends["leak-mb-per-hour"]} MB/h`,
      subject,
      numbers: { current: rate, unit: "MB/h", threshold: cfg.trends["leak-mb-per-hour"] }
    });
  }
  let minEffect = minEffectFor(cfg, metric.unit, ctx.hosted, override);
  const sameRunner = sameUnit.filter((h) => h.fingerprint === ctx.currentFingerprint);
  let pool = sameUnit;
  if (sameRunner.length >= cfg["min-samples"]) pool = sameRunner;
  else if (sameRunner.length < sameUnit.length) {
    minEffect *= 2;
    badges.push("different-runner");
  }
  const series = pool.map((h) => ({
    timestamp: h.isoTime,
    value: h.value,
    sha: h.sha,
    runId: h.runId
  }));
  const cpCfg = cfg.changepoints;
  const minMagnitude = (cpCfg["min-magnitude"] ?? minEffect) / 100;
  const cpValues = ctx.isPullRequest ? pool.map((h) => h.value) : [...pool.map((h) => h.value), metric.value];
  let shifts = [];
  if (cpCfg.enabled && cpValues.length >= 2 * cpCfg["min-segment"]) {
    shifts = detectSustainedShifts(cpValues, {
      windowLen: cpCfg.window,
      maxPValue: cpCfg["p-value"],
      minMagnitude,
      minSegment: cpCfg["min-segment"]
    });
  }
  const changepoints = shifts.map((s) => s.index).filter((i) => i < pool.length);
  let segmentStart = 0;
  for (const s of shifts) if (pool.length - s.index >= cfg["min-samples"]) segmentStart = s.index;
  for (const s of shifts) {
    if (s.index >= pool.length || s.index === 0) continue;
    const worse = sign === 0 ? s.magnitude : sign * (s.meanAfter - s.meanBefore);
    const from = pool[s.index - 1];
    const to = pool[s.index];
    const changePct = s.forwardChange * 100;
    const recent = s.index >= pool.length + 1 - cfg.window;
    const regression = worse > 0 && s.magnitude * 100 >= minEffect;
    findings.push({
      id: findingId("changepoint", `${metric.key}@${to.sha}`),
      kind: "changepoint",
      severity: regression && recent && !ctx.isPullRequest && cpValues.length - s.index === cfg["min-samples"] ? "warning" : "info",
      title: `${regression ? "Sustained regression" : worse > 0 ? "Sustained shift" : "Sustained improvement"} in ${metric.key}`,
      reason: `change point (E-divisive + t test, p ${s.pValue.toExponential(1)} \u2264 ${cpCfg["p-value"]}): mean ${fmt(s.meanBefore, 3)} \u2192 ${fmt(s.meanAfter, 3)} (${changePct >= 0 ? "+" : ""}${fmt(changePct)} %), began between ${from.sha.slice(0, 12)} and ${to.sha.slice(0, 12)}`,
      subject,
      numbers: {
        p: s.pValue,
        deltaPct: sign === -1 ? -changePct : changePct,
        center: s.meanBefore,
        current: s.meanAfter,
        unit: metric.unit,
        minEffectPct: minEffect
      },
      commits: { from: from.sha, to: to.sha },
      ...badges.length > 0 ? { badges: [...badges] } : {}
    });
  }
  let windowPts = pool.slice(segmentStart).slice(-cfg.window);
  const floorRel = cfg["spread-floor"] / 100;
  const warnZ = override?.["warn-z"] ?? cfg["warn-z"];
  const failZ = override?.["fail-z"] ?? cfg["fail-z"];
  if (windowPts.length >= 3) {
    const s0 = robustSummary(
      windowPts.map((h) => h.value),
      floorRel
    );
    const z2 = windowPts.map((h) => Math.abs(h.value - s0.center) / (s0.spread || Infinity));
    const curZ = Math.abs(metric.value - s0.center) / (s0.spread || Infinity);
    const spikes = [];
    for (let i = 0; i < z2.length; i++) {
      const nextZ = i + 1 < z2.length ? z2[i + 1] : curZ;
      const prevZ = i > 0 ? z2[i - 1] : 0;
      if (z2[i] >= failZ && nextZ < warnZ && prevZ < warnZ) spikes.push(i);
    }
    if (spikes.length > 0 && spikes.length <= Math.max(1, Math.floor(0.05 * windowPts.length))) {
      const drop = new Set(spikes);
      windowPts = windowPts.filter((_, i) => !drop.has(i));
    }
  }
  const n = windowPts.length;
  if (n === 0) {
    badges.push("new");
    findings.push({
      id: findingId("metric-new", metric.key),
      kind: "metric-new",
      severity: "info",
      title: `New metric: ${metric.key}`,
      reason: "no comparable history; only absolute budgets apply",
      subject,
      numbers: { current: metric.value, unit: metric.unit, n: 0 },
      badges: [...badges]
    });
    const comparison2 = {
      ...base,
      baseline: null,
      deltaPct: null,
      z: null,
      verdict: "new",
      severity: "info",
      badges
    };
    return { comparison: comparison2, p: Number.NaN, findings, series, changepoints };
  }
  const rules = { warnZ, minEffect, minSamples: cfg["min-samples"] };
  let values = windowPts.map((h) => h.value);
  let summary = robustSummary(values, floorRel);
  let trailing = 0;
  if (!ctx.isPullRequest) {
    for (let t = 1; t <= 3 && t < values.length; t++) {
      const ref = values.slice(0, values.length - t);
      const s = robustSummary(ref, floorRel);
      const tail = values.slice(values.length - t);
      const level = [...tail, metric.value];
      const shift = Math.abs(medianOf(level) - s.center);
      const consistent = Math.max(...level) - Math.min(...level) <= 0.5 * shift;
      if (consistent && tail.every((v) => flagged(v, ref, s, sign, rules))) trailing = t;
    }
    if (trailing > 0) {
      values = values.slice(0, values.length - trailing);
      summary = robustSummary(values, floorRel);
    }
  }
  let hadOutliers = false;
  for (const v of values)
    if (Math.abs(v - summary.center) >= warnZ * summary.spread && summary.spread > 0) hadOutliers = true;
  const required = values.length < cfg["gate-samples"] ? 4 : hadOutliers ? 3 : 2;
  let confirmed = false;
  if (ctx.isPullRequest) {
    const earlier = ctx.prValues(metric.key);
    const last = earlier[earlier.length - 1];
    if (last !== void 0) confirmed = flagged(last, values, summary, sign, rules);
  } else confirmed = trailing + 1 >= required && flagged(metric.value, values, summary, sign, rules);
  const confirmedForError = ctx.isPullRequest ? confirmed : confirmed && trailing + 1 >= required + 1;
  const nUsed = values.length;
  const { delta, z } = score(metric.value, summary, sign);
  const rankPWorse = rankP(metric.value, values, summary.center, sign);
  let betterOrEqual = 0;
  if (sign !== 0) {
    for (const h of values) if (sign * h <= sign * metric.value) betterOrEqual++;
  }
  const rankPImprove = (betterOrEqual + 1) / (nUsed + 1);
  const rankLimit = Math.max(0.05, 1 / (nUsed + 1));
  const p = Number.isFinite(z) ? Math.min(1, 2 * normalSf(Math.abs(z))) : Number.isNaN(z) ? 1 : 0;
  const cv = summary.center !== 0 ? summary.spread / Math.abs(summary.center) : Infinity;
  const noisy = nUsed >= cfg["min-samples"] && cv * 100 > cfg["noisy-cv"];
  if (noisy) badges.push("noisy");
  if (nUsed < cfg["min-samples"]) badges.push("insufficient-history");
  const baselineInfo = { n: nUsed, window: cfg.window, center: summary.center, spread: summary.spread };
  const numbers = {
    current: metric.value,
    unit: metric.unit,
    n: nUsed,
    window: cfg.window,
    center: summary.center,
    spread: summary.spread,
    ...delta !== null ? { deltaPct: delta } : {},
    ...Number.isFinite(z) ? { z } : {},
    p,
    rank: rankPWorse,
    minEffectPct: minEffect,
    threshold: warnZ
  };
  let verdict = nUsed < cfg["min-samples"] ? "insufficient-history" : "unchanged";
  let candidate;
  const suite = metric.suite;
  const ratioScore = (d, zz) => d / Math.max(minEffect, 1e-9) * Math.min(Math.abs(zz) / warnZ, 3) * (override?.critical ? 2 : noisy ? 0.5 : 1);
  if (delta !== null) {
    if (nUsed < cfg["min-samples"]) {
      if (delta >= 3 * minEffect && rankPWorse <= rankLimit) {
        verdict = "regressed";
        const ok = confirmed || ctx.isPullRequest;
        candidate = {
          kind: "metric-regression",
          severity: ok ? "warning" : "info",
          reason: `\u0394 +${fmt(delta)} % \u2265 3 \xD7 ${fmt(minEffect)} % with only ${nUsed} baseline point(s) (insufficient history: at most a warning)${ok ? "" : " and unconfirmed: needs more flagged runs before it alerts"}`,
          score: ratioScore(delta, 3),
          badges: ok ? [...badges] : [...badges, "unconfirmed"],
          numbers,
          suite,
          needsBh: false
        };
      }
    } else {
      const regress = z >= warnZ && delta >= minEffect && rankPWorse <= rankLimit;
      const improve = sign !== 0 && z <= -warnZ && delta <= -minEffect && rankPImprove <= rankLimit;
      if (regress) {
        if (noisy && delta < 3 * minEffect) verdict = "noisy";
        else {
          verdict = "regressed";
          const fails = z >= failZ && delta >= 2 * minEffect;
          let severity = fails ? "error" : "warning";
          const why = [
            `robust z ${fmt(z)} \u2265 ${warnZ}`,
            `\u0394 +${fmt(delta)} % \u2265 ${fmt(minEffect)} %`,
            `rank p ${fmt(rankPWorse, 3)}`
          ];
          if (fails) why[0] = `robust z ${fmt(z)} \u2265 ${failZ}`;
          const b = [...badges];
          if (!confirmed) {
            b.push("unconfirmed");
            severity = ctx.isPullRequest ? "warning" : "info";
            why.push(
              ctx.isPullRequest ? "unconfirmed (single run): at most a warning" : `unconfirmed: needs ${required} consecutive flagged runs before it alerts`
            );
          } else {
            why.push(
              ctx.isPullRequest ? "confirmed by the previous run of this pull request" : `confirmed by ${trailing + 1} consecutive flagged runs`
            );
            if (severity === "error" && !confirmedForError) {
              severity = "warning";
              why.push(`an error needs ${required + 1} consecutive flagged runs`);
            }
          }
          if (severity === "error" && nUsed < cfg["gate-samples"]) {
            severity = "warning";
            why.push(`only ${nUsed} < ${cfg["gate-samples"]} baseline points: capped at warning`);
          }
          if (noisy && severity === "error") {
            severity = "warning";
            why.push(`noisy (CV ${fmt(cv * 100)} %): capped at warning`);
          }
          if (severity === "error" && !ctx.isPullRequest && (override?.critical === true || delta >= 50 || metric.stage === "chaos")) {
            severity = "critical";
            why.push(
              override?.critical === true ? "metric tagged critical" : delta >= 50 ? "\u0394 \u2265 50 %" : "chaos-stage SLO metric"
            );
          }
          candidate = {
            kind: "metric-regression",
            severity,
            reason: why.join(" and "),
            score: ratioScore(delta, z),
            badges: b,
            numbers,
            suite,
            needsBh: true
          };
        }
      } else if (improve) {
        verdict = "improved";
        candidate = {
          kind: "metric-improvement",
          severity: "info",
          reason: `robust z ${fmt(z)} \u2264 \u2212${warnZ} and \u0394 ${fmt(delta)} % \u2264 \u2212${fmt(minEffect)} % (improvements are reported, never failed)`,
          score: ratioScore(-delta, z),
          badges: [...badges],
          numbers,
          suite,
          needsBh: true
        };
      } else if (noisy) verdict = "noisy";
    }
  }
  const trendPts = [
    ...windowPts.map((h) => ({ t: h.timestamp, v: h.value })),
    { t: ctx.currentTimestamp, v: metric.value }
  ];
  if (trendPts.length >= Math.max(cfg["min-samples"], 3)) {
    const t0 = trendPts[0].t;
    const slope = theilSenSlope(
      trendPts.map((p2) => (p2.t - t0) / DAY_MS),
      trendPts.map((p2) => p2.v)
    );
    const budget = budgetFor(ctx.budgets, metric.key);
    if (Number.isFinite(slope) && slope !== 0) {
      let crossing = null;
      if (budget?.max !== void 0 && slope > 0 && metric.value < budget.max)
        crossing = (budget.max - metric.value) / slope;
      if (budget?.min !== void 0 && slope < 0 && metric.value > budget.min)
        crossing = (metric.value - budget.min) / -slope;
      const spanDays = (ctx.currentTimestamp - t0) / DAY_MS;
      const driftPct = summary.center !== 0 ? (sign === 0 ? Math.abs(slope) : sign * slope) * spanDays * 100 / Math.abs(summary.center) : 0;
      const horizon = cfg.trends["horizon-days"];
      if (crossing !== null && crossing <= ctx.retentionDays) {
        const date = new Date(ctx.now.getTime() + crossing * DAY_MS).toISOString();
        findings.push({
          id: findingId("trend", metric.key),
          kind: "trend",
          severity: crossing <= horizon ? "warning" : "info",
          title: `Trending towards its budget: ${metric.key}`,
          reason: `Theil\u2013Sen slope ${slope.toPrecision(3)} ${metric.unit}/day reaches budget ${budget?.source ?? ""} in ${fmt(crossing)} days`,
          subject,
          numbers: {
            current: metric.value,
            unit: metric.unit,
            slopePerDay: slope,
            projectedCrossing: date,
            n: trendPts.length
          }
        });
      } else if (driftPct >= 2 * minEffect && spanDays > 0) {
        findings.push({
          id: findingId("trend", metric.key),
          kind: "trend",
          severity: "info",
          title: `Slow drift: ${metric.key}`,
          reason: `Theil\u2013Sen slope ${slope.toPrecision(3)} ${metric.unit}/day, ${fmt(driftPct)} % worse over ${fmt(spanDays)} days (\u2265 2 \xD7 ${fmt(minEffect)} %)`,
          subject,
          numbers: {
            current: metric.value,
            unit: metric.unit,
            slopePerDay: slope,
            projectedCrossing: null,
            n: trendPts.length,
            deltaPct: driftPct
          }
        });
      }
    }
  }
  const comparison = {
    ...base,
    baseline: baselineInfo,
    deltaPct: delta,
    z: Number.isFinite(z) ? z : null,
    verdict,
    severity: candidate?.severity ?? null,
    badges
  };
  return {
    comparison,
    p: nUsed >= cfg["min-samples"] ? p : Number.NaN,
    ...candidate ? { candidate } : {},
    findings,
    series,
    changepoints
  };
}

// src/analysis/shards.ts
var KEYS_PER_DUPLICATE_FINDING = 5;
var NO_SHARDS_KEY = "*";
function groupDuplicates(duplicates) {
  const groups = /* @__PURE__ */ new Map();
  for (const d of duplicates) {
    const id = `${d.kind}:${d.shards.join(",")}`;
    const list = groups.get(id);
    if (list === void 0) groups.set(id, [d]);
    else list.push(d);
  }
  return groups;
}
function shardFindings(summary) {
  const findings = [];
  if (summary.present.length === 0 && summary.missing.length === 0) {
    findings.push({
      id: findingId("shard-missing", NO_SHARDS_KEY),
      kind: "shard-missing",
      severity: "error",
      title: "No shard results found",
      reason: "no usable gauntlet-shard-* record was uploaded for this run; the results are empty, check the collect jobs",
      subject: { type: "run", key: NO_SHARDS_KEY }
    });
  }
  for (const shard of summary.missing) {
    findings.push({
      id: findingId("shard-missing", shard),
      kind: "shard-missing",
      severity: "error",
      title: `Shard missing: ${shard}`,
      reason: `expected shard ${shard} uploaded no usable record; the results are incomplete (did its collect job fail or get cancelled?)`,
      subject: { type: "run", key: shard },
      labels: { shard }
    });
  }
  for (const shard of summary.failed) {
    findings.push({
      id: findingId("shard-failed", shard),
      kind: "shard-failed",
      severity: "error",
      title: `Shard failed: ${shard}`,
      reason: `a stage failed in shard ${shard}; its results may be partial`,
      subject: { type: "run", key: shard },
      labels: { shard }
    });
  }
  for (const [group, list] of groupDuplicates(summary.duplicates)) {
    const first = list[0];
    const named = list.slice(0, KEYS_PER_DUPLICATE_FINDING).map((d) => d.key);
    const more = list.length - named.length;
    findings.push({
      id: findingId("shard-duplicate", group),
      kind: "shard-duplicate",
      severity: "warning",
      title: `${list.length} ${first.kind} result${list.length === 1 ? "" : "s"} reported by several shards: ${first.shards.join(", ")}`,
      reason: `kept once: ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}; the shards overlap, so their split runs some work twice`,
      subject: { type: "run", key: group }
    });
  }
  summary.notes.forEach((note, i) => {
    findings.push({
      id: findingId("shard-note", String(i + 1)),
      kind: "shard-note",
      severity: "info",
      title: "Shard merge note",
      reason: note,
      subject: { type: "run", key: String(i + 1) }
    });
  });
  return findings;
}

// src/analysis/tests/test-findings.ts
function outcome(s) {
  if (s === "passed" || s === "flaky") return "pass";
  if (s === "failed" || s === "errored") return "fail";
  return "skip";
}
function addOutcome(h, o) {
  if (h.lastRun !== void 0 && h.lastRun !== o) h.flips++;
  h.lastRun = o;
  h.runs++;
}
function testFinding(kind, severity, t, title, reason, extra = {}) {
  return {
    id: findingId(kind, t.id),
    kind,
    severity,
    title,
    reason,
    subject: { type: "test", key: t.id, stage: t.stage },
    ...t.file ? { location: { file: t.file, ...t.line ? { line: t.line } : {} } } : {},
    ...extra
  };
}
function analyzeTests(current, baseline, prRuns, config, now) {
  const rules = config.tests;
  const findings = [];
  const history = /* @__PURE__ */ new Map();
  const touch = (id) => {
    let h = history.get(id);
    if (h === void 0) {
      h = { runs: 0, flips: 0, durations: [] };
      history.set(id, h);
    }
    return h;
  };
  let previousTests = [];
  let previousEntries = [];
  const entriesByDefs = /* @__PURE__ */ new Map();
  for (const run of baseline) {
    const columns = snapshotTestColumns(run);
    if (columns !== void 0) {
      let byDef = entriesByDefs.get(columns.defs);
      if (byDef === void 0) {
        byDef = new Array(columns.defs.length);
        entriesByDefs.set(columns.defs, byDef);
      }
      for (let k = 0; k < columns.count; k++) {
        const d = columns.def[k];
        const h = byDef[d] ??= touch(columns.defs[d][0]);
        const status = SNAPSHOT_TEST_STATUSES[columns.status[k]];
        const o = outcome(status);
        if (o !== "skip") addOutcome(h, o);
        const durationMs = columns.durationMs[k];
        if (Number.isFinite(durationMs) && o === "pass") h.durations.push(durationMs);
        h.lastStatus = status;
      }
      previousTests = [];
      previousEntries = [];
      continue;
    }
    const tests = run.tests;
    const entries = new Array(tests.length);
    for (let k = 0; k < tests.length; k++) {
      const t = tests[k];
      const h = previousTests[k]?.id === t.id ? previousEntries[k] : touch(t.id);
      entries[k] = h;
      const o = outcome(t.status);
      if (o !== "skip") addOutcome(h, o);
      if (t.durationMs !== null && Number.isFinite(t.durationMs) && o === "pass")
        h.durations.push(t.durationMs);
      h.lastStatus = t.status;
    }
    previousTests = tests;
    previousEntries = entries;
  }
  const sameCommit = /* @__PURE__ */ new Map();
  for (const run of [...baseline, ...prRuns]) {
    if (run.run.sha !== current.run.sha || run.run.runId === current.run.runId) continue;
    for (const t of run.tests) {
      let s = sameCommit.get(t.id);
      if (s === void 0) sameCommit.set(t.id, s = /* @__PURE__ */ new Set());
      s.add(outcome(t.status));
    }
  }
  let flaky = 0;
  let newFailures = 0;
  let fixed = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const t of current.tests) {
    seen.add(t.id);
    const override = findOverride(config.overrides, t.id, now);
    if (override?.ignore === true) continue;
    const quarantined = override?.quarantine === true;
    const cap2 = (s) => quarantined ? "info" : s;
    const badges = quarantined ? ["quarantined"] : void 0;
    const h = history.get(t.id);
    const o = outcome(t.status);
    const lastOutcome = h?.lastStatus === void 0 ? void 0 : outcome(h.lastStatus);
    const attempts = t.attempts ?? [];
    const mixedAttempts = t.status === "flaky" || attempts.some((a) => outcome(a) === "fail") && attempts.some((a) => outcome(a) === "pass");
    const commitOutcomes = /* @__PURE__ */ new Set([...sameCommit.get(t.id) ?? [], o]);
    const mixedCommit = commitOutcomes.has("pass") && commitOutcomes.has("fail");
    const seqLength = (h?.runs ?? 0) + (o === "skip" ? 0 : 1);
    const flips = (h?.flips ?? 0) + (o !== "skip" && h?.lastRun !== void 0 && h.lastRun !== o ? 1 : 0);
    const flipRate = seqLength > 1 ? flips / (seqLength - 1) : 0;
    const flipRule = flips >= rules["min-flips"] && flipRate > rules["flip-rate"];
    if (mixedAttempts || mixedCommit || flipRule) {
      flaky++;
      const why = mixedAttempts ? "failed and passed on retries within this run" : mixedCommit ? `passed and failed on commit ${current.run.sha.slice(0, 12)}` : `flip rate ${(flipRate * 100).toFixed(0)} % > ${(rules["flip-rate"] * 100).toFixed(0)} % over ${seqLength} runs`;
      findings.push(
        testFinding("test-flaky", cap2("warning"), t, `Flaky test: ${t.name}`, why, {
          numbers: { flips, flipRate, n: seqLength },
          ...badges ? { badges } : {}
        })
      );
      if (mixedAttempts) continue;
    }
    if (o === "fail") {
      if (h === void 0 || lastOutcome === "pass" || lastOutcome === "skip" || lastOutcome === void 0) {
        newFailures++;
        const reason = h === void 0 ? "new test that fails" : "fails now, passed in the latest baseline run";
        findings.push(
          testFinding("test-new-failure", cap2("error"), t, `New failure: ${t.name}`, reason, {
            ...t.message ? { message: t.message } : {},
            ...badges ? { badges } : {}
          })
        );
      } else {
        findings.push(
          testFinding(
            "test-still-failing",
            cap2("warning"),
            t,
            `Still failing: ${t.name}`,
            "failed in the latest baseline run too",
            {
              ...t.message ? { message: t.message } : {},
              ...badges ? { badges } : {}
            }
          )
        );
      }
    } else if (o === "pass" && lastOutcome === "fail") {
      fixed++;
      findings.push(
        testFinding(
          "test-fixed",
          "info",
          t,
          `Fixed: ${t.name}`,
          "passes now, failed in the latest baseline run"
        )
      );
    }
    if (h === void 0 && baseline.length > 0) {
      findings.push(testFinding("test-new", "info", t, `New test: ${t.name}`, "not in any baseline run"));
    }
    if (h !== void 0 && o === "pass" && t.durationMs !== null && h.durations.length >= 3 && !(t.durationMs <= rules["slow-min-ms"])) {
      const base = medianOf(h.durations.slice(-config.window));
      const delta = t.durationMs - base;
      if (base > 0 && delta / base * 100 >= rules["slow-pct"] && delta >= rules["slow-min-ms"]) {
        findings.push(
          testFinding(
            "test-slowed",
            cap2(h.durations.length >= config["min-samples"] ? "warning" : "info"),
            t,
            `Slower test: ${t.name}`,
            `+${(delta / base * 100).toFixed(1)} % \u2265 ${rules["slow-pct"]} % and +${Math.round(delta)} ms \u2265 ${rules["slow-min-ms"]} ms`,
            {
              numbers: {
                durationMs: t.durationMs,
                baselineDurationMs: base,
                n: h.durations.length,
                deltaPct: delta / base * 100
              },
              ...badges ? { badges } : {}
            }
          )
        );
      }
    }
  }
  const ranStages = new Set(current.stages.filter((s) => s.status !== "skipped").map((s) => s.name));
  for (const t of current.tests) ranStages.add(t.stage);
  const latest = baseline[baseline.length - 1];
  if (latest !== void 0) {
    for (const t of latest.tests) {
      if (seen.has(t.id) || !ranStages.has(t.stage)) continue;
      findings.push(
        testFinding(
          "test-removed",
          "info",
          t,
          `Removed test: ${t.name}`,
          "in the latest baseline run, not in this run"
        )
      );
    }
  }
  const slowest = current.tests.filter(
    (t) => t.durationMs !== null && Number.isFinite(t.durationMs)
  ).sort((a, b) => b.durationMs - a.durationMs || a.id.localeCompare(b.id)).slice(0, rules.slowest).map((t) => ({ id: t.id, stage: t.stage, durationMs: t.durationMs }));
  return { findings, slowest, flaky, newFailures, fixed };
}

// src/analysis/analyze.ts
var DAY_MS2 = 864e5;
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function isPullRequestRun(run) {
  return run.run.prNumber !== null || PR_EVENTS.has(run.run.event);
}
function selectBaselineRuns(current, runs, now, retentionDays) {
  const oldest = now.getTime() - retentionDays * DAY_MS2;
  const currentTs = Date.parse(current.run.timestamp);
  const byRun = /* @__PURE__ */ new Map();
  for (const r of runs) {
    if (isPullRequestRun(r)) continue;
    const ts = Date.parse(r.run.timestamp);
    if (!Number.isFinite(ts) || ts < oldest || ts > now.getTime()) continue;
    if (Number.isFinite(currentTs) && ts > currentTs) continue;
    if (r.run.runId === current.run.runId) continue;
    if (current.run.event !== LOCAL_EVENT && r.run.sha === current.run.sha) continue;
    const prev = byRun.get(r.run.runId);
    if (prev === void 0 || prev.run.attempt < r.run.attempt) byRun.set(r.run.runId, r);
  }
  return [...byRun.values()].sort(
    (a, b) => Date.parse(a.run.timestamp) - Date.parse(b.run.timestamp) || a.run.runId - b.run.runId
  );
}
function cap(severity, max) {
  return severityRank(severity) > severityRank(max) ? max : severity;
}
function analyze(input) {
  const { current, config, now } = input;
  const isPr = input.isPullRequest;
  const baselineRuns = selectBaselineRuns(current, input.baseline, now, input.retentionDays);
  const prRuns = (input.prRuns ?? []).filter(
    (r) => r.run.runId !== current.run.runId && Date.parse(r.run.timestamp) <= Date.parse(current.run.timestamp)
  ).sort((a, b) => Date.parse(a.run.timestamp) - Date.parse(b.run.timestamp));
  const history = indexHistory(baselineRuns);
  const budgets = parseBudgets(config.budgets);
  const prIndex = indexHistory(prRuns);
  const ctx = {
    config,
    now,
    isPullRequest: isPr,
    currentFingerprint: fingerprintKey(current.run.runner),
    hosted: isHostedRunner(current.run.runner),
    currentTimestamp: Number.isFinite(Date.parse(current.run.timestamp)) ? Date.parse(current.run.timestamp) : now.getTime(),
    currentSha: current.run.sha,
    budgets,
    retentionDays: input.retentionDays,
    prValues: (key) => (prIndex.get(key) ?? []).map((h) => h.value)
  };
  const findings = [];
  const outcomes = [];
  const seenKeys = /* @__PURE__ */ new Set();
  for (const m of current.metrics) {
    if (seenKeys.has(m.key)) continue;
    seenKeys.add(m.key);
    const o = compareMetric(m, history.get(m.key) ?? [], ctx);
    outcomes.push(o);
    findings.push(...o.findings);
  }
  const q = benjaminiHochberg(outcomes.map((o) => o.p));
  const regressedSuites = /* @__PURE__ */ new Set();
  const metricFindings = [];
  const comparisons = outcomes.map((o, i) => {
    const c = o.candidate;
    if (c === void 0) return o.comparison;
    const qi = q[i];
    if (c.needsBh && !(qi <= config["fdr-q"])) {
      return { ...o.comparison, verdict: "unchanged", severity: null };
    }
    if (c.kind === "metric-regression" && severityRank(c.severity) >= severityRank("error"))
      regressedSuites.add(`${o.comparison.stage}/${c.suite}`);
    metricFindings.push({
      id: findingId(c.kind, o.comparison.key),
      kind: c.kind,
      severity: c.severity,
      title: `${c.kind === "metric-regression" ? "Regression" : "Improvement"}: ${o.comparison.key}`,
      reason: c.needsBh ? `${c.reason} and BH q ${qi.toPrecision(2)} \u2264 ${config["fdr-q"]}` : c.reason,
      subject: { type: "metric", key: o.comparison.key, stage: o.comparison.stage },
      numbers: { ...c.numbers, ...Number.isFinite(qi) ? { q: qi } : {} },
      ...c.badges.length > 0 ? { badges: c.badges } : {},
      labels: { score: c.score.toFixed(3) }
    });
    return o.comparison;
  });
  for (let i = 0; i < metricFindings.length; i++) {
    const f = metricFindings[i];
    if (!isPr && regressedSuites.size >= 3 && f.kind === "metric-regression" && f.severity === "error") {
      metricFindings[i] = {
        ...f,
        severity: "critical",
        reason: `${f.reason} and ${regressedSuites.size} suites regressed in this run`
      };
    }
  }
  findings.push(...metricFindings);
  const ranStages = new Set(current.stages.filter((s) => s.status !== "skipped").map((s) => s.name));
  for (const m of current.metrics) ranStages.add(m.stage);
  const latest = baselineRuns[baselineRuns.length - 1];
  if (latest !== void 0) {
    for (const m of latest.metrics) {
      if (seenKeys.has(m.key) || !ranStages.has(m.stage)) continue;
      if (findOverride(config.overrides, m.key, now)?.ignore === true) continue;
      findings.push({
        id: findingId("metric-missing", m.key),
        kind: "metric-missing",
        severity: "info",
        title: `Metric missing: ${m.key}`,
        reason: "reported by the latest baseline run, not by this run",
        subject: { type: "metric", key: m.key, stage: m.stage },
        numbers: { center: m.value, unit: m.unit }
      });
    }
  }
  for (const b of evaluateBudgets(budgetSubjects(current.metrics, current.chaos), budgets)) {
    const override = findOverride(config.overrides, b.subject.key, now);
    if (override?.ignore === true) continue;
    let severity = "error";
    if (!isPr && (b.subject.stage === "chaos" || override?.critical === true)) severity = "critical";
    if (override?.quarantine === true) severity = "info";
    const op = b.side === "max" ? b.budget.inclusive ? "\u2264" : "<" : b.budget.inclusive ? "\u2265" : ">";
    findings.push({
      id: findingId("budget", b.subject.key),
      kind: "budget",
      severity,
      title: `Budget broken: ${b.subject.key}`,
      reason: `${b.subject.value} ${b.subject.unit} breaks budget "${b.budget.source}" (must be ${op} ${b.bound})`,
      subject: {
        type: b.subject.stage === "chaos" && b.subject.key.startsWith("chaos/") ? "chaos" : "metric",
        key: b.subject.key,
        stage: b.subject.stage
      },
      numbers: { current: b.subject.value, unit: b.subject.unit, threshold: b.bound },
      ...override?.quarantine === true ? { badges: ["quarantined"] } : {}
    });
  }
  for (const s of current.stages) {
    if ((s.status === "failed" || s.status === "timed-out") && !s.continueOnError) {
      findings.push({
        id: findingId("stage-failed", s.name),
        kind: "stage-failed",
        severity: "error",
        title: `Stage ${s.name} ${s.status}`,
        reason: `exit code ${s.exitCode ?? "none"} after ${s.attempts} attempt(s)${s.errors.length > 0 ? `: ${s.errors[0]}` : ""}`,
        subject: { type: "stage", key: s.name, stage: s.name },
        numbers: { durationMs: s.durationMs }
      });
    }
  }
  for (const c of current.chaos) {
    if (c.verdict !== "failed") continue;
    findings.push({
      id: findingId("chaos-failed", c.experiment),
      kind: "chaos-failed",
      severity: isPr ? "error" : "critical",
      title: `Chaos experiment failed: ${c.experiment}`,
      reason: `steady state before/during/after: ${c.steadyState.before}/${c.steadyState.during}/${c.steadyState.after} under ${c.fault}`,
      subject: { type: "chaos", key: c.experiment, stage: "chaos" },
      numbers: { current: c.errorRate, ...c.recoveryMs !== null ? { durationMs: c.recoveryMs } : {} }
    });
  }
  const tests = analyzeTests(current, baselineRuns, prRuns, config, now);
  findings.push(...tests.findings);
  if (current.shards !== void 0) findings.push(...shardFindings(current.shards));
  const final = findings.map((f) => {
    let severity = f.severity;
    const o = f.subject.type === "metric" ? findOverride(config.overrides, f.subject.key, now) : void 0;
    if (o?.quarantine === true) severity = "info";
    if (isPr) severity = cap(severity, "error");
    if (severity === f.severity) return f;
    const badges = o?.quarantine === true && !(f.badges ?? []).includes("quarantined") ? [...f.badges ?? [], "quarantined"] : f.badges;
    return {
      ...f,
      severity,
      ...badges ? { badges } : {},
      ...o?.reason && o.quarantine ? { reason: `${f.reason} (quarantined: ${o.reason})` } : {}
    };
  });
  final.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || Number(b.labels?.score ?? 0) - Number(a.labels?.score ?? 0) || a.id.localeCompare(b.id)
  );
  let top = "pass";
  for (const f of final)
    if (f.severity !== "info" && (top === "pass" || severityRank(f.severity) > severityRank(top)))
      top = f.severity;
  const series = {};
  const changepoints = {};
  for (const o of outcomes) {
    series[o.comparison.key] = o.series;
    if (o.changepoints.length > 0) changepoints[o.comparison.key] = o.changepoints;
  }
  return {
    run: current.run,
    verdict: top,
    findings: final,
    comparisons,
    tests: {
      ...countTests(current.tests),
      flaky: tests.flaky,
      newFailures: tests.newFailures,
      fixed: tests.fixed
    },
    stages: current.stages,
    chaos: current.chaos,
    rules: {
      window: config.window,
      minSamples: config["min-samples"],
      minEffectPct: config["min-effect"],
      warnZ: config["warn-z"],
      failZ: config["fail-z"],
      fdrQ: config["fdr-q"],
      retentionDays: input.retentionDays
    },
    series,
    changepoints,
    historyRuns: baselineRuns.length,
    slowestTests: tests.slowest
  };
}

export {
  isPullRequestRun,
  analyze
};
