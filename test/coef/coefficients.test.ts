import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { coef, fixef, ranef, type GroupSummary, type SummaryMatrix } from "../../src/posterior/coefficients.js";
import { createDraws, SAMPLER_VARIABLES, variableOf, type Draws } from "../../src/posterior/draws.js";
import { writeCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { hypothesis, type HypothesisRow } from "../../src/hypothesis/hypothesis.js";
import { runCli } from "../support/runCli.js";

const FIX = new URL("./fixtures/", import.meta.url);
const csv = readFileSync(new URL("mtcars-coef-draws.csv", FIX), "utf8").trim().split("\n");

/** The brmsfit's b_ and r_ draws as make-refs.R wrote them (2 chains, one after the other). */
function brmsDraws(): Draws {
  // The header's names are quoted and hold commas (r_cyl[4,Intercept]).
  const names = [...csv[0].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const n = csv.length - 1;
  const d = createDraws(names, 2, n / 2);
  for (let r = 1; r <= n; r++) csv[r].split(",").forEach((v, k) => (variableOf(d, k)[r - 1] = Number(v)));
  return d;
}

// make-refs.R writes jsonlite's default: one-element vectors as arrays (["cyl"]); `one` unwraps them.
type RefArray = { coef: string | [string]; levels: string[]; stats: string[]; values: number[][] };
type RefGroup = { group: string | [string]; coefs: RefArray[] };
const one = (x: string | [string]): string => (Array.isArray(x) ? x[0] : x);
const refs = JSON.parse(readFileSync(new URL("coef-refs.json", FIX), "utf8")) as {
  coef: RefGroup[]; coef_robust_90: RefGroup[]; ranef: RefGroup[]; fixef: { names: string[]; stats: string[]; values: number[][] };
};

// The CSV holds brms's draws to 15 significant digits: sums of a thousand of them agree to ~1e-12.
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

function expectMatrix(m: SummaryMatrix, rows: string[], stats: string[], values: number[][]) {
  expect(m.rows).toEqual(rows);
  expect(m.stats).toEqual(stats);
  values.forEach((row, i) => row.forEach((v, j) => close(m.values[i][j], v)));
}

function expectGroups(ours: GroupSummary[], theirs: RefGroup[]) {
  expect(ours.map((g) => g.group)).toEqual(theirs.map((g) => one(g.group)));
  ours.forEach((g, i) => {
    expect(g.coefs.map((c) => c.coef)).toEqual(theirs[i].coefs.map((c) => one(c.coef)));
    g.coefs.forEach((c, k) => expectMatrix(c.summary, theirs[i].coefs[k].levels, theirs[i].coefs[k].stats, theirs[i].coefs[k].values));
  });
}

describe("coef, ranef and fixef against brms 2.18 on the same draws", () => {
  const draws = brmsDraws();
  it("fixef: b_ without its prefix (sigma_Intercept included)", () => {
    expectMatrix(fixef(draws), refs.fixef.names, refs.fixef.stats, refs.fixef.values);
  });
  it("ranef: per group and coefficient, the part's prefix on a distributional part's effects", () => {
    expectGroups(ranef(draws), refs.ranef);
  });
  it("coef: b + r per level in brms's order (the group's own coefficients, then the others)", () => {
    expectGroups(coef(draws), refs.coef);
  });
  it("coef, robust with 90 % quantiles", () => {
    expectGroups(coef(draws, { robust: true, probs: [0.05, 0.95] }), refs.coef_robust_90);
  });
});

describe("hypothesis by level (brms's scope = coef / ranef) and with a group's class, against brms 2.18", () => {
  type HRow = Record<string, [string] | [number] | [null] | string | number | null>;
  const h = (refs as unknown as { hypothesis: Record<string, HRow[]> }).hypothesis;
  const val = (x: HRow[string]) => (Array.isArray(x) ? x[0] : x);
  const check = (rows: readonly HypothesisRow[], want: HRow[]) => {
    expect(rows).toHaveLength(want.length);
    rows.forEach((r, i) => {
      const w = want[i];
      if (w.Group !== undefined) expect(r.group).toBe(val(w.Group));
      expect(r.hypothesis).toBe(val(w.Hypothesis));
      for (const [mine, theirs] of [[r.estimate, "Estimate"], [r.estError, "Est.Error"], [r.ciLower, "CI.Lower"], [r.ciUpper, "CI.Upper"]] as const) close(mine, val(w[theirs]) as number);
      const er = val(w["Evid.Ratio"]);
      if (er === null || er === "NA") expect(r.evidRatio).toBeNaN();
      else if (er === "Inf") expect(r.evidRatio).toBe(Infinity);
      else close(r.evidRatio, er as number);
      expect(r.star ? "*" : "").toBe(val(w.Star));
    });
  };
  const draws = brmsDraws();
  it("scope coef: every level of cyl, hypothesis by hypothesis", () => check(hypothesis(draws, ["Intercept > 35", "wt < -3"], { scope: "coef", group: "cyl" }).rows, h.coef));
  it("scope ranef: the group-level effects of gear", () => check(hypothesis(draws, ["Intercept > 0"], { scope: "ranef", group: "gear" }).rows, h.ranef));
  it("class sd with group g tests sd_g__… (as class \"\" with the full name)", () => {
    const d = createDraws(["sd_g__Intercept", "sd_g__x"], 1, 4);
    variableOf(d, 0).set([1, 2, 3, 4]);
    variableOf(d, 1).set([0.5, 0.1, 0.2, 0.3]);
    const [a] = hypothesis(d, ["Intercept > 2"], { class: "sd", group: "g" }).rows;
    const [b] = hypothesis(d, ["sd_g__Intercept > 2"], { class: "" }).rows;
    expect(a.hypothesis).toBe("(Intercept)-(2) > 0");
    expect({ ...a, hypothesis: "", draws: null }).toEqual({ ...b, hypothesis: "", draws: null });
    expect(hypothesis(d, ["x > 0"], { class: "sd", group: "g" }).class).toBe("sd_g");
  });
  it("a scope without a known group says which there are", () => {
    expect(() => hypothesis(draws, ["Intercept > 0"], { scope: "coef" })).toThrow(/needs group to be one of cyl, gear/);
  });
});

describe("coef on hand-made draws", () => {
  const d = createDraws(["b_Intercept[1]", "b_Intercept[2]", "b_x", "r_g[a,Intercept]", "r_g[b,Intercept]"], 1, 2);
  variableOf(d, 0).set([1, 1]);
  variableOf(d, 1).set([2, 2]);
  variableOf(d, 2).set([5, 7]);
  variableOf(d, 3).set([0.5, 0.5]);
  variableOf(d, 4).set([-1, -1]);
  it("an ordinal model's thresholds take the level's intercept, subtracted for cumulative (threshold − η)", () => {
    const [g] = coef(d, { thresholds: "subtract" });
    expect(g.coefs.map((c) => c.coef)).toEqual(["Intercept[1]", "Intercept[2]", "x"]);
    expect(g.coefs[0].summary.values.map((r) => r[0])).toEqual([0.5, 2]);
    expect(g.coefs[1].summary.values.map((r) => r[0])).toEqual([1.5, 3]);
    expect(g.coefs[2].summary.values.map((r) => r[0])).toEqual([6, 6]);
    expect(coef(d)[0].coefs[0].summary.values.map((r) => r[0])).toEqual([1.5, 0]);
  });
  it("says what is missing", () => {
    const none = createDraws(["b_x"], 1, 2);
    expect(() => coef(none)).toThrow(/no group-level effects; fixef gives/);
    expect(() => ranef(none)).toThrow(/no group-level effects/);
    expect(() => fixef(createDraws(["sigma"], 1, 2))).toThrow(/no population-level effects/);
    expect(() => coef(d, { probs: [1.5] })).toThrow(/probs must lie in \[0, 1\]/);
  });
});

describe("hbayes coef", () => {
  const dir = mkdtempSync(join(tmpdir(), "hbayes-coef-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Through the writer hbayes fit --out uses (labelled names written positionally, the originals in a comment).
  const b = brmsDraws();
  const d = createDraws([...SAMPLER_VARIABLES, ...b.names], b.chains, b.draws);
  d.data.set(b.data, SAMPLER_VARIABLES.length * b.chains * b.draws); // sampler columns 0, then the draws as they are
  writeCmdStanCsvFiles(join(dir, "draws"), d, { model: "mtcars", seed: 1 });

  it("prints each group's coefficients, and JSON equal to the library's", async () => {
    const r = await runCli(["coef", dir, "--group", "cyl"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cyl: Intercept\n +Estimate +Est\.Error +Q2\.5 +Q97\.5\n4 /);
    expect(r.out).not.toMatch(/gear:/);
    const j = JSON.parse((await runCli(["coef", dir, "--type", "ranef", "--json"])).out);
    expect(j.groups.map((g: GroupSummary) => g.group)).toEqual(["cyl", "gear"]);
    close(j.groups[1].coefs[1].summary.values[0][0], refs.ranef[1].coefs[1].values[0][0]);
    const f = JSON.parse((await runCli(["coef", dir, "--type", "fixef", "--json"])).out);
    expect(f.rows).toEqual(refs.fixef.names);
  });

  it("hbayes hypothesis --scope coef --group cyl: one row per level, as brms", async () => {
    const r = await runCli(["hypothesis", dir, "Intercept > 35", "--scope", "coef", "--group", "cyl", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).hypotheses;
    expect(rows.map((x: { group: string }) => x.group)).toEqual(["4", "6", "8"]);
    // brms's estimate for level 4 (make-refs.R's hypothesis(scope = "coef")); jsonlite wraps scalars in arrays.
    const ref = (refs as unknown as { hypothesis: { coef: { Estimate: [number] }[] } }).hypothesis.coef[0].Estimate[0];
    close(rows[0].estimate, ref);
  });

  it("an unknown group is exit code 1 naming the groups there are", async () => {
    const r = await runCli(["coef", dir, "--group", "cly"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no such grouping factor; the fit has cyl, gear/);
  });
});
