/** log(1 + eˣ) without overflow for large x or loss of accuracy for very negative x. */
export function log1pExp(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}
