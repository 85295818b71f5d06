import { describe, expect, it } from "vitest";
import { checkAgainstReference, findCase, loadReference } from "../../validation/brms/cases.js";
import { runCase } from "../../validation/brms/runCase.js";

// hbayes formula models against stored brms fits (validation/brms/reference/, made by
// validation/brms/make-references.R with the same prior strings; brms ran 4 × (1000 + 5000)).
// The fast cases run 4 × (500 + 1000) in this thread; every case with longer chains is in
// test/slow/validation/brms.test.ts. Tolerances (checkAgainstReference): means within 4 combined
// MCSEs, posterior sds within 10 % — both explained beside the check.
const FAST = { chains: 4, warmup: 500, draws: 1000, seed: 20261129, threads: 1 } as const;

const CASES = [
  "sleepstudy_gaussian", // gaussian, correlated slopes (sd, cor)
  "sleepstudy_lognormal", // lognormal, correlated slopes
  "cbpp_binomial", // binomial with trials()
  "cbpp_cbind", // binomial with cbind(), against the trials() reference
  "penicillin_crossed", // crossed groups
];

describe("formula models match brms (fast cases)", () => {
  for (const name of CASES) {
    it(`${name}: every brms parameter agrees`, async () => {
      const c = findCase(name);
      const ref = loadReference(c);
      const run = await runCase(c, FAST);
      const check = checkAgainstReference(run.summary.rows, ref);
      const describeFailure = (p: (typeof check.failures)[number]) =>
        `${p.name}: mean ${p.ours?.mean} vs ${p.ref.mean} (z = ${p.z.toFixed(2)}), sd ${p.ours?.sd} vs ${p.ref.sd}`;
      expect(check.missing).toEqual([]);
      expect(check.extra).toEqual([]);
      expect(check.failures.map(describeFailure)).toEqual([]);
      expect(check.checks.length).toBe(ref.parameters.length);
    });
  }

  it("checkAgainstReference flags a shifted mean, a wrong sd and a missing name", () => {
    const ref = loadReference(findCase("sleepstudy_gaussian"));
    const rows = ref.parameters.map((p) => ({ ...p }));
    expect(checkAgainstReference(rows, ref).pass).toBe(true);
    const shifted = rows.map((r, i) => (i === 0 ? { ...r, mean: r.mean + 5 * Math.SQRT2 * r.mcse_mean } : r));
    expect(checkAgainstReference(shifted, ref).failures.map((f) => f.name)).toEqual([rows[0].name]);
    const wide = rows.map((r, i) => (i === 1 ? { ...r, sd: r.sd * 1.11 } : r));
    expect(checkAgainstReference(wide, ref).failures.map((f) => f.name)).toEqual([rows[1].name]);
    const dropped = checkAgainstReference(rows.slice(1), ref);
    expect(dropped.missing).toEqual([rows[0].name]);
    expect(dropped.pass).toBe(false);
  });
});
