/** Axis domains with guards for the degenerate inputs plots meet: constant or empty data. */

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
 * A domain for a linear axis, widened to round tick steps (1, 2 or 5 × 10^k) as d3's `nice` does.
 * We fix domains in our code rather than leave them to Vega because arrows and notes need to know
 * them, and because a zero-width domain (constant draws) must be widened — by 10 % of its
 * magnitude, or by 1 at zero — so the line sits in the middle instead of producing NaN coordinates.
 */
export function niceDomain(extent: [number, number] | null, nice = true, ticks = 6): [number, number] {
  let [lo, hi] = extent ?? [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  if (!nice) return [lo, hi];
  const step = tickStep(lo, hi, ticks);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const err = raw / power;
  return power * (err >= 7.07 ? 10 : err >= 3.16 ? 5 : err >= 1.41 ? 2 : 1);
}

/** Count non-finite entries (NaN, ±Infinity). */
export function countNonFinite(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) n++;
  return n;
}
