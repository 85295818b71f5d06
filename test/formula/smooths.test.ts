import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { constructSmooth, smoothColumns, type SmoothBasisKind } from "../../src/formula/smooth.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { readCsvText } from "../../src/io/index.js";
import { lanczosLargestMagnitude } from "../../src/math/lanczos.js";
import { symmetricEigen } from "../../src/math/symmetricEigen.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { maxRelDiff } from "../support/maxRelDiff.js";

/** fixtures/smooths.json, written by fixtures/make-smooths.R (brms 2.18's smoothCon + smooth2random, s2rPred for new x). */
interface Ref {
  data: string;
  spec: string;
  bs: SmoothBasisKind;
  k: number;
  x: number[];
  Xs: number[];
  Zs: number[];
  nZs: number;
  newx: number[];
  newXs: number[];
  newZs: number[];
}
const REFS: Ref[] = JSON.parse(readFileSync(new URL("./fixtures/smooths.json", import.meta.url), "utf8"));

/** Z Zᵀ (n × n) of column-getter Z: what does not depend on the columns' signs or order. */
function gram(n: number, q: number, z: (i: number, j: number) => number): Float64Array {
  const out = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    for (let j = 0; j < q; j++) s += z(a, j) * z(b, j);
    out[a * n + b] = s;
  }
  return out;
}

// Tolerance: mgcv's basis goes through a Lanczos eigen-decomposition of the radial matrix converged
// to ε^0.7 (hbayes's converges to 1e-14) and two more small dense ones; observed agreement is
// ≤ 1e-11 relative on these cases, so 1e-8 leaves room for other BLAS while catching any real
// difference (a wrong scaling, constraint or eigenvector choice is O(1)).
const TOL = 1e-8;

