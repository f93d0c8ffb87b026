import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  gammaln,
  quantileSorted,
  quickselect
} from "./chunk-PMRQHYNL.js";

// src/analysis/stats/distributions.ts
var EPS = 1e-15;
var TINY = 1e-300;
var MAX_ITER = 300;
function betaContinuedFraction(a, b, x) {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - qab * x / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}
function regularizedIncompleteBeta(x, a, b) {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(a, b, x) / a;
  return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}
function studentTSf(t, df) {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}
function studentTTwoSidedP(t, df) {
  if (Number.isNaN(t)) return Number.NaN;
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}
function erfc(x) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
  return x >= 0 ? r : 2 - r;
}
function normalSf(z) {
  if (Number.isNaN(z)) return Number.NaN;
  return 0.5 * erfc(z / Math.SQRT2);
}

// src/analysis/stats/hypothesis-tests.ts
function pooledTTestFromStats(mean1, sd1, n1, mean2, sd2, n2) {
  const df = n1 + n2 - 2;
  const pooledVar = ((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / df;
  const denom = Math.sqrt(pooledVar * (1 / n1 + 1 / n2));
  const t = (mean1 - mean2) / denom;
  return { t, df, p: studentTTwoSidedP(t, df) };
}
function benjaminiHochberg(pValues) {
  const idx = pValues.map((p, i) => ({ p, i })).filter((e) => !Number.isNaN(e.p));
  const m = idx.length;
  const out = pValues.map(() => Number.NaN);
  idx.sort((x, y) => x.p - y.p);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const e = idx[k];
    running = Math.min(running, e.p * m / (k + 1));
    out[e.i] = running;
  }
  return out;
}

// src/analysis/changepoints/e-divisive.ts
function meanStd(xs, from, to) {
  const n = to - from;
  let sum = 0;
  for (let i = from; i < to; i++) sum += xs[i];
  const mean = sum / n;
  if (n < 2) return { mean, std: 0 };
  let ss = 0;
  for (let i = from; i < to; i++) ss += (xs[i] - mean) * (xs[i] - mean);
  return { mean, std: Math.sqrt(ss / n) };
}
function compareSegments(xs, from, mid, to) {
  const l = meanStd(xs, from, mid);
  const r = meanStd(xs, mid, to);
  const n1 = mid - from;
  const n2 = to - mid;
  const p = n1 + n2 > 2 ? pooledTTestFromStats(l.mean, l.std, n1, r.mean, r.std, n2).p : 1;
  const forward = l.mean === 0 ? 0 : r.mean / l.mean - 1;
  const backward = r.mean === 0 ? 0 : l.mean / r.mean - 1;
  return {
    meanBefore: l.mean,
    meanAfter: r.mean,
    stdBefore: l.std,
    stdAfter: r.std,
    pValue: p,
    magnitude: Math.max(Math.abs(forward), Math.abs(backward)),
    forwardChange: forward
  };
}
function intervalsOf(indices, length) {
  const out = [];
  for (let i = 0; i <= indices.length; i++) {
    const start = i === 0 ? 0 : indices[i - 1];
    const stop = i === indices.length ? length : indices[i];
    if (start !== stop) out.push({ start, stop });
  }
  return out;
}
var EnergyCalculator = class {
  len;
  s;
  /** `scratch` (≥ (L+1)² long) is reused across windows so a long series does not allocate per window. */
  constructor(xs, scratch) {
    const L = xs.length;
    this.len = L;
    const w = L + 1;
    const s = scratch !== void 0 && scratch.length >= w * w ? scratch : new Float64Array(w * w);
    s.fill(0, 0, w * w);
    for (let a = 1; a <= L; a++) {
      const xa = xs[a - 1];
      let row = 0;
      for (let b = 1; b <= L; b++) {
        row += Math.abs(xa - xs[b - 1]);
        s[a * w + b] = s[(a - 1) * w + b] + row;
      }
    }
    this.s = s;
  }
  rect(a0, a1, b0, b1) {
    const w = this.len + 1;
    const s = this.s;
    return s[a1 * w + b1] - s[a0 * w + b1] - s[a1 * w + b0] + s[a0 * w + b0];
  }
  /** Best (τ, Q̂) inside [start, stop), arg-max taken like NumPy's over Otava's matrix (zeros below the diagonal). */
  candidate(start, stop) {
    const m = stop - start - 1;
    let bestI = 0;
    let bestQ = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const tau = start + i + 1;
      const nX = tau - start;
      const withinX = nX > 1 ? this.rect(start, tau, start, tau) / 2 : 0;
      if (i > 0 && !Number.isNaN(bestQ) && 0 > bestQ) {
        bestQ = 0;
        bestI = i;
      }
      for (let j = i; j < m; j++) {
        const kappa = start + j + 2;
        const nY = kappa - tau;
        const total = kappa - start;
        const cross = this.rect(start, tau, tau, kappa);
        const withinY = nY > 1 ? this.rect(tau, kappa, tau, kappa) / 2 : 0;
        let q = 2 / total * cross;
        if (nX > 1) q -= 2 * nY / (total * (nX - 1)) * withinX;
        if (nY > 1) q -= 2 * nX / (total * (nY - 1)) * withinY;
        if (!Number.isNaN(bestQ) && (q > bestQ || Number.isNaN(q))) {
          bestQ = q;
          bestI = i;
        }
      }
    }
    return { index: start + bestI + 1, qhat: bestQ };
  }
};
function divisiveInWindow(series, from, to, pValue, scratch) {
  const xs = series.subarray(from, to);
  const calc = new EnergyCalculator(xs, scratch);
  const found = [];
  for (; ; ) {
    const intervals = intervalsOf(found, xs.length);
    let best;
    for (const interval of intervals) {
      if (interval.stop - interval.start <= 1) continue;
      const c = calc.candidate(interval.start, interval.stop);
      if (best === void 0 || c.qhat > best.qhat) best = { ...c, interval };
    }
    if (best === void 0) break;
    const stats = compareSegments(xs, best.interval.start, best.index, best.interval.stop);
    if (!(stats.pValue <= pValue)) break;
    found.push(best.index);
    found.sort((a, b) => a - b);
  }
  return found.map((i) => i + from);
}
function statsAt(series, indices, k) {
  const from = k === 0 ? 0 : indices[k - 1];
  const to = k === indices.length - 1 ? series.length : indices[k + 1];
  return compareSegments(series, from, indices[k], to);
}
function splitStep(series, windowLen, pValue) {
  if (windowLen < 2) throw new RangeError(`change-point window must be at least 2, got ${windowLen}`);
  const step = Math.floor(windowLen / 2);
  const found = /* @__PURE__ */ new Set();
  const side = Math.min(windowLen, series.length) + 1;
  const scratch = new Float64Array(side * side);
  let start = 0;
  while (start < series.length) {
    const end = Math.min(start + windowLen, series.length);
    const cps = divisiveInWindow(series, start, end, pValue, scratch);
    const last = cps.length > 0 ? cps[cps.length - 1] : 0;
    start = Math.max(last, start + step);
    for (const c of cps) found.add(c);
  }
  const indices = [...found].sort((a, b) => a - b);
  return indices.map((index, k) => ({ index, qhat: 0, stats: statsAt(series, indices, k) }));
}
function mergeStep(series, weak, maxPValue, minMagnitude) {
  const cps = [...weak];
  while (cps.length > 0) {
    let weakest = 0;
    for (let i = 1; i < cps.length; i++) if (cps[i].stats.pValue > cps[weakest].stats.pValue) weakest = i;
    if (cps[weakest].stats.pValue < maxPValue) {
      weakest = 0;
      for (let i = 1; i < cps.length; i++)
        if (cps[i].stats.magnitude < cps[weakest].stats.magnitude) weakest = i;
      if (cps[weakest].stats.magnitude > minMagnitude) return cps;
    }
    cps.splice(weakest, 1);
    const indices = cps.map((c) => c.index);
    for (const k of [weakest, weakest + 1]) {
      if (k >= 0 && k < cps.length) cps[k] = { ...cps[k], stats: statsAt(series, indices, k) };
    }
  }
  return cps;
}
function fillMissing(values) {
  const out = values.map((v) => v === null || Number.isNaN(v) ? null : v);
  let prev = null;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === null && prev !== null) out[i] = prev;
    prev = out[i] ?? null;
  }
  prev = null;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === null && prev !== null) out[i] = prev;
    prev = out[i] ?? null;
  }
  return out;
}
function detectChangePoints(values, options) {
  const filled = fillMissing(values);
  if (filled.length === 0 || filled[0] === null) return [];
  const series = Float64Array.from(filled);
  const p = options.maxPValue;
  const firstPass = p < 0.05 ? p * 10 : p < 0.5 ? p * 2 : p;
  const weak = splitStep(series, options.windowLen, firstPass);
  return mergeStep(series, weak, p, options.minMagnitude);
}

