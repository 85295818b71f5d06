import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { rewriteMvnGroups } from "../../src/marginal/mvnShape.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { hiddenNames, marginalLogDensity } from "../../src/marginal/target.js";
import { buildModel, exp, exponential, lkjCorrCholesky, model, multiNormalCholesky, normal, poisson, type Model, type ModelContext, type Term } from "../../src/model/index.js";
import { createRng } from "../../src/random/rng.js";
import { sleepstudyData } from "./support/models.js";
import { fullPoint } from "./support/fullPoint.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";
import { sleepMvn, sleepMvnMean, sleepMvnSwapped } from "./support/mvnModels.js";

const data = sleepstudyData();
/** With the data mean `mu0` of sleepMvnMean(true): lme4's fixed effects. */
const withMean = { ...data, mu0: [251.4, 10.5] };
const J = 18;

/** A point near the posterior in a layout's unconstrained coordinates, b (if there) drawn around 0. */
function nearPosterior(layout: ReturnType<typeof compileModel>["layout"], dim: number, rng: ReturnType<typeof createRng>): Float64Array {
  const th = Float64Array.from({ length: dim }, () => 0.3 * rng.normal());
  const shift: Record<string, number[]> = { alpha: [250], beta: [10], mu: [250, 10], sigma: [3.2], tau: [3, 2] };
  for (const p of layout.params) {
    for (let e = 0; e < p.uSize; e++) th[p.uOff + e] += p.name === "b" ? 15 * rng.normal() : (shift[p.name]?.[e] ?? 0);
  }
  return th;
}

describe("rewriteMvnGroups(program, data, name)", () => {
  it("samples ζ with b = diag(tau) L ζ row by row: the same density as b's plus log|det| of b → ζ (J Σ_m log tau_m L_mm)", () => {
    for (const m of [sleepMvn, sleepMvnSwapped, sleepMvnMean()]) {
      const built = buildModel(m, withMean);
      const w = rewriteMvnGroups(built.program, built.data, "b")!;
      const own = built.program.params.filter((p) => p.name !== "b").map((p) => p.name);
      expect([w.groups, w.dims, w.program.params.map((p) => p.name)]).toEqual([J, 2, [...own, "b.z1__", "b.z2__"]]);
      const orig = compileModel({ ...built.program, generated: [] }, built.data);
      const rw = compileModel(w.program, w.data);
      const rng = createRng(21, 0);
      for (let rep = 0; rep < 3; rep++) {
        const th = nearPosterior(rw.layout, rw.dim, rng);
        const lpRw = rw.logDensityGradient(th, new Float64Array(rw.dim));
        const x = new Float64Array(rw.outputNames.length);
        rw.constrain(th, x);
        const val = (n: string) => x[rw.outputNames.indexOf(n)];
        const u = new Float64Array(orig.dim);
        for (const p of orig.layout.params) {
          const q = rw.layout.params.find((r) => r.name === p.name);
          if (q) u.set(th.subarray(q.uOff, q.uOff + q.uSize), p.uOff);
        }
        const bOff = orig.layout.params.find((p) => p.name === "b")!.uOff;
        let logDet = 0;
        for (let mm = 1; mm <= 2; mm++) logDet += J * Math.log(val(`tau[${mm}]`) * val(`L[${mm},${mm}]`));
        const zOff = (k: number) => rw.layout.params.find((p) => p.name === `b.z${k}__`)!.uOff;
        const mu = (k: number) => (w.means === undefined ? 0 : val(w.means[k]));
        for (let j = 0; j < J; j++) {
          const z1 = th[zOff(1) + j];
          const z2 = th[zOff(2) + j];
          u[bOff + 2 * j] = mu(0) + val("tau[1]") * z1;
          u[bOff + 2 * j + 1] = mu(1) + val("tau[2]") * (val("L[2,1]") * z1 + val("L[2,2]") * z2);
        }
        const lpOrig = orig.logDensityGradient(u, new Float64Array(orig.dim));
        // Two orders of the same sums at |lp| ~ 1e3: rounding only.
        expect(Math.abs(lpRw - (lpOrig + logDet))).toBeLessThan(1e-9 * Math.abs(lpRw));
      }
    }
  });
});

