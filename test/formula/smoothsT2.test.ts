import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { constructT2, t2ColumnsAt } from "../../src/formula/smoothT2.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { maxRelDiff } from "../support/maxRelDiff.js";

/** fixtures/smooths-t2.json, written by fixtures/make-smooths-t2.R (smoothCon(t2(…)) + smooth2random). */
interface Ref {
  spec: string;
  x: number[];
  z: number[];
  Xs: number[];
  nXs: number;
  /** smooth2random's rand list, one entry per penalty (named Xr, Xr.0, … by R). */
  Zs: Record<string, number[]>;
  nZs: number[];
}
const REFS: Ref[] = JSON.parse(readFileSync(new URL("./fixtures/smooths-t2.json", import.meta.url), "utf8"));

// As test/formula/smooths.test.ts: eigen-decompositions agree to ~1e-12; a wrong scaling,
// rotation or block order is O(1).
const TOL = 1e-8;

describe("constructT2: brms 2.18's t2() blocks against R (smoothCon + smooth2random)", () => {
  for (const r of REFS) {
    const n = r.x.length;
    const k = /k = (\d+)/.exec(r.spec);
    const bs = r.spec.includes('"tp"') ? "tp" : "cr";
    const built = constructT2({ vars: ["x", "z"], bs, ...(k ? { k: Number(k[1]) } : {}) }, [Float64Array.from(r.x), Float64Array.from(r.z)], r.spec);
    it(`${r.spec}: blocks of ${r.nZs.join(", ")} columns, each column R's up to sign, in R's order`, () => {
      expect(built.map((b) => b.Zs.length)).toEqual(r.nZs);
      built.forEach((b, blk) => {
        b.Zs.forEach((col, j) => {
          const ref = Object.values(r.Zs)[blk].slice(j * n, (j + 1) * n);
          const i = ref.reduce((best, v, t) => (Math.abs(v) > Math.abs(ref[best]) ? t : best), 0);
          const sign = Math.sign(ref[i]) * Math.sign(col[i]);
          expect(maxRelDiff(col.map((v) => v * sign), ref), `block ${blk + 1} column ${j + 1}`).toBeLessThan(TOL);
        });
      });
    });
    it(`${r.spec}: the ${r.nXs} unpenalised columns span R's (up to a ${r.nXs} × ${r.nXs} transform)`, () => {
      const Xs = built[0].Xs;
      expect(Xs.length).toBe(r.nXs);
      // Least squares of R's columns on ours: the residual is zero when the spans agree.
      const p = Xs.length;
      const G = new Float64Array(p * p);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) G[a * p + b] = Xs[a].reduce((s, v, i) => s + v * Xs[b][i], 0);
      for (let c = 0; c < r.nXs; c++) {
        const ref = r.Xs.slice(c * n, (c + 1) * n);
        const rhs = Xs.map((col) => col.reduce((s, v, i) => s + v * ref[i], 0));
        // Solve G w = rhs (small, symmetric positive definite): Gaussian elimination.
        const M = Array.from({ length: p }, (_, a) => [...Array.from(G.slice(a * p, (a + 1) * p)), rhs[a]]);
        for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) {
          const f = M[b][a] / M[a][a];
          for (let t = a; t <= p; t++) M[b][t] -= f * M[a][t];
        }
        const w = new Array<number>(p).fill(0);
        for (let a = p - 1; a >= 0; a--) w[a] = (M[a][p] - M[a].slice(a + 1, p).reduce((s, v, t) => s + v * w[a + 1 + t], 0)) / M[a][a];
        const fit = ref.map((_, i) => Xs.reduce((s, col, a) => s + col[i] * w[a], 0));
        expect(maxRelDiff(fit, ref)).toBeLessThan(TOL);
      }
    });
    it(`${r.spec}: the blocks at the fitting rows through the saved basis equal the fitted ones`, () => {
      built.forEach((b) => {
        const again = t2ColumnsAt(b, [Float64Array.from(r.x), Float64Array.from(r.z)]);
        expect(maxRelDiff(again.Zs.flatMap((c) => Array.from(c)), b.Zs.flatMap((c) => Array.from(c)))).toBeLessThan(1e-12);
        if (b.Xs.length > 0) expect(maxRelDiff(again.Xs.flatMap((c) => Array.from(c)), b.Xs.flatMap((c) => Array.from(c)))).toBeLessThan(1e-12);
      });
    });
  }
});

const r0 = REFS[0];
const DATA = { y: r0.x.map((x, i) => Math.sin(x) * r0.z[i]), x: r0.x, z: r0.z };

