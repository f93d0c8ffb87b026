import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/alerts/errors.ts
var ChannelError = class extends Error {
  constructor(message, retryable, retryAfterMs) {
    super(message);
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
  retryable;
  retryAfterMs;
  name = "ChannelError";
};
function httpChannelError(status, body, retryAfter) {
  const retryable = status === 429 || status >= 500;
  const short = body.replace(/\s+/g, " ").trim().slice(0, 200);
  return new ChannelError(
    `HTTP ${status}${short ? `: ${short}` : ""}`,
    retryable,
    parseRetryAfter(retryAfter)
  );
}
function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value.trim() === "") return void 0;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1e3);
  const at = Date.parse(value);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function redactSecrets(text, secrets) {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return out;
}

export {
  ChannelError,
  httpChannelError,
  redactSecrets
};
