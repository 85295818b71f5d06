/**
 * M4 decimation (Jugel et al. 2014): per pixel column keep the first, smallest, largest and last
 * point, in draw order. The rasterised line is the same as drawing every point, while a 4 × 10 000
 * draw trace shrinks to a few thousand vertices, so a trace spec stays small. Non-finite values end
 * the current run so the line shows a gap rather than a spike.
 */

/** Indices (into `y`) of the points to draw, with -1 marking a gap. */
export function m4Indices(y: ArrayLike<number>, columns: number): number[] {
  const n = y.length;
  const out: number[] = [];
  if (n <= columns * 4) {
    for (let i = 0; i < n; i++) out.push(Number.isFinite(y[i]) ? i : -1);
    return out;
  }
  let i = 0;
  for (let c = 0; c < columns; c++) {
    const end = Math.floor(((c + 1) * n) / columns);
    let first = -1;
    let last = -1;
    let lo = -1;
    let hi = -1;
    for (; i < end; i++) {
      const v = y[i];
      if (!Number.isFinite(v)) {
        pushBucket(out, first, lo, hi, last);
        out.push(-1);
        first = last = lo = hi = -1;
        continue;
      }
      if (first < 0) first = i;
      last = i;
      if (lo < 0 || v < y[lo]) lo = i;
      if (hi < 0 || v > y[hi]) hi = i;
    }
    pushBucket(out, first, lo, hi, last);
  }
  return out;
}

function pushBucket(out: number[], first: number, lo: number, hi: number, last: number): void {
  if (first < 0) return;
  const picked = [first, lo, hi, last].sort((a, b) => a - b);
  for (let k = 0; k < 4; k++) if (k === 0 || picked[k] !== picked[k - 1]) out.push(picked[k]);
}
