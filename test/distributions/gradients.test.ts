import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DISTRIBUTIONS,
  dirichletLpdfGrad,
  lkjCorrCholeskyLpdfGrad,
  multiNormalCholeskyLpdfGrad,
  type DistributionInfo,
} from "../../src/distributions/index.js";
import { createRng, type Rng } from "../../src/random/rng.js";
import { SPECS } from "./specs.js";
import { centralDerivative } from "../support/finiteDifferences.js";

const POINTS = 60;

/**
 * Central differences with h = 1e-6·max(1, |x|): truncation error ~h²·f'''/6 (≤ 1e-11 here, points
 * stay away from the support's edges) and rounding error ~ε·|f|/h ≈ 2e-10·(1 + |f|). The comparison
 * is relative 1e-6 with an absolute floor of 1e-7·(1 + |f|), 500× that rounding error.
 */
function checkPartial(f: (x: number) => number, x: number, analytic: number, label: string): void {
  const fd = centralDerivative(f, x, (v) => 1e-6 * Math.max(1, Math.abs(v)));
  const scale = 1 + Math.abs(f(x));
  const tol = 1e-6 * Math.max(Math.abs(fd), Math.abs(analytic)) + 1e-7 * scale;
  expect(Math.abs(analytic - fd), `${label}: analytic ${analytic}, fd ${fd}`).toBeLessThanOrEqual(tol);
}

describe("lpdfGrad partials equal central finite differences", () => {
  for (const spec of SPECS) {
    it(`${spec.name}: ${POINTS} seeded points, every continuous slot`, () => {
      const info = DISTRIBUTIONS[spec.name] as DistributionInfo;
      const rng = createRng(20240611, SPECS.indexOf(spec));
      const nSlots = info.args.length + 1;
      const d = new Float64Array(nSlots + 2);
      const scratch = new Float64Array(nSlots);
      for (let p = 0; p < POINTS; p++) {
        const point = spec.point(rng);
        const lp = info.lpdfGrad(point[0], ...point.slice(1), d, 2);
        expect(Object.is(lp, info.lpdf(point[0], ...point.slice(1))), "value equals lpdf exactly").toBe(true);
        expect(Number.isFinite(lp), `${spec.name}(${point}) finite`).toBe(true);
        for (let k = 0; k < nSlots; k++) {
          const integer = k === 0 ? info.discrete : info.argSupport[k - 1] === "nonnegative_int";
          const label = `${spec.name}(${point.join(", ")}) slot ${k}`;
          if (integer) {
            expect(d[2 + k], label).toBe(0);
            continue;
          }
          const f = (x: number): number => {
            const q = point.slice();
            q[k] = x;
            return info.lpdfGrad(q[0], ...q.slice(1), scratch, 0);
          };
          checkPartial(f, point[k], d[2 + k], label);
        }
      }
    });
  }
});

/** A random Cholesky factor of a correlation matrix: each row random, last entry positive, unit norm. */
function randomCorrCholesky(rng: Rng, K: number): Float64Array {
  const L = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) {
      const v = j === i ? 0.3 + Math.abs(rng.normal()) : rng.normal();
      L[i * K + j] = v;
      s += v * v;
    }
    for (let j = 0; j <= i; j++) L[i * K + j] /= Math.sqrt(s);
  }
  return L;
}

