import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-IXITZCPI.js";
import {
  DEFAULT_PAGERDUTY_URL
} from "./chunk-U2O3BTYX.js";
import {
  isAtLeast,
  severityRank
} from "./chunk-LLLGGWG3.js";
import {
  DEFAULT_EMAIL_FROM
} from "./chunk-5GJBEOA2.js";
import {
  ChannelError,
  httpChannelError
} from "./chunk-A2Q6GNIY.js";
import {
  __toESM
} from "./chunk-ZAQXCPAF.js";

// src/alerts/routing.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var DEFAULT_ROUTES = [
  {
    match: { severity: "critical" },
    channels: ["slack", "pagerduty", "email"],
    continue: false,
    "group-by": "run",
    "repeat-interval": 4 * 36e5,
    mute: []
  },
  {
    match: { severity: "error" },
    channels: ["slack"],
    continue: false,
    "group-by": "run",
    "repeat-interval": 4 * 36e5,
    mute: []
  }
];
function effectiveRoutes(config) {
  return config.routes.length > 0 ? config.routes : DEFAULT_ROUTES;
}
var globCache = /* @__PURE__ */ new Map();
function glob(pattern, value) {
  let m = globCache.get(pattern);
  if (!m) {
    m = (0, import_picomatch.default)(pattern, { dot: true });
    globCache.set(pattern, m);
  }
  return m(value);
}
function severityMatches(spec, severity) {
  return spec.startsWith(">=") ? isAtLeast(severity, spec.slice(2)) : spec === severity;
}
function routeMatches(route, finding, run) {
  const m = route.match;
  if (m.severity !== void 0 && !severityMatches(m.severity, finding.severity)) return false;
  if (m.stage !== void 0 && finding.subject.stage !== m.stage) return false;
  if (m.branch !== void 0 && !glob(m.branch, run.branch)) return false;
  if (m.event !== void 0 && run.event !== m.event) return false;
  if (m.kind !== void 0 && finding.kind !== m.kind) return false;
  if (m.metric !== void 0 && (finding.subject.type !== "metric" || !glob(m.metric, finding.subject.key)))
    return false;
  if (m.test !== void 0 && (finding.subject.type !== "test" || !glob(m.test, finding.subject.key)))
    return false;
  if (m.labels !== void 0) {
    for (const [k, v] of Object.entries(m.labels)) if (finding.labels?.[k] !== v) return false;
  }
  return true;
}
function matchRoutes(routes, finding, run) {
  const out = [];
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i];
    if (!route || !routeMatches(route, finding, run)) continue;
    out.push(i);
    if (!route.continue) break;
  }
  return out;
}
var WEEKDAY_INDEX = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
function isMuted(mute, now) {
  if ("from" in mute) return now.getTime() >= Date.parse(mute.from) && now.getTime() < Date.parse(mute.to);
  if (mute.weekdays && !mute.weekdays.some((d) => WEEKDAY_INDEX[d] === now.getUTCDay())) return false;
  if (mute.hours) {
    const h = now.getUTCHours();
    const { from, to } = mute.hours;
    return from <= to ? h >= from && h < to : h >= from || h < to;
  }
  return true;
}

// src/report/escape.ts
var INVISIBLE = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
var CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
var NEWLINES = /\r\n|\r|\n|\u2028|\u2029/g;
var MAX_NAME_CHARS = 300;
function cleanText(text) {
  return text.replace(NEWLINES, "\n").replace(CONTROL, "").replace(INVISIBLE, "");
}
function truncateText(text, max) {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function oneLine(text) {
  return cleanText(text).replace(/[\n\t]+/g, " ").trim();
}
var MARKDOWN_SPECIAL = /[\\`*_[\]|~<>&#]/g;
var MARKDOWN_ENTITIES = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };
function escapeMarkdown(text, maxChars = MAX_NAME_CHARS) {
  return truncateText(oneLine(text), maxChars).replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ENTITIES[c] ?? `\\${c}`).replace(/#(?=\d)/g, "#&#8203;").replace(/@(?=[\w-])/g, "@&#8203;").replace(/:(?=\/\/)/g, "&#58;").replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}&#46;`);
}
function escapeMarkdownTableCell(text, maxChars = MAX_NAME_CHARS) {
  const escaped = escapeMarkdown(text, maxChars);
  return escaped === "" ? " " : escaped;
}
function markdownCodeBlock(text, maxLines = 10, maxChars = 2e3) {
  const lines = cleanText(text).split("\n");
  let body = lines.slice(0, maxLines).join("\n");
  if (lines.length > maxLines) body += `
\u2026 (${lines.length - maxLines} more lines)`;
  body = truncateText(body, maxChars);
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text
${body}
${fence}`;
}
function escapeSlackMrkdwn(text, maxChars = MAX_NAME_CHARS) {
  return truncateText(oneLine(text), maxChars).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=(channel|here|everyone)\b)/gi, "@\u200B");
}
var HTML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text, maxChars = 1e4) {
  return truncateText(cleanText(text), maxChars).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
function plainText(text, maxChars = MAX_NAME_CHARS) {
  return truncateText(oneLine(text), maxChars);
}
function sanitizeHeader(text, maxChars = 200) {
  return truncateText(oneLine(text).replace(/\s+/g, " "), maxChars);
}
function safeUrl(url) {
  if (url === void 0 || url === null || url === "") return null;
  if (/[\s"'<>`]/.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// src/report/caps.ts
var GITHUB_SUMMARY_MAX_BYTES = 1024 * 1024;
var DEFAULT_COMMENT_MAX_CHARS = 65e3;
var PAGERDUTY_SUMMARY_MAX_CHARS = 1024;
var COMMENT_CAPS = {
  changed: 100,
  failures: 30,
  messageLines: 6,
  flaky: 30,
  fixed: 30,
  unchanged: 200,
  chaos: 30,
  other: 50,
  trends: 5,
  charts: "mermaid"
};
var SUMMARY_CAPS = {
  changed: 2e3,
  failures: 500,
  messageLines: 12,
  flaky: 500,
  fixed: 500,
  unchanged: 5e3,
  chaos: 200,
  other: 500,
  trends: 20,
  charts: "mermaid"
};
var ALERT_CAPS = {
  changed: 10,
  failures: 10,
  messageLines: 3,
  flaky: 5,
  fixed: 0,
  unchanged: 0,
  chaos: 10,
  other: 10,
  trends: 3,
  charts: "sparkline"
};
var PROBE_CAPS = { ...SUMMARY_CAPS, trends: 2 };
var SHRINK_STEPS = [
  { unchanged: 50 },
  { unchanged: 0, fixed: 0 },
  { flaky: 10, charts: "sparkline" },
  { flaky: 0, other: 20 },
  { chaos: 5 },
  { trends: 0, charts: "none" },
  { messageLines: 2, failures: 20 },
  { changed: 50, failures: 10, other: 5, chaos: 0 },
  { changed: 20, failures: 5, other: 0, messageLines: 1 },
  { changed: 5, failures: 3, messageLines: 0 },
  { changed: 0, failures: 0 }
];
function lowerCaps(caps, step) {
  const out = { ...caps };
  for (const [key, value] of Object.entries(step)) {
    const current = out[key];
    if (typeof value === "number" && typeof current === "number") out[key] = Math.min(current, value);
    else if (key === "charts") {
      const order = ["mermaid", "sparkline", "none"];
      out[key] = order[Math.max(order.indexOf(String(current)), order.indexOf(String(value)))];
    }
  }
  return out;
}

