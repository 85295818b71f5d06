/**
 * The PSIS-LOO implementation as it was before the speed work of issue 7 item 3 (commit 9d10f66),
 * kept verbatim in the test tree as the reference the faster src/diagnostics code must reproduce to
 * 1e-12 relative on matrices the R fixtures do not cover (long tails, strong autocorrelation, ties).
 * It is also the "before" of the CPU-time comparison in test/slow/pooling/looSpeed.test.ts.
 */
import { invPhi } from "../../../src/math/invPhi.js";
import { logSumExp } from "../../../src/math/logSumExp.js";
import { laggedProductSums } from "../../../src/diagnostics/autocovariance.js";
import { essFromAutocovariance, sampleVariance } from "../../../src/diagnostics/essCore.js";
import { gpdfit, qgpd } from "../../../src/diagnostics/gpdfit.js";
import { byChain, fftNextGoodSize } from "../../../src/diagnostics/relativeEff.js";
import { psisTailLength } from "../../../src/diagnostics/psis.js";
import type { LogLikMatrix, LooPointwise, LooResult } from "../../../src/diagnostics/loo.js";

export function essLooReference(chains: readonly Float64Array[]): number {
  const m = chains.length;
  const n = chains[0].length;
  const scale = fftNextGoodSize(n) / (n * n);
  const acovMeans = new Float64Array(n);
  const s = new Float64Array(n);
  const chainMeans = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    laggedProductSums(chains[c], n, s);
    for (let k = 0; k < n; k++) acovMeans[k] += s[k] * scale;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += chains[c][i];
    chainMeans[c] = sum / n;
  }
  for (let k = 0; k < n; k++) acovMeans[k] /= m;
  return essFromAutocovariance(acovMeans, chainMeans, n);
}

export function relativeEffReference(logLik: LogLikMatrix, chainIds: ArrayLike<number>): Float64Array {
  const { draws: s, observations: n, data } = logLik;
  const out = new Float64Array(n);
  const col = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < s; d++) col[d] = Math.exp(data[d * n + i]);
    out[i] = essLooReference(byChain("relativeEff", col, chainIds)) / s;
  }
  return out;
}

export function psisReference(logRatios: ArrayLike<number>, rEff = 1): { logWeights: Float64Array; paretoK: number } {
  const s = logRatios.length;
  let max = -Infinity;
  for (let i = 0; i < s; i++) if (logRatios[i] > max) max = logRatios[i];
  const lw = new Float64Array(s);
  for (let i = 0; i < s; i++) lw[i] = logRatios[i] - max;
  const tailLen = psisTailLength(s, rEff);
  let k = Infinity;
  if (tailLen >= 5) {
    const order = new Uint32Array(s);
    for (let i = 0; i < s; i++) order[i] = i;
    order.sort((a, b) => (lw[a] < lw[b] ? -1 : lw[a] > lw[b] ? 1 : 0));
    const first = s - tailLen;
    const tailMin = lw[order[first]];
    const tailMax = lw[order[s - 1]];
    if (Math.abs(tailMax - tailMin) >= Number.EPSILON / 100) {
      const cutoff = lw[order[first - 1]];
      const expCutoff = Math.exp(cutoff);
      const exceed = new Float64Array(tailLen);
      for (let j = 0; j < tailLen; j++) exceed[j] = Math.exp(lw[order[first + j]]) - expCutoff;
      const fit = gpdfit(exceed);
      k = fit.k;
      if (Number.isFinite(k)) {
        for (let j = 0; j < tailLen; j++) {
          const p = (j + 1 - 0.5) / tailLen;
          lw[order[first + j]] = Math.log(qgpd(p, k, fit.sigma) + expCutoff);
        }
      }
    }
  }
  for (let i = 0; i < s; i++) {
    if (lw[i] > 0) lw[i] = 0;
    lw[i] += max;
  }
  return { logWeights: lw, paretoK: k };
}

export function psisLooReference(logLik: LogLikMatrix, chainIds: ArrayLike<number> | null): LooResult {
  const { draws: s, observations: n, data } = logLik;
  const rEff = chainIds !== null ? relativeEffReference(logLik, chainIds) : new Float64Array(n).fill(1);
  const zn = new Float64Array(1000);
  for (let r = 1; r <= 1000; r++) zn[r - 1] = invPhi((r - 3 / 8) / (1000 - 2 * (3 / 8) + 1));
  const ll = new Float64Array(s);
  const negLl = new Float64Array(s);
  const lwNorm = new Float64Array(s);
  const pointwise: LooPointwise[] = [];
  const paretoK: number[] = [];
  const nEff: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < s; d++) {
      ll[d] = data[d * n + i];
      negLl[d] = -ll[d];
    }
    const { logWeights, paretoK: k } = psisReference(negLl, rEff[i]);
    const normConst = logSumExp(logWeights);
    let sumW2 = 0;
    for (let d = 0; d < s; d++) {
      lwNorm[d] = logWeights[d] - normConst;
      sumW2 += Math.exp(2 * lwNorm[d]);
    }
    const terms = new Float64Array(s);
    for (let d = 0; d < s; d++) terms[d] = ll[d] + lwNorm[d];
    const elpd = logSumExp(terms);
    const lpd = logSumExp(ll) - Math.log(s);
    const epd = Math.exp(elpd);
    let varEpd = 0;
    for (let d = 0; d < s; d++) {
      const w = Math.exp(lwNorm[d]);
      const dev = Math.exp(ll[d]) - epd;
      varEpd += w * w * dev * dev;
    }
    const sdEpd = Math.sqrt(varEpd);
    const logs: number[] = [];
    for (let r = 0; r < zn.length; r++) {
      const z = epd + sdEpd * zn[r];
      if (z > 0) logs.push(Math.log(z));
    }
    pointwise.push({ elpd_loo: elpd, mcse_elpd_loo: Math.sqrt(sampleVariance(logs) / rEff[i]), p_loo: lpd - elpd, looic: -2 * elpd, influence_pareto_k: k });
    paretoK.push(k);
    nEff.push((1 / sumW2) * rEff[i]);
  }
  const est = (x: number[]): [number, number] => [x.reduce((a, b) => a + b, 0), Math.sqrt(x.length * sampleVariance(x))];
  const [elpd_loo, se_elpd_loo] = est(pointwise.map((p) => p.elpd_loo));
  const [p_loo, se_p_loo] = est(pointwise.map((p) => p.p_loo));
  const [looic, se_looic] = est(pointwise.map((p) => p.looic));
  return { elpd_loo, se_elpd_loo, p_loo, se_p_loo, looic, se_looic, pointwise, pareto_k: paretoK, n_eff: nEff, r_eff: Array.from(rEff) };
}