// src/analysis/stats/robust.ts
var MAD_SCALE = 1.4826;
var IQR_SCALE = 1 / 1.349;
function sortedCopy(values) {
  return Float64Array.from(values).sort();
}
function medianOf(values) {
  if (values.length === 0) return Number.NaN;
  return quantileSorted(sortedCopy(values), 0.5);
}
function robustSummary(values, floorRel, floorAbs = 0) {
  const n = values.length;
  if (n === 0) {
    return {
      n: 0,
      center: Number.NaN,
      spread: Number.NaN,
      mad: Number.NaN,
      iqr: Number.NaN,
      min: Number.NaN,
      max: Number.NaN
    };
  }
  const sorted = sortedCopy(values);
  const center = quantileSorted(sorted, 0.5);
  const dev = new Float64Array(n);
  for (let i = 0; i < n; i++) dev[i] = Math.abs(sorted[i] - center);
  dev.sort();
  const mad = quantileSorted(dev, 0.5);
  const iqr = n >= 4 ? quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25) : 0;
  const spread = Math.max(MAD_SCALE * mad, IQR_SCALE * iqr, floorRel * Math.abs(center), floorAbs);
  return { n, center, spread, mad, iqr, min: sorted[0], max: sorted[n - 1] };
}
function theilSenSlope(xs, ys) {
  const n = Math.min(xs.length, ys.length);
  const slopes = new Float64Array(n > 1 ? n * (n - 1) / 2 : 0);
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j] - xs[i];
      if (dx !== 0) slopes[count++] = (ys[j] - ys[i]) / dx;
    }
  }
  if (count === 0) return Number.NaN;
  const used = slopes.subarray(0, count);
  const idx = (count - 1) * 0.5;
  const lower = Math.floor(idx);
  quickselect(used, lower, 0, count - 1);
  if (idx !== lower) quickselect(used, lower + 1, lower + 1, count - 1);
  return quantileSorted(used, 0.5);
}

