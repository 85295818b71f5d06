/** Linear scales with guards for the degenerate inputs plots meet: constant or empty data. */
import { scaleLinear, type ScaleLinear } from "d3-scale";

/** Smallest and largest finite value over several arrays; `null` when there is none. */
export function finiteExtent(arrays: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  return [lo, hi];
}

/**
 * A nice linear scale. A zero-width domain (constant draws) is widened by 10 % of its magnitude, or
 * by 1 at zero, so the line sits in the middle instead of producing NaN coordinates.
 */
export function linearScale(extent: [number, number] | null, range: [number, number], nice = true): ScaleLinear<number, number> {
  let [lo, hi] = extent ?? [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const s = scaleLinear().domain([lo, hi]).range(range);
  return nice ? s.nice() : s;
}

/** Count non-finite entries (NaN, ±Infinity). */
export function countNonFinite(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) n++;
  return n;
}
