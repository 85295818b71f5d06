/**
 * log Σ exp(vᵢ), computed as max + log1p(Σ_{i≠argmax} exp(vᵢ − max)) so the result is accurate when one
 * term dominates. −∞ for an empty list or all −∞; +∞ if any value is +∞; NaN if any is NaN.
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return -Infinity;
  let max = -Infinity;
  let argmax = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  if (max === -Infinity || max === Infinity) return max;
  let rest = 0;
  for (let i = 0; i < n; i++) if (i !== argmax) rest += Math.exp(values[i] - max);
  return max + Math.log1p(rest);
}

/** log(eᵃ + eᵇ) for two values, without allocating. */
export function logSumExp2(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const max = a > b ? a : b;
  if (max === -Infinity || max === Infinity) return max;
  const min = a > b ? b : a;
  return max + Math.log1p(Math.exp(min - max));
}
