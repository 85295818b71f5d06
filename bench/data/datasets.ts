/**
 * The four gradient-benchmark data sets as typed arrays, shared by bench/gradient.ts and by
 * write-stan-json.ts (so hbayes and Stan see exactly the same numbers).
 */
import { createRng } from "../../src/random/rng.js";
import { codeLevels, readCsv } from "../full/datasets.js";

export interface EightSchools {
  J: number;
  y: Float64Array;
  sigma: Float64Array;
}

export function eightSchools(): EightSchools {
  const rows = readCsv("data/eight_schools.csv");
  return {
    J: rows.length,
    y: Float64Array.from(rows, (r) => Number(r.y)),
    sigma: Float64Array.from(rows, (r) => Number(r.sigma)),
  };
}

export interface Radon {
  N: number;
  J: number;
  y: Float64Array;
  x: Float64Array;
  /** 1-based county codes. */
  county: Int32Array;
}

export function radon(): Radon {
  const rows = readCsv("data/radon_mn.csv");
  const { codes, levels } = codeLevels(rows.map((r) => r.county));
  return {
    N: rows.length,
    J: levels.length,
    y: Float64Array.from(rows, (r) => Number(r.log_radon)),
    x: Float64Array.from(rows, (r) => Number(r.floor)),
    county: codes,
  };
}

export interface Sleepstudy {
  N: number;
  J: number;
  y: Float64Array;
  days: Float64Array;
  /** 1-based subject codes. */
  subject: Int32Array;
}

export function sleepstudy(): Sleepstudy {
  const rows = readCsv("bench/data/sleepstudy.csv");
  const { codes, levels } = codeLevels(rows.map((r) => r.Subject));
  return {
    N: rows.length,
    J: levels.length,
    y: Float64Array.from(rows, (r) => Number(r.Reaction)),
    days: Float64Array.from(rows, (r) => Number(r.Days)),
    subject: codes,
  };
}

export interface Logistic {
  N: number;
  J: number;
  K: number;
  /** Row-major N × K. */
  X: Float64Array;
  y: Int32Array;
  /** 1-based group codes. */
  g: Int32Array;
}

/** Varying-intercept logistic regression, simulated from a fixed seed (2026, stream 0). */
export function simulateLogistic(N = 100_000, J = 1000, K = 3): Logistic {
  const rng = createRng(2026, 0);
  const beta = [0.5, -0.3, 0.2];
  const r = Float64Array.from({ length: J }, () => 0.8 * rng.normal());
  const X = new Float64Array(N * K);
  const y = new Int32Array(N);
  const g = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    g[i] = 1 + Math.min(J - 1, Math.floor(rng.uniform() * J));
    let eta = -0.5 + r[g[i] - 1];
    for (let k = 0; k < K; k++) {
      X[i * K + k] = rng.normal();
      eta += X[i * K + k] * beta[k % beta.length];
    }
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { N, J, K, X, y, g };
}
