/**
 * Ranks pooled over all chains (ties get their average rank, as R's `rank`), and per-chain rank
 * histograms. If the chains mix, each chain's ranks are uniform on 1…N (Vehtari et al. 2021).
 */

/**
 * Average ranks (1-based) of the finite values, pooled over the chains; non-finite values get NaN.
 * Returns one Float64Array per chain.
 */
export function pooledRanks(chains: readonly ArrayLike<number>[]): Float64Array[] {
  const values: number[] = [];
  const owner: number[] = [];
  const pos: number[] = [];
  chains.forEach((a, c) => {
    for (let i = 0; i < a.length; i++) {
      if (Number.isFinite(a[i])) {
        values.push(a[i]);
        owner.push(c);
        pos.push(i);
      }
    }
  });
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = chains.map((a) => new Float64Array(a.length).fill(NaN));
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[k]]) j++;
    const rank = (k + 1 + j + 1) / 2;
    for (let t = k; t <= j; t++) out[owner[order[t]]][pos[order[t]]] = rank;
    k = j + 1;
  }
  return out;
}

/** Number of bins: 20 once a chain has ≥ 100 draws, fewer for short chains (≥ 5 expected per bin). */
export function rankBinCount(drawsPerChain: number): number {
  if (drawsPerChain >= 100) return 20;
  return Math.max(1, Math.floor(drawsPerChain / 5));
}

/** Counts of ranks (1…total) in `bins` equal-width bins; NaN ranks are left out. */
export function rankHistogram(ranks: ArrayLike<number>, total: number, bins: number): Int32Array {
  const counts = new Int32Array(bins);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (!Number.isFinite(r)) continue;
    const b = Math.min(bins - 1, Math.floor(((r - 0.5) / total) * bins));
    counts[b]++;
  }
  return counts;
}
