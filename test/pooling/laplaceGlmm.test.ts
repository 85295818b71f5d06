/**
 * The Laplace plug-in fit of varying-intercept GLMMs (src/pooling/laplaceGlmm.ts) against lme4's
 * glmer (Laplace, nAGQ = 1; fixtures/make-glmer.R, lme4 1.1.31) on cbpp (binomial with period as a
 * predictor) and the pumps data (Poisson with offset log(time)), and its objective against a brute
 * force Laplace approximation for every family.
 *
 * Tolerances, from measurement: on pumps every quantity agrees with glmer to ≤ 1.5e-6, so 1e-5.
 * On cbpp glmer's estimates sit 2e-4 … 6e-4 from ours and its logLik 2.8e-4 below ours, while our
 * objective at glmer's estimates is within 4e-6 of our maximum: a flat optimum plus a small
 * difference in lme4's evaluation of the approximation (its PIRLS tolerance); 2e-3 covers that and
 * still catches any wrong term (dropping the −½ log(1 + τ² Σw) term moves τ̂ by > 0.05).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { createLaplaceState, glmmLaplace, laplaceData, laplaceLogLik, SHAPE_INFINITY, SINGULAR_TAU } from "../../src/pooling/laplaceGlmm.js";
import { minimizeLbfgs } from "../../src/pooling/lbfgs.js";
import { normalNodes, pluginVsFullBayesGlmm, responseInterval } from "../../src/pooling/pluginGlmm.js";
import { pluginTable } from "../../src/cli/poolingCommand.js";
import type { Fit } from "../../src/api/fitResult.js";
import { lgamma } from "../../src/math/lgamma.js";
import { createRng } from "../../src/random/rng.js";
import { interceptSpec, readCsv } from "./specs.js";

interface GlmerRef {
  fixef: Record<string, number>;
  sd: number;
  logLik: number;
  ranef_mode: number[];
  ranef_condsd: number[];
  levels: string[];
}
const REF = JSON.parse(readFileSync(new URL("./fixtures/glmer-laplace.json", import.meta.url), "utf8")) as { cbpp: GlmerRef; pumps: GlmerRef };

function cbppSpec() {
  const d = readCsv("cbpp.csv");
  const data = { herd: d.herd, period: d.period, incidence: d.incidence.map(Number), size: d.size.map(Number) };
  return buildFormulaModel({ formula: "incidence | trials(size) ~ period + (1 | herd)", data: data as never, family: "binomial" }).spec;
}

function pumpsSpec(family: "poisson" | "negbinomial") {
  const d = readCsv("pumps.csv");
  const data = { pump: d.pump, failures: d.failures.map(Number), time: d.time.map(Number) };
  return buildFormulaModel({ formula: "failures ~ 1 + offset(log(time)) + (1 | pump)", data: data as never, family }).spec;
}

function expectMatchesGlmer(spec: ReturnType<typeof cbppSpec>, ref: GlmerRef, tol: number): void {
  const fit = glmmLaplace(spec);
  expect(fit.singular).toBe(false);
  expect(fit.converged).toBe(true);
  expect(Math.abs(fit.interceptUncentred - ref.fixef["(Intercept)"])).toBeLessThan(tol);
  fit.betaNames.forEach((name, k) => expect(Math.abs(fit.beta[k] - ref.fixef[name]), name).toBeLessThan(tol));
  expect(Math.abs(fit.tau - ref.sd)).toBeLessThan(tol);
  expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(tol);
  const levels = spec.groups[0].levels;
  ref.levels.forEach((level, r) => {
    const j = levels.indexOf(level);
    expect(Math.abs(fit.modes[j] - ref.ranef_mode[r]), `mode of ${level}`).toBeLessThan(tol);
    expect(Math.abs(fit.condSd[j] - ref.ranef_condsd[r]), `conditional sd of ${level}`).toBeLessThan(tol);
  });
}

describe("glmmLaplace against lme4::glmer (nAGQ = 1)", () => {
  it("cbpp: incidence | trials(size) ~ period + (1 | herd), binomial", () => expectMatchesGlmer(cbppSpec(), REF.cbpp, 2e-3));
  it("pumps: failures ~ 1 + offset(log(time)) + (1 | pump), poisson", () => expectMatchesGlmer(pumpsSpec("poisson"), REF.pumps, 1e-5));

  it("pumps, negbinomial: τ carries the overdispersion, φ̂ runs to the Poisson limit and the likelihood equals the Poisson one", () => {
    const nb = glmmLaplace(pumpsSpec("negbinomial"));
    expect(nb.shape).toBeGreaterThan(SHAPE_INFINITY);
    expect(nb.converged).toBe(true);
    // Past SHAPE_INFINITY the negative binomial differs from the Poisson by O(y·μ/φ) per row (< 1e-3
    // at φ = 1e4, measured 1e-7 where φ̂ ends, 1.9e8), so glmer's Poisson values hold to 1e-3.
    expect(Math.abs(nb.logLik - REF.pumps.logLik)).toBeLessThan(1e-3);
    expect(Math.abs(nb.tau - REF.pumps.sd)).toBeLessThan(1e-3);
    expect(Math.abs(nb.interceptUncentred - REF.pumps.fixef["(Intercept)"])).toBeLessThan(1e-3);
  });
});

interface GroupSdRef {
  group_mean: number[];
  group_sd: number[];
  levels: string[];
}
const SD_REF = JSON.parse(readFileSync(new URL("./fixtures/glmer-groupsd.json", import.meta.url), "utf8")) as { cbpp: GroupSdRef; pumps: GroupSdRef };

/** sd(α + b_j) from the whole joint negative Hessian in (α, β, b), built and inverted densely (Gauss–Jordan). */
function denseGroupSd(spec: ReturnType<typeof cbppSpec>): Float64Array {
  const fit = glmmLaplace(spec);
  const d = laplaceData(spec);
  const q = 1 + d.p;
  const N = q + d.groups;
  const H = Array.from({ length: N }, () => new Float64Array(N));
  const group = new Int32Array(d.n);
  for (let j = 0; j < d.groups; j++) for (let r = d.start[j]; r < d.start[j + 1]; r++) group[d.rows[r]] = j;
  for (let i = 0; i < d.n; i++) {
    const x = [1, ...Array.from({ length: d.p }, (_, k) => d.xc[i * d.p + k])];
    const col = [...x, ...Array.from({ length: d.groups }, (_, j) => (j === group[i] ? 1 : 0))];
    const eta = d.offset[i] + fit.alpha + fit.beta.reduce((s, b, k) => s + b * x[1 + k], 0) + fit.modes[group[i]];
    const w = d.family === "poisson" ? Math.exp(eta) : d.trials[i] / (1 + Math.exp(-eta)) / (1 + Math.exp(eta));
    for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) H[a][b] += w * col[a] * col[b];
  }
  for (let j = 0; j < d.groups; j++) H[q + j][q + j] += 1 / (fit.tau * fit.tau);
  // Invert [H | I] by Gauss–Jordan with partial pivoting.
  const aug = H.map((row, a) => [...row, ...Array.from({ length: N }, (_, b) => (a === b ? 1 : 0))]);
  for (let c = 0; c < N; c++) {
    let piv = c;
    for (let r = c + 1; r < N; r++) if (Math.abs(aug[r][c]) > Math.abs(aug[piv][c])) piv = r;
    [aug[c], aug[piv]] = [aug[piv], aug[c]];
    const s = aug[c][c];
    for (let k = 0; k < 2 * N; k++) aug[c][k] /= s;
    for (let r = 0; r < N; r++) {
      if (r === c) continue;
      const f = aug[r][c];
      for (let k = 0; k < 2 * N; k++) aug[r][k] -= f * aug[c][k];
    }
  }
  const V = (a: number, b: number) => aug[a][N + b];
  return Float64Array.from({ length: d.groups }, (_, j) => Math.sqrt(V(0, 0) + 2 * V(0, q + j) + V(q + j, q + j)));
}

