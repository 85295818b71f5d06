// Seeded data sets with addition terms (cens(), weights(), trunc()), shared by the newdata and kfold
// tests so both exercise the same generator; each caller picks its own seed and row count.
import { createRng } from "../../../src/random/rng.js";

/** Gaussian rows, every fourth one uncensored / right / left / interval-censored, weights 0.5 … 2. */
export function censoredData(seed: number, n: number): Record<string, (number | string)[]> {
  const rng = createRng(seed, 0);
  const codes = ["none", "right", "left", "interval"];
  const out: Record<string, (number | string)[]> = { y: [], y2: [], c: [], w: [], x: [] };
  for (let i = 0; i < n; i++) {
    const xi = rng.normal();
    const v = 1 + xi + rng.normal();
    const c = codes[i % 4];
    out.x.push(xi);
    out.y.push(c === "right" ? v - 0.5 : c === "left" ? v + 0.5 : c === "interval" ? v - 0.4 : v);
    out.y2.push(c === "interval" ? v + 0.6 : Number.NaN);
    out.c.push(c);
    out.w.push(0.5 + (i % 4) * 0.5);
  }
  return out;
}

/** y ~ N(0.5 + 0.8 x, 0.7) truncated to per-row [L, U], by rejection. */
export function truncatedData(seed: number, n: number): Record<string, number[]> {
  const rng = createRng(seed, 0);
  const out: Record<string, number[]> = { y: [], x: [], L: [], U: [] };
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    const L = -0.5 - rng.uniform();
    const U = 1 + 2 * rng.uniform();
    let v: number;
    do v = 0.5 + 0.8 * x + 0.7 * rng.normal();
    while (v < L || v > U);
    out.y.push(v);
    out.x.push(x);
    out.L.push(L);
    out.U.push(U);
  }
  return out;
}