describe("constructSmooth: brms 2.18's smooth bases (mgcv tp and cr) against R", () => {
  for (const r of REFS) {
    const x = Float64Array.from(r.x);
    const n = x.length;
    const sm = constructSmooth({ vars: ["x"], bs: r.bs, k: r.k }, [x], r.spec);
    it(`${r.spec} on ${r.data}: ${r.nZs} penalised columns, Zs·Zsᵀ as brms's`, () => {
      expect(sm.Zs.length).toBe(r.nZs);
      expect(sm.Xs.length).toBe(1);
      expect(maxRelDiff(gram(n, sm.Zs.length, (i, j) => sm.Zs[j][i]), gram(n, r.nZs, (i, j) => r.Zs[j * n + i]))).toBeLessThan(TOL);
    });
    it(`${r.spec} on ${r.data}: each Zs column is one of brms's up to sign; Xs equal up to sign and increasing in x`, () => {
      const used = new Set<number>();
      for (const col of sm.Zs) {
        const match = Array.from({ length: r.nZs }, (_, j) => j).find((j) => {
          if (used.has(j)) return false;
          const ref = r.Zs.slice(j * n, (j + 1) * n);
          const sign = Math.sign(ref[0]) * Math.sign(col[0]);
          return maxRelDiff(col.map((v) => v * sign), ref) < TOL;
        });
        expect(match).toBeDefined();
        used.add(match as number);
      }
      const sign = Math.sign(r.Xs[0]) * Math.sign(sm.Xs[0][0]);
      expect(maxRelDiff(sm.Xs[0].map((v) => v * sign), r.Xs)).toBeLessThan(TOL);
      let cov = 0;
      for (let i = 0; i < n; i++) cov += sm.Xs[0][i] * (x[i] - 5);
      expect(cov).toBeGreaterThan(0);
    });
    it(`${r.spec} on ${r.data}: new x (inside and outside the range) as brms's s2rPred / mgcv's PredictMat`, () => {
      const nx = Float64Array.from(r.newx);
      const m = nx.length;
      const p = smoothColumns(sm, [nx]);
      expect(maxRelDiff(gram(m, p.Zs.length, (i, j) => p.Zs[j][i]), gram(m, r.nZs, (i, j) => r.newZs[j * m + i]))).toBeLessThan(TOL);
      const sign = Math.sign(r.newXs[0]) * Math.sign(p.Xs[0][0]);
      expect(maxRelDiff(p.Xs[0].map((v) => v * sign), r.newXs)).toBeLessThan(TOL);
    });
  }

  it("the training columns equal the prediction formula at the training x (what model.json reproduces)", () => {
    const r = REFS[0];
    const x = Float64Array.from(r.x);
    const sm = constructSmooth({ vars: ["x"], bs: "tp", k: 10 }, [x], "s(x)");
    const again = smoothColumns(sm, [x]);
    expect(maxRelDiff(again.Zs.flatMap((c) => Array.from(c)), sm.Zs.flatMap((c) => Array.from(c)))).toBeLessThan(1e-12);
  });

  // fixtures/smooths2d.json: s(x, z) in R. Its two unpenalised columns come from a doubly-zero
  // eigenvalue, so they are fixed only up to a 2 × 2 transform: fitted on the training rows, the same
  // transform must carry hbayes's new-data Xs onto brms's.
  const REFS2: { spec: string; x: number[]; z: number[]; Xs: number[]; Zs: number[]; nZs: number; newx: number[]; newz: number[]; newXs: number[]; newZs: number[] }[] = JSON.parse(
    readFileSync(new URL("./fixtures/smooths2d.json", import.meta.url), "utf8"),
  );
  for (const r of REFS2) {
    it(`${r.spec}: thin-plate in two dimensions, Zs·Zsᵀ and the span of Xs as brms's, at the data and at new points`, () => {
      const n = r.x.length;
      const k = /k = (\d+)/.exec(r.spec);
      const sm = constructSmooth({ vars: ["x", "z"], bs: "tp", ...(k ? { k: Number(k[1]) } : {}) }, [Float64Array.from(r.x), Float64Array.from(r.z)], r.spec);
      expect(sm.Zs.length).toBe(r.nZs);
      expect(sm.Xs.length).toBe(2);
      expect(maxRelDiff(gram(n, r.nZs, (i, j) => sm.Zs[j][i]), gram(n, r.nZs, (i, j) => r.Zs[j * n + i]))).toBeLessThan(TOL);
      // Least squares R (2 × 2) with Xs_hbayes · R = Xs_brms.
      const A = (i: number, j: number) => sm.Xs[j][i];
      const B = (i: number, j: number) => r.Xs[j * n + i];
      const ata = [0, 0, 0, 0];
      const atb = [0, 0, 0, 0];
      for (let i = 0; i < n; i++) for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
        ata[a * 2 + b] += A(i, a) * A(i, b);
        atb[a * 2 + b] += A(i, a) * B(i, b);
      }
      const det = ata[0] * ata[3] - ata[1] * ata[2];
      const inv = [ata[3] / det, -ata[1] / det, -ata[2] / det, ata[0] / det];
      const R = [0, 1, 2, 3].map((e) => inv[Math.floor(e / 2) * 2] * atb[e % 2] + inv[Math.floor(e / 2) * 2 + 1] * atb[2 + (e % 2)]);
      const mapped = (Xs: Float64Array[], m: number) => Float64Array.from({ length: 2 * m }, (_, t) => Xs[0][t % m] * R[Math.floor(t / m)] + Xs[1][t % m] * R[2 + Math.floor(t / m)]);
      expect(maxRelDiff(mapped(sm.Xs, n), Float64Array.from(r.Xs))).toBeLessThan(TOL);
      const m = r.newx.length;
      const p = smoothColumns(sm, [Float64Array.from(r.newx), Float64Array.from(r.newz)]);
      expect(maxRelDiff(gram(m, r.nZs, (i, j) => p.Zs[j][i]), gram(m, r.nZs, (i, j) => r.newZs[j * m + i]))).toBeLessThan(TOL);
      expect(maxRelDiff(mapped(p.Xs, m), Float64Array.from(r.newXs))).toBeLessThan(TOL);
    });
  }

  it("s(x, z): thin-plate in two dimensions has 27 + 3 − 1 columns by default, 2 of them unpenalised, each Zs orthogonal to the linear functions", () => {
    const n = 60;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7));
    const z = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.9));
    const sm = constructSmooth({ vars: ["x", "z"], bs: "tp" }, [x, z], "s(x, z)");
    expect(sm.Zs.length).toBe(27);
    expect(sm.Xs.length).toBe(2);
    // Every column sums to zero (the absorbed constraint).
    for (const c of [...sm.Zs, ...sm.Xs]) expect(Math.abs(c.reduce((a, v) => a + v, 0))).toBeLessThan(1e-9);
  });

  it("refuses what mgcv would do differently or cannot do: too few unique values, more than 2000 of them", () => {
    const few = Float64Array.from([1, 2, 3, 1, 2, 3, 4, 4]);
    expect(() => constructSmooth({ vars: ["x"], bs: "tp", k: 5 }, [few], "s(x, k = 5)")).toThrow(new UserError("s(x, k = 5): 4 unique covariate values cannot support k = 5: reduce k"));
    expect(() => constructSmooth({ vars: ["x"], bs: "cr", k: 5 }, [few], "s(x, bs = \"cr\", k = 5)")).toThrow(/4 unique covariate values cannot support k = 5 knots/);
    const many = Float64Array.from({ length: 2001 }, (_, i) => i / 7);
    expect(() => constructSmooth({ vars: ["x"], bs: "tp" }, [many], "s(x)")).toThrow(/2001 unique covariate values; above 2000 mgcv subsamples the knots/);
  });
});