describe("t2(x, z, bs = \"tp\") in formulas: brms 2.18's names, priors, new data, refusals", () => {
  it("three penalty blocks sds_t2xz_1 … _3 and unpenalised bs_t2xz_1 … _3, in brms's order (make_stancode / variables())", () => {
    const d = buildDesign('y ~ t2(x, z, bs = "tp")', DATA);
    expect(d.bNames).toEqual(["b_Intercept", "bs_t2xz_1", "bs_t2xz_2", "bs_t2xz_3"]);
    expect(d.smooths?.map((s) => [s.names.sds, s.q])).toEqual([["sds_t2xz_1", 9], ["sds_t2xz_2", 6], ["sds_t2xz_3", 6]]);
    const names = buildGlmmIr(toGlmmSpec(d, resolvePriors(d))).outputs.rename.map(([, b]) => b);
    expect(names.slice(0, 8)).toEqual(["b_Intercept", "bs_t2xz_1", "bs_t2xz_2", "bs_t2xz_3", "sds_t2xz_1", "sds_t2xz_2", "sds_t2xz_3", "sigma"]);
    expect(names.slice(8)).toEqual([...[1, 2, 3].flatMap((b) => Array.from({ length: b === 1 ? 9 : 6 }, (_, j) => `s_t2xz_${b}[${j + 1}]`))]);
  });

  it("one sds prior row for the term (brms's get_prior); sds[t2xz] reaches every block, sds_t2xz_2 one block", () => {
    const d = buildDesign('y ~ t2(x, z, bs = "tp")', DATA);
    expect(resolvePriors(d).table.filter((t) => t.class === "sds").map((t) => t.coef)).toEqual(["", 't2(x, z, bs = "tp")']);
    expect(resolvePriors(d, ["sds[t2xz] ~ normal(0, 2)"]).smooths?.map((s) => s.source)).toEqual(["user", "user", "user"]);
    // The term as written, commas and all (brms's coef = t2(x, z, bs = "tp")).
    expect(resolvePriors(d, ['sds[t2(x, z, bs = "tp")] ~ normal(0, 2)']).smooths?.map((s) => s.source)).toEqual(["user", "user", "user"]);
    expect(resolvePriors(d, ["sds_t2xz_2 ~ normal(0, 2)"]).smooths?.map((s) => s.source)).toEqual(["default", "user", "default"]);
  });

  it("a saved and restored model gives the training columns back at the training rows, and finite columns beyond the range", () => {
    const d = buildDesign('y ~ t2(x, z, k = 4, bs = "tp")', DATA);
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
    expect(restored.smooths?.map((s) => s.names.sds)).toEqual(["sds_t2xz_1", "sds_t2xz_2", "sds_t2xz_3"]);
    const nd = designNewData(restored, DATA);
    expect(maxRelDiff(nd.X.values, d.X.values)).toBeLessThan(1e-12);
    nd.smoothZs?.forEach((z, k) => expect(maxRelDiff(z.Zs, (d.smooths ?? [])[k].Zs)).toBeLessThan(1e-12));
    const beyond = designNewData(restored, { x: [-5, 20], z: [4, -4] });
    expect(beyond.X.values.every(Number.isFinite) && (beyond.smoothZs ?? []).every((z) => z.Zs.every(Number.isFinite))).toBe(true);
  });

  it.each([
    ["y ~ t2(x, z)", 'formula: t2() needs bs = "tp": mgcv\'s default "cr" marginals give a basis brms builds from LAPACK\'s arbitrary null-space eigenvectors, which hbayes cannot reproduce; t2() takes two columns and bs = "tp", e.g. t2(x, z, bs = "tp") or t2(x, z, k = 6, bs = "tp")\n  y ~ t2(x, z)\n      ^'],
    ['y ~ t2(x, z, bs = "cr")', 'formula: t2(): only bs = "tp" is supported (with mgcv\'s default "cr" marginals brms\'s basis depends on LAPACK\'s arbitrary null-space eigenvectors, which hbayes cannot reproduce)\n  y ~ t2(x, z, bs = "cr")\n                    ^'],
    ['y ~ t2(x, bs = "tp")', 'formula: t2() takes two columns and bs = "tp", e.g. t2(x, z, bs = "tp") or t2(x, z, k = 6, bs = "tp"); got 1 column\n  y ~ t2(x, bs = "tp")\n      ^'],
    ['y ~ t2(x, z, by = g, bs = "tp")', "formula: t2() has no argument 'by' here: it takes k and bs = \"tp\"\n  y ~ t2(x, z, by = g, bs = \"tp\")\n               ^"],
  ])("%j is refused at the offending place", (f, message) => {
    expect(() => buildDesign(f, { ...DATA, g: DATA.x.map((_, i) => (i % 2 ? "a" : "b")) })).toThrow(new UserError(message));
  });
});
