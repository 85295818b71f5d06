import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { CASES, label, randomU } from "./cases.js";

// Moderate u: N(0, 2²) per coordinate unless the case says otherwise (see cases.ts for why). The
// 1e-12 bound (relative, or absolute below 1) is the brief's target.
const SCALE = 2;
const TOL = 1e-12;
const POINTS = 40;

describe("unconstrain(constrain(u)) = u", () => {
  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)} round-trips at ${POINTS} random points, at array offsets`, () => {
      const rng = createRng(101, ci);
      const dim = c.t.unconstrainedSize(c.n);
      const x = new Float64Array(5 + c.t.constrainedSize(c.n));
      const back = new Float64Array(7 + dim);
      let worst = 0;
      for (let p = 0; p < POINTS; p++) {
        const u = randomU(rng, dim, c.scale ?? SCALE, 3);
        c.t.constrain(u, 3, x, 5, c.n);
        c.t.unconstrain(x, 5, back, 7, c.n);
        for (let i = 0; i < dim; i++) worst = Math.max(worst, Math.abs(back[7 + i] - u[3 + i]) / Math.max(1, Math.abs(u[3 + i])));
      }
      expect(worst).toBeLessThan(c.roundTripTol ?? TOL);
    });
  }
});

describe("constrain(unconstrain(x)) = x", () => {
  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)} round-trips from points of the support`, () => {
      const rng = createRng(202, ci);
      const dim = c.t.unconstrainedSize(c.n);
      const xSize = c.t.constrainedSize(c.n);
      const x0 = new Float64Array(xSize);
      const x1 = new Float64Array(xSize);
      const u = new Float64Array(dim);
      let worst = 0;
      for (let p = 0; p < POINTS; p++) {
        c.t.constrain(randomU(rng, dim, c.scale ?? SCALE), 0, x0, 0, c.n);
        c.t.unconstrain(x0, 0, u, 0, c.n);
        c.t.constrain(u, 0, x1, 0, c.n);
        for (let i = 0; i < xSize; i++) worst = Math.max(worst, Math.abs(x1[i] - x0[i]) / Math.max(1, Math.abs(x0[i])));
      }
      expect(worst).toBeLessThan(c.roundTripTol ?? TOL);
    });
  }
});
