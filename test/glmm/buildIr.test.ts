import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import type { GlmmSpec } from "../../src/glmm/types.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const normalLog = (y: number, m: number, s: number) => -0.5 * ((y - m) / s) ** 2 - Math.log(s) - LOG_SQRT_2PI;

// Six rows, two groups (a, b), one predictor x; correlated intercept and slope by group.
const x = [0, 1, 2, 0, 1, 3];
const y = [1.0, 1.4, 2.2, 0.3, 0.9, 2.0];
const g = Int32Array.from([1, 1, 1, 2, 2, 2]);
const xbar = x.reduce((s, v) => s + v, 0) / x.length;

const spec: GlmmSpec = {
  family: "gaussian",
  n: 6,
  y: Float64Array.from(y),
  intercept: { prior: { family: "normal", args: [0, 10] } },
  X: { names: ["x"], values: Float64Array.from(x), means: Float64Array.of(xbar), priors: [{ family: "normal", args: [0, 5] }] },
  groups: [
    {
      name: "g",
      levels: ["a", "b"],
      index: g,
      terms: ["Intercept", "x"],
      Z: [new Float64Array(6).fill(1), Float64Array.from(x)],
      correlated: true,
      sdPriors: [{ family: "normal", args: [0, 1] }, { family: "normal", args: [0, 1] }],
      corPrior: { family: "lkj", args: [2] },
    },
  ],
  auxPriors: { sigma: { family: "normal", args: [0, 1] } },
};

describe("buildGlmmIr", () => {
  const built = buildGlmmIr(spec);
  const c = compileModel(built.program, built.data);

  it("names outputs as brms does, in brms's order", () => {
    expect(built.outputs.rename.map(([, to]) => to)).toEqual([
      "b_Intercept",
      "b_x",
      "sd_g__Intercept",
      "sd_g__x",
      "cor_g__Intercept__x",
      "sigma",
      "r_g[a,Intercept]",
      "r_g[b,Intercept]",
      "r_g[a,x]",
      "r_g[b,x]",
    ]);
    for (const [from] of built.outputs.rename) expect(c.outputNames).toContain(from);
  });

  it("computes brms's log density: centred X, r = diag(sd)·L·z, LKJ, half-normal scales", () => {
    // Unconstrained layout: Intercept, b, sd(2, log), z_1(2), z_2(2), L (1 CPC via tanh), sigma (log).
    const u = Float64Array.of(0.9, 0.4, -0.3, -0.8, 0.5, -0.2, 0.1, 0.7, 0.35, -0.6);
    expect(c.dim).toBe(u.length);
    const [Ic, b, lsd1, lsd2, z11, z12, z21, z22, w, lsig] = Array.from(u);
    const sd = [Math.exp(lsd1), Math.exp(lsd2)];
    const rho = Math.tanh(w);
    const L = [[1, 0], [rho, Math.sqrt(1 - rho * rho)]];
    const sigma = Math.exp(lsig);
    const z = [[z11, z12], [z21, z22]]; // z[term][level]
    const r = [0, 1].map((m) => [0, 1].map((j) => sd[m] * (L[m][0] * z[0][j] + L[m][1] * z[1][j])));
    let lp = normalLog(Ic, 0, 10) + normalLog(b, 0, 5);
    lp += normalLog(sd[0], 0, 1) + lsd1 + normalLog(sd[1], 0, 1) + lsd2;
    for (const zz of [z11, z12, z21, z22]) lp += normalLog(zz, 0, 1);
    // LKJ(eta = 2) for K = 2 on the Cholesky factor: density ∝ (1 − rho²)^(eta − 1) on rho, with the
    // normalising constant of rho ~ Beta(eta, eta) on (−1, 1): Γ(2η)/(Γ(η)² 2^(2η−1)) = 6/8 at η = 2.
    lp += Math.log(0.75) + Math.log(1 - rho * rho);
    // Jacobian of rho = tanh(w): log(1 − rho²).
    lp += Math.log(1 - rho * rho);
    lp += normalLog(sigma, 0, 1) + lsig;
    for (let i = 0; i < 6; i++) {
      const j = g[i] - 1;
      const mu = Ic + (x[i] - xbar) * b + r[0][j] + r[1][j] * x[i];
      lp += normalLog(y[i], mu, sigma);
    }
    const grad = new Float64Array(c.dim);
    expect(c.logDensityGradient(u, grad)).toBeCloseTo(lp, 9);

    const out = new Float64Array(c.outputNames.length);
    c.constrain(u, out);
    const at = (name: string) => out[c.outputNames.indexOf(name)];
    expect(at("b_Intercept")).toBeCloseTo(Ic - xbar * b, 12);
    expect(at("cor_1_1_2")).toBeCloseTo(rho, 12);
    expect(at("r_1_2[2]")).toBeCloseTo(r[1][1], 12);
  });

  it("gradient agrees with central finite differences", () => {
    const u = Float64Array.of(0.2, -0.1, 0.3, -0.4, 0.6, -0.9, 0.2, 0.1, -0.5, 0.25);
    // Central differences with h = 1e-6 are accurate to ~1e-8 here; 1e-6 relative leaves room.
    expectCentralDifferences(c, u, { step: 1e-6, tol: 1e-6 });
  });

  it("drops sigma with known standard errors (meta-analysis) and keeps the uncorrelated form", () => {
    const meta = buildGlmmIr({
      ...spec,
      se: Float64Array.of(1, 1, 1, 1, 1, 1),
      X: { names: [], values: new Float64Array(0), means: new Float64Array(0), priors: [] },
      groups: [{ ...spec.groups[0], terms: ["Intercept"], Z: [new Float64Array(6).fill(1)], sdPriors: [spec.groups[0].sdPriors[0]] }],
    });
    expect(meta.outputs.rename.map(([, to]) => to)).toEqual(["b_Intercept", "sd_g__Intercept", "r_g[a,Intercept]", "r_g[b,Intercept]"]);
    expect(meta.program.params.map((p) => p.name)).not.toContain("sigma");
  });
});
