/**
 * Energy Bayesian fraction of missing information of one chain (Betancourt 2016), with rstan's and
 * CmdStan's estimator: Σ(E_t − E_{t−1})² / n divided by the sample variance of E. Values below 0.3
 * suggest the momentum resampling cannot move the chain across energy levels fast enough.
 * NaN for fewer than 2 draws, non-finite energies, or a constant energy.
 */
export function ebfmi(energy: ArrayLike<number>): number {
  const n = energy.length;
  if (n < 2) return NaN;
  // A constant chain is 0/0 in R; test it directly, as a rounded mean would leave a tiny variance.
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = energy[i] === energy[0];
  if (constant) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += energy[i];
  mean /= n;
  let ss = 0;
  let diffs = 0;
  for (let i = 0; i < n; i++) {
    ss += (energy[i] - mean) * (energy[i] - mean);
    if (i > 0) diffs += (energy[i] - energy[i - 1]) * (energy[i] - energy[i - 1]);
  }
  const variance = ss / (n - 1);
  if (!Number.isFinite(variance) || variance === 0) return NaN;
  return diffs / n / variance;
}
