import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import type { Program } from "../../src/ir/types.js";
import { choleskyDecompose } from "../../src/math/cholesky.js";
import { correlatedConditional } from "../../src/marginal/correlatedConditional.js";
import { correlatedStats } from "../../src/marginal/correlatedStats.js";
import { normalCorrelatedLogDensity } from "../../src/marginal/normalCorrelated.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { hiddenNames, marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalBlock } from "../../src/marginal/types.js";
import { createRng, type Rng } from "../../src/random/rng.js";
import { centralDifference, expectCentralDifferences } from "../support/finiteDifferences.js";
import { radonData, sleepstudyData } from "./support/models.js";
import { fullPoint } from "./support/fullPoint.js";

const sleep = sleepstudyData;
const SLEEP = "Reaction ~ Days + (Days | Subject)";

/** A random block: J groups of 1–6 rows, M effects, K coordinates, p columns; C entries listed in `cEntries`. */
function randomBlock(rng: Rng, J: number, M: number, K: number, p: number, cEntries: number[]): MarginalBlock {
  const group: number[] = [];
  for (let j = 0; j < J; j++) for (let r = 0; r <= Math.floor(rng.uniform() * 6); r++) group.push(j);
  const n = group.length;
  const fill = (len: number) => Float64Array.from({ length: len }, () => rng.normal());
  const z = fill(n * M);
  for (let i = 0; i < n; i++) z[i * M] = 1;
  return {
    kind: "normal_normal",
    name: "r",
    groups: J,
    observations: n,
    group: Int32Array.from(group),
    y: fill(n),
    weight: fill(n * p),
    linear: p,
    constant: 0,
    inputs: [],
    correlated: { effects: M, dims: K, z, cEntries: Int32Array.from(cEntries), effectNames: [], coordNames: [] },
  };
}

/** Σ_j log N(y_j | X_j β, σ² I + Z_j C Cᵀ Z_jᵀ), by dense n_j × n_j Cholesky factors (no Woodbury). */
function denseLogDensity(b: MarginalBlock, sigma: number, C: Float64Array, beta: Float64Array): number {
  const { effects: M, dims: K, z } = b.correlated!;
  const p = beta.length;
  let lp = 0;
  for (let j = 0; j < b.groups; j++) {
    const rows = Array.from(b.group.keys()).filter((i) => b.group[i] === j);
    const m = rows.length;
    if (m === 0) continue;
    const V = new Float64Array(m * m);
    const r = new Float64Array(m);
    rows.forEach((i, a) => {
      r[a] = b.y[i];
      for (let q = 0; q < p; q++) r[a] -= b.weight[i * p + q] * beta[q];
      rows.forEach((i2, c) => {
        let s = a === c ? sigma * sigma : 0;
        for (let k = 0; k < K; k++) {
          let u = 0;
          let w = 0;
          for (let e = 0; e < M; e++) {
            u += z[i * M + e] * C[e * K + k];
            w += z[i2 * M + e] * C[e * K + k];
          }
          s += u * w;
        }
        V[a * m + c] = s;
      });
    });
    const L = new Float64Array(m * m);
    expect(choleskyDecompose(V, m, L)).toBe(true);
    const x = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = r[a];
      for (let c = 0; c < a; c++) s -= L[a * m + c] * x[c];
      x[a] = s / L[a * m + a];
      lp -= Math.log(L[a * m + a]) + 0.5 * x[a] * x[a] + 0.5 * Math.log(2 * Math.PI);
    }
  }
  return lp;
}

/** Input values (σ, C entries, β) as the block reads them, and zeroed adjoints. */
function inputs(b: MarginalBlock, sigma: number, C: Float64Array, beta: Float64Array): { v: Float64Array[]; adj: Float64Array[] } {
  const v = [Float64Array.of(sigma), ...Array.from(b.correlated!.cEntries, (e) => Float64Array.of(C[e])), ...Array.from(beta, (x) => Float64Array.of(x))];
  return { v, adj: v.map(() => new Float64Array(1)) };
}

