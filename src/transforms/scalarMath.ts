/**
 * LOCAL SHIM — the few stable scalar functions the transforms need. Replace with imports from
 * src/math/ once it lands (log1pExp there should be a drop-in). Kept private to src/transforms/.
 */

/** log(1 + exp(a)) without overflow for large a or loss of precision for very negative a. */
export function log1pExp(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}

/** 1 / (1 + exp(-a)), with exp only ever taken of a non-positive number (no overflow). */
export function invLogit(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/**
 * log(1 − tanh(y)²) = 2·log(sech y) = 2·(log 2 − |y| − log1p(exp(−2|y|))): finite for every finite
 * y, where the naive form becomes log(0) once tanh rounds to ±1 (|y| ≳ 19).
 */
export function log1mTanhSq(y: number): number {
  const a = Math.abs(y);
  return 2 * (Math.LN2 - a - Math.log1p(Math.exp(-2 * a)));
}