describe("planMarginal with a DSL matrix b ~ multi_normal_cholesky read by b.col(m).at(g)", () => {
  it("one correlated block reported as b; tau, L, σ, alpha and beta stay sampled; outputs are the user's plus hidden slots", () => {
    for (const [m, entries, cols] of [[sleepMvn, [0, 2, 3], [1, 2]], [sleepMvnSwapped, [0, 1, 2], [2, 1]]] as const) {
      const built = buildModel(m, data);
      const plan = planMarginal(built.program, built.data)!;
      expect(plan).not.toBeNull();
      const b = plan.blocks[0];
      expect([plan.blocks.length, b.name, b.groups, b.observations, b.correlated?.effects, b.correlated?.dims]).toEqual([1, "b", J, 180, 2, 2]);
      expect(Array.from(b.correlated!.cEntries)).toEqual(entries);
      // Block effects in the likelihood's order: the swapped model reads column 2 first.
      expect(b.correlated!.slots!.effects.slice(0, 2)).toEqual(cols.map((c) => `b[1,${c}]`));
      expect(plan.program.params.map((p) => p.name)).toEqual(["alpha", "beta", "sigma", "tau", "L"]);
      const ld = marginalLogDensity(plan);
      const own = compileModel({ ...built.program, generated: [] }, built.data).outputNames;
      expect(ld.outputNames.slice(0, own.length)).toEqual(own);
      expect(ld.outputNames.slice(own.length)).toEqual(hiddenNames(b));
      expect(hiddenNames(b).filter((n) => n.startsWith("b.condZ__"))).toHaveLength(2 * J);
      // Plain data, as posted to workers.
      expect(() => structuredClone(plan)).not.toThrow();
    }
  });

  it("the marginal target equals the user's density at any b minus log p(b | θ, y), and its gradient matches central differences", () => {
    for (const m of [sleepMvn, sleepMvnSwapped, sleepMvnMean()]) {
      const built = buildModel(m, withMean);
      const plan = planMarginal(built.program, built.data)!;
      const ld = marginalLogDensity(plan);
      const full = compileModel({ ...built.program, generated: [] }, built.data);
      const mlay = compileModel(plan.program, plan.data).layout;
      const rng = createRng(12, 1);
      const c = plan.blocks[0].correlated!;
      const order = c.slots!.effects.slice(0, 2).map((n) => Number(n[n.length - 2]) - 1);
      for (let rep = 0; rep < 3; rep++) {
        const th = nearPosterior(mlay, ld.dim, rng);
        const g = new Float64Array(ld.dim);
        const lp = ld.logDensityGradient(th, g);
        // |lp| ~ 1e3: rounding ~1e-16·1e3/1e-5 = 1e-8 and truncation O(h²), within 1e-5 relative.
        expectCentralDifferences(ld, th, { step: 1e-5, tol: 1e-5 });
        const out = new Float64Array(ld.outputNames.length);
        ld.constrain(th, out);
        const u = fullPoint(full.layout, mlay, th, () => 15 * rng.normal());
        const lpFull = full.logDensityGradient(u, new Float64Array(full.dim));
        const bOff = full.layout.params.find((p) => p.name === "b")!.uOff;
        const at = (n: string) => out[ld.outputNames.indexOf(n)];
        // C (block effect e × coordinate k) and, per group, ζ = C⁻¹ b (block effect order) and the
        // conditional N(mean, F Fᵀ) of ζ with F upper triangular [F0 F1; 0 F2]; b's density is ζ's / |det C|.
        const C = [1, 2, 3, 4].map((e) => at(`b.condC__[${e}]`));
        const detC = C[0] * C[3] - C[1] * C[2];
        let cond = 0;
        const mu = c.slots!.offsets?.map((x) => at(x)) ?? [0, 0];
        for (let j = 0; j < J; j++) {
          const be = order.map((col, e) => u[bOff + 2 * j + col] - mu[e]);
          const z1 = (C[3] * be[0] - C[1] * be[1]) / detC;
          const z2 = (C[0] * be[1] - C[2] * be[0]) / detC;
          const F = [1, 2, 3].map((e) => at(`b.condF__[${j + 1},${e}]`));
          const d0 = z1 - at(`b.condZ__[${j + 1},1]`);
          const d1 = z2 - at(`b.condZ__[${j + 1},2]`);
          const x1 = d1 / F[2];
          const x0 = (d0 - F[1] * x1) / F[0];
          cond += -0.5 * (x0 * x0 + x1 * x1) - Math.log(Math.abs(F[0] * F[2])) - Math.log(2 * Math.PI) - Math.log(Math.abs(detC));
          // The conditional mean of b is C times ζ's, in b's own slots.
          for (let e = 0; e < 2; e++) {
            const mean = mu[e] + C[2 * e] * at(`b.condZ__[${j + 1},1]`) + C[2 * e + 1] * at(`b.condZ__[${j + 1},2]`);
            expect(at(`b[${j + 1},${order[e] + 1}]`)).toBeCloseTo(mean, 9);
          }
        }
        // log p(θ, b | y) − log p(b | θ, y) = log p(θ | y) up to the same constant: rounding at |lp| ~ 1e3.
        expect(Math.abs(lpFull - cond - lp)).toBeLessThan(1e-9 * Math.abs(lp));
      }
    }
  });
});

/** The terms a refused variant's likelihood is written from. */
interface Parts {
  readonly y: Term;
  readonly days: Term;
  readonly k: Term;
  readonly g: Term;
  readonly h: Term;
  readonly hLevels: number;
  readonly alpha: Term;
  readonly beta: Term;
  readonly sigma: Term;
  readonly b: Term;
  readonly c: Term | null;
  readonly ctx: ModelContext;
}

