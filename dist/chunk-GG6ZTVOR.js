import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/record/runner-fingerprint.ts
function runnerFingerprint(os, env) {
  const cpus = os.cpus();
  const image = env.ImageOS !== void 0 && env.ImageVersion !== void 0 ? `${env.ImageOS}/${env.ImageVersion}` : void 0;
  return {
    os: env.RUNNER_OS ?? os.platform(),
    arch: env.RUNNER_ARCH ?? os.arch(),
    cpuModel: (cpus[0]?.model ?? "unknown").replace(/\s+/g, " ").trim(),
    cores: cpus.length,
    ...image === void 0 ? {} : { imageVersion: image },
    ...env.RUNNER_ENVIRONMENT === void 0 ? {} : { label: env.RUNNER_ENVIRONMENT }
  };
}
function fingerprintKey(f) {
  return [f.os, f.arch, f.cpuModel, f.cores, f.imageVersion ?? ""].join("|");
}

export {
  runnerFingerprint,
  fingerprintKey
};
