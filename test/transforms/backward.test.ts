import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { CASES, label, randomU } from "./cases.js";

// f(u) = Σ w·constrain(u) + log|J|(u), random weights w ~ N(0, 1). Central differences with
// h = 1e-6 are accurate to ~eps·|f|/h + h²·|f'''| ≈ 1e-9 here; 1e-6 relative (absolute below 1)
// leaves margin for the larger |f| of covMatrix while still failing on any wrong term.
const H = 1e-6;
const TOL = 1e-6;

describe("backward = ∇ of Σ w·x + log|J| by central differences", () => {
  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)} accumulates into gu at offsets`, () => {
      const rng = createRng(404, ci);
      const dim = c.t.unconstrainedSize(c.n);
      const xSize = c.t.constrainedSize(c.n);
      const x = new Float64Array(2 + xSize);
      const scratch = new Float64Array(xSize);
      for (let p = 0; p < 10; p++) {
        const u = randomU(rng, dim, c.scale ?? 1.5, 1);
        const w = randomU(rng, xSize, 1, 4);
        const f = (v: Float64Array): number => {
          let s = c.t.constrain(v, 1, scratch, 0, c.n);
          for (let i = 0; i < xSize; i++) s += w[4 + i] * scratch[i];
          return s;
        };
        c.t.constrain(u, 1, x, 2, c.n);
        // gu starts at 0.25 everywhere to check that backward adds rather than overwrites.
        const gu = new Float64Array(3 + dim).fill(0.25);
        c.t.backward(u, 1, x, 2, w, 4, gu, 3, c.n);
        for (let d = 0; d < dim; d++) {
          const v = Float64Array.from(u);
          v[1 + d] = u[1 + d] + H;
          const fp = f(v);
          v[1 + d] = u[1 + d] - H;
          const fm = f(v);
          const fd = (fp - fm) / (2 * H);
          expect(Math.abs(gu[3 + d] - 0.25 - fd)).toBeLessThan(TOL * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }
});