describe("glmmLaplace groupSd: sd(α + b_j) with the fixed effects' uncertainty", () => {
  it("equals the dense inverse of the joint (α, β, b) Hessian at the mode (cbpp, pumps)", () => {
    for (const spec of [cbppSpec(), pumpsSpec("poisson")]) {
      const got = glmmLaplace(spec).groupSd;
      const want = denseGroupSd(spec);
      // Two exact routes to the same number (Schur complement vs Gauss–Jordan on ≤ 19 × 19): rounding only.
      got.forEach((g, j) => expect(Math.abs(g - want[j]), `group ${j}`).toBeLessThan(1e-10));
    }
  });

  function expectMatchesR(spec: ReturnType<typeof cbppSpec>, ref: GroupSdRef, tol: number): void {
    const fit = glmmLaplace(spec);
    const levels = spec.groups[0].levels;
    ref.levels.forEach((level, r) => {
      const j = levels.indexOf(level);
      expect(Math.abs(fit.alpha + fit.modes[j] - ref.group_mean[r]), `mean of ${level}`).toBeLessThan(tol);
      expect(Math.abs(fit.groupSd[j] - ref.group_sd[r]), `sd of ${level}`).toBeLessThan(tol);
      // Including β's uncertainty can only widen the conditional sd (lme4's condVar).
      expect(fit.groupSd[j]).toBeGreaterThan(fit.condSd[j]);
    });
  }
  // The R values sit at glmer's estimates, which differ from ours (see the header): on cbpp the sds
  // differ by ≤ 1.0e-4 (measured) and the group means by up to the 6e-4 of the estimates, so 2e-3 as
  // above; on pumps the sds by 6e-8, so 1e-6 (dropping the β term moves them by ≥ 3.8e-4).
  it("cbpp: matches the same Hessian built in R at glmer's estimates (fixtures/make-glmer-groupsd.R)", () => expectMatchesR(cbppSpec(), SD_REF.cbpp, 2e-3));
  it("pumps: matches the same Hessian built in R at glmer's estimates", () => expectMatchesR(pumpsSpec("poisson"), SD_REF.pumps, 1e-6));
});

