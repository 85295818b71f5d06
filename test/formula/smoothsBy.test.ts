import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { conditionalEffects, defaultEffects } from "../../src/effects/index.js";
import { UserError } from "../../src/errors.js";
import { buildDesign } from "../../src/formula/design.js";
import { designNewData } from "../../src/formula/newdata.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { constructSmooths, smoothColumns, type SmoothBasisKind, type SmoothByInput } from "../../src/formula/smooth.js";
import { toGlmmSpec } from "../../src/formula/toGlmm.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { posteriorEpred } from "../../src/predict/index.js";
import { designFromSaved, saveFormulaModel } from "../../src/predict/savedModel.js";
import { maxRelDiff } from "../support/maxRelDiff.js";

/** fixtures/smooths-by.json, written by fixtures/make-smooths-by.R (smoothCon with by, smooth2random, s2rPred). */
interface RefSmooth {
  label: string;
  level: string;
  Xs: number[];
  nXs: number;
  Zs: number[];
  nZs: number;
  newXs: number[];
  newZs: number[];
}
interface Ref {
  spec: string;
  x: number[];
  f: string[];
  z: number[];
  newx: number[];
  newf: string[];
  newz: number[];
  smooths: RefSmooth[];
}
const REFS: Ref[] = JSON.parse(readFileSync(new URL("./fixtures/smooths-by.json", import.meta.url), "utf8"));

// As test/formula/smooths.test.ts: mgcv's Lanczos converges to ε^0.7, hbayes's further; observed
// agreement is ~1e-12 relative, and a wrong constraint, scaling or level is O(1).
const TOL = 1e-8;

/** Column j of a column-major R matrix with n rows. */
const rCol = (v: number[], n: number, j: number) => v.slice(j * n, (j + 1) * n);

/** Each of ours equals one of R's columns up to sign (one sign per column, fixed on the training rows and reused at the new rows). */
function matchColumns(ours: Float64Array[], ref: number[], n: number, newOurs: Float64Array[], newRef: number[], m: number): void {
  const used = new Set<number>();
  ours.forEach((col, c) => {
    let found = -1;
    let sign = 1;
    for (let j = 0; j < ours.length && found < 0; j++) {
      if (used.has(j)) continue;
      const r = rCol(ref, n, j);
      const i = r.reduce((b, v, t) => (Math.abs(v) > Math.abs(r[b]) ? t : b), 0);
      const s = Math.sign(r[i]) * Math.sign(col[i]);
      if (maxRelDiff(col.map((v) => v * s), r) < TOL) {
        found = j;
        sign = s;
      }
    }
    expect(found, `column ${c + 1} matches none of R's`).toBeGreaterThanOrEqual(0);
    used.add(found);
    expect(maxRelDiff(newOurs[c].map((v) => v * sign), rCol(newRef, m, found))).toBeLessThan(TOL);
  });
}

/** Least-squares T with A·T = B (A, B: n × 2 column lists); the residual of B − A·T relative to B. */
function spanResidual(A: Float64Array[], B: number[][], n: number): { T: number[]; apply: (C: Float64Array[]) => Float64Array[] } {
  const ata = [0, 0, 0, 0];
  const atb = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
    ata[a * 2 + b] += A[a][i] * A[b][i];
    atb[a * 2 + b] += A[a][i] * B[b][i];
  }
  const det = ata[0] * ata[3] - ata[1] * ata[2];
  const inv = [ata[3] / det, -ata[1] / det, -ata[2] / det, ata[0] / det];
  const T = [0, 1, 2, 3].map((e) => inv[Math.floor(e / 2) * 2] * atb[e % 2] + inv[Math.floor(e / 2) * 2 + 1] * atb[2 + (e % 2)]);
  return { T, apply: (C) => [0, 1].map((b) => C[0].map((v, i) => v * T[b] + C[1][i] * T[2 + b])) };
}

