import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { CASES, label, randomU } from "./cases.js";
import { fdJacobian, logAbsDet } from "./linalg.js";

// Central differences with h = 1e-5 have truncation error ~h²·|x'''|/6 ≈ 1e-11 and rounding error
// ~eps/h ≈ 2e-11 per entry; the log-determinant of these well-conditioned Jacobians (u ~ N(0, 1))
// inherits ~1e-9, so the brief's 1e-6 leaves a wide margin while still catching any wrong term
// (a missing factor changes log|J| by O(1)).
const H = 1e-5;
const TOL = 1e-6;

describe("log|J| = log|det| of the finite-difference Jacobian onto the free coordinates", () => {
  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)}`, () => {
      const rng = createRng(303, ci);
      const dim = c.t.unconstrainedSize(c.n);
      expect(c.free.length).toBe(dim); // the free coordinates make the map square
      const x = new Float64Array(c.t.constrainedSize(c.n));
      for (let p = 0; p < 10; p++) {
        const u = randomU(rng, dim, 1);
        const lp = c.t.constrain(u, 0, x, 0, c.n);
        const expected = dim === 0 ? 0 : logAbsDet(fdJacobian(c, u, H), dim);
        expect(Math.abs(lp - expected)).toBeLessThan(TOL);
      }
    });
  }
});
