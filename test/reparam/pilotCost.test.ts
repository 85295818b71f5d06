/**
 * The pilot's cost is bounded (session 7): its chain's tree depth is capped (PILOT.maxTreeDepth), and
 * a group parameter whose elements enter the density one at a time (separable.ts) has its curvature
 * measured with one pair of gradients a point, not one pair per group. Counted in gradients, so
 * the bounds are deterministic.
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import type { Expr, Program, ProgramData } from "../../src/ir/types.js";
import { centreGlmmGroups } from "../../src/marginal/glmmShape.js";
import { autoReparam, PILOT, PILOT_FALLBACK } from "../../src/reparam/auto.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { fileURLToPath } from "node:url";
import { findLocationScale } from "../../src/reparam/detect.js";
import { buildModel } from "../../src/model/model.js";
import { elementsSeparable, rowsSeparable } from "../../src/reparam/separable.js";
import { POISSON_FORMULA, poissonExposureData } from "./support/glmmData.js";
import { centredCounts, centredCountsByColumn, flatCounts, simulateCounts, SPARSE } from "./support/mvnModels.js";

/** The formula program as the pilot sees it: group effects as parameters r ~ N(0, sd) (glmmShape.ts). */
function shaped(J: number, m: number): { program: Program; data: ProgramData; r: number } {
  const { built } = buildFormulaModel({ formula: POISSON_FORMULA, family: "poisson", data: poissonExposureData(7, J, m) });
  const program = centreGlmmGroups({ ...built.program, generated: [] }).program;
  const [c] = findLocationScale(program);
  return { program, data: built.data, r: c.param };
}

const refR = (r: number): Expr => ({ op: "ref", src: "param", id: r });
/** The likelihood statement (the one that gathers r). */
const likelihoodOf = (p: Program, r: number): number => p.statements.findIndex((st) => st.kind === "distribution" && JSON.stringify(st.args).includes(`"op":"gather","src":"param","id":${r}`));

describe("elementsSeparable(program, id)", () => {
  const { program, r } = shaped(6, 3);

  it("a formula group effect, gathered by its group codes: separable", () => {
    expect(elementsSeparable(program, r)).toBe(true);
  });

  it("read by a transformed parameter, a sum, a fixed element or a second gather slot: not separable", () => {
    const withTparam: Program = { ...program, tparams: [...program.tparams, { name: "t", n: 6, expr: refR(r) }] };
    expect(elementsSeparable(withTparam, r)).toBe(false);
    const withSum: Program = { ...program, statements: [...program.statements, { kind: "target", n: 1, expr: { op: "sum", n: 6, arg: refR(r) } }] };
    expect(elementsSeparable(withSum, r)).toBe(false);
    const withElem: Program = { ...program, statements: [...program.statements, { kind: "target", n: 1, expr: { op: "elem", src: "param", id: r, index: 0 } }] };
    expect(elementsSeparable(withElem, r)).toBe(false);
    // Multi-membership: row i reads r[g[i]] and r[h[i]] (h another int slot of the same length).
    const li = likelihoodOf(program, r);
    const st = program.statements[li] as Extract<Program["statements"][number], { kind: "distribution" }>;
    const by = (JSON.stringify(st.args).match(/"op":"gather","src":"param","id":\d+,"by":(\d+)/) as RegExpMatchArray)[1];
    const h = program.data.length;
    const twoSlots: Program = {
      ...program,
      data: [...program.data, { name: "h", type: "int", dims: [st.n] }],
      statements: program.statements.map((s, k) => (k === li ? { ...st, args: [{ op: "binary", fn: "add", a: st.args[0], b: { op: "gather", src: "param", id: r, by: h } } as Expr, ...st.args.slice(1)] } : s)),
    };
    expect(Number(by)).not.toBe(h);
    expect(elementsSeparable(twoSlots, r)).toBe(false);
  });

  it("the same gather slot twice in a row is still one element a row", () => {
    const li = likelihoodOf(program, r);
    const st = program.statements[li] as Extract<Program["statements"][number], { kind: "distribution" }>;
    const twice: Program = { ...program, statements: program.statements.map((s, k) => (k === li ? { ...st, args: [{ op: "binary", fn: "add", a: st.args[0], b: st.args[0] } as Expr, ...st.args.slice(1)] } : s)) };
    expect(elementsSeparable(twice, r)).toBe(true);
  });
});

describe("autoReparam's curvature on a separable group", () => {
  it("moving all elements at once gives the per-element differences bit for bit, with 2 gradients a point instead of 2J", async () => {
    const J = 30;
    const { program, data, r } = shaped(J, 4);
    // A transformed parameter t = r that nothing reads: the same density, but not separable (per-element path).
    const perElement: Program = { ...program, tparams: [...program.tparams, { name: "t", n: J, expr: refR(r) }] };
    expect(elementsSeparable(perElement, r)).toBe(false);
    const a = await autoReparam(program, data, 5, compileModel, { formulaGroups: false });
    const b = await autoReparam(perElement, data, 5, compileModel, { formulaGroups: false });
    // toEqual compares numbers with Object.is: the same information, weights and scales, bit for bit.
    expect(a.choices).toEqual(b.choices);
    expect(b.pilot.gradients - a.pilot.gradients).toBe(2 * PILOT.curvaturePoints * (J - 1));
  });
});

