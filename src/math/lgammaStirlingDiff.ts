/**
 * The Stirling-series remainder lgamma(x) − [(x − ½) log x − x + ½ log 2π] for x ≥ 10, as in Stan's
 * `lgamma_stirling_diff`. Kept separate so lbeta can cancel the large Stirling terms analytically.
 * Terms B_2k / (2k (2k − 1) x^(2k−1)) up to k = 7; at x = 10 the first omitted term is 3e-17 in absolute
 * value.
 */
export function lgammaStirlingDiff(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

/** Below this, lgammaStirlingDiff is not accurate to double precision; callers use lgamma itself. */
export const STIRLING_DIFF_USEFUL = 10;