describe("lanczosLargestMagnitude", () => {
  it("the k eigenpairs of largest |λ| of a seeded indefinite matrix, as the full decomposition's (decreasing λ)", () => {
    const n = 120;
    const k = 9;
    // r³ kernel on scattered points: the thin-plate radial matrix, indefinite with fast-decaying spectrum.
    const x = Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = Math.abs(x[i] - x[j]) ** 3 / 12;
    const full = symmetricEigen(A, n);
    const want = Array.from({ length: n }, (_, j) => j).sort((a, b) => Math.abs(full.values[b]) - Math.abs(full.values[a])).slice(0, k).sort((a, b) => a - b);
    const got = lanczosLargestMagnitude(A, n, k, 1e-14);
    const top = Math.abs(full.values[0]);
    want.forEach((src, j) => {
      // Eigenvalues to ~ the residual bound, vectors up to sign to ~ bound / gap.
      expect(Math.abs(got.values[j] - full.values[src])).toBeLessThan(1e-12 * top);
      let dot = 0;
      for (let i = 0; i < n; i++) dot += got.vectors[i * k + j] * full.vectors[i * n + src];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-9);
    });
  });
});

describe("symmetricEigen", () => {
  it("A v = λ v with orthonormal v and decreasing λ on a seeded symmetric matrix", () => {
    const n = 30;
    let s = 7;
    const rnd = () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296) - 0.5;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rnd();
    const { values, vectors } = symmetricEigen(A, n);
    for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let av = 0;
      let vv = 0;
      for (let k = 0; k < n; k++) {
        av += A[i * n + k] * vectors[k * n + j];
        vv += vectors[k * n + i] * vectors[k * n + j];
      }
      // Backward-stable QL: residuals O(n ε ‖A‖).
      expect(Math.abs(av - values[j] * vectors[i * n + j])).toBeLessThan(1e-12);
      expect(Math.abs(vv - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    }
  });
});

const mcycle = readCsvText(readFileSync(new URL("../../bench/qa/data/mcycle.csv", import.meta.url), "utf8"));
const pois = readCsvText(readFileSync(new URL("../../bench/qa/data/smooth-poisson.csv", import.meta.url), "utf8"));