/** log ∫ exp(h(b)) db by the textbook Laplace formula with the mode by golden section and h'' by finite differences. */
function bruteForceLaplace(hOf: (b: number) => number, tau: number): number {
  let lo = -20;
  let hi = 20;
  const gr = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const a = hi - gr * (hi - lo);
    const b = lo + gr * (hi - lo);
    if (hOf(a) > hOf(b)) hi = b;
    else lo = a;
  }
  const m = (lo + hi) / 2;
  const e = 1e-4;
  const h2 = (hOf(m + e) - 2 * hOf(m) + hOf(m - e)) / (e * e);
  // ∫ p(y|b) N(b; 0, τ²) db ≈ e^{h(m)} √(2π/−h'') / √(2πτ²).
  return hOf(m) + 0.5 * Math.log(2 * Math.PI / -h2) - 0.5 * Math.log(2 * Math.PI * tau * tau);
}

describe("laplaceLogLik", () => {
  const rng = createRng(20261129, 0);
  const J = 4;
  const groupOf = [1, 1, 1, 2, 2, 3, 4, 4, 4, 4];
  const levels = ["a", "b", "c", "d"];
  const lfact = (k: number) => Array.from({ length: k }, (_, i) => Math.log(i + 1)).reduce((s, v) => s + v, 0);
  for (const family of ["binomial", "poisson", "negbinomial"] as const) {
    it(`${family}: equals the Laplace formula evaluated by brute force (golden-section mode, finite-difference curvature)`, () => {
      const y = groupOf.map(() => Math.floor(rng.uniform() * 6));
      const trials = y.map((v) => v + 1 + Math.floor(rng.uniform() * 5));
      const spec = interceptSpec({ family, y, groupOf, levels, ...(family === "binomial" ? { trials } : {}) });
      const d = laplaceData(spec);
      const at = { alpha: 0.3, beta: [], tau: 0.8, shape: 2.5 };
      const got = laplaceLogLik(d, at, createLaplaceState(d));
      let want = 0;
      for (let j = 0; j < J; j++) {
        const rows = groupOf.flatMap((g, i) => (g === j + 1 ? [i] : []));
        const ll = (b: number) =>
          rows.reduce((s, i) => {
            const eta = at.alpha + b;
            if (family === "binomial") {
              const p = 1 / (1 + Math.exp(-eta));
              return s + lfact(trials[i]) - lfact(y[i]) - lfact(trials[i] - y[i]) + y[i] * Math.log(p) + (trials[i] - y[i]) * Math.log(1 - p);
            }
            const mu = Math.exp(eta);
            if (family === "poisson") return s + y[i] * eta - mu - lfact(y[i]);
            const phi = at.shape;
            return s + lgamma(y[i] + phi) - lgamma(phi) - lfact(y[i]) + phi * Math.log(phi / (mu + phi)) + y[i] * Math.log(mu / (mu + phi));
          }, 0);
        want += bruteForceLaplace((b) => ll(b) - (b * b) / (2 * at.tau * at.tau), at.tau);
      }
      // Finite-difference curvature: error ~ e² h'''' ≈ 1e-8 relative, then halved by the log.
      expect(Math.abs(got - want)).toBeLessThan(1e-6);
    });
  }

  it("tends to the τ = 0 GLM log-likelihood as τ → 0", () => {
    const spec = interceptSpec({ family: "poisson", y: [3, 0, 5, 2, 7, 1], groupOf: [1, 1, 2, 2, 3, 3], levels: ["a", "b", "c"] });
    const d = laplaceData(spec);
    const st = createLaplaceState(d);
    const at0 = laplaceLogLik(d, { alpha: 1, beta: [], tau: 0, shape: 1 }, st);
    const atSmall = laplaceLogLik(d, { alpha: 1, beta: [], tau: 1e-6, shape: 1 }, st);
    // The difference is O(τ²) = 1e-12 times the data's scale.
    expect(Math.abs(atSmall - at0)).toBeLessThan(1e-9);
  });
});