// src/analysis/changepoints/sustained-shifts.ts
var MAX_RHO = 0.95;
var WHITE_NOISE_SDS = 6;
function median(xs) {
  const s = Float64Array.from(xs).sort();
  const k = s.length >> 1;
  return s.length % 2 === 1 ? s[k] : (s[k - 1] + s[k]) / 2;
}
function robustLag1Autocorrelation(xs) {
  const n = xs.length;
  if (n < 4) return 0;
  const d1 = new Float64Array(n - 1);
  const d2 = new Float64Array(n - 2);
  for (let i = 0; i + 1 < n; i++) d1[i] = Math.abs(xs[i + 1] - xs[i]);
  for (let i = 0; i + 2 < n; i++) d2[i] = Math.abs(xs[i + 2] - xs[i]);
  const m1 = median(d1);
  const m2 = median(d2);
  if (m1 === 0) return m2 === 0 ? 0 : MAX_RHO;
  const rho = (m2 / m1) ** 2 - 1;
  return rho > WHITE_NOISE_SDS / Math.sqrt(n) ? Math.min(MAX_RHO, rho) : 0;
}
var NEAR_ZERO_SDS = 3;
function hoversAroundZero(xs) {
  if (xs.length === 0) return false;
  const m = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - m)));
  return mad > 0 && Math.abs(m) < NEAR_ZERO_SDS * 1.4826 * mad;
}
function residualLag1Autocorrelation(xs, cuts) {
  const n = xs.length;
  if (n < 4) return 0;
  let ss = 0;
  let lag = 0;
  for (let k = 0; k <= cuts.length; k++) {
    const from = k === 0 ? 0 : cuts[k - 1];
    const to = k === cuts.length ? n : cuts[k];
    let sum = 0;
    for (let i = from; i < to; i++) sum += xs[i];
    const mean = sum / (to - from);
    for (let i = from; i < to; i++) {
      const r = xs[i] - mean;
      ss += r * r;
      if (i + 1 < to) lag += r * (xs[i + 1] - mean);
    }
  }
  const rho = ss > 0 ? lag / ss : 0;
  return rho > 2 / Math.sqrt(n) ? Math.min(MAX_RHO, rho) : 0;
}
function segmentStats(xs, from, to) {
  let sum = 0;
  for (let i = from; i < to; i++) sum += xs[i];
  const n = to - from;
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (xs[i] - mean) * (xs[i] - mean);
  return { mean, ss, n };
}
function relativeMagnitude(before, after) {
  if (before === after) return 0;
  if (before === 0 || after === 0) return Infinity;
  return Math.max(Math.abs(after / before - 1), Math.abs(before / after - 1));
}
function shiftOnTrend(xs, from, at, to, correctAutocorrelation) {
  const n = to - from;
  const tMean = (n - 1) / 2;
  const sct = n * (n * n - 1) / 12;
  let sy = 0;
  let sty = 0;
  for (let i = from; i < to; i++) {
    sy += xs[i];
    sty += (i - from - tMean) * xs[i];
  }
  const a = sy / n;
  const b = sty / sct;
  let yOnStep = 0;
  let cOnStep = 0;
  for (let i = at; i < to; i++) {
    const c = i - from - tMean;
    yOnStep += xs[i] - a - b * c;
    cOnStep += c;
  }
  const n2 = to - at;
  const dBar = n2 / n;
  const gamma = cOnStep / sct;
  const dd = n2 - n2 * dBar - cOnStep * gamma;
  const cAt = at - from - tMean;
  if (n < 5 || !(dd > 1e-9)) return { p: 1, levelBefore: a + b * cAt, delta: 0, sse: Infinity };
  const delta = yOnStep / dd;
  const res = new Float64Array(n);
  let sse = 0;
  let lag = 0;
  let prev = 0;
  for (let i = from; i < to; i++) {
    const c = i - from - tMean;
    const r = xs[i] - a - b * c - delta * ((i >= at ? 1 : 0) - dBar - gamma * c);
    res[i - from] = Math.abs(r);
    sse += r * r;
    if (i > from) lag += r * prev;
    prev = r;
  }
  const localRho = sse > 0 ? lag / sse : 0;
  const rho = correctAutocorrelation && localRho > 2 / Math.sqrt(n) ? Math.min(MAX_RHO, localRho) : 0;
  const shrink = (1 - rho) / (1 + rho);
  const mad = MAD_SCALE * median(res);
  const s2 = mad > 0 ? mad * mad * n / (n - 3) : sse / (n - 3);
  const t = delta / Math.sqrt(s2 / (dd * shrink));
  const df = Math.max(1, n * shrink - 3);
  return {
    p: Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df),
    levelBefore: a + b * cAt - delta * (dBar + gamma * cAt),
    delta,
    sse
  };
}
function testAt(xs, from, at, to, rho, nearZero, againstTrend, correctAutocorrelation) {
  const l = segmentStats(xs, from, at);
  const r = segmentStats(xs, at, to);
  const shrink = (1 - rho) / (1 + rho);
  const n1 = Math.max(1, l.n * shrink);
  const n2 = Math.max(1, r.n * shrink);
  const df = Math.max(1, n1 + n2 - 2);
  const pooled = (l.ss + r.ss) / Math.max(1, l.n + r.n - 2);
  const t = (r.mean - l.mean) / Math.sqrt(pooled * (1 / n1 + 1 / n2));
  const pAgainstConstant = l.n + r.n > 2 ? Number.isNaN(t) ? 1 : studentTTwoSidedP(t, df) : 1;
  let p = pAgainstConstant;
  let magnitude = nearZero ? Infinity : relativeMagnitude(l.mean, r.mean);
  if (againstTrend && p < 1) {
    const onTrend = shiftOnTrend(xs, from, at, to, correctAutocorrelation);
    p = Math.max(p, onTrend.p);
    const n = to - from;
    if (!nearZero && n * Math.log((l.ss + r.ss) / onTrend.sse) > Math.log(n))
      magnitude = relativeMagnitude(onTrend.levelBefore, onTrend.levelBefore + onTrend.delta);
  }
  return {
    index: at,
    meanBefore: l.mean,
    meanAfter: r.mean,
    pValue: p,
    pAgainstConstant,
    forwardChange: l.mean === 0 ? 0 : r.mean / l.mean - 1,
    magnitude
  };
}
function refineLocations(xs, idx, radius, minSegment) {
  for (let pass = 0; pass < 10; pass++) {
    let moved = false;
    for (let k = 0; k < idx.length; k++) {
      const a = k === 0 ? 0 : idx[k - 1];
      const b = k + 1 < idx.length ? idx[k + 1] : xs.length;
      const lo = Math.max(a + minSegment, idx[k] - radius);
      const hi = Math.min(b - minSegment, idx[k] + radius);
      if (lo > hi) continue;
      let total = 0;
      for (let i = a; i < b; i++) total += xs[i];
      let left = 0;
      for (let i = a; i < lo; i++) left += xs[i];
      let best = idx[k];
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let t = lo; t <= hi; t++) {
        const n1 = t - a;
        const n2 = b - t;
        const d = left / n1 - (total - left) / n2;
        const score = d * d * n1 * n2 / (n1 + n2);
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
        left += xs[t];
      }
      if (best !== idx[k]) {
        idx[k] = best;
        moved = true;
      }
    }
    if (!moved) return;
  }
}
function detectSustainedShifts(values, options) {
  const filled = fillMissing(values);
  if (filled.length === 0 || filled[0] === null) return [];
  const xs = Float64Array.from(filled);
  const minSegment = options.minSegment ?? 3;
  const correct = options.correctAutocorrelation ?? true;
  let rho = correct ? robustLag1Autocorrelation(xs) : 0;
  const nearZero = hoversAroundZero(xs);
  const trendNull = options.trendNull ?? true;
  const p = options.maxPValue;
  const firstPass = p < 0.05 ? p * 10 : p < 0.5 ? p * 2 : p;
  const cache = /* @__PURE__ */ new Map();
  const stats = (list, againstTrend) => list.map((at, k) => {
    const from = k === 0 ? 0 : list[k - 1];
    const to = k + 1 < list.length ? list[k + 1] : xs.length;
    const key = `${from},${at},${to},${againstTrend}`;
    let r = cache.get(key);
    if (r === void 0) {
      r = testAt(xs, from, at, to, rho, nearZero, againstTrend, correct);
      cache.set(key, r);
    }
    return r;
  });
  const prune = (list, final) => {
    for (; ; ) {
      const current = stats(list, final && trendNull);
      let worst = -1;
      for (let k = 0; k < current.length; k++)
        if (current[k].pValue > p && (worst < 0 || current[k].pAgainstConstant > current[worst].pAgainstConstant))
          worst = k;
      if (worst < 0 && final)
        for (let k = 0; k < current.length; k++) {
          const m = current[k].magnitude;
          if (m < options.minMagnitude && (worst < 0 || m < current[worst].magnitude)) worst = k;
        }
      if (worst < 0) return current.map(({ pAgainstConstant: _, ...shift }) => shift);
      list.splice(worst, 1);
    }
  };
  let idx = splitStep(xs, options.windowLen, firstPass).map((c) => c.index);
  if (correct) rho = Math.max(rho, residualLag1Autocorrelation(xs, idx));
  prune(idx, false);
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k + 1 < idx.length; k++) {
      const a = idx[k];
      const b = idx[k + 1];
      if (b - a >= minSegment) continue;
      const before = segmentStats(xs, k === 0 ? 0 : idx[k - 1], a).mean;
      const after = segmentStats(xs, b, k + 2 < idx.length ? idx[k + 2] : xs.length).mean;
      const inside = segmentStats(xs, a, b).mean;
      if (Math.abs(after - before) < Math.abs(inside - before) / 2) {
        idx = [...idx.slice(0, k), b, ...idx.slice(k + 2)];
        changed = true;
        break;
      }
    }
  }
  idx = idx.filter((i) => i >= minSegment && xs.length - i >= minSegment);
  refineLocations(xs, idx, Math.max(1, Math.floor(options.windowLen / 2)), minSegment);
  idx = [...new Set(idx)].sort((a, b) => a - b);
  return prune(idx, true);
}

export {
  normalSf,
  medianOf,
  robustSummary,
  theilSenSlope,
  benjaminiHochberg,
  detectChangePoints,
  detectSustainedShifts
};
