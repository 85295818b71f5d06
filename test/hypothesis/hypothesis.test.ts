import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateExpression, parseExpression } from "../../src/hypothesis/expression.js";
import { formatHypotheses, hypothesis } from "../../src/hypothesis/hypothesis.js";
import { createDraws, variableOf, type Draws } from "../../src/posterior/draws.js";

const FIX = new URL("./fixtures/", import.meta.url);

/** The brmsfit's draws as make-refs.R wrote them (2 chains, one after the other). */
function brmsDraws(): Draws {
  const lines = readFileSync(new URL("mtcars-draws.csv", FIX), "utf8").trim().split("\n");
  const names = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  const d = createDraws(names, 2, (lines.length - 1) / 2);
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(",").map(Number);
    cells.forEach((v, k) => (variableOf(d, k)[r - 1] = v));
  }
  return d;
}

interface RefRow { Hypothesis: string; Estimate: number; "Est.Error": number; "CI.Lower": number; "CI.Upper": number; "Evid.Ratio": number | null; "Post.Prob": number | null; Star: string }
interface RefCase { hypotheses: string[]; class: string; alpha: number; robust: boolean; rows: RefRow[] }
const refs = JSON.parse(readFileSync(new URL("hypothesis-refs.json", FIX), "utf8")) as { cases: RefCase[] };

describe("hypothesis against brms 2.18 on the same draws", () => {
  const draws = brmsDraws();
  it("has the fixture's 2 × 500 draws", () => expect(variableOf(draws, 0).length).toBe(1000));
  for (const c of refs.cases) {
    it(`class "${c.class}", alpha ${c.alpha}, robust ${c.robust}: ${c.hypotheses.join("; ")}`, () => {
      const out = hypothesis(draws, c.hypotheses, { class: c.class, alpha: c.alpha, robust: c.robust });
      expect(out.rows.length).toBe(c.rows.length);
      out.rows.forEach((row, i) => {
        const ref = c.rows[i];
        expect(row.hypothesis).toBe(ref.Hypothesis);
        // The CSV holds brms's draws to 15 significant digits; sums of 1,000 of them agree to ~1e-12.
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));
        close(row.estimate, ref.Estimate);
        close(row.estError, ref["Est.Error"]);
        close(row.ciLower, ref["CI.Lower"]);
        close(row.ciUpper, ref["CI.Upper"]);
        if (ref["Evid.Ratio"] === null) expect(row.evidRatio).toBeNaN();
        else close(row.evidRatio, ref["Evid.Ratio"]);
        if (ref["Post.Prob"] === null) expect(row.postProb).toBeNaN();
        else close(row.postProb, ref["Post.Prob"]);
        expect(row.star ? "*" : "").toBe(ref.Star);
      });
    });
  }
});

describe("hypothesis on hand-made draws", () => {
  const d = createDraws(["lp__", "b_x", "b_Intercept", "sigma"], 1, 4);
  variableOf(d, 1).set([1, 2, 3, -1]);
  variableOf(d, 2).set([0, 0, 0, 0]);
  variableOf(d, 3).set([1, 1, 1, 1]);

  it("counts P(H) and the evidence ratio; all draws on one side give Inf and 1", () => {
    const [a, b] = hypothesis(d, ["x > 0", "x > -2"]).rows;
    expect(a.evidRatio).toBe(3);
    expect(a.postProb).toBe(0.75);
    expect(b.evidRatio).toBe(Infinity);
    expect(b.postProb).toBe(1);
    expect(formatHypotheses(hypothesis(d, ["x > -2"]))).toContain("Inf");
  });

  it("says which name is missing, with a caret and a suggestion", () => {
    expect(() => hypothesis(d, ["xx < 0"])).toThrow(/no parameter 'b_xx' in the fit \(did you mean 'x'\?\)/);
    expect(() => hypothesis(d, ["sigma > 0"])).toThrow(/use class "" to write full names/);
    expect(hypothesis(d, ["sigma > 0"], { class: "" }).rows[0].postProb).toBe(1);
  });

  it("refuses a statement without exactly one of = < >", () => {
    expect(() => hypothesis(d, ["x"])).toThrow(/no '=', '<' or '>'/);
    expect(() => hypothesis(d, ["x <= 0"])).toThrow(/more than one/);
    expect(() => hypothesis(d, ["< 0"])).toThrow(/one side is empty/);
    expect(() => hypothesis(d, ["lp__ > 0"], { class: "" })).toThrow(/no parameter 'lp__'/);
  });

  it("never evaluates text as code: unknown functions and stray characters are errors", () => {
    expect(() => hypothesis(d, ["system(x) > 0"])).toThrow(/unknown function 'system'/);
    expect(() => hypothesis(d, ["x; 1 > 0"])).toThrow(/unexpected ';'/);
    expect(() => hypothesis(d, ["(x > 0"])).toThrow(/expected '\)'/);
  });
});

describe("expression grammar (R's precedence)", () => {
  const ev = (t: string) => evaluateExpression(parseExpression(t, "t"), 1, () => new Float64Array([2]))[0];
  it("-2^2 is -4, 2^3^2 is 512, 2^-1 is 0.5, a*b/c left to right", () => {
    expect(ev("-2^2")).toBe(-4);
    expect(ev("2^3^2")).toBe(512);
    expect(ev("2^-1")).toBe(0.5);
    expect(ev("8/2*4")).toBe(16);
    expect(ev("1 - 2 - 3")).toBe(-4);
    expect(ev("x * .5e1")).toBe(10);
    expect(ev("plogis(0) + exp(log(x))")).toBe(2.5);
  });
  it("reads brms names with ':', '.' and an index", () => {
    const seen: string[] = [];
    evaluateExpression(parseExpression("wt:hp + r_g[a,Intercept] + .x", "t"), 1, (n) => (seen.push(n), new Float64Array(1)));
    expect(seen).toEqual(["wt:hp", "r_g[a,Intercept]", ".x"]);
  });
});
