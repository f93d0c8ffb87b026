import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  median
} from "./chunk-PMRQHYNL.js";
import {
  DEFAULT_DOWNLOAD_CONCURRENCY,
  DEFAULT_MAX_PR_DOWNLOADS,
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_MAX_RECORD_DOWNLOADS,
  DEFAULT_MAX_SNAPSHOT_BYTES,
  HistoryArtifactError,
  HistorySaveError,
  MAX_LIST_PAGES,
  RECORD_FILE_NAME,
  RUN_ARTIFACT_NAME,
  SNAPSHOT_ARTIFACT_NAME,
  SNAPSHOT_FILE_NAME,
  assembleHistory,
  createDirectoryStore,
  decodeRecord,
  decodeSnapshot,
  emptyHistory,
  encodeRecord,
  encodeSnapshot,
  judgeProvenance,
  judgeRecord,
  nextSnapshotEntries,
  retentionCutoff,
  selectShards,
  shardArtifactName,
  shardFromArtifactName
} from "./chunk-DV3L4MQX.js";
import {
  testId
} from "./chunk-MKFOCXAI.js";
import {
  STAGE_NAMES
} from "./chunk-2LYZDNKG.js";
import {
  Octokit,
  legacyRestEndpointMethods,
  paginateRest,
  requestLog,
  require_light,
  retry
} from "./chunk-XIMRZTNP.js";
import {
  __toESM
} from "./chunk-ZAQXCPAF.js";

// src/history/create-store.ts
import { tmpdir } from "node:os";
import { resolve } from "node:path";

// src/github/env.ts
var GitHubEnv = {
  ApiUrl: "GITHUB_API_URL",
  ServerUrl: "GITHUB_SERVER_URL",
  Repository: "GITHUB_REPOSITORY",
  RepositoryId: "GITHUB_REPOSITORY_ID",
  RunId: "GITHUB_RUN_ID",
  RunAttempt: "GITHUB_RUN_ATTEMPT",
  Workspace: "GITHUB_WORKSPACE",
  EventName: "GITHUB_EVENT_NAME",
  Token: "GITHUB_TOKEN",
  RuntimeToken: "ACTIONS_RUNTIME_TOKEN",
  ResultsUrl: "ACTIONS_RESULTS_URL",
  RetentionDays: "GITHUB_RETENTION_DAYS"
};
var DEFAULT_API_URL = "https://api.github.com";
function parseRepository(value) {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value ?? "");
  return m ? { owner: m[1], repo: m[2] } : null;
}
function apiBaseUrl(env) {
  const url = env[GitHubEnv.ApiUrl]?.trim();
  return url ? url.replace(/\/+$/, "") : DEFAULT_API_URL;
}
function isGhesServer(env) {
  let host;
  try {
    host = new URL(env[GitHubEnv.ServerUrl] || "https://github.com").hostname.trimEnd().toUpperCase();
  } catch {
    return true;
  }
  return host !== "GITHUB.COM" && !host.endsWith(".GHE.COM") && !host.endsWith(".LOCALHOST");
}
function hasArtifactRuntime(env) {
  return Boolean(env[GitHubEnv.RuntimeToken] && env[GitHubEnv.ResultsUrl]);
}
function envInt(env, name) {
  const v = env[name];
  if (v === void 0 || !/^\d+$/.test(v.trim())) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path4) => path4.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION2 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION2}`
  }
);

// src/github/octokit.ts
function createGitHubClient(options) {
  if (options.token) options.mask(options.token);
  const base = options.retryAfterBaseMs ?? 1e3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const maxRetries = options.rateLimitRetries ?? 2;
  const onLimit = (kind) => (retryAfter, req, _octokit, retryCount) => {
    const again = retryCount < maxRetries && retryAfter <= maxWait;
    options.log.warning(
      `GitHub ${kind} rate limit on ${req.method} ${req.url}: ` + (again ? `retrying after ${retryAfter} s` : `giving up (asked to wait ${retryAfter} s)`)
    );
    return again;
  };
  const Client = Octokit2.plugin(retry, throttling);
  const client = new Client({
    auth: options.token,
    baseUrl: options.baseUrl ?? apiBaseUrl(options.env),
    userAgent: "gauntlet",
    // 429 belongs to the throttling plugin, which waits as long as the server's Retry-After asks; the retry
    // plugin would retry it after its own 1 s / 4 s / 9 s, too early for a secondary limit.
    // `retries` goes here, not in `request.retries`: a request-level count makes plugin-retry's limiter retry
    // every error, doNotRetry statuses included, before errorRequest or the throttling plugin ever see it.
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: base,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451]
    },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary")
    },
    log: {
      debug: (m) => options.log.debug?.(m),
      info: (m) => options.log.debug?.(m),
      warn: (m) => options.log.warning(m),
      error: (m) => options.log.warning(m)
    }
  });
  client.hook.wrap("request", async (request, req) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(req);
      } catch (err) {
        const retryAfter = unrecognisedRetryAfter(err);
        if (retryAfter === null || !onLimit("plain 429")(retryAfter, req, client, attempt)) throw err;
        await new Promise((resolve2) => setTimeout(resolve2, retryAfter * base));
      }
    }
  });
  const timeoutMs = options.timeoutMs ?? 3e4;
  const ours = /* @__PURE__ */ new WeakSet();
  client.hook.before("request", (req) => {
    const given = req.request?.signal;
    if (given && !ours.has(given)) return;
    const signal = AbortSignal.timeout(timeoutMs);
    ours.add(signal);
    req.request = { ...req.request, signal };
  });
  return client;
}
function unrecognisedRetryAfter(err) {
  const e = err;
  if (e.status !== 429 || /\bsecondary rate\b/i.test(e.message ?? "")) return null;
  const headers = e.response?.headers ?? {};
  if (headers["x-ratelimit-remaining"] === "0") return null;
  const seconds = Number(headers["retry-after"]);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

// src/github/masking.ts
var SIGNED_QUERY_RE = /(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*/g;
function redactUrlQueries(text) {
  return text.replace(SIGNED_QUERY_RE, "$1?[redacted]");
}

// src/history/artifact-transport.ts
function classifyUploadError(err) {
  const e = err;
  const message2 = e.message ?? String(err);
  if (e.name === "UsageError" || /insufficient usage|storage quota/i.test(message2)) return "quota";
  if (/\(409\)|\b409\b.*conflict|already exists/i.test(message2)) return "conflict";
  return "other";
}
var ADVICE = {
  conflict: "an artifact with this name already exists in this workflow run: another job of the run saved it (use mode: collect with a shard name per matrix job); this job is not saved, the other one stays in history",
  quota: "the artifact storage quota is used up; history is not saved until usage is recalculated (every 6-12 hours) or storage is freed",
  other: "the upload failed"
};
function createActionsArtifactTransport(options) {
  let loaded = null;
  const client = () => loaded ??= import("./artifact-BP4XLHJF.js").then((m) => new m.DefaultArtifactClient());
  const findBy = (runId) => ({
    token: options.token,
    workflowRunId: runId,
    repositoryOwner: options.repository.owner,
    repositoryName: options.repository.repo
  });
  return {
    async upload(name, files, rootDirectory, retentionDays) {
      const once = async () => (await (await client()).uploadArtifact(name, [...files], rootDirectory, { retentionDays, compressionLevel: 0 })).id ?? null;
      try {
        try {
          return await once();
        } catch (err) {
          if (classifyUploadError(err) !== "conflict" || (options.runAttempt ?? 1) <= 1) throw err;
          await (await client()).deleteArtifact(name);
          return await once();
        }
      } catch (err) {
        const kind = classifyUploadError(err);
        throw new HistorySaveError(
          name,
          kind,
          `${ADVICE[kind]} (${redactUrlQueries(err.message)})`
        );
      }
    },
    async listRun(runId) {
      const c = await client();
      const res = await c.listArtifacts({ findBy: findBy(runId) });
      return res.artifacts.map((a) => ({ id: a.id, name: a.name, size: a.size }));
    },
    async download(artifactId, runId, directory) {
      const c = await client();
      try {
        await c.downloadArtifact(artifactId, { path: directory, findBy: findBy(runId) });
      } catch (err) {
        throw new Error(redactUrlQueries(err.message), { cause: err });
      }
    }
  };
}

// src/history/artifacts-store.ts
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/history/artifact-listing.ts
function toListedArtifact(a) {
  const w = a.workflow_run;
  const provenance = w && typeof w.id === "number" && typeof w.repository_id === "number" && typeof w.head_repository_id === "number" ? {
    runId: w.id,
    repositoryId: w.repository_id,
    headRepositoryId: w.head_repository_id,
    headBranch: w.head_branch ?? null,
    headSha: w.head_sha ?? null
  } : null;
  return {
    id: a.id,
    name: a.name,
    sizeInBytes: a.size_in_bytes,
    createdAt: a.created_at,
    expiresAt: a.expires_at,
    expired: a.expired,
    provenance
  };
}
function describeArtifact(a) {
  return `artifact ${a.name} #${a.id}${a.provenance ? ` (run ${a.provenance.runId})` : ""}`;
}
function isLive(a, now) {
  if (a.expired) return false;
  if (a.expiresAt === null) return true;
  const t = Date.parse(a.expiresAt);
  return Number.isNaN(t) || t > now.getTime();
}
function newestFirst(list) {
  const time = (a) => a.createdAt ? Date.parse(a.createdAt) || 0 : 0;
  return [...list].sort((a, b) => time(b) - time(a) || b.id - a.id);
}
async function listArtifactsNamed(client, repository, name, maxPages = MAX_LIST_PAGES) {
  const artifacts = [];
  let pages = 0;
  let truncated = false;
  for await (const page of client.paginate.iterator(client.rest.actions.listArtifactsForRepo, {
    owner: repository.owner,
    repo: repository.repo,
    name,
    per_page: 100
  })) {
    for (const a of page.data) if (a.name === name) artifacts.push(toListedArtifact(a));
    if (++pages >= maxPages) {
      truncated = true;
      break;
    }
  }
  return { artifacts, truncated };
}

