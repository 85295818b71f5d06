import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { CASES, label, randomU } from "./cases.js";

// Points where exp over- or underflows (|u| > 745), tanh rounds to ±1 (|u| > 19) and x hits its bound.
const EXTREMES = [40, 800, 1e5];

function pointsFor(dim: number, seed: number): Float64Array[] {
  const rng = createRng(505, seed);
  const out: Float64Array[] = [];
  for (let p = 0; p < 20; p++) out.push(randomU(rng, dim, 30));
  for (const m of EXTREMES) {
    out.push(new Float64Array(dim).fill(m), new Float64Array(dim).fill(-m));
    out.push(Float64Array.from({ length: dim }, (_, i) => (i % 2 === 0 ? m : -m)));
    out.push(Float64Array.from({ length: dim }, () => (rng.uniform() < 0.5 ? -m : m) * rng.uniform()));
  }
  return out;
}

describe("constrain at large |u|: in the support, no NaN, finite log|J| and gradient", () => {
  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)}`, () => {
      const dim = c.t.unconstrainedSize(c.n);
      const xSize = c.t.constrainedSize(c.n);
      const x = new Float64Array(xSize);
      const zero = new Float64Array(xSize);
      for (const u of pointsFor(dim, ci)) {
        const lp = c.t.constrain(u, 0, x, 0, c.n);
        expect(Number.isFinite(lp), `log|J| at u = ${u}`).toBe(true);
        for (let i = 0; i < xSize; i++) expect(Number.isNaN(x[i]), `x[${i}] at u = ${u}`).toBe(false);
        if (c.supportAtExtremes) expect(c.t.inSupport(x, 0, c.n), `u = ${u}`).toBe(true);
        // The gradient of log|J| alone (gx = 0, as for a parameter the target does not touch).
        const gu = new Float64Array(dim);
        c.t.backward(u, 0, x, 0, zero, 0, gu, 0, c.n);
        for (let i = 0; i < dim; i++) expect(Number.isFinite(gu[i]), `∇log|J|[${i}] at u = ${u}`).toBe(true);
      }
    });
  }

  for (const [ci, c] of CASES.entries()) {
    it(`${label(c)}: moderate u gives points strictly inside, which unconstrain accepts`, () => {
      const rng = createRng(606, ci);
      const dim = c.t.unconstrainedSize(c.n);
      const x = new Float64Array(c.t.constrainedSize(c.n));
      const back = new Float64Array(dim);
      for (let p = 0; p < 20; p++) {
        c.t.constrain(randomU(rng, dim, c.scale ?? 3), 0, x, 0, c.n);
        expect(c.t.inSupport(x, 0, c.n)).toBe(true);
        c.t.unconstrain(x, 0, back, 0, c.n);
        for (let i = 0; i < dim; i++) expect(Number.isFinite(back[i])).toBe(true);
      }
    });
  }
});