describe("s() in formulas: brms's names, priors and refusals", () => {
  it("y ~ s(x): Xs is the population column sx_1 named bs_stimes_1; sds and s follow brms's order", () => {
    const d = buildDesign("accel ~ s(times)", mcycle);
    expect(d.bNames).toEqual(["b_Intercept", "bs_stimes_1"]);
    expect(d.smooths?.map((s) => [s.label, s.term, s.q, s.names.sds])).toEqual([["stimes", "s(times)", 8, "sds_stimes_1"]]);
    const built = buildGlmmIr(toGlmmSpec(d, resolvePriors(d)));
    expect(built.outputs.rename.map(([, b]) => b)).toEqual(["b_Intercept", "bs_stimes_1", "sds_stimes_1", "sigma", ...Array.from({ length: 8 }, (_, j) => `s_stimes_1[${j + 1}]`)]);
  });

  it("with a distributional part, brms's order: b_Intercept, b_sigma_Intercept, b_sigma_times, bs_stimes_1, sds_stimes_1 (brms 2.18's variables())", () => {
    const d = buildDesign("bf(accel ~ s(times, k = 5), sigma ~ times)", mcycle);
    const names = buildGlmmIr(toGlmmSpec(d, resolvePriors(d))).outputs.rename.map(([, b]) => b);
    expect(names).toEqual(["b_Intercept", "b_sigma_Intercept", "b_sigma_times", "bs_stimes_1", "sds_stimes_1", "s_stimes_1[1]", "s_stimes_1[2]", "s_stimes_1[3]"]);
  });

  it("default sds priors are brms's (get_prior: student_t(3, 0, 35.6) for mcycle, student_t(3, 0, 2.5) for the poisson), with a row per smooth term", () => {
    const rows = (f: string, data: typeof mcycle, family?: string) =>
      resolvePriors(buildDesign(f, data, family ? { family } : {})).table.filter((r) => r.class === "sds").map((r) => [r.coef, r.prior]);
    expect(rows("accel ~ s(times)", mcycle)).toEqual([["", "student_t(3, 0, 35.6)"], ["s(times)", "student_t(3, 0, 35.6)"]]);
    expect(rows("count ~ s(x, bs = \"cr\", k = 5) + (1 | g)", pois, "poisson")).toEqual([["", "student_t(3, 0, 2.5)"], ['s(x, bs = "cr", k = 5)', "student_t(3, 0, 2.5)"]]);
  });

  it("sds ~ …, sds[sx] ~ …, sds_sx_1 ~ … and b[sx_1] ~ … reach the smooth; an unknown smooth is named", () => {
    const d = buildDesign("count ~ s(x) + (1 | g)", pois, { family: "poisson" });
    expect(resolvePriors(d, ["sds ~ exponential(1)"]).smooths?.[0].dist).toEqual({ family: "exponential", args: [1] });
    expect(resolvePriors(d, ["sds[sx] ~ normal(0, 2)"]).smooths?.[0].dist).toEqual({ family: "normal", args: [0, 2] });
    expect(resolvePriors(d, ["sds_sx_1 ~ normal(0, 3)"]).smooths?.[0].dist).toEqual({ family: "normal", args: [0, 3] });
    expect(resolvePriors(d, ["b[sx_1] ~ normal(0, 5)"]).b[0].dist).toEqual({ family: "normal", args: [0, 5] });
    // brms 2.18: prior(normal(0, 1), class = b) gives `normal_lpdf(bs | 0, 1)` too (make_stancode).
    expect(resolvePriors(d, ["b ~ normal(0, 1)"]).b[0].dist).toEqual({ family: "normal", args: [0, 1] });
    expect(() => resolvePriors(d, ["sds[sz] ~ normal(0, 1)"])).toThrow(/no smooth 'sz'.*the smooths are sx/);
    expect(() => resolvePriors(buildDesign("count ~ x", pois, { family: "poisson" }), ["sds ~ normal(0, 1)"])).toThrow(/the model has no smooth terms/);
  });

  it.each([
    ["y ~ te(x, z)", "formula: te() is not supported: supported are s(x), s(x, k = 5), s(x, bs = \"cr\", k = 5), s(x, z) (thin-plate), s(x, by = f) and t2(x, z, bs = \"tp\")\n  y ~ te(x, z)\n      ^"],
    ["y ~ gp(x)", "formula: gp() is not supported: supported are s(x), s(x, k = 5), s(x, bs = \"cr\", k = 5), s(x, z) (thin-plate), s(x, by = f) and t2(x, z, bs = \"tp\")\n  y ~ gp(x)\n      ^"],
    ['y ~ s(x, bs = "ps")', 'formula: s(): bs must be "tp" (thin-plate, the default) or "cr" (cubic regression spline)\n  y ~ s(x, bs = "ps")\n                ^'],
    ["y ~ s(x, k = 2)", "formula: s(): k must be a whole number ≥ 3 (the basis dimension, e.g. k = 10)\n  y ~ s(x, k = 2)\n               ^"],
    ["y ~ s(x, m = 2)", "formula: s() has no argument 'm' here: it takes k, bs (\"tp\" or \"cr\") and by\n  y ~ s(x, m = 2)\n           ^"],
    ["y ~ s(x):z", "formula: s() can only be added with '+', not combined with ':' (a smooth per level of f is s(x, by = f))\n  y ~ s(x):z\n      ^"],
    ["y ~ (s(x) | g)", "formula: s() belongs in the population-level part, not inside a group term\n  y ~ (s(x) | g)\n       ^"],
    ['y ~ s(x, z, bs = "cr")', 'formula: s(): bs = "cr" takes one covariate; s(x, z) uses the thin-plate basis (bs = "tp")\n  y ~ s(x, z, bs = "cr")\n      ^'],
    ["y ~ s(log(x))", "formula: s() takes column names (transform the column in the data first); supported are s(x), s(x, k = 5), s(x, bs = \"cr\", k = 5), s(x, z) (thin-plate), s(x, by = f) and t2(x, z, bs = \"tp\")\n  y ~ s(log(x))\n        ^"],
    ['y ~ "x"', "formula: a quoted string is only allowed as an argument's value, as in s(x, bs = \"cr\"); write a column name without quotes (or in backquotes)\n  y ~ \"x\"\n      ^"],
  ])("%j is refused at the offending place", (f, message) => {
    expect(() => buildDesign(f, { y: [1, 2, 3], x: [1, 2, 3], z: [1, 2, 3], g: ["a", "b", "a"] })).toThrow(new UserError(message));
  });

  it("s() in a distributional formula is built as the mean's (test/formula/smoothsBy.test.ts has the rest)", () => {
    const d = buildDesign("bf(accel ~ s(times), sigma ~ s(times))", mcycle);
    expect(d.dpars[0].bNames).toEqual(["b_sigma_Intercept", "bs_sigma_stimes_1"]);
  });
});

describe("model.json keeps the smooth: predictions at new data use the fitted basis", () => {
  it.each(['accel ~ s(times, bs = "cr", k = 8)', "accel ~ s(times)"])("%s: a saved and restored design gives the training Xs and Zs back at the training rows, and finite columns beyond the range", (f) => {
    const d = buildDesign(f, mcycle);
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
    expect(restored.bNames).toEqual(d.bNames);
    const nd = designNewData(restored, mcycle);
    expect(maxRelDiff(nd.X.values, d.X.values)).toBeLessThan(1e-12);
    expect(nd.smoothZs?.length).toBe(1);
    nd.smoothZs?.forEach((z, k) => expect(maxRelDiff(z.Zs, (d.smooths ?? [])[k].Zs)).toBeLessThan(1e-12));
    const beyond = designNewData(restored, { times: [0, 70] });
    expect(beyond.n).toBe(2);
    expect(beyond.X.values.every(Number.isFinite)).toBe(true);
  });

  it("the same covariate smoothed twice is refused (brms's names would collide)", () => {
    expect(() => buildDesign('accel ~ s(times, bs = "cr") + s(times)', mcycle)).toThrow(/a smooth of times is given twice/);
  });
});