// src/history/bounded-parallel.ts
async function mapBounded(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// src/history/artifacts-store.ts
var DEFAULT_ARTIFACTS_LIMITS = {
  maxRecordDownloads: DEFAULT_MAX_RECORD_DOWNLOADS,
  maxPullRequestDownloads: DEFAULT_MAX_PR_DOWNLOADS,
  downloadConcurrency: DEFAULT_DOWNLOAD_CONCURRENCY,
  maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
  maxSnapshotBytes: DEFAULT_MAX_SNAPSHOT_BYTES,
  snapshotAttempts: 3
};
function message(err) {
  if (err instanceof HistoryArtifactError || err instanceof HistorySaveError) return err.message;
  return redactUrlQueries(err instanceof Error ? err.message : String(err));
}
function createArtifactsStore(options) {
  const limits = { ...DEFAULT_ARTIFACTS_LIMITS, ...options.limits };
  const { client, transport, repository, clock } = options;
  async function scratch(prefix) {
    await mkdir(options.workDirectory, { recursive: true });
    return mkdtemp(join(options.workDirectory, `gauntlet-${prefix}-`));
  }
  async function fetchFile(a, fileName, maxBytes, runId) {
    const source = describeArtifact(a);
    if (a.sizeInBytes > maxBytes) {
      throw new HistoryArtifactError(
        source,
        "oversized",
        `${a.sizeInBytes} bytes is over the limit of ${maxBytes}`
      );
    }
    const dir = await scratch("download");
    try {
      try {
        await transport.download(a.id, runId ?? a.provenance?.runId ?? 0, dir);
      } catch (err) {
        const text = message(err);
        const reason = /expired|\b410\b/i.test(text) ? "expired" : "corrupt";
        throw new HistoryArtifactError(source, reason, `download failed: ${text}`);
      }
      const path4 = join(dir, fileName);
      let size;
      try {
        size = (await stat(path4)).size;
      } catch {
        const found = (await readdir(dir)).slice(0, 5).join(", ") || "nothing";
        throw new HistoryArtifactError(source, "corrupt", `has no ${fileName} (found ${found})`);
      }
      if (size > maxBytes * 4) {
        throw new HistoryArtifactError(source, "oversized", `${fileName} unzips to ${size} bytes`);
      }
      return await readFile(path4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async function upload(name, fileName, bytes, retentionDays) {
    const dir = await scratch("upload");
    try {
      await writeFile(join(dir, fileName), bytes);
      return await transport.upload(name, [join(dir, fileName)], dir, retentionDays);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async function listLive(name, warnings, now, retentionDays) {
    const { artifacts, truncated } = await listArtifactsNamed(client, repository, name);
    if (truncated)
      warnings.push(
        `artifacts named ${name}: listing stopped at the page limit; older ones were not considered`
      );
    const cutoff = retentionCutoff(now, retentionDays);
    const live = [];
    const expiredEarly = [];
    for (const a of artifacts) {
      if (isLive(a, now)) live.push(a);
      else if (a.createdAt && Date.parse(a.createdAt) >= cutoff) expiredEarly.push(a);
    }
    for (const a of expiredEarly.slice(0, 5)) {
      warnings.push(`${describeArtifact(a)}: skipped (expired): it expired before the retention window ends`);
    }
    if (expiredEarly.length > 5)
      warnings.push(`${expiredEarly.length - 5} more expired ${name} artifacts skipped`);
    return live;
  }
  async function loadSnapshot(query, now, warnings) {
    const live = await listLive(SNAPSHOT_ARTIFACT_NAME, warnings, now, query.retentionDays);
    const trusted = [];
    for (const a of newestFirst(live)) {
      const verdict = judgeProvenance(a.provenance, query.policy, options.repositoryId);
      if (verdict.trusted) trusted.push(a);
      else warnings.push(`${describeArtifact(a)}: not trusted, ignored: ${verdict.reason}`);
    }
    for (const a of trusted.slice(0, limits.snapshotAttempts)) {
      try {
        const bytes = await fetchFile(a, SNAPSHOT_FILE_NAME, limits.maxSnapshotBytes);
        return { snapshot: decodeSnapshot(bytes, describeArtifact(a)), from: a };
      } catch (err) {
        warnings.push(message(err));
      }
    }
    return null;
  }
  async function readRecord(a, runId) {
    return decodeRecord(
      await fetchFile(a, RECORD_FILE_NAME, limits.maxRecordBytes, runId),
      describeArtifact(a)
    );
  }
  const store = {
    kind: "artifacts",
    async load(query) {
      const now = clock.now();
      const warnings = [];
      let found;
      let runs;
      try {
        found = await loadSnapshot(query, now, warnings);
        runs = newestFirst(await listLive(RUN_ARTIFACT_NAME, warnings, now, query.retentionDays));
      } catch (err) {
        return emptyHistory([...warnings, `history not loaded: listing artifacts failed: ${message(err)}`]);
      }
      const snapshotEntries = (found?.snapshot.entries ?? []).filter(
        (e) => judgeRecord(e.record, null, query.policy).trusted
      );
      const heldIds = /* @__PURE__ */ new Set();
      for (const e of found?.snapshot.entries ?? []) if (e.artifactId !== null) heldIds.add(e.artifactId);
      const cutoff = retentionCutoff(now, query.retentionDays);
      const fresh = runs.filter(
        (a) => !heldIds.has(a.id) && (!a.createdAt || Date.parse(a.createdAt) >= cutoff)
      );
      const baselineCandidates = [];
      const prCandidates = [];
      const pr = query.pullRequest;
      for (const a of fresh) {
        if (judgeProvenance(a.provenance, query.policy, options.repositoryId).trusted)
          baselineCandidates.push(a);
        else if (pr && a.provenance?.headBranch === pr.headBranch && (pr.headRepositoryId === null || a.provenance.headRepositoryId === pr.headRepositoryId)) {
          prCandidates.push(a);
        }
      }
      if (baselineCandidates.length > limits.maxRecordDownloads) {
        warnings.push(
          `${baselineCandidates.length - limits.maxRecordDownloads} older ${RUN_ARTIFACT_NAME} artifacts not yet in a snapshot were not loaded (limit ${limits.maxRecordDownloads} per run); the next snapshot will include the newer ones`
        );
      }
      const toFetch = [
        ...baselineCandidates.slice(0, limits.maxRecordDownloads).map((a) => ({ a, forPr: false })),
        ...prCandidates.slice(0, limits.maxPullRequestDownloads).map((a) => ({ a, forPr: true }))
      ];
      const fetched = await mapBounded(toFetch, limits.downloadConcurrency, async ({ a, forPr }) => {
        try {
          return { a, forPr, record: await readRecord(a) };
        } catch (err) {
          warnings.push(message(err));
          return null;
        }
      });
      const newer = [];
      const pullRequest = [];
      for (const item of fetched) {
        if (!item) continue;
        const { a, forPr, record } = item;
        if (!forPr) {
          const verdict = judgeRecord(record, a.provenance, query.policy, options.repositoryId);
          if (verdict.trusted) newer.push({ record, artifactId: a.id });
          else warnings.push(`${describeArtifact(a)}: skipped (foreign): ${verdict.reason}`);
        } else if (pr && record.run.prNumber === pr.number && record.run.runId === a.provenance?.runId) {
          pullRequest.push(record);
        }
      }
      let watermark = null;
      if (found) {
        const times = snapshotEntries.map((e) => e.record.run.timestamp).sort();
        watermark = {
          source: describeArtifact(found.from),
          artifactId: found.from.id,
          createdAt: found.snapshot.createdAt,
          records: snapshotEntries.length,
          newestRecordAt: times[times.length - 1] ?? null
        };
      }
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
      let recordId = null;
      let recordSaved = false;
      try {
        recordId = await upload(RUN_ARTIFACT_NAME, RECORD_FILE_NAME, encodeRecord(record), opts.retentionDays);
        recordSaved = true;
      } catch (err) {
        warnings.push(message(err));
      }
      let snapshotSaved = false;
      if (judgeRecord(record, null, opts.policy).trusted) {
        try {
          const now = clock.now();
          const entries = nextSnapshotEntries(
            opts.history,
            { record, artifactId: recordId },
            now,
            opts.retentionDays
          );
          const bytes = encodeSnapshot({ createdAt: now.toISOString(), entries });
          await upload(SNAPSHOT_ARTIFACT_NAME, SNAPSHOT_FILE_NAME, bytes, opts.retentionDays);
          snapshotSaved = true;
        } catch (err) {
          warnings.push(message(err));
        }
      }
      return { recordSaved, snapshotSaved, warnings };
    },
    async saveShard(shard, record, retentionDays) {
      const name = shardArtifactName(shard);
      try {
        await upload(name, RECORD_FILE_NAME, encodeRecord(record), retentionDays);
        return { recordSaved: true, snapshotSaved: false, warnings: [] };
      } catch (err) {
        return { recordSaved: false, snapshotSaved: false, warnings: [message(err)] };
      }
    },
    async loadShards(runId, expected = []) {
      const warnings = [];
      let listed;
      try {
        listed = await transport.listRun(runId);
      } catch (err) {
        return { shards: [], warnings: [`shards of run ${runId} not listed: ${message(err)}`] };
      }
      const shardArtifacts = listed.map((a) => ({ a, shard: shardFromArtifactName(a.name) })).filter((x) => x.shard !== null);
      const selection = selectShards(shardArtifacts, expected);
      warnings.push(...selection.warnings);
      const loaded = await mapBounded(
        selection.selected,
        limits.downloadConcurrency,
        async ({ a, shard }) => {
          const listedArtifact = {
            id: a.id,
            name: a.name,
            sizeInBytes: a.size,
            createdAt: null,
            expiresAt: null,
            expired: false,
            provenance: null
          };
          try {
            const record = await readRecord(listedArtifact, runId);
            if (record.run.runId !== runId) {
              throw new HistoryArtifactError(
                describeArtifact(listedArtifact),
                "foreign",
                `holds run ${record.run.runId}, not ${runId}`
              );
            }
            return { shard, record };
          } catch (err) {
            warnings.push(message(err));
            return null;
          }
        }
      );
      return { shards: loaded.filter((x) => x !== null), warnings };
    }
  };
  return store;
}

// src/history/create-store.ts
var MB = 1024 * 1024;
function artifactsUnavailableReason(env, token) {
  if (isGhesServer(env)) {
    return `GitHub Enterprise Server (${env[GitHubEnv.ServerUrl]}) is not supported by @actions/artifact v2+`;
  }
  if (!hasArtifactRuntime(env)) {
    return "the artifact runtime (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) is missing; it is given to action steps only, not to `run:` steps";
  }
  if (!token) return "no GitHub token was given (input github-token)";
  if (!parseRepository(env[GitHubEnv.Repository])) return "GITHUB_REPOSITORY is missing or malformed";
  return null;
}
function createHistoryStore(config, ctx) {
  const directory = () => createDirectoryStore({
    directory: resolve(ctx.workingDirectory, config.directory),
    clock: ctx.clock,
    maxRecordBytes: config["max-record-mb"] * MB,
    maxSnapshotBytes: config["max-snapshot-mb"] * MB
  });
  if (config.backend === "directory") return { store: directory(), warnings: [] };
  const reason = artifactsUnavailableReason(ctx.env, ctx.token);
  if (reason !== null) {
    const warnings = config.backend === "artifacts" ? [
      `history backend artifacts is unavailable: ${reason}; using the directory ${config.directory} instead`
    ] : [];
    return { store: directory(), warnings };
  }
  const repository = parseRepository(ctx.env[GitHubEnv.Repository]);
  const client = createGitHubClient({ token: ctx.token, env: ctx.env, mask: ctx.mask, log: ctx.log });
  const store = createArtifactsStore({
    client,
    transport: createActionsArtifactTransport({
      token: ctx.token,
      repository,
      runAttempt: envInt(ctx.env, GitHubEnv.RunAttempt) ?? 1
    }),
    repository,
    repositoryId: envInt(ctx.env, GitHubEnv.RepositoryId),
    workDirectory: resolve(ctx.env.RUNNER_TEMP ?? tmpdir(), "gauntlet-history"),
    clock: ctx.clock,
    limits: {
      maxRecordDownloads: config["max-downloads"],
      downloadConcurrency: config["download-concurrency"],
      maxRecordBytes: config["max-record-mb"] * MB,
      maxSnapshotBytes: config["max-snapshot-mb"] * MB
    }
  });
  return { store, warnings: [] };
}
function trustPolicyOf(config, defaultBranch) {
  const branches = config["baseline-branches"];
  return {
    baselineBranches: branches.length > 0 ? [...branches] : [defaultBranch],
    trustedEvents: [...config["trusted-events"]]
  };
}

// src/stages/env.ts
var ENV_STAGE = "GAUNTLET_STAGE";
var ENV_ATTEMPT = "GAUNTLET_ATTEMPT";
var ENV_REPEAT = "GAUNTLET_REPEAT";
var ENV_SHARD = "GAUNTLET_SHARD";
function mergeEnv(base, ...layers) {
  const out = {};
  for (const [k, v] of Object.entries(base)) if (v !== void 0) out[k] = v;
  for (const layer of layers) Object.assign(out, layer);
  return out;
}

// src/stages/errors.ts
var StageRunnerError = class extends Error {
  name = "StageRunnerError";
};
var WorkingDirectoryError = class extends StageRunnerError {
  constructor(directory, owner, reason) {
    super(
      `${owner}: working directory ${JSON.stringify(directory)} ${reason}; fix \`working-directory\` (it is relative to the workspace root) or create the directory first.`
    );
    this.directory = directory;
    this.owner = owner;
  }
  directory;
  owner;
  name = "WorkingDirectoryError";
};
var SpawnError = class extends StageRunnerError {
  constructor(shell, cause) {
    super(
      `could not start ${shell}: ${cause instanceof Error ? cause.message : String(cause)}; check that it is installed and on PATH.`,
      { cause }
    );
    this.shell = shell;
  }
  shell;
  name = "SpawnError";
};
var ServiceExitedError = class extends StageRunnerError {
  constructor(service, exitCode, signal, lastLines) {
    const how = exitCode !== null ? `with exit code ${exitCode}` : `on signal ${signal ?? "unknown"}`;
    const output = lastLines.length > 0 ? `; last output:
${lastLines.join("\n")}` : "; it printed nothing";
    super(`service "${service}" exited ${how} before it was ready${output}`);
    this.service = service;
    this.exitCode = exitCode;
    this.signal = signal;
    this.lastLines = lastLines;
  }
  service;
  exitCode;
  signal;
  lastLines;
  name = "ServiceExitedError";
};
var ServiceNotReadyError = class extends StageRunnerError {
  constructor(service, probe, timeoutMs, lastProblem, lastLines) {
    const problem = lastProblem !== null ? ` (last attempt: ${lastProblem})` : "";
    const output = lastLines.length > 0 ? `; last output:
${lastLines.join("\n")}` : "";
    super(
      `service "${service}" was not ready within ${timeoutMs} ms: ${probe} did not pass${problem}; raise \`ready.timeout\` or check the service's command${output}`
    );
    this.service = service;
    this.probe = probe;
    this.timeoutMs = timeoutMs;
    this.lastProblem = lastProblem;
    this.lastLines = lastLines;
  }
  service;
  probe;
  timeoutMs;
  lastProblem;
  lastLines;
  name = "ServiceNotReadyError";
};
var ReadinessConfigError = class extends StageRunnerError {
  constructor(service, detail) {
    super(`service "${service}": ${detail}`);
    this.service = service;
  }
  service;
  name = "ReadinessConfigError";
};
var StageSelectionError = class extends StageRunnerError {
  constructor(unknown, known) {
    super(
      `unknown stage(s) ${unknown.map((s) => JSON.stringify(s)).join(", ")} in --stages; use ${known.join(", ")}`
    );
    this.unknown = unknown;
    this.known = known;
  }
  unknown;
  known;
  name = "StageSelectionError";
};

// src/stages/run-stage.ts
import path3 from "node:path";

// src/stages/merge-attempts.ts
var MAX_METRIC_SAMPLES = 100;
function mergeTestAttempts(stage, runs) {
  const byId = /* @__PURE__ */ new Map();
  const ordered = [];
  runs.forEach((tests, run) => {
    for (const t of tests) {
      const id = testId(t.suite, t.classname, t.name);
      let slot = byId.get(id);
      if (slot === void 0) byId.set(id, slot = { entries: [], run, seen: 0 });
      if (slot.run !== run) {
        slot.run = run;
        slot.seen = 0;
      }
      const entry = slot.entries[slot.seen++];
      const failure = t.status === "failed" || t.status === "errored" ? t : null;
      if (entry === void 0) {
        const created = { last: t, lastFailure: failure, statuses: [t.status] };
        slot.entries.push(created);
        ordered.push(created);
      } else {
        entry.last = t;
        entry.lastFailure = failure ?? entry.lastFailure;
        entry.statuses.push(t.status);
      }
    }
  });
  const several = runs.length > 1;
  return ordered.map(({ last, lastFailure, statuses }) => {
    const flaky = statuses.includes("passed") && lastFailure !== null;
    const source = flaky ? lastFailure : last;
    const out = {
      id: testId(last.suite, last.classname, last.name),
      stage,
      suite: last.suite,
      classname: last.classname,
      name: last.name,
      status: flaky ? "flaky" : last.status,
      durationMs: last.durationMs,
      message: source.message,
      ...source.details !== void 0 ? { details: source.details } : {},
      ...last.file !== void 0 ? { file: last.file } : {},
      ...last.line !== void 0 ? { line: last.line } : {},
      ...several ? { attempts: statuses } : {}
    };
    return out;
  });
}
function mergeRepeatMetrics(runs) {
  const bound = (xs) => xs.slice(Math.max(0, xs.length - MAX_METRIC_SAMPLES));
  if (runs.length === 1) {
    return (runs[0] ?? []).map((m) => ({ ...m, samples: bound(m.samples ?? [m.value]) }));
  }
  const merged = /* @__PURE__ */ new Map();
  for (const metrics of runs) {
    for (const m of metrics) {
      const key = `${m.suite}\0${m.name}\0${m.unit}`;
      const entry = merged.get(key);
      if (entry === void 0) merged.set(key, { latest: m, samples: [m.value] });
      else {
        entry.latest = m;
        entry.samples.push(m.value);
      }
    }
  }
  return [...merged.values()].map(({ latest, samples }) => {
    const kept = bound(samples);
    return { ...latest, value: median(kept), samples: kept };
  });
}

// src/stages/process.ts
import { spawn } from "node:child_process";
import { accessSync, constants as fsConstants, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// src/stages/output-lines.ts
var MAX_LINE_CHARS = 16 * 1024;
var LineSplitter = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  pending = "";
  /** Feeds one decoded chunk; emits every line it completes. */
  push(chunk) {
    let text = this.pending + chunk;
    let start = 0;
    for (; ; ) {
      const nl = text.indexOf("\n", start);
      if (nl === -1) break;
      this.emitLine(text.slice(start, nl));
      start = nl + 1;
    }
    text = text.slice(start);
    while (text.length > MAX_LINE_CHARS) {
      this.emit(text.slice(0, MAX_LINE_CHARS));
      text = text.slice(MAX_LINE_CHARS);
    }
    this.pending = text;
  }
  /** Emits the unterminated last line, if any. */
  end() {
    if (this.pending.length > 0) this.emitLine(this.pending);
    this.pending = "";
  }
  emitLine(line) {
    this.emit(line.endsWith("\r") ? line.slice(0, -1) : line);
  }
};
var TailBuffer = class {
  constructor(maxChars) {
    this.maxChars = maxChars;
  }
  maxChars;
  lines = [];
  head = 0;
  chars = 0;
  add(line) {
    const kept = line.length > this.maxChars ? line.slice(line.length - this.maxChars) : line;
    this.lines.push(kept);
    this.chars += kept.length + 1;
    while (this.chars - 1 > this.maxChars && this.head < this.lines.length) {
      this.chars -= (this.lines[this.head]?.length ?? 0) + 1;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
  /** The kept lines, oldest first. */
  toLines() {
    return this.lines.slice(this.head);
  }
  /** The last `n` kept lines. */
  lastLines(n) {
    return this.lines.slice(Math.max(this.head, this.lines.length - n));
  }
  toString() {
    return this.toLines().join("\n");
  }
};

// src/stages/process.ts
var realTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h)
};
var DEFAULT_KILL_GRACE_MS = 5e3;
var DEFAULT_TAIL_CHARS = 64 * 1024;
var GROUP_POLL_MS = 25;
var AFTER_SIGKILL_WAIT_MS = 2e3;
var STREAM_CLOSE_WAIT_MS = 1e3;
function resolveShell(envPath) {
  for (const dir of (envPath ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(path.join(dir, "bash"), fsConstants.X_OK);
      return { file: path.join(dir, "bash"), args: ["--noprofile", "--norc", "-o", "pipefail", "-c"] };
    } catch {
    }
  }
  return { file: "sh", args: ["-c"] };
}
function assertDirectory(dir, owner) {
  let isDir;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new WorkingDirectoryError(dir, owner, "does not exist");
  }
  if (!isDir) throw new WorkingDirectoryError(dir, owner, "is not a directory");
}
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    return err.code === "EPERM";
  }
  return hasLiveMember(pgid);
}
function hasLiveMember(pgid) {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat2;
    try {
      stat2 = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat2.slice(stat2.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") return true;
  }
  return false;
}
function signalGroup(pgid, sig) {
  try {
    process.kill(-pgid, sig);
  } catch {
  }
}
function delay(ms, timers) {
  return new Promise((resolve2) => timers.setTimeout(resolve2, ms));
}
async function killProcessGroup(pgid, graceMs, timers = realTimers) {
  if (!groupAlive(pgid)) return true;
  signalGroup(pgid, "SIGTERM");
  for (let waited = 0; waited < graceMs; waited += GROUP_POLL_MS) {
    if (!groupAlive(pgid)) return true;
    await delay(Math.min(GROUP_POLL_MS, graceMs - waited), timers);
  }
  signalGroup(pgid, "SIGKILL");
  for (let waited = 0; waited < AFTER_SIGKILL_WAIT_MS; waited += GROUP_POLL_MS) {
    if (!groupAlive(pgid)) return true;
    await delay(GROUP_POLL_MS, timers);
  }
  return !groupAlive(pgid);
}
async function startProcess(opts) {
  const owner = opts.owner ?? "command";
  assertDirectory(opts.cwd, owner);
  const timers = opts.timers ?? realTimers;
  const now = opts.now ?? (() => performance.now());
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const shell = opts.shell ?? resolveShell(opts.env.PATH);
  const tail = new TailBuffer(opts.tailChars ?? DEFAULT_TAIL_CHARS);
  const started = now();
  const child = spawn(shell.file, [...shell.args, opts.command], {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"]
  });
  await new Promise((resolve2, reject) => {
    child.once("spawn", resolve2);
    child.once("error", (err) => reject(new SpawnError(shell.file, err)));
  });
  child.on("error", () => void 0);
  const pid = child.pid;
  if (pid === void 0) throw new SpawnError(shell.file, new Error("no pid"));
  const line = (stream) => (text) => {
    tail.add(text);
    opts.onLine?.(text, stream);
  };
  const splitters = [];
  const streamsClosed = [];
  for (const [stream, readable] of [
    ["stdout", child.stdout],
    ["stderr", child.stderr]
  ]) {
    if (readable === null) continue;
    const splitter = new LineSplitter(line(stream));
    splitters.push(splitter);
    readable.setEncoding("utf8");
    readable.on("data", (chunk) => splitter.push(chunk));
    streamsClosed.push(
      new Promise((resolve2) => {
        readable.once("close", () => resolve2());
        readable.once("error", () => resolve2());
      })
    );
  }
  let timedOut = false;
  let cancelled = false;
  let hasExited = false;
  let killing = null;
  const killTree = (graceMs) => killing ??= killProcessGroup(pid, graceMs, timers);
  const exited = new Promise((resolve2) => {
    child.once("exit", (code, signal) => {
      hasExited = true;
      resolve2({ code, signal });
    });
  });
  const timeoutHandle = opts.timeoutMs !== void 0 ? timers.setTimeout(() => {
    if (hasExited) return;
    timedOut = true;
    void killTree(grace);
  }, opts.timeoutMs) : void 0;
  const onAbort = () => {
    if (hasExited) return;
    cancelled = true;
    void killTree(grace);
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener("abort", onAbort, { once: true });
  const done = (async () => {
    const exit = await exited;
    if (timeoutHandle !== void 0) timers.clearTimeout(timeoutHandle);
    opts.signal?.removeEventListener("abort", onAbort);
    await killTree(grace);
    let closeTimer;
    await Promise.race([
      Promise.all(streamsClosed),
      new Promise((resolve2) => {
        closeTimer = timers.setTimeout(resolve2, STREAM_CLOSE_WAIT_MS);
      })
    ]);
    timers.clearTimeout(closeTimer);
    child.stdout?.destroy();
    child.stderr?.destroy();
    for (const s of splitters) s.end();
    return {
      exitCode: exit.code,
      signal: exit.signal,
      timedOut,
      cancelled,
      durationMs: Math.round(now() - started),
      tail: tail.toString()
    };
  })();
  return {
    pid,
    done,
    exited: () => hasExited,
    lastLines: (n) => tail.lastLines(n),
    async stop(graceMs = grace) {
      await killTree(graceMs);
      return done;
    }
  };
}
async function runCommand(opts) {
  const running = await startProcess(opts);
  return running.done;
}

// src/stages/services.ts
import path2 from "node:path";

// src/stages/readiness.ts
import net from "node:net";
var DEFAULT_TCP_HOST = "127.0.0.1";
function probeFromConfig(service, ready) {
  if (ready.tcp !== void 0) {
    if (typeof ready.tcp === "number") return { kind: "tcp", host: DEFAULT_TCP_HOST, port: ready.tcp };
    const colon = ready.tcp.lastIndexOf(":");
    return { kind: "tcp", host: ready.tcp.slice(0, colon), port: Number(ready.tcp.slice(colon + 1)) };
  }
  if (ready.http !== void 0) return { kind: "http", url: ready.http };
  if (ready.log !== void 0) {
    try {
      return { kind: "log", pattern: new RegExp(ready.log) };
    } catch (err) {
      throw new ReadinessConfigError(
        service,
        `ready.log ${JSON.stringify(ready.log)} is not a valid regular expression (${err.message})`
      );
    }
  }
  throw new ReadinessConfigError(service, "ready needs one of tcp, http or log");
}
function describeProbe(probe) {
  switch (probe.kind) {
    case "tcp":
      return `TCP connect to ${probe.host}:${probe.port}`;
    case "http":
      return `HTTP GET ${probe.url}`;
    case "log":
      return `a log line matching /${probe.pattern.source}/`;
  }
}
function tryTcp(host, port, timeoutMs) {
  return new Promise((resolve2) => {
    const socket = net.connect({ host, port });
    const finish = (problem) => {
      socket.removeAllListeners();
      socket.on("error", () => void 0);
      socket.destroy();
      resolve2(problem);
    };
    socket.setTimeout(timeoutMs, () => finish(`no connection within ${timeoutMs} ms`));
    socket.once("connect", () => finish(null));
    socket.once("error", (err) => finish(err.code ?? err.message));
  });
}
async function tryHttp(url, timeoutMs) {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 400 ? null : `status ${res.status}`;
  } catch (err) {
    const cause = err.cause;
    if (cause?.code !== void 0) return cause.code;
    return err.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : err.message;
  }
}

// src/stages/services.ts
var SERVICE_ERROR_LINES = 20;
var MIN_PROBE_ATTEMPT_MS = 1e3;
var ServiceStartAbortedError = class extends StageRunnerError {
  constructor(service) {
    super(`service "${service}": start-up interrupted (stage cancelled or timed out)`);
    this.service = service;
  }
  service;
  name = "ServiceStartAbortedError";
};
async function startServices(configs, ctx) {
  const running = [];
  let stopped = null;
  const stopAll = () => stopped ??= (async () => {
    await Promise.all(
      [...running].reverse().map(async (r) => {
        r.stopping = true;
        const result = await r.proc.stop(r.config["stop-timeout"]);
        ctx.logger.info(`stopped service "${r.config.name}" (${describeEnd(result)})`);
      })
    );
  })();
  try {
    for (const config of configs) running.push(await startOne(config, ctx));
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    names: running.map((r) => r.config.name),
    pids: running.map((r) => r.proc.pid),
    problems: () => running.filter((r) => r.result !== null && !r.stopping).map(
      (r) => `service "${r.config.name}" exited during the stage (${describeEnd(r.result)}); last output:
` + r.proc.lastLines(SERVICE_ERROR_LINES).join("\n")
    ),
    stop: stopAll
  };
}
function describeEnd(r) {
  return r.exitCode !== null ? `exit code ${r.exitCode}` : `signal ${r.signal ?? "unknown"}`;
}
async function startOne(config, ctx) {
  const timers = ctx.timers ?? realTimers;
  const now = ctx.now ?? (() => performance.now());
  const probe = config.ready !== void 0 ? probeFromConfig(config.name, config.ready) : null;
  const cwd = config["working-directory"] !== void 0 ? path2.resolve(ctx.workspace, config["working-directory"]) : ctx.defaultCwd;
  let logMatched = false;
  let wake = () => void 0;
  const proc = await startProcess({
    command: config.run,
    cwd,
    env: mergeEnv(ctx.env, config.env),
    owner: `service "${config.name}"`,
    killGraceMs: config["stop-timeout"],
    shell: ctx.shell,
    timers,
    now,
    onLine: (line) => {
      ctx.logger.info(`[${config.name}] ${line}`);
      if (probe?.kind === "log" && !logMatched && probe.pattern.test(line)) {
        logMatched = true;
        wake();
      }
    }
  });
  const entry = { config, proc, stopping: false, result: null };
  void proc.done.then((r) => {
    entry.result = r;
    if (!entry.stopping) ctx.logger.warning(`service "${config.name}" exited (${describeEnd(r)})`);
    wake();
  });
  ctx.logger.info(`started service "${config.name}" (pid ${proc.pid})`);
  if (probe === null || config.ready === void 0) return entry;
  const { timeout, interval } = config.ready;
  const signal = ctx.signal;
  const failIfEnded = async () => {
    if (signal?.aborted) {
      entry.stopping = true;
      await proc.stop(config["stop-timeout"]);
      throw new ServiceStartAbortedError(config.name);
    }
    if (proc.exited()) {
      const r = await proc.done;
      throw new ServiceExitedError(config.name, r.exitCode, r.signal, proc.lastLines(SERVICE_ERROR_LINES));
    }
  };
  const wakeUp = () => new Promise((resolve2) => {
    wake = resolve2;
    if (proc.exited() || signal?.aborted || logMatched) resolve2();
  });
  const onAbort = () => wake();
  signal?.addEventListener("abort", onAbort);
  try {
    const started = now();
    const deadline = started + timeout;
    const maxAttempts = Math.ceil(timeout / Math.max(interval, 1)) + 1;
    let lastProblem = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await failIfEnded();
      const remaining = Math.max(0, deadline - now());
      const outcome = await race(
        attemptProbe(
          probe,
          Math.max(1, Math.min(remaining, Math.max(interval, MIN_PROBE_ATTEMPT_MS))),
          () => logMatched
        ),
        wakeUp()
      );
      const problem = outcome === void 0 && logMatched ? null : outcome;
      await failIfEnded();
      if (problem === null) {
        ctx.logger.info(
          `service "${config.name}" is ready (${describeProbe(probe)}, ${Math.round(now() - started)} ms)`
        );
        return entry;
      }
      if (problem !== void 0) lastProblem = problem;
      if (now() >= deadline) break;
      await race(sleep(Math.min(interval, Math.max(0, deadline - now())), timers), wakeUp());
    }
    await failIfEnded();
    throw new ServiceNotReadyError(
      config.name,
      describeProbe(probe),
      timeout,
      probe.kind === "log" ? null : lastProblem,
      proc.lastLines(SERVICE_ERROR_LINES)
    );
  } catch (err) {
    entry.stopping = true;
    await proc.stop(config["stop-timeout"]);
    throw err;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
function race(work, wakeUp) {
  return Promise.race([work, wakeUp.then(() => void 0)]);
}
function attemptProbe(probe, timeoutMs, logMatched) {
  switch (probe.kind) {
    case "tcp":
      return tryTcp(probe.host, probe.port, timeoutMs);
    case "http":
      return tryHttp(probe.url, timeoutMs);
    case "log":
      return Promise.resolve(logMatched() ? null : "no matching line yet");
  }
}
function sleep(ms, timers) {
  return new Promise((resolve2) => timers.setTimeout(resolve2, ms));
}

// src/stages/run-stage.ts
var COMMAND_ERROR_LINES = 20;
var MAX_STAGE_ERRORS = 50;
async function runStage(opts) {
  const { name, config, logger } = opts;
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const repeats = "repeat" in config ? config.repeat : 1;
  const errors = [];
  let droppedErrors = 0;
  const addErrors = (prefix, list) => {
    for (const e of list) {
      if (errors.length < MAX_STAGE_ERRORS) errors.push(prefix + e);
      else droppedErrors++;
    }
  };
  const testRuns = [];
  const metricRuns = [];
  const files = /* @__PURE__ */ new Set();
  let last = { status: "skipped", exitCode: null, errors: [], chaos: [] };
  let mostAttempts = 0;
  let repeatsDone = 0;
  logger.startGroup(`${name} stage`);
  try {
    for (let repeat = 1; repeat <= repeats; repeat++) {
      let repeatMetrics = [];
      for (let attempt = 1; attempt <= config.retries + 1; attempt++) {
        mostAttempts = Math.max(mostAttempts, attempt);
        const label = describeRun(attempt, config.retries + 1, repeat, repeats);
        if (label !== "") logger.info(`--- ${label}`);
        const startedAt = (opts.wallClock ?? (() => /* @__PURE__ */ new Date()))();
        last = await runOnce(opts, attempt, repeat);
        const prefix = label === "" ? "" : `${label}: `;
        addErrors(prefix, last.errors);
        const collected = await collectSafely(opts, {
          stage: name,
          attempt,
          repeat,
          workingDirectory: stageCwd(opts),
          results: config.results,
          startedAt,
          status: last.status
        });
        testRuns.push(collected.tests);
        repeatMetrics = collected.metrics;
        for (const f of collected.files ?? []) files.add(f);
        addErrors(prefix, collected.errors ?? []);
        if (last.status === "passed" || last.status === "cancelled") break;
        if (attempt <= config.retries)
          logger.warning(`${name} stage ${last.status}; retrying (${attempt}/${config.retries})`);
      }
      metricRuns.push(repeatMetrics);
      repeatsDone = repeat;
      if (last.status !== "passed") break;
    }
  } finally {
    if (droppedErrors > 0) errors.push(`${droppedErrors} more error(s) not shown`);
    logger.info(`${name} stage ${last.status} in ${Math.round(now() - started)} ms`);
    logger.endGroup();
  }
  const stage = {
    name,
    status: last.status,
    exitCode: last.exitCode,
    durationMs: Math.round(now() - started),
    attempts: mostAttempts,
    resultFiles: [...files].sort(),
    errors,
    continueOnError: config["continue-on-error"],
    ...repeats > 1 ? { repeats: repeatsDone } : {}
  };
  return {
    stage,
    tests: mergeTestAttempts(name, testRuns),
    metrics: mergeRepeatMetrics(metricRuns),
    chaos: last.chaos
  };
}
function describeRun(attempt, attempts, repeat, repeats) {
  const parts = [];
  if (repeats > 1) parts.push(`repeat ${repeat}/${repeats}`);
  if (attempts > 1) parts.push(`attempt ${attempt}/${attempts}`);
  return parts.join(", ");
}
function stageCwd(opts) {
  return path3.resolve(opts.workspace, opts.config["working-directory"] ?? ".");
}
async function collectSafely(opts, ctx) {
  try {
    return await opts.collect(ctx);
  } catch (err) {
    return {
      tests: [],
      metrics: [],
      errors: [`collecting result files failed: ${err instanceof Error ? err.message : String(err)}`]
    };
  }
}
async function runOnce(opts, attempt, repeat) {
  const { name, config, logger } = opts;
  const timers = opts.timers ?? realTimers;
  const cwd = stageCwd(opts);
  const env = mergeEnv(opts.baseEnv ?? process.env, config.env, {
    [ENV_STAGE]: name,
    [ENV_ATTEMPT]: String(attempt),
    [ENV_REPEAT]: String(repeat)
  });
  const run = new AbortController();
  let timedOut = false;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    run.abort(new Error("timeout"));
  }, config.timeout);
  const onCancel = () => run.abort(new Error("cancelled"));
  if (opts.signal?.aborted) onCancel();
  else opts.signal?.addEventListener("abort", onCancel, { once: true });
  const errors = [];
  let fatal = false;
  let commands = null;
  let chaos = [];
  const runCommands = async () => commands = await runCommandList(opts, config.run ?? [], cwd, env, run.signal);
  try {
    assertDirectory(cwd, `stage "${name}"`);
    if (run.signal.aborted) throw new Error(`${name} stage cancelled before it started`);
    const services = await startServices(config.services, {
      workspace: opts.workspace,
      defaultCwd: cwd,
      env,
      logger,
      signal: run.signal,
      shell: opts.shell,
      timers,
      now: opts.now
    });
    try {
      if (name === "chaos" && opts.runChaos !== void 0) {
        try {
          const result = await opts.runChaos(config, {
            workingDirectory: cwd,
            env,
            logger,
            signal: run.signal,
            runCommands
          });
          chaos = result.chaos;
          errors.push(...result.errors ?? []);
          fatal ||= chaos.some((c) => c.verdict === "failed") || (result.errors ?? []).length > 0;
        } catch (err) {
          fatal = true;
          errors.push(`chaos experiments failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (commands === null && config.run !== void 0 && !run.signal.aborted) await runCommands();
      } else {
        if (config.run === void 0) logger.warning(`${name} stage has no \`run\` commands; nothing to run`);
        await runCommands();
      }
    } finally {
      errors.push(...services.problems());
      await services.stop();
    }
  } catch (err) {
    fatal = true;
    errors.push(err instanceof Error ? err.message : String(err));
  } finally {
    timers.clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onCancel);
  }
  const ended = commands ?? {
    ok: !fatal && config.run === void 0,
    exitCode: null,
    errors: []
  };
  errors.unshift(...ended.errors);
  let status;
  if (timedOut) {
    status = "timed-out";
    errors.push(
      `${name} stage timed out after ${config.timeout} ms; its process tree was killed (raise \`timeout\`)`
    );
  } else if (opts.signal?.aborted) status = "cancelled";
  else status = ended.ok && !fatal ? "passed" : "failed";
  if (status !== "passed") for (const e of errors) logger.error(e);
  else for (const e of errors) logger.warning(e);
  return { status, exitCode: ended.exitCode, errors, chaos };
}
async function runCommandList(opts, commands, cwd, env, signal) {
  let exitCode = null;
  for (const command of commands) {
    if (signal.aborted) return { ok: false, exitCode, errors: [] };
    opts.logger.info(`$ ${command}`);
    const result = await runCommand({
      command,
      cwd,
      env,
      signal,
      owner: `stage "${opts.name}"`,
      killGraceMs: opts.killGraceMs,
      shell: opts.shell,
      timers: opts.timers,
      now: opts.now,
      onLine: (line, stream) => {
        opts.logger.info(line);
        opts.onOutput?.(line, stream);
      }
    });
    exitCode = result.exitCode;
    if (result.cancelled || result.timedOut) return { ok: false, exitCode, errors: [] };
    if (result.exitCode !== 0) return { ok: false, exitCode, errors: [describeFailure(command, result)] };
  }
  return { ok: true, exitCode, errors: [] };
}
function describeFailure(command, result) {
  const how = result.exitCode === 127 ? "exit code 127: command not found (check the spelling and that it is installed and on PATH)" : result.exitCode === 126 ? "exit code 126: command not executable (check its permissions)" : result.exitCode !== null ? `exit code ${result.exitCode}` : `signal ${result.signal ?? "unknown"}`;
  const lines = result.tail.split("\n");
  const lastLines = lines.slice(Math.max(0, lines.length - COMMAND_ERROR_LINES)).join("\n");
  return `\`${command}\` failed with ${how}` + (lastLines.trim() !== "" ? `; last output:
${lastLines}` : "");
}

// src/stages/run-stages.ts
function parseStageSelection(text) {
  const names = text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  const unknown = names.filter((n) => !STAGE_NAMES.includes(n));
  if (unknown.length > 0) throw new StageSelectionError(unknown, STAGE_NAMES);
  return STAGE_NAMES.filter((n) => names.includes(n));
}
function stageFailsRun(result) {
  return result.status !== "passed" && result.status !== "skipped" && !result.continueOnError;
}
async function runStages(opts) {
  const { stages, selection, failFast = false, ...common } = opts;
  const outcomes = [];
  let stopReason = null;
  for (const name of STAGE_NAMES) {
    const config = stages[name];
    if (config === void 0) {
      if (selection?.includes(name))
        common.logger.warning(`stage "${name}" was selected but is not configured`);
      continue;
    }
    if (selection !== void 0 && !selection.includes(name)) continue;
    if (stopReason === null && common.signal?.aborted) stopReason = "cancelled";
    if (stopReason !== null) {
      outcomes.push(notRun(name, config["continue-on-error"], stopReason));
      continue;
    }
    const outcome = await runStage({ ...common, name, config });
    outcomes.push(outcome);
    if (outcome.stage.status === "cancelled") stopReason = "cancelled";
    else if (failFast && stageFailsRun(outcome.stage)) stopReason = "failed";
  }
  return {
    outcomes,
    failed: outcomes.some((o) => stageFailsRun(o.stage)),
    cancelled: stopReason === "cancelled"
  };
}
function notRun(name, continueOnError, reason) {
  return {
    stage: {
      name,
      status: reason === "cancelled" ? "cancelled" : "skipped",
      exitCode: null,
      durationMs: 0,
      attempts: 0,
      resultFiles: [],
      errors: [
        reason === "cancelled" ? "not run: the run was cancelled" : "not run: an earlier stage failed (fail-fast)"
      ],
      continueOnError
    },
    tests: [],
    metrics: [],
    chaos: []
  };
}

// src/stages/cancel.ts
var CANCEL_SIGNALS = ["SIGINT", "SIGTERM"];
var CancelledError = class extends Error {
  constructor(signal) {
    super(`cancelled by ${signal}`);
    this.signal = signal;
  }
  signal;
  name = "CancelledError";
};
function installCancelHandlers(controller, options = {}) {
  const target = options.target ?? process;
  const onRepeat = options.onRepeat ?? ((sig) => process.kill(process.pid, sig));
  const handlers = /* @__PURE__ */ new Map();
  let fired = false;
  const uninstall = () => {
    for (const [sig, handler] of handlers) target.off(sig, handler);
    handlers.clear();
  };
  for (const sig of CANCEL_SIGNALS) {
    const handler = () => {
      if (!fired) {
        fired = true;
        options.onCancel?.(sig);
        controller.abort(new CancelledError(sig));
        return;
      }
      uninstall();
      onRepeat(sig);
    };
    handlers.set(sig, handler);
    target.on(sig, handler);
  }
  return uninstall;
}

// src/stages/logger.ts
function createLineLogger(write) {
  let group = null;
  const prefix = () => group === null ? "" : `[${group}] `;
  return {
    startGroup(name) {
      group = name;
      write(`==> ${name}`);
    },
    endGroup() {
      group = null;
    },
    info: (m) => write(`${prefix()}${m}`),
    warning: (m) => write(`${prefix()}warning: ${m}`),
    error: (m) => write(`${prefix()}error: ${m}`)
  };
}

export {
  GitHubEnv,
  parseRepository,
  hasArtifactRuntime,
  envInt,
  createGitHubClient,
  redactUrlQueries,
  createActionsArtifactTransport,
  createHistoryStore,
  trustPolicyOf,
  ENV_SHARD,
  parseStageSelection,
  stageFailsRun,
  runStages,
  installCancelHandlers,
  createLineLogger
};