function specOf(spec: string): { bs: SmoothBasisKind; k?: number; numeric: boolean } {
  const k = /k = (\d+)/.exec(spec);
  return { bs: spec.includes('"cr"') ? "cr" : "tp", ...(k ? { k: Number(k[1]) } : {}), numeric: spec.includes("by = z") };
}

describe("constructSmooths: mgcv's by variable against R (smoothCon + smooth2random + s2rPred)", () => {
  for (const r of REFS) {
    const n = r.x.length;
    const m = r.newx.length;
    const o = specOf(r.spec);
    const levels = ["a", "b", "c"];
    const by: SmoothByInput = o.numeric
      ? { kind: "numeric", variable: "z", values: Float64Array.from(r.z) }
      : { kind: "factor", variable: "f", levels, codes: Int32Array.from(r.f, (v) => levels.indexOf(v)) };
    const built = constructSmooths({ vars: ["x"], bs: o.bs, ...(o.k !== undefined ? { k: o.k } : {}) }, [Float64Array.from(r.x)], r.spec, by);
    const newBy = (sm: (typeof built)[number]): Float64Array =>
      o.numeric ? Float64Array.from(r.newz) : Float64Array.from(r.newf, (v) => (sm.by?.kind === "factor" && v === sm.by.level ? 1 : 0));

    it(`${r.spec}: ${r.smooths.length} smooth(s) (${r.smooths.map((s) => s.label).join(", ")}) with R's numbers of Xs and Zs columns`, () => {
      expect(built.map((b) => [b.by?.kind === "factor" ? b.by.level : "", b.Xs.length, b.Zs.length])).toEqual(r.smooths.map((s) => [s.level, s.nXs, s.nZs]));
    });
    r.smooths.forEach((ref, l) => {
      it(`${r.spec}, ${ref.label}: each Zs column is R's up to sign, at the data and at new x (inside and beyond the range)`, () => {
        const sm = built[l];
        const pred = smoothColumns(sm, [Float64Array.from(r.newx)], newBy(sm));
        matchColumns(sm.Zs, ref.Zs, n, pred.Zs, ref.newZs, m);
      });
      if (ref.nXs === 1) {
        it(`${r.spec}, ${ref.label}: Xs is R's up to sign and increases with x on the level's rows`, () => {
          const sm = built[l];
          const pred = smoothColumns(sm, [Float64Array.from(r.newx)], newBy(sm));
          matchColumns(sm.Xs, ref.Xs, n, pred.Xs, ref.newXs, m);
          let cov = 0;
          for (let i = 0; i < n; i++) cov += sm.Xs[0][i] * (r.x[i] - 5);
          expect(cov).toBeGreaterThan(0);
        });
      } else {
        // Two unpenalised columns (1 and x, times z: no constraint) span a doubly-zero eigenvalue's
        // space, fixed only up to a 2 × 2 transform; the transform fitted on the data carries the new rows too.
        it(`${r.spec}, ${ref.label}: the span of Xs is R's (up to a 2 × 2 transform), at the data and at new x`, () => {
          const sm = built[l];
          const pred = smoothColumns(sm, [Float64Array.from(r.newx)], newBy(sm));
          const fit = spanResidual(sm.Xs, [rCol(ref.Xs, n, 0), rCol(ref.Xs, n, 1)], n);
          expect(maxRelDiff(fit.apply(sm.Xs).flatMap((c) => Array.from(c)), ref.Xs)).toBeLessThan(TOL);
          expect(maxRelDiff(fit.apply(pred.Xs).flatMap((c) => Array.from(c)), ref.newXs)).toBeLessThan(TOL);
        });
      }
    });
  }

  it("a constant numeric by keeps the centring constraint (mgcv: the product would otherwise duplicate the intercept)", () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.3) * 4);
    const built = constructSmooths({ vars: ["x"], bs: "tp", k: 6 }, [x], "s(x, by = z)", { kind: "numeric", variable: "z", values: new Float64Array(30).fill(2) });
    expect([built[0].Xs.length, built[0].Zs.length]).toEqual([1, 4]);
  });
});

