/**
 * The data sets of the full benchmark beyond those in bench/data/datasets.ts (pumps, cbpp, a
 * simulated gaussian varying-intercept model for the scaling runs), and the column tables every tool
 * reads, so hbayes, Stan, brms, lme4 and JAGS see exactly the same numbers.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { createRng } from "../../src/random/rng.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(`${root}${path}`, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** 1-based codes in order of first appearance (the order brms-run.R and lme4-run.R give the factor). */
export function codeLevels(labels: readonly string[]): { codes: Int32Array; levels: string[] } {
  const index = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    let k = index.get(label);
    if (k === undefined) {
      k = index.size + 1;
      index.set(label, k);
    }
    codes[i] = k;
  });
  return { codes, levels: [...index.keys()] };
}

export interface Pumps {
  N: number;
  failures: Int32Array;
  time: Float64Array;
}

export function pumps(): Pumps {
  const rows = readCsv("data/pumps.csv");
  return {
    N: rows.length,
    failures: Int32Array.from(rows, (r) => Number(r.failures)),
    time: Float64Array.from(rows, (r) => Number(r.time)),
  };
}

export interface Cbpp {
  N: number;
  incidence: Int32Array;
  size: Int32Array;
  /** Treatment-coded period dummies (period 2, 3, 4), row-major N × 3. */
  X: Float64Array;
  herd: Int32Array;
  herds: string[];
  /** The raw columns, for the R side. */
  rows: Record<string, string>[];
}

export function cbpp(): Cbpp {
  const rows = readCsv("data/cbpp.csv");
  const N = rows.length;
  const X = new Float64Array(N * 3);
  rows.forEach((r, i) => {
    const p = Number(r.period);
    if (p >= 2 && p <= 4) X[i * 3 + p - 2] = 1;
  });
  const { codes, levels } = codeLevels(rows.map((r) => r.herd));
  return {
    N,
    incidence: Int32Array.from(rows, (r) => Number(r.incidence)),
    size: Int32Array.from(rows, (r) => Number(r.size)),
    X,
    herd: codes,
    herds: levels,
    rows,
  };
}

export interface GaussianVi {
  N: number;
  J: number;
  K: number;
  /** Row-major N × K. */
  X: Float64Array;
  y: Float64Array;
  /** 1-based group codes. */
  g: Int32Array;
}

/**
 * Gaussian varying-intercept regression for the scaling runs, simulated from seed (2026, 1):
 * y = 1 + X·(0.5, -0.3) + r[g] + N(0, 1) noise, r ~ N(0, 0.7²), groups of ~100 rows.
 */
export function simulateGaussianVi(N: number, J = Math.max(1, Math.round(N / 100)), K = 2): GaussianVi {
  const rng = createRng(2026, 1);
  const beta = [0.5, -0.3];
  const r = Float64Array.from({ length: J }, () => 0.7 * rng.normal());
  const X = new Float64Array(N * K);
  const y = new Float64Array(N);
  const g = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    g[i] = 1 + Math.min(J - 1, Math.floor(rng.uniform() * J));
    let mu = 1 + r[g[i] - 1];
    for (let k = 0; k < K; k++) {
      X[i * K + k] = rng.normal();
      mu += X[i * K + k] * beta[k % beta.length];
    }
    y[i] = mu + rng.normal();
  }
  return { N, J, K, X, y, g };
}

/** A CSV text from named columns of equal length (numbers printed with full precision). */
export function toCsv(columns: Readonly<Record<string, ArrayLike<number> | readonly string[]>>): string {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines: string[] = [names.join(",")];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => String(columns[k][i])).join(","));
  return `${lines.join("\n")}\n`;
}

/** Column k of a row-major n × K matrix. */
export function column(X: Float64Array, K: number, k: number): Float64Array {
  const n = X.length / K;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = X[i * K + k];
  return out;
}

/** Row-major n × K as an array of rows (rstan's JSON matrix layout). */
export function rows(X: Float64Array, K: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < X.length / K; i++) out.push(Array.from(X.subarray(i * K, (i + 1) * K)));
  return out;
}

/** Column means of a row-major n × K matrix (brms centres predictors by these). */
export function columnMeans(X: Float64Array, K: number): Float64Array {
  const n = X.length / K;
  const m = new Float64Array(K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) m[k] += X[i * K + k];
  for (let k = 0; k < K; k++) m[k] /= n;
  return m;
}