describe("glmmLaplace on a singular fit", () => {
  it("reports τ̂ = 0 when every group has the same observed proportion", () => {
    const spec = interceptSpec({ family: "binomial", y: [3, 3, 3, 3, 3], trials: [10, 10, 10, 10, 10], groupOf: [1, 2, 3, 4, 5], levels: ["a", "b", "c", "d", "e"] });
    const fit = glmmLaplace(spec);
    expect(fit.singular).toBe(true);
    expect(fit.tau).toBe(0);
    expect(fit.logLik).toBe(fit.logLikTau0);
    expect(SINGULAR_TAU).toBeGreaterThan(0);
    // The τ = 0 fit is the pooled GLM: logit(0.3).
    expect(Math.abs(fit.alpha - Math.log(0.3 / 0.7))).toBeLessThan(1e-6);
  });
});

describe("minimizeLbfgs", () => {
  it("finds the minimum of the Rosenbrock function at (1, 1)", () => {
    const r = minimizeLbfgs((x) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2, [-1.2, 1]);
    expect(r.converged).toBe(true);
    // Central-difference gradients (~1e-10 accurate) bound how close the stop can be: 1e-5.
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
  });
});

describe("responseInterval", () => {
  it("maps the normal quantiles through the inverse link and averages over it", () => {
    const iv = responseInterval("binomial", 0.2, 0.5, normalNodes(400));
    const inv = (a: number) => 1 / (1 + Math.exp(-a));
    expect(iv.q5).toBeCloseTo(inv(0.2 - 1.6448536269514722 * 0.5), 14);
    expect(iv.q95).toBeCloseTo(inv(0.2 + 1.6448536269514722 * 0.5), 14);
    // E[logistic(a)], a ~ N(0.2, 0.5²), by a 20 000-point midpoint rule over ±8 sd; 1e-5 bounds the 400-node rule's error here.
    let want = 0;
    const K = 20000;
    for (let k = 0; k < K; k++) {
      const z = -8 + (16 * (k + 0.5)) / K;
      want += inv(0.2 + 0.5 * z) * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * (16 / K);
    }
    expect(Math.abs(iv.mean - want)).toBeLessThan(1e-5);
  });
});

describe("pluginVsFullBayesGlmm and pluginTable on a singular fit", () => {
  // Five groups with the same observed proportion: τ̂ = 0. A stand-in for the partial-pooling fit
  // (only `get` is read): fixed draws of the intercept, group effects and the group sd.
  const spec = interceptSpec({ family: "binomial", y: [3, 3, 3, 3, 3], trials: [10, 10, 10, 10, 10], groupOf: [1, 2, 3, 4, 5], levels: ["a", "b", "c", "d", "e"], groupName: "g" });
  const S = 200;
  const draws = (f: (s: number) => number) => Float64Array.from({ length: S }, (_, s) => f(s));
  const fake = {
    get(name: string): Float64Array {
      if (name === "b_Intercept") return draws((s) => -0.85 + 0.3 * Math.sin(s));
      if (name === "sd_g__Intercept") return draws((s) => 0.05 + 0.5 * ((s * 37) % 100) / 100);
      if (/^r_g\[[a-e],Intercept\]$/.test(name)) return draws((s) => 0.4 * Math.cos(s * 1.7 + name.charCodeAt(4)));
      throw new Error(`no output ${name}`);
    },
  } as unknown as Fit;

  it("flags the singular fit, gives every group the population's plug-in interval (α̂'s, not a point) and keeps the sd's posterior", () => {
    const p = pluginVsFullBayesGlmm(spec, fake);
    expect(p.singular).toBe(true);
    expect(p.tau_plugin).toBe(0);
    // τ̂ = 0: every group's interval is the pooled GLM's for the intercept, logit⁻¹(α̂ ± 1.645 sd(α̂)),
    // α̂ = logit(0.3), sd(α̂) = 1/√(Σ m p (1 − p)) = 1/√(50 · 0.21); not the single point 0.3.
    const sdAlpha = 1 / Math.sqrt(50 * 0.21);
    const logit03 = Math.log(0.3 / 0.7);
    const inv = (x: number) => 1 / (1 + Math.exp(-x));
    for (const g of p.groups) {
      expect(g.plugin.q5).toBeCloseTo(inv(logit03 - 1.6448536269514722 * sdAlpha), 6);
      expect(g.plugin.q95).toBeCloseTo(inv(logit03 + 1.6448536269514722 * sdAlpha), 6);
    }
    expect(p.tau_posterior.q95).toBeGreaterThan(0.4);
    const text = pluginTable(p);
    expect(text).toMatch(/plug-in group sd is 0 \(a singular fit\)/);
    expect(text).toMatch(/group sd: plug-in 0(\.0+)? vs posterior median/);
  });
});