/** The sleepstudy model with b's likelihood written by `likelihood`; `mu` gives b one mean per row, `extra` a second matrix c. */
const variant = (name: string, likelihood: (t: Parts) => void, opts: { mu?: boolean; extra?: boolean } = {}) =>
  model(name, (ctx) => {
    const { data: d, param } = ctx;
    const y = d.reals("Reaction");
    const days = d.reals("Days");
    const k = d.ints("k");
    const { index: g, levels } = d.factor("Subject");
    const { index: h, levels: hl } = d.factor("g2");
    const alpha = param("alpha", normal(250, 50));
    const beta = param("beta", normal(10, 10));
    const sigma = param("sigma", exponential(0.05), { lower: 0 });
    // One mean per row of b (J·2 values): the rewrite takes K means only.
    const mu = opts.mu ? param("mu", normal(0, 100), { size: 2 * levels.length }) : null;
    const tau = param("tau", normal(0, 30), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(mu ?? 0, L, tau), { size: [levels.length, 2] });
    const c = opts.extra ? param("c", multiNormalCholesky(0, L, tau), { size: [levels.length, 2] }) : null;
    likelihood({ y, days, k, g, h, hLevels: hl.length, alpha, beta, sigma, b, c, ctx });
  });

/** The README's mean, alpha + b[g,1] + (beta + b[g,2]) · days. */
const mean = (t: Parts) => t.alpha.add(t.b.col(0).at(t.g)).add(t.beta.add(t.b.col(1).at(t.g)).mul(t.days));

/** Variants the rewrite must leave as written (reparam then takes b). */
const REFUSED: [string, Model][] = [
  ["b read by el() as well", variant("el", (t) => t.ctx.observe(t.y, normal(mean(t).add(t.b.el(0)), t.sigma)))],
  ["b read by row() in a second statement", variant("row", (t) => {
    t.ctx.observe(t.y, normal(mean(t), t.sigma));
    t.ctx.sample(t.b.row(0), normal(0, 100));
  })],
  ["a derived quantity of b", variant("derived", (t) => {
    t.ctx.observe(t.y, normal(mean(t), t.sigma));
    t.ctx.derived("slope", t.b.col(1).add(t.beta));
  })],
  ["a Poisson likelihood", variant("poisson", (t) => t.ctx.observe(t.k, poisson(exp(t.b.col(0).at(t.g).add(t.b.col(1).at(t.g).mul(t.days)).mul(0.01).add(t.alpha.mul(0.01))))))],
  ["a per-row σ", variant("perRow", (t) => t.ctx.observe(t.y, normal(mean(t), t.sigma.mul(t.days.add(1)))))],
  ["two matrices on one likelihood", variant("two", (t) => t.ctx.observe(t.y, normal(mean(t).add((t.c as Term).col(0).at(t.g)).add((t.c as Term).col(1).at(t.g).mul(t.days)), t.sigma)), { extra: true })],
  ["crossed groups (a second intercept by g2)", variant("crossed", (t) => {
    const s2 = t.ctx.param("s2", exponential(0.1), { lower: 0 });
    const a2 = t.ctx.param("a2", normal(0, s2), { size: t.hLevels });
    t.ctx.observe(t.y, normal(mean(t).add(a2.at(t.h)), t.sigma));
  })],
  ["the two columns gathered by different factors", variant("twoFactors", (t) => t.ctx.observe(t.y, normal(t.alpha.add(t.b.col(0).at(t.g)).add(t.beta.add(t.b.col(1).at(t.h)).mul(t.days)), t.sigma)))],
  ["only one column read", variant("oneColumn", (t) => t.ctx.observe(t.y, normal(t.alpha.add(t.b.col(0).at(t.g)).add(t.beta.mul(t.days)), t.sigma)))],
  ["a data mean", sleepMvnMean(true)],
  ["a mean of one value per row (n·K)", variant("rowMean", (t) => t.ctx.observe(t.y, normal(t.b.col(0).at(t.g).add(t.b.col(1).at(t.g).mul(t.days)), t.sigma)), { mu: true })],
];

/** sleepstudy plus mu0, a count k and a second factor g2 of 7 levels crossing Subject. */
const wide = { ...withMean, k: data.Reaction.map((r) => Math.round(r / 10)), g2: data.Reaction.map((_, i) => `g${i % 7}`) };

describe("refused shapes stay as written and still fit", () => {
  for (const [label, m] of REFUSED) {
    it(`${label}: b is not integrated out (planMarginal takes no block named b) and a short fit runs`, async () => {
      const built = buildModel(m, wide);
      const plan = planMarginal(built.program, built.data);
      expect(plan?.blocks.map((b) => b.name) ?? []).not.toContain("b");
      const f = await fit(m, wide, { chains: 1, warmup: 60, draws: 30, seed: 4, threads: 1 });
      expect(f.beyond?.marginalized.map((x) => x.param) ?? []).not.toContain("b");
      expect(f.names).toContain("b[18,2]");
      expect(f.get("b[18,2]").every(Number.isFinite)).toBe(true);
    });
  }
});
