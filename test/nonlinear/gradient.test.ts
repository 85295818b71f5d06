import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceLogDensity } from "../../src/compiler/reference.js";
import { createRng } from "../../src/random/rng.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";

// Seeded data: 24 rows, 4 groups, a predictor x in [0, 3), a second predictor z, counts and trials.
const rng = createRng(7, 0);
const n = 24;
const x = Array.from({ length: n }, () => 3 * rng.uniform());
const z = Array.from({ length: n }, () => rng.normal());
const g = Array.from({ length: n }, (_, i) => `g${i % 4}`);
const pos = x.map((v) => 0.5 + 2 * Math.exp(-v) + 0.2 * rng.uniform());
const counts = x.map((v, i) => Math.floor(4 * Math.exp(-0.5 * v) + 3 * rng.uniform() + (i % 2)));
const trials = x.map(() => 10);
const successes = counts.map((c) => Math.min(c, 10));
const binary = x.map((v, i) => (v + 0.3 * z[i] > 1.5 ? 1 : 0));
const data = { x, z, g, pos, counts, trials, successes, binary, y: pos.map((v, i) => v + 0.1 * z[i]) };

// Every function the expression language offers appears in some case; bounds give interval, lower and upper transforms.
const CASES: { family: string; formula: string; priors: string[] }[] = [
  {
    family: "gaussian",
    formula: "bf(y ~ a * exp(-b * x) + sqrt(c) * log1p(x) - pow(x + 1, d) + square(x) * inv(c) + Phi(d * z), a ~ 1 + z + (1 + z | g), b ~ 1 + (1 | g), c ~ 1, d ~ 1, sigma ~ x, nl = TRUE)",
    priors: ["normal(2, 2), nlpar = a", "normal(0.5, 0.5), nlpar = b, lb = 0", "normal(1, 1), nlpar = c, lb = 0", "normal(0, 1), nlpar = d, ub = 1"],
  },
  {
    family: "gaussian",
    formula: "bf(y ~ a * exp(-b * x), a ~ 1 + (1 + z | p | g), b ~ 1 + (1 | p | g), nl = TRUE)",
    priors: ["normal(2, 2), nlpar = a", "normal(0.5, 0.5), nlpar = b", "exponential(3), class = sd, nlpar = b", "cor ~ lkj(2)"],
  },
  { family: "student", formula: "bf(pos ~ log(a) + b * expm1(-x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)", priors: ["normal(1, 1), nlpar = a, lb = 0", "normal(0, 1), nlpar = b"] },
  { family: "lognormal", formula: "bf(pos ~ a + b * exp(-x) / (1 + x), a ~ 1, b ~ 1 + z, nl = TRUE)", priors: ["normal(0, 1), nlpar = a", "normal(0, 1), nlpar = b"] },
  { family: "poisson", formula: "bf(counts ~ a + logit(p) * x ^ 1.5, a ~ 1 + (1 | g), p ~ 1, nl = TRUE)", priors: ["normal(1, 1), nlpar = a", "normal(0.5, 0.3), nlpar = p, lb = 0, ub = 1"] },
  { family: "negbinomial", formula: "bf(counts ~ a - b * x, a ~ 1 + (1 | g), b ~ 1, nl = TRUE)", priors: ["normal(1, 1), nlpar = a", "normal(0, 1), nlpar = b"] },
  { family: "binomial", formula: "bf(successes | trials(trials) ~ 4 * inv_logit(a) - 2 + b * x, a ~ 1 + (1 | g), b ~ 1, nl = TRUE)", priors: ["normal(0, 1), nlpar = a", "normal(0, 1), nlpar = b"] },
  { family: "bernoulli", formula: "bf(binary ~ a * (x - c), a ~ 1, c ~ 1 + (1 | g), nl = TRUE)", priors: ["normal(1, 1), nlpar = a, lb = 0", "normal(1.5, 1), nlpar = c"] },
  { family: "gamma", formula: "bf(pos ~ log(a + b * exp(-x)), a ~ 1, b ~ 1 + (1 | g), nl = TRUE)", priors: ["normal(0.5, 1), nlpar = a, lb = 0", "normal(2, 1), nlpar = b, lb = 0"] },
];

describe("non-linear models: the compiled gradient agrees with central finite differences", () => {
  for (const c of CASES) {
    it(`${c.family}: ${c.formula.slice(3, 60)}…`, () => {
      const model = buildFormulaModel({ formula: c.formula, family: c.family, priors: c.priors, data });
      const compiled = compileModel(model.built.program, model.built.data);
      const r = createRng(11, 1);
      for (let rep = 0; rep < 3; rep++) {
        const u = Float64Array.from({ length: compiled.dim }, () => 0.4 * r.normal());
        // The compiled (fused) density equals the slow reference evaluator of the same IR ...
        const grad = new Float64Array(compiled.dim);
        const lp = compiled.logDensityGradient(u, grad);
        expect(Number.isFinite(lp)).toBe(true);
        expect(Math.abs(lp - referenceLogDensity(model.built.program, model.built.data, u))).toBeLessThan(1e-9 * Math.max(1, Math.abs(lp)));
        // ... and its gradient central differences: with the default relative step ε^(1/3) the error is
        // ≈ ε^(2/3)·|f| ≈ 1e-10 relative for these well-scaled densities; 1e-6 leaves room.
        expectCentralDifferences(compiled, u, { tol: 1e-6 });
      }
    });
  }
});

describe("non-linear models: the log density is the model as written", () => {
  it("y ~ a * exp(-b * x): differences of log density match a hand computation (normal likelihood, priors, log-σ Jacobian)", () => {
    const y = data.y;
    const model = buildFormulaModel({
      formula: "bf(y ~ a * exp(-b * x), a ~ 1, b ~ 1, nl = TRUE)",
      priors: ["normal(10, 5), nlpar = a", "normal(0.5, 0.5), nlpar = b", "sigma ~ exponential(1)"],
      data,
    });
    expect(model.built.program.params.map((p) => p.name)).toEqual(["b_nl1", "b_nl2", "sigma"]);
    const compiled = compileModel(model.built.program, model.built.data);
    const normal = (v: number, m: number, s: number) => -0.5 * ((v - m) / s) ** 2 - Math.log(s);
    const hand = (a: number, b: number, logSigma: number) => {
      const s = Math.exp(logSigma);
      let lp = normal(a, 10, 5) + normal(b, 0.5, 0.5) - s + logSigma;
      for (let i = 0; i < n; i++) lp += normal(y[i], a * Math.exp(-b * x[i]), s);
      return lp;
    };
    const grad = new Float64Array(3);
    const at = (u: number[]) => compiled.logDensityGradient(Float64Array.from(u), grad);
    const p1 = [2.1, 0.4, -0.5];
    const p2 = [1.7, 0.9, 0.2];
    // Constants may be dropped (propto), so compare differences; both are sums of ~30 terms of size ≤ 100.
    expect(at(p1) - at(p2)).toBeCloseTo(hand(p1[0], p1[1], p1[2]) - hand(p2[0], p2[1], p2[2]), 9);
  });
});