// src/report/comment-marker.ts
var COMMENT_MARKER_PREFIX = "gauntlet:comment";
function commentMarker(id) {
  const safe = id.replace(/[^\w.-]/g, "_").slice(0, 100) || "default";
  return `<!-- ${COMMENT_MARKER_PREFIX} id=${safe} -->`;
}
function hasCommentMarker(body, id) {
  return body.trimStart().startsWith(commentMarker(id));
}

// src/report/format.ts
var GROUPING = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function formatCount(n) {
  return Number.isFinite(n) ? GROUPING.format(n) : String(n);
}
function formatNumber(n) {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs >= 1e3) return GROUPING.format(Math.round(n));
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return String(Number(n.toFixed(Math.min(digits, 12))));
}
var TIME_UNITS = [
  ["ns", 1e-9],
  ["\xB5s", 1e-6],
  ["ms", 1e-3],
  ["s", 1]
];
var TIME_ALIASES = {
  us: "\xB5s",
  \u03BCs: "\xB5s",
  sec: "s",
  secs: "s",
  seconds: "s"
};
var BYTE_UNITS = [
  ["B", 1],
  ["KiB", 1024],
  ["MiB", 1024 ** 2],
  ["GiB", 1024 ** 3]
];
function scale(value, unit) {
  const u = TIME_ALIASES[unit] ?? unit;
  for (const family of [TIME_UNITS, BYTE_UNITS]) {
    const from = family.find(([name]) => name === u);
    if (!from || !Number.isFinite(value)) continue;
    const base = value * from[1];
    let best = family[0];
    for (const candidate of family) if (Math.abs(base) >= candidate[1]) best = candidate;
    if (base === 0) best = from;
    return { value: base / best[1], unit: best[0] };
  }
  return { value, unit };
}
function formatValue(value, unit) {
  const scaled = scale(value, unit);
  const number = formatNumber(scaled.value);
  return scaled.unit === "" ? number : `${number} ${scaled.unit}`;
}
function formatPercent(pct) {
  if (!Number.isFinite(pct)) return "\u2014";
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return "\xB10.0 %";
  const sign = rounded > 0 ? "+" : "-";
  const abs = Math.abs(rounded);
  return `${sign}${abs >= 1e3 ? GROUPING.format(abs) : abs.toFixed(1)} %`;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "\u2014";
  if (ms < 1e3) return `${formatNumber(ms)} ms`;
  if (ms < 6e4) return `${formatNumber(ms / 1e3)} s`;
  const totalSeconds = Math.round(ms / 1e3);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor(totalSeconds % 3600 / 60);
  const s = totalSeconds % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s}s`;
}
function plural(n, singular, pluralForm) {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm ?? `${singular}s`}`;
}
var BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
function sparkline(values, width = 30) {
  const points = downsample(values.filter(Number.isFinite), width);
  if (points.length === 0) return "";
  const min = Math.min(...points);
  const max = Math.max(...points);
  const range = max - min;
  return points.map((v) => BARS[range === 0 ? 3 : Math.min(7, Math.floor((v - min) / range * 8))] ?? "\u2584").join("");
}
function downsample(values, max) {
  if (values.length <= max) return [...values];
  const out = [];
  for (let i = 0; i < max; i++) {
    const from = Math.floor(i * values.length / max);
    const to = Math.floor((i + 1) * values.length / max);
    let sum = 0;
    for (let j = from; j < to; j++) sum += values[j];
    out.push(sum / Math.max(1, to - from));
  }
  return out;
}