describe("multivariate partials equal central finite differences", () => {
  it("multiNormalCholeskyLpdfGrad: y, mu and the lower triangle of L, K = 1..5", () => {
    const rng = createRng(7, 1);
    for (let rep = 0; rep < 60; rep++) {
      const K = 1 + (rep % 5);
      const y = Float64Array.from({ length: K }, () => rng.normal() * 2);
      const mu = Float64Array.from({ length: K }, () => rng.normal());
      const L = new Float64Array(K * K);
      for (let i = 0; i < K; i++) {
        for (let j = 0; j < i; j++) L[i * K + j] = rng.normal() * 0.5;
        L[i * K + i] = 0.5 + rng.uniform() * 1.5;
      }
      const dy = new Float64Array(K);
      const dmu = new Float64Array(K);
      const dL = new Float64Array(K * K);
      const lp = multiNormalCholeskyLpdfGrad(y, mu, L, K, dy, dmu, dL);
      expect(Number.isFinite(lp)).toBe(true);
      const s1 = new Float64Array(K);
      const s2 = new Float64Array(K);
      const s3 = new Float64Array(K * K);
      const at = (arr: Float64Array, i: number) => (x: number) => {
        const old = arr[i];
        arr[i] = x;
        const v = multiNormalCholeskyLpdfGrad(y, mu, L, K, s1, s2, s3);
        arr[i] = old;
        return v;
      };
      for (let i = 0; i < K; i++) {
        checkPartial(at(y, i), y[i], dy[i], `mvn K=${K} y[${i}]`);
        checkPartial(at(mu, i), mu[i], dmu[i], `mvn K=${K} mu[${i}]`);
        for (let j = 0; j <= i; j++) checkPartial(at(L, i * K + j), L[i * K + j], dL[i * K + j], `mvn K=${K} L[${i},${j}]`);
        for (let j = i + 1; j < K; j++) expect(dL[i * K + j]).toBe(0);
      }
    }
  });

  it("lkjCorrCholeskyLpdfGrad: the diagonal of L and eta (dL[K*K]), K = 2..6", () => {
    const rng = createRng(7, 2);
    for (let rep = 0; rep < 60; rep++) {
      const K = 2 + (rep % 5);
      const L = randomCorrCholesky(rng, K);
      const eta = Math.exp(-1 + 4 * rng.uniform());
      const dL = new Float64Array(K * K + 1);
      const scratch = new Float64Array(K * K + 1);
      lkjCorrCholeskyLpdfGrad(L, K, eta, dL);
      for (let i = 0; i < K; i++) {
        const ii = i * K + i;
        const f = (x: number): number => {
          const old = L[ii];
          L[ii] = x;
          const v = lkjCorrCholeskyLpdfGrad(L, K, eta, scratch);
          L[ii] = old;
          return v;
        };
        checkPartial(f, L[ii], dL[ii], `lkj K=${K} L[${i},${i}]`);
        for (let j = 0; j < K; j++) if (j !== i) expect(dL[i * K + j]).toBe(0);
      }
      checkPartial((e) => lkjCorrCholeskyLpdfGrad(L, K, e, scratch), eta, dL[K * K], `lkj K=${K} eta=${eta}`);
    }
  });

  it("dirichletLpdfGrad: theta and alpha, K = 2..6", () => {
    const rng = createRng(7, 3);
    for (let rep = 0; rep < 60; rep++) {
      const K = 2 + (rep % 5);
      const raw = Float64Array.from({ length: K }, () => 0.2 + rng.uniform());
      const total = raw.reduce((a, b) => a + b, 0);
      const theta = raw.map((v) => v / total);
      const alpha = Float64Array.from({ length: K }, () => Math.exp(-1 + 4 * rng.uniform()));
      const dtheta = new Float64Array(K);
      const dalpha = new Float64Array(K);
      dirichletLpdfGrad(theta, alpha, K, dtheta, dalpha);
      const s1 = new Float64Array(K);
      const s2 = new Float64Array(K);
      const at = (arr: Float64Array, i: number) => (x: number) => {
        const old = arr[i];
        arr[i] = x;
        const v = dirichletLpdfGrad(theta, alpha, K, s1, s2);
        arr[i] = old;
        return v;
      };
      for (let k = 0; k < K; k++) {
        checkPartial(at(theta, k), theta[k], dtheta[k], `dirichlet K=${K} theta[${k}]`);
        checkPartial(at(alpha, k), alpha[k], dalpha[k], `dirichlet K=${K} alpha[${k}]`);
      }
    }
  });
});

describe("partials that cancel for large nu / phi equal mpmath (fixtures/make-refs-mpmath.py)", () => {
  const rows = JSON.parse(readFileSync(new URL("./fixtures/refs-mpmath.json", import.meta.url), "utf8")).partials as {
    family: string;
    y: number;
    args: number[];
    slot: number;
    d: number;
  }[];
  // Relative 1e-12: the regrouped forms agree to ~1e-14; the naive digamma differences are off by
  // more than 100% from nu or phi ≈ 1e8 (absolute error ~1e-15 against true values ~1e-16).
  it.each(rows.map((r) => [`${r.family}(${r.y} | ${r.args.join(", ")}) slot ${r.slot}`, r] as const))("%s", (_l, r) => {
    const info = DISTRIBUTIONS[r.family] as DistributionInfo;
    const d = new Float64Array(r.args.length + 1);
    info.lpdfGrad(r.y, ...r.args, d, 0);
    expect(Math.abs(d[r.slot] - r.d), `got ${d[r.slot]}, want ${r.d}`).toBeLessThanOrEqual(1e-12 * Math.abs(r.d));
  });
});

describe("partials at extreme arguments are finite and exact", () => {
  // [family, y, args, slot, expected]: closed forms (n - inv_logit, n - exp(alpha), …) at |alpha| = 800.
  const CASES: [string, number, number[], number, number][] = [
    ["bernoulli_logit", 1, [800], 1, 0],
    ["bernoulli_logit", 0, [800], 1, -1],
    ["bernoulli_logit", 1, [-800], 1, 1],
    ["binomial_logit", 3, [10, -800], 2, 3],
    ["binomial_logit", 3, [10, 800], 2, -7],
    ["poisson_log", 4, [-800], 1, 4],
    ["neg_binomial_2_log", 4, [-800, 2], 1, 4],
    ["normal", 1e-10, [0, 1e-10], 2, 0],
    ["cauchy", 1e200, [0, 1], 2, 1],
  ];
  it.each(CASES)("%s(%d | %j) slot %d = %d", (name, y, args, slot, want) => {
    const info = DISTRIBUTIONS[name] as DistributionInfo;
    const d = new Float64Array(args.length + 1);
    expect(Number.isFinite(info.lpdfGrad(y, ...args, d, 0))).toBe(true);
    expect(Math.abs(d[slot] - want)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want)));
  });
});
