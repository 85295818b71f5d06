import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sample } from "../../src/inference/sample.js";
import { chainOf, variableIndex, type Draws } from "../../src/posterior/draws.js";
import { eightSchoolsCentered, eightSchoolsNoncentered } from "./support/models.js";
import { mcseMean, mean, sd } from "./support/ess.js";

interface RefParam {
  mean: number;
  sd: number;
  mcse_mean: number;
}
const ref = JSON.parse(readFileSync(new URL("./fixtures/eight-schools-ref.json", import.meta.url), "utf8")) as {
  params: Record<string, RefParam>;
  data: { y: number[]; sigma: number[] };
};

const chainsOf = (d: Draws, name: string) => Array.from({ length: d.chains }, (_, c) => chainOf(d, variableIndex(d, name), c));

describe("eight schools", () => {
  it("uses the data of the posteriordb reference", () => {
    expect(ref.data.y).toEqual([28, 8, -3, 7, -1, 1, 18, 12]);
    expect(ref.data.sigma).toEqual([15, 10, 16, 11, 9, 11, 10, 18]);
  });

  it("non-centred at adapt_delta 0.9 matches posteriordb: means within 4 combined MCSE, sds within 10 %, no divergences", async () => {
    const res = await sample(eightSchoolsNoncentered(), { chains: 4, warmup: 1000, draws: 2500, seed: 8, adaptDelta: 0.9 });
    expect(res.divergences).toBe(0);
    for (const [name, r] of Object.entries(ref.params)) {
      const ch = chainsOf(res.draws, name);
      const all = Float64Array.from(ch.flatMap((c) => Array.from(c)));
      const m = mean(all);
      const mcse = mcseMean(ch);
      // z-test of the README of the reference: our MCSE and the reference's combined.
      expect(Math.abs(m - r.mean), `${name}: mean ${m} vs ${r.mean}`).toBeLessThan(4 * Math.hypot(mcse, r.mcse_mean));
      expect(Math.abs(sd(all) / r.sd - 1), `${name}: sd ${sd(all)} vs ${r.sd}`).toBeLessThan(0.1);
    }
  });

  it("centred shows its divergences (the funnel), counted and not hidden", async () => {
    const res = await sample(eightSchoolsCentered(), { chains: 4, warmup: 1000, draws: 1000, seed: 8 });
    expect(res.divergences).toBeGreaterThan(0);
    const div = variableIndex(res.draws, "divergent__");
    let inDraws = 0;
    for (let c = 0; c < res.draws.chains; c++) for (const x of chainOf(res.draws, div, c)) inDraws += x;
    expect(inDraws).toBe(res.divergences);
  });
});
