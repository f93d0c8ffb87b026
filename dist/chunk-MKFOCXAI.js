import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/model/run-record.ts
var RUN_RECORD_SCHEMA = 1;
var LOCAL_EVENT = "local";

// src/model/test-case.ts
function testId(suite, classname, name) {
  return `${suite}::${classname}::${name}`;
}
function countTests(tests) {
  let passed = 0;
  let failed = 0;
  let errored = 0;
  let skipped = 0;
  let total = 0;
  for (const t of tests) {
    total++;
    if (t.status === "passed" || t.status === "flaky") passed++;
    else if (t.status === "failed") failed++;
    else if (t.status === "errored") errored++;
    else skipped++;
  }
  return { tests: total, passed, failed, errored, skipped };
}

// src/model/clock.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

// src/model/metric.ts
function metricKey(stage, suite, name, measure = "") {
  return measure === "" ? `${stage}/${suite}/${name}` : `${stage}/${suite}/${name}/${measure}`;
}

export {
  metricKey,
  RUN_RECORD_SCHEMA,
  LOCAL_EVENT,
  testId,
  countTests,
  systemClock
};
