/**
 * log(1 − eˣ) for x < 0: −∞ at 0 and NaN for x > 0 (as Stan's log1m_exp). Switches between
 * log(−expm1 x) and log1p(−eˣ) at −log 2 (Mächler 2012), so neither form loses relative accuracy.
 */
export function log1mExp(x: number): number {
  if (x > 0 || Number.isNaN(x)) return NaN;
  if (x === 0) return -Infinity;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}
