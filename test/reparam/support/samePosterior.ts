import { expect } from "vitest";
import type { Fit } from "../../../src/api/fitResult.js";
import { chainsOf } from "../../../src/diagnostics/chains.js";
import { mcseMean } from "../../../src/diagnostics/mcse.js";
import { mean, sd } from "../../support/moments.js";

/** posteriordb's pass rule on every reported output and every raw column: |Δmean| < 4 combined MCSE, sd within 10 %. */
export function expectSamePosterior(a: Fit, b: Fit): void {
  for (const d of [[a.draws, b.draws], [a.result.draws, b.result.draws]] as const) {
    expect(d[0].names).toEqual(d[1].names);
    d[0].names.forEach((n, v) => {
      if (n.endsWith("__")) return;
      const [ca, cb] = [chainsOf(d[0], v), chainsOf(d[1], v)];
      const all = (c: Float64Array[]) => Float64Array.from(c.flatMap((x) => Array.from(x)));
      const [xa, xb] = [all(ca), all(cb)];
      if (sd(xb) === 0) return; // constant outputs (none here, but a fixed column has no MCSE)
      const mcse = Math.hypot(mcseMean(ca), mcseMean(cb));
      expect(Math.abs(mean(xa) - mean(xb)), n).toBeLessThan(4 * mcse);
      expect(Math.abs(sd(xa) / sd(xb) - 1), n).toBeLessThan(0.1);
    });
  }
}

