/**
 * max |a − b| / max |b|: the relative distance of a basis or design from R's reference, one number per
 * matrix, so a tolerance reads against the reference's scale (the smooth tests pin mgcv's bases with it).
 */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}
