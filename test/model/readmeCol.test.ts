import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { sleepMvn } from "../marginal/support/mvnModels.js";

/** data/sleepstudy.csv (lme4's sleepstudy): Reaction, Days, Subject. */
function sleepstudy(): { Reaction: number[]; Days: number[]; Subject: string[] } {
  const lines = readFileSync(new URL("../../data/sleepstudy.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
  const rows = lines.map((l) => l.split(","));
  return { Reaction: rows.map((r) => Number(r[0])), Days: rows.map((r) => Number(r[1])), Subject: rows.map((r) => r[2].replace(/"/g, "")) };
}

// The README's example (section on the DSL): test/marginal/support/mvnModels.ts's sleepMvn, whose body the
// first test checks is the README's, line for line.
const sleep = sleepMvn;

/** The lines between `=> {` and `});` of the first model(...) definition after `marker` in `text`, trimmed, comments dropped. */
function bodyAfter(text: string, marker: string): string[] {
  const from = text.indexOf(marker);
  const open = text.indexOf("=> {", from);
  const close = text.indexOf("\n});", open);
  return text
    .slice(open + 4, close)
    .split("\n")
    .map((l) => l.replace(/\/\/.*$/, "").trim())
    .filter((l) => l.length > 0);
}

describe("README: correlated varying intercepts and slopes with b.col(k).at(g)", () => {
  it("the README's sleepstudy model is sleepMvn's body", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const support = readFileSync(new URL("../marginal/support/mvnModels.ts", import.meta.url), "utf8");
    const want = bodyAfter(support, "export const sleepMvn =");
    expect(want.length).toBeGreaterThan(8);
    expect(bodyAfter(readme, 'const sleep = model("sleepstudy"')).toEqual(want);
  });

  it("fits sleepstudy with b integrated out; the population intercept and slope are lme4's; b has one value per subject and effect", async () => {
    const f = await fit(sleep, sleepstudy(), { chains: 2, warmup: 300, draws: 300, seed: 1, threads: 1 });
    expect(f.beyond?.marginalized.map((m) => m.param)).toEqual(["b"]);
    const mean = (xs: Float64Array) => xs.reduce((a, v) => a + v, 0) / xs.length;
    const sd = (xs: Float64Array) => Math.sqrt(xs.reduce((a, v) => a + (v - mean(xs)) ** 2, 0) / (xs.length - 1));
    // lme4::lmer(Reaction ~ Days + (Days | Subject)): fixed effects 251.405 and 10.467. The posterior
    // means under these weak priors sit within a fraction of a posterior sd (≈ 7 and 1.6) of them; 1 sd
    // leaves room for the short chains' Monte Carlo error (≈ sd/√ESS, ESS in the hundreds).
    const alpha = f.get("alpha");
    const beta = f.get("beta");
    expect(Math.abs(mean(alpha) - 251.405)).toBeLessThan(sd(alpha));
    expect(Math.abs(mean(beta) - 10.467)).toBeLessThan(sd(beta));
    const b = f.get("b", "elements") as Float64Array[];
    expect(b).toHaveLength(36);
    // lme4's subject 308 (the first level) has random slope 9.20: its posterior slope beta + b[1,2] is near 10.47 + 9.20.
    const slope1 = Float64Array.from(beta, (x, s) => x + b[1][s]);
    expect(Math.abs(mean(slope1) - (10.467 + 9.199))).toBeLessThan(2 * sd(slope1));
  });
});