/** The fixture's first case as data with a response. */
const r0 = REFS[0];
const DATA = { y: r0.x.map((x, i) => Math.sin(x) * (r0.f[i] === "a" ? 1 : -1) + r0.z[i]), x: r0.x, f: r0.f, z: r0.z };

describe("s(x, by = f) in formulas: brms 2.18's names, priors, new data", () => {
  it("one smooth per level: bs_sx:fa_1 …, sds_sxfa_1 …, s_sxfa_1[j] (brms's make_standata colnames and change_sm)", () => {
    const d = buildDesign("y ~ f + s(x, by = f, k = 5)", DATA);
    expect(d.bNames).toEqual(["b_Intercept", "b_fb", "b_fc", "bs_sx:fa_1", "bs_sx:fb_1", "bs_sx:fc_1"]);
    expect(d.smooths?.map((s) => [s.label, s.termLabel, s.term, s.q, s.names.sds])).toEqual([
      ["sxfa", "sxf", "s(x, by = f, k = 5)", 3, "sds_sxfa_1"],
      ["sxfb", "sxf", "s(x, by = f, k = 5)", 3, "sds_sxfb_1"],
      ["sxfc", "sxf", "s(x, by = f, k = 5)", 3, "sds_sxfc_1"],
    ]);
    const names = buildGlmmIr(toGlmmSpec(d, resolvePriors(d))).outputs.rename.map(([, b]) => b);
    expect(names.filter((nm) => nm.startsWith("sds_"))).toEqual(["sds_sxfa_1", "sds_sxfb_1", "sds_sxfc_1"]);
    expect(names.filter((nm) => nm.startsWith("s_sxfb"))).toEqual(["s_sxfb_1[1]", "s_sxfb_1[2]", "s_sxfb_1[3]"]);
  });

  it("numeric by: bs_sx:z_1, bs_sx:z_2 (no centring constraint) and sds_sxz_1", () => {
    const d = buildDesign("y ~ s(x, by = z)", DATA);
    expect(d.bNames).toEqual(["b_Intercept", "bs_sx:z_1", "bs_sx:z_2"]);
    expect(d.smooths?.map((s) => [s.label, s.q, s.names.sds])).toEqual([["sxz", 8, "sds_sxz_1"]]);
  });

  it("one sds prior row per term (brms's get_prior), and sds[s(x, by = f)] / sds[sxf] reach every level", () => {
    const d = buildDesign("y ~ f + s(x, by = f)", DATA);
    expect(resolvePriors(d).table.filter((t) => t.class === "sds").map((t) => t.coef)).toEqual(["", "s(x, by = f)"]);
    for (const p of ["sds[s(x, by = f)] ~ normal(0, 2)", "sds[sxf] ~ normal(0, 2)", "sds_sxf ~ normal(0, 2)"]) expect(resolvePriors(d, [p]).smooths?.map((s) => s.dist)).toEqual(Array(3).fill({ family: "normal", args: [0, 2] }));
  });

  it("new data: each level's smooth is its basis times the level's indicator; a saved and restored model gives the training columns back", () => {
    const d = buildDesign("y ~ f + s(x, by = f)", DATA);
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
    expect(restored.bNames).toEqual(d.bNames);
    const nd = designNewData(restored, DATA);
    expect(maxRelDiff(nd.X.values, d.X.values)).toBeLessThan(1e-12);
    nd.smoothZs?.forEach((z, k) => expect(maxRelDiff(z.Zs, (d.smooths ?? [])[k].Zs)).toBeLessThan(1e-12));
    const one = designNewData(restored, { x: [3, 3], f: ["b", "c"], z: [0, 0] });
    const q = (d.smooths ?? [])[0].q;
    // Row 1 is level b: level a's and c's columns are zero, b's are not.
    const row0 = (k: number) => Array.from(one.smoothZs?.[k].Zs.slice(0, q) ?? []);
    expect(row0(0).every((v) => v === 0)).toBe(true);
    expect(row0(1).some((v) => v !== 0)).toBe(true);
    expect(row0(2).every((v) => v === 0)).toBe(true);
  });

  it("a level the fit never saw is refused, naming it", () => {
    const d = buildDesign("y ~ s(x, by = f)", DATA);
    expect(() => designNewData(d, { x: [1, 2], f: ["a", "d"], z: [0, 0] })).toThrow(
      new UserError("new data: s(x, by = f): level 'd' of the by factor 'f' was not in the fitting data (its levels are a, b, c); a smooth for it was never estimated"),
    );
  });

  it.each([
    ["y ~ s(x, by = x)", "formula: s(): 'x' is both a covariate and the by variable\n  y ~ s(x, by = x)\n                ^"],
    ["y ~ s(x, by = log(z))", "formula: s(): by takes a column name: a factor (one smooth per level) or a numeric column (the smooth times it)\n  y ~ s(x, by = log(z))\n                ^"],
  ])("%j is refused at the offending place", (f, message) => {
    expect(() => buildDesign(f, DATA)).toThrow(new UserError(message));
  });
});

