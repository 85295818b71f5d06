import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { UserError } from "../../src/errors.js";
import { buildModel, cauchy, exponential, gamma, model, normal, poisson } from "../../src/model/index.js";

const Y = [28, 8, -3, 7, -1, 1, 18, 12];
const SIGMA = [15, 10, 16, 11, 9, 11, 10, 18];

const normalLog = (y: number, m: number, s: number) => -0.5 * ((y - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);

const eightSchools = (noncentered: boolean) =>
  model("eight_schools", ({ data, param, observe }) => {
    const y = data.reals("y");
    const sigma = data.reals("sigma", { lower: 0 });
    const mu = param("mu", normal(0, 5));
    const tau = param("tau", cauchy(0, 5), { lower: 0 });
    const theta = param("theta", normal(mu, tau), { size: y.length, noncentered });
    observe(y, normal(theta, sigma));
  });

function lgammaInt(n: number): number {
  let s = 0;
  for (let k = 2; k < n; k++) s += Math.log(k);
  return s;
}

describe("buildModel", () => {
  it("eight schools, centred: the compiled log density is the hand-written one", () => {
    const b = buildModel(eightSchools(false), { y: Y, sigma: SIGMA });
    const c = compileModel(b.program, b.data);
    expect(c.dim).toBe(10);
    expect(c.outputNames).toEqual(["mu", "tau", ...Y.map((_, j) => `theta[${j + 1}]`)]);
    const theta = Float64Array.from({ length: 10 }, (_, k) => 0.3 * Math.sin(k + 1));
    const grad = new Float64Array(10);
    const mu = theta[0];
    const logTau = theta[1];
    const tau = Math.exp(logTau);
    let expected = normalLog(mu, 0, 5) + Math.log(2 / (Math.PI * 5 * (1 + (tau / 5) ** 2))) - Math.log(2) + logTau;
    for (let j = 0; j < 8; j++) expected += normalLog(theta[2 + j], mu, tau) + normalLog(Y[j], theta[2 + j], SIGMA[j]);
    expect(c.logDensityGradient(theta, grad)).toBeCloseTo(expected, 10);
  });

  it("eight schools, non-centred: theta = mu + tau·z and the Jacobian log(tau) per element", () => {
    const b = buildModel(eightSchools(true), { y: Y, sigma: SIGMA });
    const c = compileModel(b.program, b.data);
    const z = Float64Array.from({ length: 10 }, (_, k) => 0.2 * Math.cos(k));
    const out = new Float64Array(c.outputNames.length);
    c.constrain(z, out);
    const tau = Math.exp(z[1]);
    for (let j = 0; j < 8; j++) expect(out[2 + j]).toBeCloseTo(z[0] + tau * z[2 + j], 12);
    let expected = normalLog(z[0], 0, 5) + Math.log(2 / (Math.PI * 5 * (1 + (tau / 5) ** 2))) - Math.log(2) + z[1];
    for (let j = 0; j < 8; j++) {
      const th = z[0] + tau * z[2 + j];
      expected += normalLog(th, z[0], tau) + Math.log(tau) + normalLog(Y[j], th, SIGMA[j]);
    }
    expect(c.logDensityGradient(z, new Float64Array(10))).toBeCloseTo(expected, 10);
  });

  it("the pause-rate model: Poisson counts with exposure, Gamma process level, hyperpriors", () => {
    const pauses = model("pauses", ({ data, param, observe }) => {
      const n = data.ints("n", { lower: 0 });
      const t = data.reals("t", { lower: 0 });
      const alpha = param("alpha", exponential(1), { lower: 0 });
      const beta = param("beta", gamma(0.1, 1), { lower: 0 });
      const lambda = param("lambda", gamma(alpha, beta), { size: n.length, lower: 0 });
      observe(n, poisson(lambda.mul(t)));
    });
    const n = [3, 0, 12];
    const t = [2.5, 0.4, 10];
    const b = buildModel(pauses, { n, t });
    const c = compileModel(b.program, b.data);
    expect(c.dim).toBe(5);
    const u = Float64Array.of(0.1, -0.2, 0.3, -0.4, 0.5);
    const [a, be, ...lam] = Array.from(u, Math.exp);
    const lgam = (x: number) => {
      // Stirling series with recurrence: enough for this test's arguments (x > 0.5), error < 1e-12.
      let s = 0;
      while (x < 10) {
        s -= Math.log(x);
        x += 1;
      }
      return s + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
    };
    const gammaLog = (y: number, al: number, bt: number) => al * Math.log(bt) - lgam(al) + (al - 1) * Math.log(y) - bt * y;
    let expected = -a + gammaLog(be, 0.1, 1) + u.reduce((s, v) => s + v, 0);
    for (let i = 0; i < 3; i++) {
      expected += gammaLog(lam[i], a, be);
      const rate = lam[i] * t[i];
      expected += n[i] * Math.log(rate) - rate - lgammaInt(n[i] + 1);
    }
    expect(c.logDensityGradient(u, new Float64Array(5))).toBeCloseTo(expected, 9);
  });

  it("gathers group parameters with at(): radon-style varying intercepts", () => {
    const m = model("radon", ({ data, param, observe }) => {
      const y = data.reals("y");
      const county = data.index("county");
      const muA = param("mu_a", normal(0, 10));
      const sigmaA = param("sigma_a", normal(0, 1), { lower: 0 });
      const a = param("a", normal(muA, sigmaA), { size: county.groups ?? 0 });
      const sigma = param("sigma", normal(0, 1), { lower: 0 });
      observe(y, normal(a.at(county), sigma));
    });
    const b = buildModel(m, { y: [1, 2, 3, 4], county: [1, 2, 2, 3] });
    const c = compileModel(b.program, b.data);
    expect(c.outputNames).toEqual(["mu_a", "sigma_a", "a[1]", "a[2]", "a[3]", "sigma"]);
    const u = Float64Array.of(0.5, -1, 0.2, 0.4, 0.6, -0.5);
    const sa = Math.exp(-1);
    const s = Math.exp(-0.5);
    let expected = normalLog(0.5, 0, 10) + normalLog(sa, 0, 1) - 1 + normalLog(s, 0, 1) - 0.5;
    for (const aj of [0.2, 0.4, 0.6]) expected += normalLog(aj, 0.5, sa);
    const a = [0.2, 0.4, 0.6];
    [1, 2, 3, 4].forEach((y, i) => (expected += normalLog(y, a[[0, 1, 1, 2][i]], s)));
    expect(c.logDensityGradient(u, new Float64Array(6))).toBeCloseTo(expected, 10);
  });
});

describe("DSL errors", () => {
  const run = (build: Parameters<typeof model>[1], data: Record<string, unknown>) => () => buildModel(model("m", build), data);

  it("names the missing field and lists the ones there are", () => {
    expect(run(({ data }) => void data.reals("t"), { n: [1] })).toThrow(/needs a field "t".*fields: n/);
  });
  it("names the field and the first bad element", () => {
    expect(run(({ data }) => void data.reals("t", { lower: 0 }), { t: [1, 2, -3] })).toThrow(/data "t": element 3 is -3, below the lower bound 0/);
    expect(run(({ data }) => void data.ints("n"), { n: [1, 2.5] })).toThrow(/data "n": element 2 is 2.5, which is not an integer/);
    expect(run(({ data }) => void data.reals("t"), { t: [1, null] })).toThrow(/element 2 is null, not a finite number/);
    expect(run(({ data }) => void data.index("g"), { g: [1, 0] })).toThrow(/element 2 is 0; group codes must be integers starting at 1/);
  });
  it("rejects mismatched vector lengths with both lengths", () => {
    expect(
      run(({ data, param, observe }) => {
        const y = data.reals("y");
        const m = param("m", normal(0, 1), { size: 3 });
        observe(y, normal(m, 1));
      }, { y: [1, 2] }),
    ).toThrow(/lengths 2 and 3/);
  });
  it("rejects duplicate and invalid names", () => {
    expect(run(({ param }) => { param("a", normal(0, 1)); param("a", normal(0, 1)); }, {})).toThrow(/already used/);
    expect(run(({ param }) => void param("a b", normal(0, 1)), {})).toThrow(/not a valid name/);
  });
  it("non-centring needs a location–scale prior", () => {
    expect(run(({ param }) => void param("a", exponential(1), { noncentered: true }), {})).toThrow(/location–scale/);
  });
  it("all errors are UserErrors", () => {
    expect(run(({ data }) => void data.reals("t"), {})).toThrow(UserError);
    expect(run(({ param }) => void param("a", exponential(1), { size: 0 }), {})).toThrow(UserError);
  });
});

describe("vector constraints", () => {
  it("an ordered cut-point vector and a simplex with a Dirichlet prior compile and constrain", async () => {
    const { dirichlet } = await import("../../src/model/index.js");
    const m = model("constrained", ({ param, data, observe }) => {
      const y = data.reals("y");
      const c = param("c", normal(0, 5), { size: 3, constraint: "ordered" });
      const w = param("w", dirichlet(2), { size: 3, constraint: "simplex" });
      observe(y, normal(c.mul(w), 1));
    });
    const b = buildModel(m, { y: [0.1, 0.2, 0.3] });
    const c = compileModel(b.program, b.data);
    expect(c.dim).toBe(3 + 2);
    const u = Float64Array.of(0.3, -0.2, 0.5, 0.1, -0.4);
    const out = new Float64Array(c.outputNames.length);
    c.constrain(u, out);
    expect(out[0] < out[1] && out[1] < out[2]).toBe(true);
    expect(out[3] + out[4] + out[5]).toBeCloseTo(1, 14);
    expect(Number.isFinite(c.logDensityGradient(u, new Float64Array(5)))).toBe(true);
  });

  it("rejects a constraint without a size, and unknown constraints", () => {
    expect(() => buildModel(model("m", ({ param }) => void param("c", normal(0, 1), { constraint: "ordered" })), {})).toThrow(/needs size/);
    expect(() =>
      buildModel(model("m", ({ param }) => void param("c", normal(0, 1), { size: 2, constraint: "sorted" as "ordered" })), {}),
    ).toThrow(/must be one of ordered, positiveOrdered, simplex/);
  });
});

describe("element access", () => {
  it("el(k) reads one element of a vector and of a Cholesky factor; at() refuses a matrix", async () => {
    const { lkjCorrCholesky } = await import("../../src/model/index.js");
    const m = model("els", ({ param, sample }) => {
      const b = param("b", normal(0, 1), { size: 3 });
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      sample(b.el(2).add(L.el(2)), normal(0, 1));
    });
    const built = buildModel(m, {});
    const c = compileModel(built.program, built.data);
    expect(c.outputNames).toEqual(["b[1]", "b[2]", "b[3]", "L[1,1]", "L[1,2]", "L[2,1]", "L[2,2]"]);
    expect(Number.isFinite(c.logDensityGradient(new Float64Array(c.dim).fill(0.2), new Float64Array(c.dim)))).toBe(true);
    expect(() => buildModel(model("m", ({ param }) => void param("b", normal(0, 1), { size: 3 }).el(3)), {})).toThrow(/0…2\), got 3/);
    expect(() =>
      buildModel(model("m", ({ param, data, sample }) => {
        const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
        sample(L.at(data.index("k")), normal(0, 1));
      }), { k: [3] }),
    ).toThrow(/at\(\): L is a matrix; gather one of its columns by group with L\.col\(k\)\.at\(index\)/);
  });
});

