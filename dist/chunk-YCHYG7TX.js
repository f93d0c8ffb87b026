import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  LOCAL_EVENT
} from "./chunk-MKFOCXAI.js";

// src/record/run-info.ts
var RunInfoError = class extends Error {
  name = "RunInfoError";
};
function runInfoFromActions(env, payload, runner, now) {
  const need = (name) => {
    const v = env[name];
    if (v === void 0 || v === "")
      throw new RunInfoError(`${name} is not set: is this running inside GitHub Actions?`);
    return v;
  };
  const repository = need("GITHUB_REPOSITORY");
  const event = need("GITHUB_EVENT_NAME");
  const pr = payload.pull_request;
  const isPr = pr !== void 0 && (event === "pull_request" || event === "pull_request_target");
  const ref = env.GITHUB_REF ?? "";
  const branch = isPr ? pr.head?.ref ?? env.GITHUB_HEAD_REF ?? "" : env.GITHUB_REF_NAME ?? ref.replace(/^refs\/heads\//, "");
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runId = Number(need("GITHUB_RUN_ID"));
  return {
    repository,
    headRepository: isPr ? pr.head?.repo?.full_name ?? repository : repository,
    sha: isPr ? pr.head?.sha ?? need("GITHUB_SHA") : need("GITHUB_SHA"),
    ref,
    branch,
    event,
    prNumber: isPr ? pr.number ?? null : null,
    baseBranch: isPr ? pr.base?.ref ?? env.GITHUB_BASE_REF ?? null : null,
    runId,
    attempt: Number(env.GITHUB_RUN_ATTEMPT ?? "1"),
    timestamp: now.toISOString(),
    ...env.GITHUB_WORKFLOW === void 0 ? {} : { workflow: env.GITHUB_WORKFLOW },
    ...env.GITHUB_JOB === void 0 ? {} : { job: env.GITHUB_JOB },
    runner,
    url: `${server}/${repository}/actions/runs/${runId}`
  };
}
function runInfoForLocal(git, runner, now) {
  const repository = git.remote ?? "local/repository";
  return {
    repository,
    headRepository: repository,
    sha: git.sha ?? "0000000",
    ref: git.branch === void 0 ? "" : `refs/heads/${git.branch}`,
    branch: git.branch ?? "local",
    event: LOCAL_EVENT,
    prNumber: null,
    baseBranch: null,
    runId: now.getTime(),
    attempt: 1,
    timestamp: now.toISOString(),
    runner
  };
}
function repositoryFromRemote(url) {
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m?.[1];
}

export {
  runInfoFromActions,
  runInfoForLocal,
  repositoryFromRemote
};
