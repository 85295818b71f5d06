import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import * as M from "../marginal/support/models.js";

// Centred eight schools with marginalisation off: theta is a reparameterisation candidate, so the
// pilot runs (src/reparam/auto.ts) and sees the fit's abort signal.
const OPTS = { chains: 2, warmup: 150, draws: 100, seed: 4, threads: 1, marginalize: "none" } as const;

describe("the reparam pilot and the fit's abort signal", () => {
  it("a signal that never fires changes nothing: the same choice and the same draws, bit for bit", async () => {
    const plain = await fit(M.eightCentered, M.EIGHT_SCHOOLS, OPTS);
    const withSignal = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...OPTS, signal: new AbortController().signal });
    expect(plain.beyond?.reparam.length).toBe(1);
    expect(withSignal.beyond?.reparam).toEqual(plain.beyond?.reparam);
    expect(withSignal.draws.data).toEqual(plain.draws.data);
  });

  it("stopped before the pilot finishes: the program stays as written and the fit comes back partial, no error", async () => {
    const ac = new AbortController();
    ac.abort();
    const f = await fit(M.eightCentered, M.EIGHT_SCHOOLS, { ...OPTS, signal: ac.signal });
    expect(f.beyond?.reparam).toEqual([]);
    expect(f.result.partial).toBe(true);
  });
});
