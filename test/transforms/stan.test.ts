import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  choleskyFactorCorr,
  choleskyFactorCov,
  corrMatrix,
  covMatrix,
  interval,
  lowerBound,
  offsetMultiplier,
  ordered,
  positiveOrdered,
  simplex,
  upperBound,
  type Transform,
} from "../../src/transforms/index.js";

// Stan 2.21 (rstan) at 6 random unconstrained points of one model declaring every transform; see
// fixtures/make-stan-refs.R. jsonlite writes 15 significant digits, so stored values carry ~1e-15
// relative rounding; tolerances below are that rounding times the conditioning of each comparison.
interface Block {
  name: string;
  kind: string;
  args: number[];
  n: number;
  uSize: number;
}
interface Point {
  u: number[];
  logJacobian: number;
  gradient: number[];
  constrained: Record<string, number[]>;
}
const refs = JSON.parse(readFileSync(new URL("./fixtures/stan-refs.json", import.meta.url), "utf8")) as {
  blocks: Block[];
  points: Point[];
};

function build(b: Block): Transform {
  switch (b.kind) {
    case "lowerBound":
      return lowerBound(b.args[0]);
    case "upperBound":
      return upperBound(b.args[0]);
    case "interval":
      return interval(b.args[0], b.args[1]);
    case "offsetMultiplier":
      return offsetMultiplier(b.args[0], b.args[1]);
    case "ordered":
      return ordered;
    case "positiveOrdered":
      return positiveOrdered;
    case "simplex":
      return simplex;
    case "choleskyFactorCorr":
      return choleskyFactorCorr;
    case "choleskyFactorCov":
      return choleskyFactorCov;
    case "covMatrix":
      return covMatrix;
    case "corrMatrix":
      return corrMatrix;
    default:
      throw new Error(`unknown kind ${b.kind}`);
  }
}

const blocks = refs.blocks.map((b) => ({ ...b, t: build(b) }));

describe("transforms match Stan 2.21 (rstan fixture)", () => {
  it("unconstrained and constrained sizes match Stan's", () => {
    for (const b of blocks) {
      expect(b.t.unconstrainedSize(b.n), b.name).toBe(b.uSize);
      expect(b.t.constrainedSize(b.n), b.name).toBe(refs.points[0].constrained[b.name].length);
    }
  });

  refs.points.forEach((p, pi) => {
    it(`point ${pi + 1}: constrain gives Stan's values, Σ log|J| and its gradient`, () => {
      const u = Float64Array.from(p.u);
      const gu = new Float64Array(u.length);
      let lp = 0;
      let uOff = 0;
      for (const b of blocks) {
        const want = p.constrained[b.name];
        const x = new Float64Array(want.length);
        lp += b.t.constrain(u, uOff, x, 0, b.n);
        for (let i = 0; i < want.length; i++) {
          // 1e-12: both sides are double computations of the same formula, up to operation order.
          expect(Math.abs(x[i] - want[i]), `${b.name}[${i}]`).toBeLessThan(1e-12 * Math.max(1, Math.abs(want[i])));
        }
        b.t.backward(u, uOff, x, 0, new Float64Array(want.length), 0, gu, uOff, b.n);
        uOff += b.uSize;
      }
      expect(uOff).toBe(u.length);
      // log_prob sums ~44 terms of size up to ~10: 1e-11 absolute.
      expect(Math.abs(lp - p.logJacobian)).toBeLessThan(1e-11);
      for (let i = 0; i < u.length; i++) {
        expect(Math.abs(gu[i] - p.gradient[i]), `gradient[${i}]`).toBeLessThan(1e-11 * Math.max(1, Math.abs(p.gradient[i])));
      }
    });

    it(`point ${pi + 1}: unconstrain of Stan's constrained values gives back Stan's u`, () => {
      let uOff = 0;
      for (const b of blocks) {
        const x = Float64Array.from(p.constrained[b.name]);
        const back = new Float64Array(b.uSize);
        b.t.unconstrain(x, 0, back, 0, b.n);
        for (let i = 0; i < b.uSize; i++) {
          // The stored x has 15 significant digits; u = N(0, 2²) comes back through maps whose
          // inverse amplifies that rounding by up to ~1e4 (near-saturated correlations): 1e-9.
          expect(Math.abs(back[i] - p.u[uOff + i]), `${b.name} u[${i}]`).toBeLessThan(1e-9 * Math.max(1, Math.abs(p.u[uOff + i])));
        }
        uOff += b.uSize;
      }
    });
  });
});
