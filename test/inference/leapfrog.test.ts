import { describe, expect, it } from "vitest";
import { leapfrog } from "../../src/inference/leapfrog.js";
import { diagMetric, denseMetric, kineticEnergy, velocity } from "../../src/inference/metric.js";
import { createPhasePoint, evalLogDensity, hamiltonian } from "../../src/inference/phasePoint.js";
import type { LogDensity } from "../../src/logDensity.js";

/** H = q²/2 + p²/2 (ω = 1): exact flow q(t) = q0 cos t + p0 sin t. */
const oscillator: LogDensity = {
  dim: 1,
  logDensityGradient(q, g) {
    g[0] = -q[0];
    return -0.5 * q[0] * q[0];
  },
};

function start(q0: number, p0: number) {
  const z = createPhasePoint(1);
  z.q[0] = q0;
  z.p[0] = p0;
  z.logDensity = evalLogDensity(oscillator, z.q, z.grad);
  return z;
}

describe("leapfrog", () => {
  it("follows the harmonic oscillator's closed form with O(ε²) global error", () => {
    const metric = diagMetric(new Float64Array([1]));
    const T = 2;
    const errs: number[] = [];
    for (const eps of [0.1, 0.05, 0.025]) {
      const z = start(1, 0.5);
      const n = Math.round(T / eps);
      for (let i = 0; i < n; i++) leapfrog(oscillator, metric, eps, z);
      const exact = Math.cos(T) + 0.5 * Math.sin(T);
      errs.push(Math.abs(z.q[0] - exact));
    }
    // Second order: halving ε divides the error by ≈ 4 (3.5–4.5 allows the higher-order terms).
    expect(errs[0] / errs[1]).toBeGreaterThan(3.5);
    expect(errs[0] / errs[1]).toBeLessThan(4.5);
    expect(errs[1] / errs[2]).toBeGreaterThan(3.5);
    expect(errs[2]).toBeLessThan(1e-3);
  });

  it("conserves energy to O(ε²) over many periods, without drift (symplectic)", () => {
    const metric = diagMetric(new Float64Array([1]));
    const z = start(1, 0.5);
    const H0 = 0.5 * (1 + 0.25);
    const eps = 0.1;
    let maxErr = 0;
    for (let i = 0; i < 10_000; i++) {
      leapfrog(oscillator, metric, eps, z);
      maxErr = Math.max(maxErr, Math.abs(hamiltonian(z) - H0));
    }
    // The shadow Hamiltonian bounds the error by ≈ ε²·H0/4 for this oscillator; 2× that as slack.
    expect(maxErr).toBeLessThan((eps * eps * H0) / 2);
  });

  it("is time-reversible: stepping back with −ε returns to the start", () => {
    const metric = diagMetric(new Float64Array([2]));
    const z = start(0.3, -1.2);
    velocity(metric, z.p, z.v);
    z.kinetic = kineticEnergy(z.p, z.v);
    for (let i = 0; i < 50; i++) leapfrog(oscillator, metric, 0.2, z);
    for (let i = 0; i < 50; i++) leapfrog(oscillator, metric, -0.2, z);
    expect(z.q[0]).toBeCloseTo(0.3, 12);
    expect(z.p[0]).toBeCloseTo(-1.2, 12);
  });

  it("with a dense metric equal to a diagonal one gives the same trajectory", () => {
    const target: LogDensity = {
      dim: 2,
      logDensityGradient(q, g) {
        g[0] = -q[0];
        g[1] = -4 * q[1];
        return -0.5 * q[0] * q[0] - 2 * q[1] * q[1];
      },
    };
    const a = createPhasePoint(2);
    const b = createPhasePoint(2);
    for (const z of [a, b]) {
      z.q.set([0.5, -0.4]);
      z.p.set([1, 0.3]);
      z.logDensity = evalLogDensity(target, z.q, z.grad);
    }
    const md = diagMetric(new Float64Array([1.5, 0.25]));
    const mD = denseMetric(new Float64Array([1.5, 0, 0, 0.25]), 2);
    for (let i = 0; i < 20; i++) {
      leapfrog(target, md, 0.1, a);
      leapfrog(target, mD, 0.1, b);
    }
    expect(Array.from(b.q)).toEqual(Array.from(a.q));
    expect(Array.from(b.p)).toEqual(Array.from(a.p));
  });
});
