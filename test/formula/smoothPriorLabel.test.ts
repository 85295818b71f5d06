import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/formula/design.js";
import { resolvePriors } from "../../src/formula/priors.js";
import { createRng } from "../../src/random/rng.js";

const rng = createRng(7, 0);
const n = 60;
const x = Array.from({ length: n }, () => rng.uniform() * 4);
const f = Array.from({ length: n }, (_, i) => ["u", "v"][i % 2]);
const DATA = { y: x.map((v, i) => Math.sin(v) + (i % 2) + 0.1 * rng.normal()), x, f };

describe("an unknown sds prior lists the smooths by their prior labels", () => {
  it("a by-smooth is listed once as its term (sxf), not as its per-level blocks (sxfu, sxfv)", () => {
    const d = buildDesign("y ~ f + s(x, by = f, k = 5)", DATA);
    expect(d.smooths?.map((s) => s.label)).toEqual(["sxfu", "sxfv"]);
    expect(() => resolvePriors(d, ["sds[sz] ~ normal(0, 1)"])).toThrow(/no smooth 'sz'.*; the smooths are sxf \(sds\[sx\] for s\(x\)\)$/);
    // The per-level label is still accepted (the message's list is what brms's prior table shows).
    expect(() => resolvePriors(d, ["sds[sxfu] ~ normal(0, 1)"])).not.toThrow();
  });
});
