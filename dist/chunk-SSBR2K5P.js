import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/cli/io.ts
var ExitCode = {
  Ok: 0,
  /** The run's verdict reached `fail-on`, or tests failed. */
  Failed: 1,
  /** Bad usage or unreadable input. */
  Usage: 2
};
function errorLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

export {
  ExitCode,
  errorLine
};
