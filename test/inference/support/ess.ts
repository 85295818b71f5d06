/**
 * LOCAL SHIM, to be replaced by src/diagnostics (essBulk / mcseMean) once it lands: Stan's basic
 * multi-chain ESS (Geyer's initial monotone sequence on the combined autocorrelations, without rank
 * normalisation or chain splitting) and the MCSE of the mean sd / sqrt(ESS). Test-only.
 */
function autocov(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += (x[i] - m) * (x[i + k] - m);
    out[k] = s / n;
  }
  return out;
}

export function essBasic(chains: readonly Float64Array[]): number {
  const M = chains.length;
  const N = chains[0].length;
  const maxLag = N - 1;
  const acov = chains.map((c) => autocov(c, maxLag));
  const means = chains.map((c) => c.reduce((a, b) => a + b, 0) / N);
  const meanOfMeans = means.reduce((a, b) => a + b, 0) / M;
  let W = 0;
  for (let m = 0; m < M; m++) W += (acov[m][0] * N) / (N - 1);
  W /= M;
  let B = 0;
  if (M > 1) for (const mu of means) B += (mu - meanOfMeans) ** 2;
  B = M > 1 ? B / (M - 1) : 0;
  const varPlus = ((N - 1) / N) * W + B;
  const rhoAt = (t: number) => {
    let s = 0;
    for (let m = 0; m < M; m++) s += acov[m][t];
    return 1 - (W - s / M) / varPlus;
  };
  // As posterior::ess_basic (Stan's ess): pairs of autocorrelations while their sum stays positive,
  // then Geyer's initial monotone sequence.
  const rho = new Float64Array(N);
  let t = 0;
  let even = 1;
  let odd = rhoAt(1);
  rho[0] = even;
  rho[1] = odd;
  while (t < N - 5 && even + odd > 0) {
    t += 2;
    even = rhoAt(t);
    odd = rhoAt(t + 1);
    if (even + odd >= 0) {
      rho[t] = even;
      rho[t + 1] = odd;
    }
  }
  const maxT = t;
  if (even > 0) rho[maxT] = even;
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  let tau = -1 + rho[maxT];
  for (let k = 0; k < maxT; k++) tau += 2 * rho[k];
  tau = Math.max(tau, 1 / Math.log10(M * N));
  return (M * N) / tau;
}

export function mean(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

export function sd(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

export function mcseMean(chains: readonly Float64Array[]): number {
  const all = new Float64Array(chains.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chains) {
    all.set(c, o);
    o += c.length;
  }
  return sd(all) / Math.sqrt(essBasic(chains));
}