describe("matrix parameters and the multivariate normal", () => {
  it("rows of a matrix parameter follow multiNormalCholesky(mu, L, scale), as the registry's density says", async () => {
    const { lkjCorrCholesky, multiNormalCholesky } = await import("../../src/model/index.js");
    const { multiNormalCholeskyLpdf } = await import("../../src/distributions/index.js");
    const m = model("mvn", ({ param }) => {
      const mu = param("mu", normal(0, 1), { size: 2 });
      const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
      const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      const z = param("z", multiNormalCholesky(mu, L, tau), { size: [3, 2] });
      void z.row(1);
    });
    const b = buildModel(m, {});
    const c = compileModel(b.program, b.data);
    expect(c.outputNames.slice(-6)).toEqual(["z[1,1]", "z[1,2]", "z[2,1]", "z[2,2]", "z[3,1]", "z[3,2]"]);
    const u = Float64Array.of(0.1, -0.3, 0.2, -0.1, 0.4, 0.5, -0.2, 0.3, 0.9, -1.1, 0.05);
    expect(c.dim).toBe(u.length);
    const x = new Float64Array(c.outputNames.length);
    c.constrain(u, x);
    const at = (name: string) => x[c.outputNames.indexOf(name)];
    const mu = [at("mu[1]"), at("mu[2]")];
    const tau = [at("tau[1]"), at("tau[2]")];
    const Ls = Float64Array.of(1, 0, at("L[2,1]"), at("L[2,2]"));
    const Lcov = Float64Array.of(tau[0] * Ls[0], 0, tau[1] * Ls[2], tau[1] * Ls[3]);
    let mvn = 0;
    for (let r = 1; r <= 3; r++) mvn += multiNormalCholeskyLpdf(Float64Array.of(at(`z[${r},1]`), at(`z[${r},2]`)), Float64Array.from(mu), Lcov, 2);
    // Compare the MVN part: the full density minus the same model without the z statement.
    const without = buildModel(model("mvn0", ({ param }) => {
      param("mu", normal(0, 1), { size: 2 });
      param("tau", normal(0, 1), { size: 2, lower: 0 });
      param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
      param("z", null, { size: [3, 2] });
    }), {});
    const c0 = compileModel(without.program, without.data);
    const g = new Float64Array(c.dim);
    expect(c.logDensityGradient(u, g) - c0.logDensityGradient(u, g)).toBeCloseTo(mvn, 10);
  });

  it("a matrix parameter with a univariate prior and row access", () => {
    const m = model("mat", ({ param, data, observe }) => {
      const y = data.reals("y");
      const W = param("W", normal(0, 1), { size: [2, 3] });
      observe(y, normal(W.row(1), 1));
    });
    const b = buildModel(m, { y: [1, 2, 3] });
    const c = compileModel(b.program, b.data);
    expect(c.dim).toBe(6);
    const u = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    const lpN = (v: number, m0: number) => -0.5 * (v - m0) ** 2 - 0.5 * Math.log(2 * Math.PI);
    let expected = 0;
    for (const v of u) expected += lpN(v, 0);
    [1, 2, 3].forEach((y, j) => (expected += lpN(y, u[3 + j])));
    expect(c.logDensityGradient(u, new Float64Array(6))).toBeCloseTo(expected, 12);
    expect(() => buildModel(model("m", ({ param }) => void param("W", normal(0, 1), { size: [2, 3] }).row(2)), {})).toThrow(/rows 0…1, got 2/);
  });
});