describe("s() in distributional formulas: sigma ~ s(x)", () => {
  const data = { ...DATA, y: DATA.y.map((v, i) => v * Math.exp(0.3 * r0.x[i] - 1)) };

  it("the part's Xs follow its X (bs_sigma_sx_1) and its block is sds_sigma_sx_1, s_sigma_sx_1[j], after the mean's (brms 2.18's variables())", () => {
    const d = buildDesign("bf(y ~ s(x, k = 5), sigma ~ s(x, k = 5) + z)", data);
    expect(d.dpars[0].bNames).toEqual(["b_sigma_Intercept", "b_sigma_z", "bs_sigma_sx_1"]);
    expect(d.dpars[0].smooths?.map((s) => [s.label, s.names.sds, s.names.s[0]])).toEqual([["sx", "sds_sigma_sx_1", "s_sigma_sx_1[1]"]]);
    const names = buildGlmmIr(toGlmmSpec(d, resolvePriors(d))).outputs.rename.map(([, b]) => b);
    expect(names.slice(0, 7)).toEqual(["b_Intercept", "b_sigma_Intercept", "b_sigma_z", "bs_sx_1", "bs_sigma_sx_1", "sds_sx_1", "sds_sigma_sx_1"]);
    expect(names.slice(7)).toEqual([...[1, 2, 3].map((j) => `s_sx_1[${j}]`), ...[1, 2, 3].map((j) => `s_sigma_sx_1[${j}]`)]);
    // The same covariate and rows give the same basis as the mean's smooth.
    expect(maxRelDiff(d.dpars[0].smooths?.[0].Zs ?? [], d.smooths?.[0].Zs ?? [])).toBe(0);
  });

  it("priors: sds ~ … is the mean's, sds_sigma ~ … and sds_sigma_sx_1 ~ … the part's (brms: class sds, dpar sigma); the table has brms's rows", () => {
    const d = buildDesign("bf(y ~ s(x, k = 5), sigma ~ s(x, k = 5))", data);
    const a = resolvePriors(d, ["sds ~ normal(0, 1)", "sds_sigma ~ normal(0, 2)"]);
    expect([a.smooths?.[0].dist, a.dpars.sigma.smooths?.[0].dist]).toEqual([{ family: "normal", args: [0, 1] }, { family: "normal", args: [0, 2] }]);
    const b = resolvePriors(d, ["sds_sigma_sx_1 ~ exponential(1)"]);
    expect(b.dpars.sigma.smooths?.[0].dist).toEqual({ family: "exponential", args: [1] });
    expect(b.smooths?.[0].source).toBe("default");
    expect(b.table.filter((r) => r.class.startsWith("sds")).map((r) => [r.class, r.coef])).toEqual([["sds", ""], ["sds", "s(x, k = 5)"], ["sds_sigma", ""], ["sds_sigma", "s(x, k = 5)"]]);
  });

  it("a saved and restored model gives the part's X and Zs back at the training rows", () => {
    const d = buildDesign("bf(y ~ s(x, k = 5), sigma ~ s(x, k = 5, by = f))", data);
    const restored = designFromSaved(JSON.parse(JSON.stringify(saveFormulaModel(d, [], null))));
    expect(restored.dpars[0].bNames).toEqual(d.dpars[0].bNames);
    expect(restored.dpars[0].smooths?.map((s) => s.names.sds)).toEqual(["sds_sigma_sxfa_1", "sds_sigma_sxfb_1", "sds_sigma_sxfc_1"]);
    const nd = designNewData(restored, data);
    expect(maxRelDiff(nd.dparX[0], d.dpars[0].X.values)).toBeLessThan(1e-12);
    nd.dparSmoothZs[0].forEach((z, k) => expect(maxRelDiff(z.Zs, (d.dpars[0].smooths ?? [])[k].Zs)).toBeLessThan(1e-12));
  });
});

