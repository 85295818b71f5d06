/**
 * Crossed gaussian intercepts refused for their size are reported as such. Found in the 2026-11-29 user
 * sweep (bench/qa/, InstEval's first 150 students: 150 × 801 levels, over CROSSED_MAX_SMALL = 100): the
 * footer said "marginalize: auto (nothing conjugate to integrate out)", which is untrue.
 */
import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { beyondFooter, notesBesideFooter, summarizeFit } from "../../src/api/fitSummary.js";
import { fitBeyond } from "../../src/marginal/fitBeyond.js";
import { findCrossed } from "../../src/marginal/detectCrossed.js";
import { centreGlmmGroups } from "../../src/marginal/glmmShape.js";
import { planMarginalReport } from "../../src/marginal/plan.js";
import { simulateCrossed } from "./support/crossed.js";

const SMALL = { chains: 1, warmup: 60, draws: 20, seed: 3, threads: 1 } as const;

describe("planMarginalReport: a crossed pair over the size limit is declined, with its sizes", () => {
  const data = simulateCrossed(5, 60, 4, 5);
  const { built } = buildFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data });
  it("over the limit: no plan, and the pair, its level counts and the limit", () => {
    const r = planMarginalReport(built.program, built.data, { crossedMaxSmall: 3 });
    expect(r.plan).toBeNull();
    expect(r.declined).toEqual([{ params: ["r_1_1", "r_2_1"], groups: [4, 5], limit: 3 }]);
  });
  it("within the limit: the plan, nothing declined", () => {
    const r = planMarginalReport(built.program, built.data, { crossedMaxSmall: 4 });
    expect(r.plan?.blocks.length).toBe(1);
    expect(r.declined).toEqual([]);
  });
  it("nothing crossed (one group): nothing declined", () => {
    const one = buildFormulaModel({ formula: "y ~ x + (1 | a)", data }).built;
    expect(planMarginalReport(one.program, one.data, { crossedMaxSmall: 0 }).declined).toEqual([]);
  });
});

describe("findCrossed(program, data, maxSmall) returns the pair it turned down", () => {
  // planMarginalReport used to search a second time without the limit to find it.
  const data = simulateCrossed(5, 60, 4, 5);
  const { built } = buildFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data });
  // planWith searches the centred program without generated quantities (glmmShape.ts: the intercepts as parameters r ~ N(0, sd)).
  const shaped = centreGlmmGroups({ ...built.program, generated: [] }).program;
  it("over the limit: no candidate, and the pair's parameter ids and level counts", () => {
    const r = findCrossed(shaped, built.data, 3);
    expect(r.candidate).toBeNull();
    expect(r.overLimit?.groups).toEqual([4, 5]);
    expect(r.overLimit?.params.map((id) => shaped.params[id].name)).toEqual(["r_1_1", "r_2_1"]);
  });
  it("within the limit: the candidate, nothing over it", () => {
    const r = findCrossed(shaped, built.data, 4);
    expect(r.candidate?.groups).toEqual([4, 5]);
    expect(r.overLimit).toBeNull();
  });
});

describe("the footer says why a crossed pair was not integrated out", () => {
  it("fit() with the default limit: 101 × 120 levels, 'the smaller factor has 101 levels, above 100'", async () => {
    const { fit } = await fitFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data: simulateCrossed(2, 400, 101, 120) }, SMALL);
    expect(fit.beyond?.marginalized).toEqual([]);
    const footer = beyondFooter(fit);
    expect(footer).toMatch(
      /^marginalize: auto \(not applied, crossed intercepts r_a \(101 levels\) and r_b \(120 levels\): the smaller factor has 101 levels, above 100 \(dense Schur complement\)\);/,
    );
    expect(footer).not.toMatch(/nothing conjugate/);
  });
  it("fitBeyond's measurement-only limit: the same words with its numbers", async () => {
    const model = buildFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data: simulateCrossed(5, 60, 4, 5) });
    const built = { name: model.formula, program: model.built.program, data: model.built.data, rename: model.built.outputs.rename };
    const f = await fitBeyond(built, SMALL, { reparam: "auto", marginalize: "auto" }, performance.now(), { crossedMaxSmall: 3 });
    expect(beyondFooter(f)).toMatch(/^marginalize: auto \(not applied, crossed intercepts r_a \(4 levels\) and r_b \(5 levels\): the smaller factor has 4 levels, above 3 \(dense Schur complement\)\);/);
    expect(summarizeFit(f).json.settings.marginalize).toBe("auto");
    // The page lists the notes the footer does not already say (web/src/views/beyondLine.ts): not this one.
    expect(f.beyond?.notes).toEqual([expect.stringMatching(/^marginalize: not applied, crossed intercepts r_a/)]);
    expect(notesBesideFooter(f)).toEqual([]);
    const beyond = f.beyond as NonNullable<typeof f.beyond>;
    expect(notesBesideFooter({ beyond: { ...beyond, notes: [...beyond.notes, "reparam: something else"] } })).toEqual(["reparam: something else"]);
  });
  it("nothing conjugate at all (Poisson): still 'nothing conjugate to integrate out'", async () => {
    const n = 48;
    const g = Array.from({ length: n }, (_, i) => `g${i % 6}`);
    const y = Array.from({ length: n }, (_, i) => (i * 3 + (i % 6) * 2) % 5);
    const { fit } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", family: "poisson", data: { y, g } }, SMALL);
    expect(beyondFooter(fit)).toMatch(/^marginalize: auto \(nothing conjugate to integrate out\);/);
  });
});