describe("rowsSeparable(program, data, id): a correlated matrix b read one row an element", () => {
  const J = 12;
  const sim = simulateCounts(3, Array.from({ length: J }, (_, j) => 1 + (j % 3)), SPARSE);
  const byColumn = buildModel(centredCountsByColumn(J), flatCounts(sim));
  const b = byColumn.program.params.findIndex((p) => p.name === "b");

  it("b.col(0).at(g) and b.col(1).at(g) in one statement: both gathers name row g[i]", () => {
    expect(rowsSeparable(byColumn.program, byColumn.data, b)).toBe(true);
  });

  it("one statement per group reading b[j,1] and b[j,2] (fixed elements of one row): separable", () => {
    const perGroup = buildModel(centredCounts(J), sim.data);
    expect(rowsSeparable(perGroup.program, perGroup.data, perGroup.program.params.findIndex((p) => p.name === "b"))).toBe(true);
  });

  it("not when an element reads two rows (one gather slot's codes moved a row on), nor through a transformed parameter", () => {
    const p = byColumn.program;
    const slots = [...JSON.stringify(p.statements).matchAll(new RegExp(`"op":"gather","src":"param","id":${b},"by":(\\d+)`, "g"))].map((m) => Number(m[1]));
    expect(slots.length).toBe(2);
    const shifted = byColumn.data.map((d, k) => (k === slots[1] ? Int32Array.from(d, (c) => ((c - 1 + 2) % (2 * J)) + 1) : d));
    expect(rowsSeparable(p, shifted, b)).toBe(false);
    const withTparam: Program = { ...p, tparams: [...p.tparams, { name: "t", n: 0, expr: { op: "elem", src: "param", id: b, index: 0 } }] };
    expect(rowsSeparable(withTparam, byColumn.data, b)).toBe(false);
  });

  it("autoReparam: the curvature by column (2 · 2 gradients a point, not 2 · 2J) has the per-element bits", async () => {
    const p = byColumn.program;
    const perElement: Program = { ...p, tparams: [...p.tparams, { name: "t", n: 0, expr: { op: "elem", src: "param", id: b, index: 0 } }] };
    const a = await autoReparam(p, byColumn.data, 2, compileModel);
    const c = await autoReparam(perElement, byColumn.data, 2, compileModel);
    expect(a.choices.map((x) => x.param)).toEqual(["b"]);
    expect(a.choices).toEqual(c.choices);
    expect(c.pilot.gradients - a.pilot.gradients).toBe(2 * PILOT.curvaturePoints * (2 * J - 2));
  });
});

describe("autoReparam's pilot on a big data set", () => {
  it("400 groups × 5 rows (Poisson): at most (warmup + draws) · (2^maxTreeDepth − 1) gradients plus 2 a curvature point", async () => {
    const { built } = buildFormulaModel({ formula: POISSON_FORMULA, family: "poisson", data: poissonExposureData(7, 400, 5) });
    const r = await autoReparam(built.program, built.data, 1, compileModel);
    expect(r.choices.map((c) => c.param)).toEqual(["r_1_1"]);
    // The chain's transitions are capped at 2^6 − 1 = 63 leapfrogs; the initial point and the step-size
    // searches take a few dozen more, well inside the 250 spare here (measured: 5,638 of the bound's
    // 22,320; 9,917 at 20 rows a group). Before session 7: depth 10 (up to 1023 a transition) and 2 · 10 · 400 =
    // 8,000 curvature gradients; the bound does not grow with the rows.
    const bound = (PILOT.warmup + PILOT.draws) * (2 ** PILOT.maxTreeDepth - 1) + 2 * PILOT.curvaturePoints + 250;
    expect(r.pilot.gradients).toBeLessThanOrEqual(bound);
    expect(r.pilot.gradients).toBeGreaterThan(PILOT.warmup + PILOT.draws);
  });
});

describe("autoReparam's fallback when its chain sits at the depth cap", () => {
  it("kidney exponential (censored), seed 1: the capped chain stuck at sd ≈ 7 (posterior median 0.45) is rerun as the old pilot, whose choices come out bit for bit", async () => {
    const kidney = readCsvFile(fileURLToPath(new URL("../../bench/qa/data/kidney.csv", import.meta.url)));
    const { built } = buildFormulaModel({ formula: "time | cens(censored) ~ age + sex + disease + (1 | patient)", data: kidney, family: "exponential" });
    const r = await autoReparam(built.program, built.data, 1, compileModel);
    expect(r.pilot.fallback).toBe(true);
    const old = await autoReparam(built.program, built.data, 1, compileModel, { budget: PILOT_FALLBACK });
    expect(old.pilot.fallback).toBe(false);
    expect(r.choices).toEqual(old.choices);
    // Measured: the stuck chain's median sd 7.35; the old pilot's 0.41 (brms's posterior mean 0.45).
    expect(r.choices[0].scale[0]).toBeGreaterThan(0.3);
    expect(r.choices[0].scale[0]).toBeLessThan(0.6);
    expect(r.pilot.gradients).toBeGreaterThan(old.pilot.gradients);
  });
});
