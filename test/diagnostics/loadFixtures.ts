/** Reads the R-generated fixtures; "NA"/"NaN" → NaN, "Inf"/"-Inf" → ±Infinity (jsonlite's na = "string"). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function revive(_key: string, v: unknown): unknown {
  if (v === "NA" || v === "NaN") return NaN;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  return v;
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(here, "fixtures", name), "utf8"), revive) as T;
}

export interface PosteriorSet {
  draws: number[][] | number[];
  rhat: number;
  rhat_basic: number;
  rhat_basic_nosplit: number;
  ess_bulk: number;
  ess_tail: number;
  ess_basic: number;
  ess_basic_nosplit: number;
  ess_mean: number;
  ess_sd: number;
  ess_quantile: number[];
  mcse_mean: number;
  mcse_sd: number;
  mcse_quantile: number[];
  quantile: number[];
  mean: number;
  sd: number;
  ebfmi: number[] | number;
}

export interface PosteriorRefs {
  probs: number[];
  sets: Record<string, PosteriorSet>;
}

/** A one-chain set is stored as a flat array by jsonlite's auto_unbox; both shapes become chains. */
export function chainsOfSet(s: PosteriorSet): Float64Array[] {
  const d = s.draws;
  if (d.length > 0 && Array.isArray(d[0])) return (d as number[][]).map((c) => Float64Array.from(c));
  return [Float64Array.from(d as number[])];
}

export function asArray(x: number[] | number): number[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * |actual − expected| ≤ tol·|expected|, with NaN matching only NaN and ±Inf only itself.
 * Returns a message on mismatch so the failing set and statistic are named.
 */
export function relClose(actual: number, expected: number, tol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (expected === 0) return Math.abs(actual) <= tol;
  return Math.abs(actual - expected) <= tol * Math.abs(expected);
}
