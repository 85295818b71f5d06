/**
 * sin(πx) with exact argument reduction: x − 2·round(x/2) is exact in floating point, so the result
 * keeps full relative accuracy for large |x| and is exactly 0 at integers (where Math.sin(Math.PI * x)
 * would return ~1e-16·x).
 */
export function sinPi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let r = x - 2 * Math.round(x / 2); // r in [-1, 1], exact
  if (r === 0 || r === 1 || r === -1) return 0;
  // sin(π r) = sin(π (±1 − r)) folds r into [-1/2, 1/2], where Math.sin is well conditioned.
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** cot(πx), reduced exactly modulo 1 (cot has period 1 in x). */
export function cotPi(x: number): number {
  const r = x - Math.round(x); // exact, in [-1/2, 1/2]
  return Math.cos(Math.PI * r) / Math.sin(Math.PI * r);
}
