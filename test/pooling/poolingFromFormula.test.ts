import { describe, expect, it } from "vitest";
import { poolingFromFormula } from "../../src/pooling/poolingFromFormula.js";
import { readCsv } from "./specs.js";
import { SHORT } from "./simulate.js";

describe("poolingFromFormula", () => {
  const d = readCsv("bball1970.csv");
  const data = { Player: d.Player, Hits: d.Hits.map(Number), AB: d.AB.map(Number) };

  it("runs the comparison from formula text with brms's default priors, or the user's", async () => {
    const r = await poolingFromFormula("Hits | trials(AB) ~ 1 + (1 | Player)", data, "binomial", { ...SHORT, seed: 5, loo: false, priors: ["sd ~ normal(0, 1)"] });
    expect(r.groupName).toBe("Player");
    expect(r.groups).toHaveLength(18);
    expect(r.variants.group.sdPriors[0]).toEqual({ family: "normal", args: [0, 1] });
    expect(r.scale.kind).toBe("probability");
    expect(r.loo).toBeNull();
  });

  it("rejects a formula without a varying intercept, by name", async () => {
    await expect(poolingFromFormula("Hits | trials(AB) ~ 1", data, "binomial", { ...SHORT, loo: false })).rejects.toThrow(/exactly one group term, like \(1 \| group\), got 0/);
  });
});