describe("conditional effects of by-smooths", () => {
  it("s(x, by = f) is the effect x:f (brms's get_all_effects: covariates, then the by variable), one curve per level", async () => {
    const d = buildDesign("y ~ f + s(x, by = f, k = 5)", DATA);
    expect(defaultEffects(d, DATA)).toEqual(["f", "x:f"]);
    const { fit, model } = await fitFormulaModel({ formula: "y ~ f + s(x, by = f, k = 5)", data: DATA }, { chains: 1, warmup: 150, draws: 100, seed: 3, threads: 1 });
    const e = conditionalEffects(fit, model, DATA, { effects: ["x:f"], resolution: 5 });
    expect(e[0].columns.map((c) => c.name)).toEqual(["x", "f"]);
    const levels = Array.from(e[0].columns[1].values as readonly string[]);
    expect(levels.length).toBe(15);
    expect(["a", "b", "c"].map((l) => levels.filter((v) => v === l).length)).toEqual([5, 5, 5]);
    // Each level's curve is epred at (x, level): the level's own smooth.
    const x = e[0].columns[0].values as Float64Array;
    const ep = posteriorEpred(fit, model, { x: [x[7]], f: [levels[7]], z: [0] });
    const col = Float64Array.from({ length: ep.draws }, (_, s) => ep.data[s]).sort();
    expect(e[0].estimate[7]).toBeCloseTo((col[49] + col[50]) / 2, 10);
  }, 30_000);
});

describe("brms 2.18's parameter names for the fits of bench/qa/smooths-by-brms.R (fixtures/smooths-by-brms.json)", () => {
  const fixture: Record<string, { formula: string; dpars: Record<string, string> | []; parameters: { name: string }[] }> = JSON.parse(readFileSync(new URL("./fixtures/smooths-by-brms.json", import.meta.url), "utf8"));
  const data = readCsvFile(new URL("../../bench/qa/data/smooth-by.csv", import.meta.url).pathname);
  for (const [name, c] of Object.entries(fixture)) {
    it(`${name}: every b_, bs_, sds_ and sigma of brms's summary is an hbayes output, in brms's order`, () => {
      const dpars = Object.values(c.dpars);
  const formula = dpars.length > 0 ? `bf(${[c.formula, ...dpars].join(", ")})` : c.formula;
      const d = buildDesign(formula, data);
      const ours = buildGlmmIr(toGlmmSpec(d, resolvePriors(d))).outputs.rename.map(([, b]) => b);
      const theirs = c.parameters.map((p) => p.name);
      expect(ours.filter((v) => theirs.includes(v))).toEqual(theirs);
    });
  }
});
