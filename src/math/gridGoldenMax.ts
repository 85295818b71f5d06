/**
 * The maximum of a function of one variable on [lo, hi]: the best of `grid` evenly spaced points,
 * then golden-section search between that point's neighbours down to an interval of width `tol`.
 * For smooth unimodal-near-the-peak criteria (restricted likelihoods, marginal likelihoods of a
 * variance); the caller handles boundary optima such as a variance of exactly 0.
 */
export function gridGoldenMax(f: (x: number) => number, lo: number, hi: number, grid: number, tol: number): { x: number; fx: number } {
  if (!(hi > lo) || !(grid >= 3) || !(tol > 0)) throw new RangeError(`gridGoldenMax: need lo < hi, grid ≥ 3 and tol > 0, got ${lo}, ${hi}, ${grid}, ${tol}`);
  const h = (hi - lo) / (grid - 1);
  let best = 0;
  let fBest = -Infinity;
  for (let k = 0; k < grid; k++) {
    const fk = f(lo + k * h);
    if (fk > fBest) {
      fBest = fk;
      best = k;
    }
  }
  let a = lo + Math.max(0, best - 1) * h;
  let b = lo + Math.min(grid - 1, best + 1) * h;
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  return { x, fx: f(x) };
}
