import { sinPi } from "./sinPi.js";

/** Where the asymptotic series (terms to x^−17) is accurate to double precision. */
const ASYMPTOTIC_FROM = 10;

/**
 * ψ'(x), the trigamma function. +∞ at the poles 0, −1, −2, …. All recurrence terms are positive,
 * so the relative error stays ~1e-15 for x > 0; for x < 0 the reflection ψ'(x) = π²/sin²(πx) − ψ'(1 − x)
 * is used.
 */
export function trigamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    const s = sinPi(x);
    return (Math.PI * Math.PI) / (s * s) - trigamma(1 - x);
  }
  let acc = 0;
  while (x < ASYMPTOTIC_FROM) {
    acc += 1 / (x * x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  // ψ'(x) ~ 1/x + 1/(2x²) + Σ B_2k / x^(2k+1)
  const series =
    r *
    r2 *
    (1 / 6 -
      r2 *
        (1 / 30 -
          r2 * (1 / 42 - r2 * (1 / 30 - r2 * (5 / 66 - r2 * (691 / 2730 - r2 * (7 / 6 - r2 * (3617 / 510))))))));
  return acc + r + 0.5 * r2 + series;
}