// src/report/view-model.ts
var FAILURE_KINDS = /* @__PURE__ */ new Set(["test-new-failure", "test-still-failing"]);
var SECTION_KINDS = /* @__PURE__ */ new Set([
  "test-new-failure",
  "test-still-failing",
  "test-flaky",
  "test-fixed",
  "metric-regression",
  "metric-improvement",
  "chaos-failed"
]);
function isChanged(c) {
  return c.verdict === "regressed" || c.verdict === "improved" || c.severity !== null && severityRank(c.severity) >= severityRank("warning");
}
function compareComparisons(a, b) {
  const sa = a.severity === null ? -1 : severityRank(a.severity);
  const sb = b.severity === null ? -1 : severityRank(b.severity);
  if (sa !== sb) return sb - sa;
  if (a.verdict !== b.verdict) return a.verdict === "regressed" ? -1 : b.verdict === "regressed" ? 1 : 0;
  return Math.abs(b.deltaPct ?? 0) - Math.abs(a.deltaPct ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
function prepareReport(report, subset) {
  const findings = subset ?? report.findings;
  const metricKeys = subset ? new Set(subset.filter((f) => f.subject.type === "metric").map((f) => f.subject.key)) : null;
  const chaosKeys = subset ? new Set(subset.filter((f) => f.subject.type === "chaos").map((f) => f.subject.key)) : null;
  const comparisons = metricKeys ? report.comparisons.filter((c) => metricKeys.has(c.key)) : report.comparisons;
  const changed = comparisons.filter(isChanged).sort(compareComparisons);
  const unchanged = comparisons.filter((c) => !isChanged(c));
  const failures = findings.filter((f) => FAILURE_KINDS.has(f.kind));
  failures.sort((a, b) => Number(b.kind === "test-new-failure") - Number(a.kind === "test-new-failure"));
  const chaos = (chaosKeys ? report.chaos.filter((c) => chaosKeys.has(c.experiment)) : report.chaos).slice().sort((a, b) => Number(b.verdict === "failed") - Number(a.verdict === "failed"));
  return {
    report,
    changed,
    unchanged,
    failures,
    flaky: findings.filter((f) => f.kind === "test-flaky"),
    fixed: findings.filter((f) => f.kind === "test-fixed"),
    chaos,
    other: findings.filter((f) => !SECTION_KINDS.has(f.kind)),
    regressedKeys: changed.filter((c) => c.verdict === "regressed").map((c) => c.key),
    regressed: report.comparisons.filter((c) => c.verdict === "regressed").length,
    improved: report.comparisons.filter((c) => c.verdict === "improved").length
  };
}
var ESCAPERS = {
  markdown: {
    text: escapeMarkdown,
    cell: escapeMarkdownTableCell,
    block: (s, lines) => markdownCodeBlock(s, lines),
    link: (t, url) => url ? `[${t}](${url.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : t
  },
  slack: {
    text: escapeSlackMrkdwn,
    cell: escapeSlackMrkdwn,
    block: (s, lines) => {
      const kept = cleanText(s).split("\n").slice(0, lines).join("\n");
      return `\`\`\`${truncateText(kept, 1500).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/`/g, "\u02CB")}\`\`\``;
    },
    link: (t, url) => url ? `<${url.replace(/\|/g, "%7C").replace(/>/g, "%3E")}|${t}>` : t
  },
  html: {
    text: (s, max = 300) => escapeHtml(s.replace(/[\r\n]+/g, " "), max),
    cell: (s, max = 300) => escapeHtml(s.replace(/[\r\n]+/g, " "), max),
    block: (s, lines) => `<pre>${escapeHtml(cleanText(s).split("\n").slice(0, lines).join("\n"), 2e3)}</pre>`,
    link: (t, url) => url ? `<a href="${escapeHtml(url)}">${t}</a>` : t
  },
  text: {
    text: plainText,
    cell: plainText,
    block: (s, lines) => truncateText(
      cleanText(s).split("\n").slice(0, lines).map((l) => `    ${l}`).join("\n"),
      2e3
    ),
    link: (t, url) => url ? `${t} (${url})` : t
  }
};
var SEVERITY_ICONS = {
  markdown: { pass: "\u2705", info: "\u2139\uFE0F", warning: "\u26A0\uFE0F", error: "\u274C", critical: "\u{1F6A8}" },
  html: { pass: "\u2705", info: "\u2139\uFE0F", warning: "\u26A0\uFE0F", error: "\u274C", critical: "\u{1F6A8}" },
  slack: {
    pass: ":white_check_mark:",
    info: ":information_source:",
    warning: ":warning:",
    error: ":x:",
    critical: ":rotating_light:"
  },
  text: { pass: "[PASS]", info: "[INFO]", warning: "[WARNING]", error: "[ERROR]", critical: "[CRITICAL]" }
};
var VERDICT_ICONS = {
  markdown: {
    regressed: "\u{1F534}",
    improved: "\u{1F7E2}",
    unchanged: "\u26AA",
    new: "\u{1F195}",
    noisy: "\u3030\uFE0F",
    "insufficient-history": "\u23F3",
    ignored: "\u23F8\uFE0F"
  },
  html: {
    regressed: "\u{1F534}",
    improved: "\u{1F7E2}",
    unchanged: "\u26AA",
    new: "\u{1F195}",
    noisy: "\u3030\uFE0F",
    "insufficient-history": "\u23F3",
    ignored: "\u23F8\uFE0F"
  },
  slack: {
    regressed: ":red_circle:",
    improved: ":large_green_circle:",
    unchanged: ":white_circle:",
    new: ":new:",
    noisy: ":wavy_dash:",
    "insufficient-history": ":hourglass:",
    ignored: ":double_vertical_bar:"
  },
  text: {
    regressed: "REGRESSED",
    improved: "improved",
    unchanged: "unchanged",
    new: "new",
    noisy: "noisy",
    "insufficient-history": "insufficient history",
    ignored: "ignored"
  }
};
var REGRESSION_ICONS = {
  markdown: { strong: "\u{1F534}", warning: "\u{1F7E0}", weak: "\u{1F7E1}" },
  html: { strong: "\u{1F534}", warning: "\u{1F7E0}", weak: "\u{1F7E1}" },
  slack: { strong: ":red_circle:", warning: ":large_orange_circle:", weak: ":large_yellow_circle:" },
  text: { strong: "REGRESSED", warning: "regressed (warning)", weak: "regressed (info)" }
};
function comparisonIcon(target, c) {
  if (c.verdict !== "regressed") return iconFor(target, c.verdict);
  const strength = c.severity === "error" || c.severity === "critical" ? "strong" : c.severity === "warning" ? "warning" : "weak";
  return REGRESSION_ICONS[target][strength];
}
function iconFor(target, key) {
  const sev = SEVERITY_ICONS[target];
  const ver = VERDICT_ICONS[target];
  return sev[key] ?? ver[key] ?? "";
}
var VERDICT_LABELS = {
  regressed: "regressed",
  improved: "improved",
  unchanged: "unchanged",
  new: "new",
  noisy: "noisy",
  "insufficient-history": "insufficient history",
  ignored: "ignored"
};
var BADGE_LABELS = {
  noisy: "noisy",
  new: "new",
  "insufficient-history": "insufficient history",
  "different-runner": "different runner",
  quarantined: "quarantined",
  unconfirmed: "unconfirmed"
};
function badgeText(target, badges) {
  const labels = badges.map((b) => BADGE_LABELS[b] ?? "unknown");
  if (target === "markdown" || target === "slack") return labels.map((l) => `\`${l}\``).join(" ");
  if (target === "html") return labels.map((l) => `<span class="badge">${l}</span>`).join(" ");
  return labels.join(", ");
}
function rawChangePct(c) {
  if (c.deltaPct === null) return null;
  return c.direction === "higher" ? -c.deltaPct : c.deltaPct;
}
function metricRow(target, esc, c, series) {
  const raw = rawChangePct(c);
  return {
    metric: esc.cell(c.key),
    stage: c.stage,
    current: esc.cell(formatValue(c.current, c.unit)),
    currentValue: c.current,
    unit: esc.cell(c.unit, 40),
    baseline: c.baseline ? esc.cell(`${formatValue(c.baseline.center, c.unit)} (n ${c.baseline.n}/${c.baseline.window})`) : "\u2014",
    n: c.baseline?.n ?? null,
    window: c.baseline?.window ?? null,
    delta: raw === null ? "\u2014" : formatPercent(raw),
    z: c.z === null ? "\u2014" : c.z.toFixed(1),
    verdict: c.verdict,
    verdictLabel: VERDICT_LABELS[c.verdict],
    icon: comparisonIcon(target, c),
    severity: c.severity,
    badges: badgeText(target, c.badges),
    sparkline: series && series.length > 1 ? sparkline(
      series.map((p) => p.value),
      20
    ) : ""
  };
}
function fileLink(links, file, line) {
  let base = links.blob;
  if (!base && links.commit) {
    const m = /^(https?:\/\/.+)\/commit\/([0-9a-f]{7,64})\/?$/i.exec(links.commit);
    if (m) base = `${m[1]}/blob/${m[2]}/`;
  }
  const safeBase = safeUrl(base);
  if (!safeBase) return null;
  const path = file.replace(/\\/g, "/").split("/").filter((s) => s !== "" && s !== "." && s !== "..").map(encodeURIComponent).join("/");
  if (path === "") return null;
  const anchor = line !== void 0 && Number.isInteger(line) && line > 0 ? `#L${line}` : "";
  return `${safeBase.endsWith("/") ? safeBase : `${safeBase}/`}${path}${anchor}`;
}
function steadyIcon(target, v) {
  if (target === "text") return v;
  if (target === "slack")
    return v === "passed" ? ":white_check_mark:" : v === "failed" ? ":x:" : ":heavy_minus_sign:";
  return v === "passed" ? "\u2705" : v === "failed" ? "\u274C" : "\u2796";
}
function mermaidChart(points, unit, maxPoints = 30) {
  const values = downsample(
    points.map((p) => p.value),
    maxPoints
  );
  const stamps = downsample(
    points.map((p) => Date.parse(p.timestamp)),
    maxPoints
  );
  const labels = stamps.map(
    (t) => Number.isFinite(t) ? `"${new Date(t).toISOString().slice(5, 10)}"` : '""'
  );
  const safeUnit = unit.replace(/[^\w %/.µ-]/g, "").slice(0, 20);
  const ys = values.map((v) => Number(v.toPrecision(4)));
  return [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels.join(", ")}]`,
    `  y-axis "${safeUnit}"`,
    `  line [${ys.join(", ")}]`,
    "```"
  ].join("\n");
}
function headline(target, prepared) {
  const r = prepared.report;
  const failed = r.tests.failed + r.tests.errored;
  const chaosBroken = r.chaos.filter((c) => c.verdict === "failed").length;
  const parts = [];
  const shardsMissing = r.findings.filter((f) => f.kind === "shard-missing").length;
  const shardsFailed = r.findings.filter((f) => f.kind === "shard-failed").length;
  if (shardsMissing > 0) parts.push(`${plural(shardsMissing, "shard")} missing`);
  if (shardsFailed > 0) parts.push(`${plural(shardsFailed, "shard")} failed`);
  if (failed > 0)
    parts.push(
      `${plural(failed, "test")} failed${r.tests.newFailures > 0 ? ` (${formatCount(r.tests.newFailures)} new)` : ""}`
    );
  if (prepared.regressed > 0) parts.push(`${plural(prepared.regressed, "metric")} regressed`);
  if (prepared.improved > 0) parts.push(`${formatCount(prepared.improved)} improved`);
  if (r.tests.flaky > 0) parts.push(plural(r.tests.flaky, "flaky test"));
  if (chaosBroken > 0) parts.push(`${plural(chaosBroken, "chaos experiment")} broken`);
  if (r.tests.fixed > 0) parts.push(plural(r.tests.fixed, "fixed test"));
  if (parts.length === 0) {
    parts.push(`all ${plural(r.tests.passed, "test")} passed`);
    const within = r.comparisons.filter((c) => c.verdict === "unchanged").length;
    const unjudged = r.comparisons.filter(
      (c) => c.verdict === "new" || c.verdict === "insufficient-history"
    ).length;
    if (within > 0) parts.push(`${plural(within, "metric")} within baseline`);
    if (unjudged > 0) parts.push(`${plural(unjudged, "metric")} without enough history yet`);
  }
  let advice;
  if (shardsMissing > 0)
    advice = "Results are incomplete: a shard uploaded no record (see Other findings); re-run its job before trusting this verdict.";
  else if (r.tests.newFailures > 0) advice = "Fix the new test failures below before merging.";
  else if (failed > 0) advice = "Some tests fail here and on the base branch too; see the failures below.";
  else if (prepared.regressed > 0)
    advice = "Check the regressions below: if the slowdown is expected, say so in the PR; otherwise look at the commits since the baseline.";
  else if (chaosBroken > 0) advice = "A chaos experiment broke its steady state; see the chaos details.";
  else if (r.tests.flaky > 0)
    advice = "No regressions; some tests are flaky and should be fixed or quarantined.";
  else if (r.historyRuns === 0)
    advice = "Tests and budgets passed; metrics get verdicts once the default branch has a few runs of history.";
  else advice = "Safe to merge as far as tests and benchmarks can tell.";
  const sep = target === "text" ? ", " : " \xB7 ";
  return { headline: parts.join(sep), advice };
}
var VERDICT_LABEL = {
  pass: "Passed",
  info: "Passed with notes",
  warning: "Warnings",
  error: "Failed",
  critical: "Critical"
};
function pickLinks(links) {
  return {
    run: safeUrl(links.run),
    commit: safeUrl(links.commit),
    history: safeUrl(links.history),
    fullReport: safeUrl(links.fullReport)
  };
}
function describeCut(singular, shown, total) {
  const missing = total - shown;
  return missing > 0 ? plural(missing, singular) : null;
}
function buildView(prepared, opts) {
  const { target, caps } = opts;
  const esc = ESCAPERS[target];
  const r = prepared.report;
  const take = (items, n) => items.length > n ? items.slice(0, n) : items;
  const changed = take(prepared.changed, caps.changed).map((c) => metricRow(target, esc, c, r.series[c.key]));
  const unchanged = take(prepared.unchanged, caps.unchanged).map((c) => metricRow(target, esc, c, void 0));
  const failures = take(prepared.failures, caps.failures).map((f) => {
    const loc = f.location;
    const locText = loc ? esc.text(loc.line ? `${loc.file}:${loc.line}` : loc.file, 200) : "";
    return {
      title: esc.text(f.title),
      isNew: f.kind === "test-new-failure",
      severity: f.severity,
      location: loc ? esc.link(locText, fileLink(opts.links, loc.file, loc.line)) : "",
      message: f.message && caps.messageLines > 0 ? esc.block(f.message, caps.messageLines) : "",
      hasMessage: Boolean(f.message) && caps.messageLines > 0,
      reason: esc.text(f.reason)
    };
  });
  const testRow = (f) => ({
    title: esc.text(f.title),
    detail: esc.text(
      f.numbers?.flips !== void 0 ? `${plural(f.numbers.flips, "flip")}${f.numbers.flipRate !== void 0 ? ` (${formatPercent(f.numbers.flipRate * 100).replace("+", "")})` : ""}` : f.reason
    ),
    severity: f.severity
  });
  const chaos = take(prepared.chaos, caps.chaos).map((c) => ({
    experiment: esc.cell(c.experiment),
    fault: esc.cell(c.fault),
    before: steadyIcon(target, c.steadyState.before),
    during: steadyIcon(target, c.steadyState.during),
    after: steadyIcon(target, c.steadyState.after),
    errorRate: `${formatNumber1(c.errorRate * 100)} %`,
    p95: c.latencyMs ? formatValue(c.latencyMs.p95, "ms") : "\u2014",
    recovery: c.recoveryMs === null ? "did not recover" : formatDuration(c.recoveryMs),
    verdict: c.verdict,
    icon: iconFor(target, c.verdict === "failed" ? "error" : "pass"),
    notes: esc.cell((c.notes ?? []).join("; "))
  }));
  const other = take(prepared.other, caps.other).map((f) => ({
    icon: iconFor(target, f.severity),
    severity: f.severity,
    kind: f.kind,
    title: esc.text(f.title),
    reason: esc.text(f.reason)
  }));
  const trendKeys = caps.charts === "none" ? [] : take(prepared.regressedKeys, caps.trends);
  const trends = trendKeys.flatMap((key) => {
    const points = r.series[key];
    if (!points || points.length < 2) return [];
    const comparison = prepared.changed.find((c) => c.key === key);
    const unit = comparison?.unit ?? "";
    const cps = (r.changepoints[key] ?? []).flatMap((i) => {
      const p = points[i];
      return p ? [`${p.timestamp.slice(0, 10)} (${esc.text(p.sha.slice(0, 7), 12)})`] : [];
    });
    return [
      {
        metric: esc.text(key),
        points: points.length,
        sparkline: sparkline(
          points.map((p) => p.value),
          40
        ),
        mermaid: target === "markdown" && caps.charts === "mermaid" ? mermaidChart(points, unit) : "",
        first: points[0].timestamp.slice(0, 10),
        last: points[points.length - 1].timestamp.slice(0, 10),
        changepoints: cps.join(", ")
      }
    ];
  });
  const drawable = prepared.regressedKeys.filter((k) => (r.series[k]?.length ?? 0) >= 2).length;
  const cut = [
    describeCut("changed metric", changed.length, prepared.changed.length),
    describeCut("test failure", failures.length, prepared.failures.length),
    describeCut("flaky test", Math.min(prepared.flaky.length, caps.flaky), prepared.flaky.length),
    opts.alert ? null : describeCut("fixed test", Math.min(prepared.fixed.length, caps.fixed), prepared.fixed.length),
    opts.alert ? null : describeCut("unchanged metric", unchanged.length, prepared.unchanged.length),
    describeCut("chaos experiment", chaos.length, prepared.chaos.length),
    describeCut("other finding", other.length, prepared.other.length),
    describeCut("trend chart", trends.length, drawable)
  ].filter((s) => s !== null);
  const { headline: head, advice } = headline(target, prepared);
  const chaosBroken = r.chaos.filter((c) => c.verdict === "failed").length;
  return {
    target,
    id: esc.text(opts.id, 100),
    marker: opts.marker,
    verdict: {
      severity: r.verdict,
      icon: iconFor(target, r.verdict),
      label: VERDICT_LABEL[r.verdict],
      headline: head,
      advice
    },
    run: {
      repository: esc.text(r.run.repository, 140),
      branch: esc.text(r.run.branch, 200),
      sha: esc.text(r.run.sha, 64),
      shortSha: esc.text(r.run.sha.slice(0, 7), 7),
      event: esc.text(r.run.event, 40),
      prNumber: r.run.prNumber,
      runner: esc.text(
        [r.run.runner.os, r.run.runner.arch, r.run.runner.cpuModel, `${r.run.runner.cores} cores`].join(
          " \xB7 "
        ),
        200
      ),
      timestamp: esc.text(r.run.timestamp, 40)
    },
    links: pickLinks(opts.links),
    counts: {
      tests: r.tests.tests,
      passed: r.tests.passed,
      failed: r.tests.failed + r.tests.errored,
      skipped: r.tests.skipped,
      newFailures: r.tests.newFailures,
      fixed: r.tests.fixed,
      flaky: r.tests.flaky,
      regressed: prepared.regressed,
      improved: prepared.improved,
      unchanged: r.comparisons.length - prepared.regressed - prepared.improved,
      metrics: r.comparisons.length,
      chaos: r.chaos.length,
      chaosBroken,
      findings: r.findings.length
    },
    firstRun: r.historyRuns === 0,
    historyRuns: r.historyRuns,
    changed,
    unchanged,
    failures,
    flaky: take(prepared.flaky, caps.flaky).map(testRow),
    fixed: take(prepared.fixed, caps.fixed).map(testRow),
    chaos,
    other,
    trends,
    rules: {
      window: r.rules.window,
      minSamples: r.rules.minSamples,
      minEffect: formatPercent(r.rules.minEffectPct).replace("+", ""),
      warnZ: r.rules.warnZ,
      failZ: r.rules.failZ,
      fdrQ: r.rules.fdrQ,
      retentionDays: r.rules.retentionDays
    },
    cut,
    hasCut: cut.length > 0,
    charts: caps.charts
  };
}
function formatNumber1(n) {
  return (Math.round(n * 10) / 10).toFixed(1);
}