describe("normalCorrelatedLogDensity(block, inputs, adjoints, stats)", () => {
  // M = K = 2 runs the closed-form 2 × 2 path, other shapes the general one.
  const cases: [string, number, number, number, number[]][] = [
    ["M = K = 2, C lower triangular (brms's diag(sd) L)", 2, 2, 2, [0, 2, 3]],
    ["M = 3, K = 2, a full C", 3, 2, 1, [0, 1, 2, 3, 4, 5]],
    ["M = K = 2, C diagonal (uncorrelated || effects)", 2, 2, 3, [0, 3]],
    ["M = K = 3, C lower triangular (the general path)", 3, 3, 2, [0, 3, 4, 6, 7, 8]],
  ];
  for (const [label, M, K, p, cEntries] of cases) {
    it(`equals the dense multivariate normal and its gradient matches central differences: ${label}`, () => {
      const rng = createRng(7, M * 10 + K);
      const b = randomBlock(rng, 6, M, K, p, cEntries);
      const st = correlatedStats(b);
      for (let rep = 0; rep < 4; rep++) {
        const sigma = 0.3 + rng.uniform();
        const C = new Float64Array(M * K);
        for (const e of cEntries) C[e] = rng.normal();
        const beta = Float64Array.from({ length: p }, () => rng.normal());
        const { v, adj } = inputs(b, sigma, C, beta);
        const lp = normalCorrelatedLogDensity(b, v, adj, st);
        // Woodbury vs dense Cholesky of n_j × n_j matrices: rounding only (|lp| ~ 50).
        expect(Math.abs(lp - denseLogDensity(b, sigma, C, beta))).toBeLessThan(1e-10 * Math.max(1, Math.abs(lp)));
        // f reads v[k] as centralDifference perturbs it in place (and restores it).
        const f = (): number => normalCorrelatedLogDensity(b, v, v.map(() => new Float64Array(1)), st);
        for (let k = 0; k < v.length; k++) {
          const fd = centralDifference(f, v[k], 0, 1e-6);
          // Central differences: truncation O(h²) plus rounding ~1e-16·|lp|/h ≈ 1e-9 here.
          expect(Math.abs(adj[k][0] - fd), `input ${k}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }

  it("stays finite and equal to the dense density far off the data's scale (|M_j| ~ 1e-188 per group underflowed a running product: lp was +∞)", () => {
    const rng = createRng(10, 0);
    for (const [M, K, cEntries] of [[2, 2, [0, 2, 3]], [3, 3, [0, 3, 4, 6, 7, 8]]] as const) {
      const b = randomBlock(rng, 40, M, K, 1, [...cEntries]);
      const st = correlatedStats(b);
      // Far off in absolute scale, not in sd / σ: past sd / σ ~ 1e8 a group with fewer than K rows makes
      // M = σ² I + CᵀGC singular in double precision and the point is rejected (−∞), as for any
      // covariance that is not numerically positive definite.
      for (const [sigma, scale] of [[1e-47, 1e-60], [3e-24, 1e-30], [1e30, 3e32]]) {
        const C = new Float64Array(M * K);
        for (const e of cEntries) C[e] = scale * (1 + rng.uniform());
        const beta = Float64Array.of(0.1);
        const { v, adj } = inputs(b, sigma, C, beta);
        const lp = normalCorrelatedLogDensity(b, v, adj, st);
        expect(Number.isFinite(lp), `σ = ${sigma}`).toBe(true);
        // Relative: a sum of per-group logs against dense factors of n_j × n_j matrices.
        expect(Math.abs(lp - denseLogDensity(b, sigma, C, beta))).toBeLessThan(1e-9 * Math.abs(lp));
      }
    }
  });

  it("y shifted by 1e6 and the intercept with it: the same density and gradient (raw sums lost 0.12 of lp to cancellation)", () => {
    const rng = createRng(11, 0);
    const b = randomBlock(rng, 50, 2, 2, 2, [0, 2, 3]);
    for (let i = 0; i < b.observations; i++) b.weight[2 * i] = 1;
    const shifted: MarginalBlock = { ...b, y: Float64Array.from(b.y, (y) => y + 1e6) };
    const C = Float64Array.of(0.5, 0, 0.1, 0.3);
    const a = inputs(b, 0.9, C, Float64Array.of(0.2, -0.1));
    const c = inputs(shifted, 0.9, C, Float64Array.of(0.2 + 1e6, -0.1));
    const lpA = normalCorrelatedLogDensity(b, a.v, a.adj, correlatedStats(b));
    const lpC = normalCorrelatedLogDensity(shifted, c.v, c.adj, correlatedStats(shifted));
    // The intercept 0.2 + 1e6 itself is stored to ~1e-10 (its ulp): lp moves by ~n · 1e-10 / σ² ≈ 1e-7.
    expect(Math.abs(lpC - lpA)).toBeLessThan(1e-6);
    for (let k = 0; k < a.adj.length; k++) expect(Math.abs(c.adj[k][0] - a.adj[k][0])).toBeLessThan(1e-6 * Math.max(1, Math.abs(a.adj[k][0])));
  });

  it("is finite as sd → 0 (C = 0: y_j ~ N(X_j β, σ² I)) and −∞ for σ ≤ 0", () => {
    const rng = createRng(8, 0);
    const b = randomBlock(rng, 5, 2, 2, 1, [0, 2, 3]);
    const st = correlatedStats(b);
    const C = new Float64Array(4);
    const beta = Float64Array.of(0.4);
    const { v, adj } = inputs(b, 0.8, C, beta);
    expect(normalCorrelatedLogDensity(b, v, adj, st)).toBeCloseTo(denseLogDensity(b, 0.8, C, beta), 10);
    for (const a of adj) expect(Number.isFinite(a[0])).toBe(true);
    v[0][0] = 0;
    expect(normalCorrelatedLogDensity(b, v, adj, st)).toBe(-Infinity);
    v[0][0] = -1;
    expect(normalCorrelatedLogDensity(b, v, adj, st)).toBe(-Infinity);
  });
});

describe("correlatedConditional", () => {
  it("log N(y | ζ) + log N(ζ | 0, I) − log N(ζ | mean, F Fᵀ) equals the marginal at any ζ (Bayes' rule, group by group)", () => {
    const rng = createRng(9, 0);
    const M = 2;
    const K = 2;
    const b = randomBlock(rng, 5, M, K, 1, [0, 2, 3]);
    const st = correlatedStats(b);
    const sigma = 0.7;
    const C = Float64Array.of(1.3, 0, -0.4, 0.6);
    const beta = Float64Array.of(0.2);
    const { v, adj } = inputs(b, sigma, C, beta);
    const marginal = normalCorrelatedLogDensity(b, v, adj, st);
    const J = b.groups;
    const zMean = new Float64Array(J * K);
    const bMean = new Float64Array(J * M);
    const F = new Float64Array(J * K * K);
    const Fu = new Float64Array((J * K * (K + 1)) / 2);
    const Cout = new Float64Array(M * K);
    correlatedConditional(b, v, st, zMean, bMean, Fu, Cout);
    expect(Array.from(Cout)).toEqual(Array.from(C));
    // Full K × K factors from the stored upper triangles (K = 2: F11, F12, F22).
    for (let j = 0; j < J; j++) F.set([Fu[3 * j], Fu[3 * j + 1], 0, Fu[3 * j + 2]], j * K * K);
    const zeta = Float64Array.from({ length: J * K }, () => rng.normal());
    let joint = 0;
    let cond = 0;
    for (let i = 0; i < b.observations; i++) {
      const j = b.group[i];
      let mu = b.weight[i] * beta[0];
      for (let m = 0; m < M; m++) for (let k = 0; k < K; k++) mu += b.correlated!.z[i * M + m] * C[m * K + k] * zeta[j * K + k];
      joint += -0.5 * ((b.y[i] - mu) / sigma) ** 2 - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }
    for (let j = 0; j < J; j++) {
      // F is upper triangular: solve F x = ζ − mean by back substitution.
      const x = new Float64Array(K);
      for (let k = K - 1; k >= 0; k--) {
        let s = zeta[j * K + k] - zMean[j * K + k];
        for (let l = k + 1; l < K; l++) s -= F[j * K * K + k * K + l] * x[l];
        x[k] = s / F[j * K * K + k * K + k];
        cond += -0.5 * x[k] * x[k] - Math.log(Math.abs(F[j * K * K + k * K + k])) - 0.5 * Math.log(2 * Math.PI);
        joint += -0.5 * zeta[j * K + k] ** 2 - 0.5 * Math.log(2 * Math.PI);
      }
      // b's mean is C times ζ's.
      for (let m = 0; m < M; m++) {
        let t = 0;
        for (let k = 0; k < K; k++) t += C[m * K + k] * zMean[j * K + k];
        expect(bMean[j * M + m]).toBeCloseTo(t, 12);
      }
    }
    expect(Math.abs(joint - cond - marginal)).toBeLessThan(1e-10 * Math.abs(marginal));
  });
});

/** The formula program and its plan; the plan samples a subset of the program's unconstrained coordinates. */
function planned(formula: string, data: Parameters<typeof buildFormulaModel>[0]["data"], family = "gaussian") {
  const { built } = buildFormulaModel({ formula, data, family });
  const plan = planMarginal(built.program, built.data);
  return { built, plan };
}

describe("planMarginal with correlated effects", () => {
  it("sleepstudy (Days | Subject) and radon (1 + floor | county): one block; sd, L and σ stay sampled; names unchanged", () => {
    for (const [f, d, J, n] of [[SLEEP, sleep(), 18, 180], ["log_radon ~ floor + (1 + floor | county)", radonData(), 85, 919]] as const) {
      const { built, plan } = planned(f, d as never);
      expect(plan).not.toBeNull();
      const b = plan!.blocks[0];
      expect([plan!.blocks.length, b.name, b.groups, b.observations, b.correlated?.effects, b.correlated?.dims]).toEqual([1, "r_1_1", J, n, 2, 2]);
      expect(b.correlated?.effectNames).toEqual(["r_1_1", "r_1_2"]);
      expect(b.correlated?.coordNames).toEqual(["z_1_1", "z_1_2"]);
      expect(plan!.program.params.map((p) => p.name)).toEqual(["Intercept", "b", "sd_1", "L_1", "sigma"]);
      const ld = marginalLogDensity(plan!);
      expect(ld.outputNames.slice(0, plan!.outputNames.length)).toEqual(compileModel({ ...built.program, generated: [] }, built.data).outputNames);
      expect(ld.outputNames.length - plan!.outputNames.length).toBe(hiddenNames(b).length);
    }
  });

  for (const f of [SLEEP, "Reaction ~ Days + (Days || Subject)"]) it(`${f}: the marginal target equals the full program's density minus the conditional's at any z, and its gradient (through sd's and L's transforms) matches central differences`, () => {
    const { built, plan } = planned(f, sleep());
    expect(plan?.blocks[0].correlated?.cEntries).toEqual(Int32Array.from(f.includes("||") ? [0, 3] : [0, 2, 3]));
    const ld = marginalLogDensity(plan!);
    const full = compileModel({ ...built.program, generated: [] }, built.data);
    const mlay = compileModel(plan!.program, plan!.data).layout;
    const rng = createRng(12, 0);
    for (let rep = 0; rep < 3; rep++) {
      // Near the posterior (Intercept ~ 300 after centring, log sd ~ 3, log σ ~ 3.3) so terms stay O(1e3).
      const th = Float64Array.from({ length: ld.dim }, () => 0.3 * rng.normal());
      const at = (name: string) => mlay.params.find((p) => p.name === name)!.uOff;
      th[at("Intercept")] += 300;
      th[at("b")] += 10;
      th[at("sd_1")] += 3;
      th[at("sd_1") + 1] += 2;
      th[at("sigma")] += 3.2;
      const g = new Float64Array(ld.dim);
      const lp = ld.logDensityGradient(th, g);
      // |lp| ~ 1e3: rounding ~1e-16·1e3/1e-5 = 1e-8 and truncation O(h²), within 1e-5 relative.
      expectCentralDifferences(ld, th, { step: 1e-5, tol: 1e-5 });
      // Full program at the same sampled coordinates and arbitrary z: log p(θ, z) − log p(z | θ, y) = log p(θ).
      const out = new Float64Array(ld.outputNames.length);
      ld.constrain(th, out);
      const u = fullPoint(full.layout, mlay, th, () => rng.normal());
      const lpFull = full.logDensityGradient(u, new Float64Array(full.dim));
      const zOff = (k: number) => full.layout.params.find((p) => p.name === `z_1_${k + 1}`)!.uOff;
      // Upper triangle per group: F[0,0], F[0,1], F[1,1].
      const F = (j: number, e: number) => out[ld.outputNames.indexOf(`r_1_1.condF__[${j + 1},${[1, 2, 0, 3][e]}]`)];
      let cond = 0;
      for (let j = 0; j < 18; j++) {
        const d0 = u[zOff(0) + j] - out[ld.outputNames.indexOf(`z_1_1[${j + 1}]`)];
        const d1 = u[zOff(1) + j] - out[ld.outputNames.indexOf(`z_1_2[${j + 1}]`)];
        // F upper triangular [F0 F1; 0 F3].
        const x1 = d1 / F(j, 3);
        const x0 = (d0 - F(j, 1) * x1) / F(j, 0);
        cond += -0.5 * (x0 * x0 + x1 * x1) - Math.log(Math.abs(F(j, 0) * F(j, 3))) - Math.log(2 * Math.PI);
      }
      expect(Math.abs(lpFull - cond - lp)).toBeLessThan(1e-9 * Math.abs(lp));
    }
  });

  it("a single slope (0 + Days | Subject) is one block of one effect and one coordinate", () => {
    const { plan } = planned("Reaction ~ Days + (0 + Days | Subject)", sleep());
    const c = plan?.blocks[0].correlated;
    expect([plan?.blocks.length, c?.effects, c?.dims, c?.effectNames, c?.coordNames]).toEqual([1, 1, 1, ["r_1_1"], ["z_1_1"]]);
  });

  it("refuses crossed groups, a non-gaussian family, per-row σ and an effect read elsewhere", () => {
    const d = sleep();
    const n = d.Reaction.length;
    const more = { ...d, g2: Array.from({ length: n }, (_, i) => `g${i % 7}`), k: Array.from({ length: n }, (_, i) => i % 5), se: Array.from({ length: n }, () => 20) };
    expect(planned("Reaction ~ Days + (Days | Subject) + (1 | g2)", more).plan).toBeNull();
    expect(planned("k ~ Days + (Days | Subject)", more, "poisson").plan).toBeNull();
    const { built } = buildFormulaModel({ formula: SLEEP, data: d });
    const r = built.program.tparams.findIndex((t) => t.name === "r_1_2");
    const readsR: Program = {
      ...built.program,
      statements: [...built.program.statements, { kind: "target", n: 1, expr: { op: "elem", src: "tparam", id: r, index: 0 } }],
    };
    expect(planMarginal(readsR, built.data)).toBeNull();
    const perRow: Program = {
      ...built.program,
      statements: built.program.statements.map((st) =>
        st.kind === "distribution" && st.lhs.op === "ref" && st.lhs.src === "data" ? { ...st, args: [st.args[0], { op: "ref", src: "data", id: 0 }] } : st,
      ),
    };
    expect(planMarginal(perRow, built.data)).toBeNull();
  });
});
