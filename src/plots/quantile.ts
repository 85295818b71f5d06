/**
 * R's type-7 quantile of the finite values (the definition posterior::quantile2 uses), for the
 * intervals the plots draw. NaN when there is no finite value.
 */
export function sortedFinite(a: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) out[k++] = a[i];
  return out.sort();
}

/** Type-7 quantile of already sorted values: the summary's own, so plots and tables agree to the bit. */
export { quantile7Sorted as quantileSorted } from "../diagnostics/quantile7.js";

export function meanOf(sorted: Float64Array): number {
  if (sorted.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < sorted.length; i++) s += sorted[i];
  return s / sorted.length;
}