// src/report/render-report.ts
var chars = (s) => s.length;
var bytes = (s) => Buffer.byteLength(s, "utf8");
function closeOpenBlocks(text) {
  let out = text;
  const fences = out.match(/^ *(`{3,}|~{3,})/gm)?.length ?? 0;
  if (fences % 2 === 1) out += "\n```";
  const open = (out.match(/<details[\s>]/g) ?? []).length - (out.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < open; i++) out += "\n</details>";
  return out;
}
function renderFitted(prepared, templates, opts) {
  const template = templates.templates[opts.name];
  let caps = opts.caps;
  let body = "";
  for (let i = -1; i < SHRINK_STEPS.length; i++) {
    if (i >= 0) caps = lowerCaps(caps, SHRINK_STEPS[i]);
    const view = buildView(prepared, {
      target: template.target,
      caps,
      links: opts.links,
      id: opts.id,
      marker: opts.marker,
      alert: opts.alert ?? false
    });
    body = template.render(view);
    if (opts.measure(body) <= opts.limit) return body;
  }
  const full = buildView(prepared, {
    target: template.target,
    caps,
    links: opts.links,
    id: opts.id,
    marker: ""
  });
  const note = template.target === "markdown" ? `

> \u2702\uFE0F This report was cut to fit the ${opts.limit.toLocaleString("en-US")}-character limit.${full.links.fullReport ? ` [Full report](${full.links.fullReport})` : ""}
` : `

[cut to fit ${opts.limit} characters]`;
  const room = opts.limit - opts.measure(note) - 200;
  let cut = body;
  if (opts.measure(cut) > room) {
    cut = truncateText(cut, Math.max(0, room));
    while (opts.measure(cut) > room) cut = cut.slice(0, Math.floor(cut.length * 0.9));
    const lastNewline = cut.lastIndexOf("\n");
    if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  }
  return closeOpenBlocks(cut) + note;
}
function renderReport(report, opts) {
  const isComment = opts.target === "comment";
  return renderFitted(prepareReport(report), opts.templates, {
    name: opts.target,
    caps: isComment ? COMMENT_CAPS : SUMMARY_CAPS,
    limit: opts.maxChars ?? (isComment ? DEFAULT_COMMENT_MAX_CHARS : GITHUB_SUMMARY_MAX_BYTES),
    measure: isComment ? chars : bytes,
    links: opts.links,
    id: opts.commentId,
    marker: isComment ? commentMarker(opts.commentId) : ""
  });
}
function alertRender(report, opts, name, limit, measure = chars) {
  return renderFitted(prepareReport(report, opts.findings), opts.templates, {
    name,
    caps: ALERT_CAPS,
    limit,
    measure,
    links: opts.links ?? {},
    id: opts.id ?? "default",
    marker: "",
    alert: true
  });
}
var SLACK_TEXT_MAX_CHARS = 3e3;
function renderSlackText(report, opts) {
  return alertRender(report, opts, "slack", SLACK_TEXT_MAX_CHARS).trim();
}
function renderEmail(report, opts) {
  const prepared = prepareReport(report, opts.findings);
  const view = buildView(prepared, {
    target: "text",
    caps: ALERT_CAPS,
    links: opts.links ?? {},
    id: opts.id ?? "default",
    marker: ""
  });
  const where = report.run.prNumber === null ? view.run.branch : `PR #${report.run.prNumber}`;
  const subject = sanitizeHeader(
    `[Gauntlet] ${view.verdict.label}: ${report.run.repository} ${where}: ${view.verdict.headline}`,
    200
  );
  return {
    subject,
    text: alertRender(report, opts, "email-text", 1e5),
    html: alertRender(report, opts, "email-html", 5e5)
  };
}
function renderPagerDutySummary(report, opts) {
  const text = alertRender(report, opts, "pagerduty", 4 * PAGERDUTY_SUMMARY_MAX_CHARS);
  return truncateText(text.replace(/\s+/g, " ").trim(), PAGERDUTY_SUMMARY_MAX_CHARS);
}

// src/alerts/constants.ts
var SLACK_MAX_BLOCKS = 50;
var SLACK_HEADER_MAX_CHARS = 150;
var SLACK_SECTION_MAX_CHARS = 3e3;
var SLACK_FALLBACK_MAX_CHARS = 3e3;
var MAX_FINDINGS_PER_MESSAGE = 10;
var PAGERDUTY_SUMMARY_MAX_CHARS2 = 1024;
var PAGERDUTY_DEDUP_KEY_MAX_CHARS = 255;
var EMAIL_SUBJECT_MAX_CHARS = 200;
var PAGERDUTY_SOURCE = "gauntlet";

// src/alerts/render.ts
var VERDICT_WORD = {
  critical: "Critical regression",
  error: "Regression",
  warning: "Warning",
  info: "Info"
};
function numbersLine(f) {
  const n = f.numbers;
  if (!n) return "";
  const parts = [];
  if (n.current !== void 0) parts.push(`${fmt(n.current)}${n.unit ? ` ${n.unit}` : ""}`);
  if (n.center !== void 0) parts.push(`baseline ${fmt(n.center)}`);
  if (n.deltaPct !== void 0) parts.push(`\u0394 ${n.deltaPct >= 0 ? "+" : ""}${n.deltaPct.toFixed(1)} %`);
  if (n.z !== void 0) parts.push(`z ${n.z.toFixed(1)}`);
  if (n.n !== void 0) parts.push(`n ${n.n}`);
  if (n.flipRate !== void 0) parts.push(`flip rate ${(n.flipRate * 100).toFixed(0)} %`);
  return parts.join(", ");
}
function fmt(x) {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
function worst(findings) {
  const order = ["critical", "error", "warning", "info"];
  return order.find((s) => findings.some((f) => f.severity === s)) ?? "info";
}
function headline2(run, findings) {
  return `${VERDICT_WORD[worst(findings)]}: ${run.repository} ${run.branch} (${findings.length} finding${findings.length === 1 ? "" : "s"})`;
}
function linkList(links) {
  const out = [];
  const add = (text, url) => {
    const safe = safeUrl(url);
    if (safe) out.push({ text, url: safe });
  };
  add("PR comment", links.comment);
  add("Workflow run", links.run);
  add("Full report", links.report);
  return out;
}
function renderSlack(run, findings, links) {
  const head = truncateText(plainText(headline2(run, findings), 1e3), SLACK_HEADER_MAX_CHARS);
  const shown = findings.slice(0, MAX_FINDINGS_PER_MESSAGE);
  const blocks = [
    { type: "header", text: { type: "plain_text", text: head, emoji: true } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: truncateText(
            `${escapeSlackMrkdwn(run.repository)} \xB7 \`${escapeSlackMrkdwn(run.branch)}\` \xB7 ${escapeSlackMrkdwn(run.sha.slice(0, 7))} \xB7 ${escapeSlackMrkdwn(run.event)}`,
            SLACK_SECTION_MAX_CHARS
          )
        }
      ]
    }
  ];
  for (const f of shown) {
    const nums = numbersLine(f);
    const text = `*${f.severity.toUpperCase()}* ${escapeSlackMrkdwn(f.title)}
${escapeSlackMrkdwn(f.reason, 500)}${nums ? `
${escapeSlackMrkdwn(nums, 500)}` : ""}`;
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: truncateText(text, SLACK_SECTION_MAX_CHARS) }
    });
  }
  if (findings.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `\u2026and ${findings.length - shown.length} more in the report.` }]
    });
  }
  const buttons = linkList(links).map((l) => ({
    type: "button",
    text: { type: "plain_text", text: l.text },
    url: l.url
  }));
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  const fallback = [head, ...shown.map((f) => `${f.severity}: ${escapeSlackMrkdwn(f.title)}`)].join("\n");
  return { text: truncateText(fallback, SLACK_FALLBACK_MAX_CHARS), blocks: blocks.slice(0, SLACK_MAX_BLOCKS) };
}
function dedupKey(repository, branch, findingId) {
  const key = `gauntlet/${repository}/${branch}/${findingId}`;
  if (key.length <= PAGERDUTY_DEDUP_KEY_MAX_CHARS) return key;
  return `${key.slice(0, PAGERDUTY_DEDUP_KEY_MAX_CHARS - 17)}#${fnv1a64(key)}`;
}
function fnv1a64(text) {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = h * 0x100000001b3n & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}
function renderPagerDutyTrigger(run, finding, links, now, summaryText) {
  const nums = numbersLine(finding);
  const summary = truncateText(
    summaryText ?? plainText(`[${run.repository} ${run.branch}] ${finding.title}${nums ? ` (${nums})` : ""}`, 4e3),
    PAGERDUTY_SUMMARY_MAX_CHARS2
  );
  return {
    event_action: "trigger",
    dedup_key: dedupKey(run.repository, run.branch, finding.id),
    payload: {
      summary,
      source: plainText(run.repository || PAGERDUTY_SOURCE, 255),
      severity: finding.severity,
      timestamp: now.toISOString(),
      component: plainText(finding.subject.key, 255),
      group: plainText(finding.subject.stage ?? finding.subject.type, 255),
      class: finding.kind,
      custom_details: {
        reason: plainText(finding.reason, 1e3),
        ...finding.numbers ? { numbers: finding.numbers } : {},
        sha: run.sha,
        event: run.event,
        run_id: run.runId
      }
    },
    links: linkList(links).map((l) => ({ href: l.url, text: l.text }))
  };
}
function renderPagerDutyResolve(dedup) {
  return { event_action: "resolve", dedup_key: dedup };
}
function renderEmail2(run, findings, links, to) {
  const subject = sanitizeHeader(`[Gauntlet] ${headline2(run, findings)}`, EMAIL_SUBJECT_MAX_CHARS);
  const shown = findings.slice(0, MAX_FINDINGS_PER_MESSAGE);
  const more = findings.length - shown.length;
  const ls = linkList(links);
  const text = [
    plainText(headline2(run, findings), 1e3),
    `Commit ${run.sha} (${plainText(run.event)})`,
    "",
    ...shown.flatMap((f) => [
      `- ${f.severity.toUpperCase()} ${plainText(f.title)}`,
      `  ${plainText(f.reason, 500)}`,
      ...numbersLine(f) ? [`  ${numbersLine(f)}`] : []
    ]),
    ...more > 0 ? [`\u2026and ${more} more in the report.`] : [],
    "",
    ...ls.map((l) => `${l.text}: ${l.url}`)
  ].join("\n");
  const html = [
    `<h2>${escapeHtml(headline2(run, findings), 1e3)}</h2>`,
    `<p>Commit <code>${escapeHtml(run.sha)}</code> (${escapeHtml(run.event)})</p>`,
    "<ul>",
    ...shown.map(
      (f) => `<li><strong>${f.severity.toUpperCase()}</strong> ${escapeHtml(f.title, 300)}<br>${escapeHtml(f.reason, 500)}${numbersLine(f) ? `<br>${escapeHtml(numbersLine(f))}` : ""}</li>`
    ),
    "</ul>",
    ...more > 0 ? [`<p>\u2026and ${more} more in the report.</p>`] : [],
    ...ls.map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></p>`)
  ].join("\n");
  return { to: [...to], subject, text, html };
}

// src/alerts/messages.ts
function codeMessages(run, links) {
  return {
    slack: (findings) => renderSlack(run, findings, links),
    email: (findings, to) => renderEmail2(run, findings, links, to),
    pagerDutySummary: (f) => {
      const nums = numbersLine(f);
      return plainText(`[${run.repository} ${run.branch}] ${f.title}${nums ? ` (${nums})` : ""}`, 4e3);
    }
  };
}
function templateMessages(opts) {
  const base = { templates: opts.templates, links: opts.links, id: opts.id };
  const guarded = (template, render, fallback) => (...args) => {
    try {
      return render(...args);
    } catch (err) {
      opts.warn(
        `The ${template} alert template failed (${err instanceof Error ? err.message : String(err)}); the built-in layout was sent instead.`
      );
      return fallback(...args);
    }
  };
  return {
    slack: guarded(
      "slack",
      (findings) => {
        const text = renderSlackText(opts.report, { ...base, findings });
        const firstLine = text.split("\n", 1)[0] ?? "";
        return {
          // `text` is the notification preview (and what screen readers announce); the section carries the body.
          text: truncateText(firstLine, SLACK_FALLBACK_MAX_CHARS),
          blocks: [
            { type: "section", text: { type: "mrkdwn", text: truncateText(text, SLACK_SECTION_MAX_CHARS) } }
          ]
        };
      },
      opts.fallback.slack
    ),
    email: guarded(
      "email",
      (findings, to) => ({ to: [...to], ...renderEmail(opts.report, { ...base, findings }) }),
      opts.fallback.email
    ),
    pagerDutySummary: guarded(
      "pagerduty",
      (finding) => renderPagerDutySummary(opts.report, { ...base, findings: [finding] }),
      opts.fallback.pagerDutySummary
    )
  };
}

// src/alerts/plan.ts
function planAlerts(input) {
  const { report, config, previous, now } = input;
  if (input.isPullRequest) return { notifications: [], nextState: [...previous] };
  const run = report.run;
  const links = { run: run.url, ...input.links };
  const messages = input.messages ?? codeMessages(run, links);
  const stateful = input.isTrustedDefaultBranch;
  const routes = stateful ? effectiveRoutes(config) : config.routes.filter((r) => r.match.branch !== void 0);
  const available = (c) => input.channelsAvailable[c] && (c !== "pagerduty" || stateful);
  const prevByKey = new Map(previous.map((e) => [e.key, e]));
  const routeMuted = routes.map((r) => r.mute.some((m) => isMuted(m, now)));
  const routed = [];
  for (const finding of report.findings) {
    const idx = matchRoutes(routes, finding, run);
    if (idx.length === 0) continue;
    const channels = /* @__PURE__ */ new Set();
    let repeatMs = Infinity;
    let muted = false;
    const live = [];
    for (const i of idx) {
      const route = routes[i];
      if (routeMuted[i]) {
        muted = true;
        continue;
      }
      live.push(i);
      for (const c of route.channels) channels.add(c);
      repeatMs = Math.min(repeatMs, route["repeat-interval"]);
    }
    if (channels.size === 0 && !muted) continue;
    routed.push({
      finding,
      key: dedupKey(run.repository, run.branch, finding.id),
      channels,
      repeatMs,
      muted,
      routes: live
    });
  }
  const notifications = [];
  const nextState = [];
  const due = /* @__PURE__ */ new Set();
  for (const r of routed) {
    const prev = stateful ? prevByKey.get(r.key) : void 0;
    const isDue = !r.muted && (prev === void 0 || now.getTime() - Date.parse(prev.lastNotifiedAt) >= r.repeatMs);
    if (isDue) due.add(r.key);
    if (!stateful) continue;
    if (prev === void 0 && (r.muted || !isDue)) continue;
    nextState.push({
      key: r.key,
      findingId: r.finding.id,
      severity: r.finding.severity,
      openedAt: prev?.openedAt ?? now.toISOString(),
      lastNotifiedAt: isDue ? now.toISOString() : prev?.lastNotifiedAt ?? now.toISOString(),
      channels: [.../* @__PURE__ */ new Set([...prev?.channels ?? [], ...[...r.channels].filter(available)])]
    });
  }
  for (const r of routed) {
    if (due.has(r.key) && r.channels.has("pagerduty") && available("pagerduty")) {
      notifications.push({
        channel: "pagerduty",
        key: r.key,
        event: renderPagerDutyTrigger(run, r.finding, links, now, messages.pagerDutySummary(r.finding))
      });
    }
  }
  routes.forEach((route, i) => {
    const members = routed.filter((r) => due.has(r.key) && r.routes.includes(i));
    if (members.length === 0) return;
    const groups = route["group-by"] === "finding" ? members.map((m) => [m.finding]) : [members.map((m) => m.finding)];
    for (const [g, findings] of groups.entries()) {
      const groupKey = `route${i}/${route["group-by"] === "finding" ? findings[0]?.id ?? g : "run"}`;
      if (route.channels.includes("slack") && available("slack")) {
        notifications.push({ channel: "slack", key: groupKey, message: messages.slack(findings) });
      }
      const to = route.to ?? config.email.to;
      if (route.channels.includes("email") && available("email") && to.length > 0) {
        notifications.push({
          channel: "email",
          key: groupKey,
          message: messages.email(findings, to)
        });
      }
    }
  });
  if (stateful) {
    const open = new Set(routed.map((r) => r.key));
    for (const prev of previous) {
      if (open.has(prev.key)) continue;
      if (prev.channels.includes("pagerduty") && input.channelsAvailable.pagerduty) {
        notifications.push({ channel: "pagerduty", key: prev.key, event: renderPagerDutyResolve(prev.key) });
      }
    }
  }
  return { notifications, nextState };
}

// src/alerts/delivery.ts
function defaultDeliveryPolicy() {
  return {
    timeoutMs: 1e4,
    retries: 2,
    baseDelayMs: 500,
    maxDelayMs: 5e3,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random
  };
}
var MAX_RETRY_AFTER_MS = 3e4;
function backoffDelay(policy, attempt, retryAfterMs) {
  if (retryAfterMs !== void 0) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + policy.random() * cap / 2);
}
function reasonOf(error) {
  if (error instanceof ChannelError) {
    return { reason: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { reason: `unexpected ${name}`, retryable: false };
}
async function deliverAlerts(notifications, channels, policy, log) {
  let delivered = 0;
  const failedByChannel = /* @__PURE__ */ new Map();
  for (const n of notifications) {
    const channel = channels[n.channel];
    if (!channel) {
      failedByChannel.set(n.channel, "channel not configured");
      continue;
    }
    let attempt = 0;
    for (; ; ) {
      try {
        await channel.send(n, AbortSignal.timeout(policy.timeoutMs));
        delivered++;
        break;
      } catch (error) {
        const r = reasonOf(error);
        if (!r.retryable || attempt >= policy.retries) {
          failedByChannel.set(
            n.channel,
            `${r.reason} (after ${attempt + 1} attempt${attempt === 0 ? "" : "s"})`
          );
          break;
        }
        const delay = backoffDelay(policy, attempt, r.retryAfterMs);
        log.info(`Alert to ${n.channel} failed (${r.reason}); retrying in ${delay} ms`);
        await policy.sleep(delay);
        attempt++;
      }
    }
  }
  const failed = [...failedByChannel].map(([channel, reason]) => ({ channel, reason }));
  for (const f of failed) log.warning(`Alert channel ${f.channel} failed: ${f.reason}`);
  if (notifications.length > 0) log.info(`Alerts: ${delivered} delivered, ${failed.length} channel(s) failed`);
  return { delivered, failed };
}

// src/alerts/reconcile.ts
function reconcileAlertState(previous, next, failedChannels, now) {
  if (failedChannels.length === 0) return [...next];
  const failed = new Set(failedChannels);
  const prevByKey = new Map(previous.map((e) => [e.key, e]));
  const hitByFailure = (e) => e.channels.some((c) => failed.has(c));
  const out = [];
  for (const e of next) {
    const notifiedNow = e.lastNotifiedAt === now.toISOString();
    if (!notifiedNow || !hitByFailure(e)) {
      out.push(e);
      continue;
    }
    const prev = prevByKey.get(e.key);
    if (prev) out.push({ ...e, lastNotifiedAt: prev.lastNotifiedAt });
  }
  const nextKeys = new Set(next.map((e) => e.key));
  for (const p of previous) if (!nextKeys.has(p.key) && hitByFailure(p)) out.push(p);
  return out;
}

// src/alerts/pagerduty.ts
function createPagerDutyChannel(routingKey, url, fetchImpl = globalThis.fetch) {
  return {
    async send(n, signal) {
      if (n.channel !== "pagerduty")
        throw new ChannelError(`pagerduty channel got a ${n.channel} notification`, false);
      let res;
      try {
        res = await fetchImpl(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ routing_key: routingKey, ...n.event }),
          redirect: "error",
          signal
        });
      } catch (error) {
        const e = error instanceof Error ? error : new Error("unknown");
        const code = e.cause?.code;
        throw new ChannelError(`network error (${e.name}${typeof code === "string" ? ` ${code}` : ""})`, true);
      }
      const body = await res.text().catch(() => "");
      if (res.status !== 202 && !res.ok) {
        throw httpChannelError(res.status, body.split(routingKey).join("***"), res.headers.get("retry-after"));
      }
    }
  };
}

// src/alerts/channels.ts
function lazyChannel(load) {
  let channel;
  return {
    async send(notification, signal) {
      await (await (channel ??= load())).send(notification, signal);
    }
  };
}
function createChannels(secrets, opts) {
  const channels = {};
  if (secrets.slackWebhookUrl) {
    opts.mask(secrets.slackWebhookUrl);
    const url = secrets.slackWebhookUrl;
    channels.slack = lazyChannel(async () => (await import("./slack-JEVYHZOE.js")).createSlackChannel(url, opts.fetch));
  }
  if (secrets.pagerdutyRoutingKey) {
    opts.mask(secrets.pagerdutyRoutingKey);
    channels.pagerduty = createPagerDutyChannel(
      secrets.pagerdutyRoutingKey,
      opts.pagerdutyUrl ?? DEFAULT_PAGERDUTY_URL,
      opts.fetch
    );
  }
  if (secrets.smtpUrl) {
    opts.mask(secrets.smtpUrl);
    try {
      const pass = new URL(secrets.smtpUrl).password;
      if (pass) {
        opts.mask(pass);
        opts.mask(decodeURIComponent(pass));
      }
    } catch {
    }
    const url = secrets.smtpUrl;
    channels.email = lazyChannel(
      async () => (await import("./email-C2GLE4NA.js")).createEmailChannel(url, opts.emailFrom)
    );
  }
  return channels;
}

// src/alerts/dry-run.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
var DRY_RUN_FOLDER = "alerts";
function emailToEml(n, from) {
  const boundary = "gauntlet-dry-run-boundary";
  return [
    `From: ${from}`,
    `To: ${n.message.to.join(", ")}`,
    `Subject: ${n.message.subject}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    n.message.text,
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "",
    n.message.html,
    `--${boundary}--`,
    ""
  ].join("\r\n");
}
function createDryRunChannels(dir, from = DEFAULT_EMAIL_FROM) {
  let counter = 0;
  const folder = join(dir, DRY_RUN_FOLDER);
  const channel = {
    async send(n) {
      counter++;
      await mkdir(folder, { recursive: true });
      const base = join(folder, `${String(counter).padStart(3, "0")}-${n.channel}`);
      if (n.channel === "email") await writeFile(`${base}.eml`, emailToEml(n, from), "utf8");
      else
        await writeFile(
          `${base}.json`,
          `${JSON.stringify(n.channel === "slack" ? n.message : n.event, null, 2)}
`,
          "utf8"
        );
    }
  };
  return { slack: channel, pagerduty: channel, email: channel };
}

export {
  DEFAULT_ROUTES,
  effectiveRoutes,
  cleanText,
  truncateText,
  escapeHtml,
  safeUrl,
  PROBE_CAPS,
  hasCommentMarker,
  formatCount,
  formatValue,
  formatPercent,
  formatDuration,
  plural,
  sparkline,
  prepareReport,
  iconFor,
  buildView,
  renderReport,
  codeMessages,
  templateMessages,
  planAlerts,
  defaultDeliveryPolicy,
  backoffDelay,
  deliverAlerts,
  reconcileAlertState,
  createChannels,
  DRY_RUN_FOLDER,
  createDryRunChannels
};
