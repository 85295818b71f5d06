/**
 * PSIS-LOO (Vehtari, Gelman & Gabry 2017; PSIS per Vehtari, Simpson, Gelman, Yao & Gabry 2024),
 * matching R's loo 2.5.1 `loo.matrix(log_lik, r_eff = relative_eff(exp(log_lik), chain_id))`.
 */
import { invPhi } from "../math/invPhi.js";
import { logSumExp } from "../math/logSumExp.js";
import { type Draws } from "../posterior/draws.js";
import { sampleVariance } from "./essCore.js";
import { createPsisWorkspace, psisInto } from "./psis.js";
import { relativeEff } from "./relativeEff.js";

/** Pointwise log-likelihood, draws × observations, row-major: data[s * observations + i]. */
export interface LogLikMatrix {
  readonly draws: number;
  readonly observations: number;
  readonly data: Float64Array;
}

export interface LooPointwise {
  readonly elpd_loo: number;
  readonly mcse_elpd_loo: number;
  readonly p_loo: number;
  readonly looic: number;
  readonly influence_pareto_k: number;
}

export interface LooResult {
  readonly elpd_loo: number;
  readonly se_elpd_loo: number;
  readonly p_loo: number;
  readonly se_p_loo: number;
  readonly looic: number;
  readonly se_looic: number;
  readonly pointwise: readonly LooPointwise[];
  readonly pareto_k: readonly number[];
  /** PSIS effective sample size per observation (loo's diagnostics$n_eff). */
  readonly n_eff: readonly number[];
  readonly r_eff: readonly number[];
}

export interface PsisLooOptions {
  /** 1-based chain id of each draw; r_eff is then computed as loo's relative_eff. */
  readonly chainIds?: ArrayLike<number>;
  /** Relative efficiencies per observation, if already known (overrides chainIds). */
  readonly rEff?: ArrayLike<number>;
}

/**
 * Without chainIds or rEff, r_eff = 1 (loo's behaviour when r_eff is NULL): fine for independent
 * draws, slightly optimistic tail lengths for autocorrelated MCMC draws.
 * Throws on non-finite log-likelihood values, as loo does.
 */
export function psisLoo(logLik: LogLikMatrix, options: PsisLooOptions = {}): LooResult {
  const { draws: s, observations: n, data } = logLik;
  if (!Number.isInteger(s) || s < 2) throw new RangeError(`psisLoo: draws must be an integer ≥ 2, got ${s}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`psisLoo: observations must be an integer ≥ 1, got ${n}`);
  if (data.length !== s * n) throw new RangeError(`psisLoo: data must have draws × observations = ${s * n} values, got ${data.length}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new RangeError(`psisLoo: log-likelihood values must be finite, got ${data[i]} at draw ${Math.floor(i / n) + 1}, observation ${(i % n) + 1}`);
  }
  let rEff: Float64Array;
  if (options.rEff !== undefined) {
    if (options.rEff.length !== n) throw new RangeError(`psisLoo: rEff must have one value per observation (${n}), got ${options.rEff.length}`);
    rEff = Float64Array.from(options.rEff);
  } else if (options.chainIds !== undefined) {
    rEff = relativeEff(logLik, options.chainIds);
  } else {
    rEff = new Float64Array(n).fill(1);
  }

  const zn = mcseNormalScores(1000);
  // Buffers reused across observations (919 observations × 4000 draws in radon).
  const ll = new Float64Array(s);
  const negLl = new Float64Array(s);
  const lw = new Float64Array(s);
  const lwNorm = new Float64Array(s);
  const terms = new Float64Array(s);
  const logs = new Float64Array(zn.length);
  const ws = createPsisWorkspace(s);
  const pointwise: LooPointwise[] = [];
  const paretoK: number[] = [];
  const nEff: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < s; d++) {
      ll[d] = data[d * n + i];
      negLl[d] = -ll[d];
    }
    const k = psisInto(negLl, rEff[i], lw, ws);
    const normConst = logSumExp(lw);
    let sumW2 = 0;
    for (let d = 0; d < s; d++) {
      lwNorm[d] = lw[d] - normConst;
      sumW2 += Math.exp(2 * lwNorm[d]);
    }
    for (let d = 0; d < s; d++) terms[d] = ll[d] + lwNorm[d];
    const elpd = logSumExp(terms);
    const lpd = logSumExp(ll) - Math.log(s);
    pointwise.push({
      elpd_loo: elpd,
      mcse_elpd_loo: mcseElpd(ll, lwNorm, elpd, rEff[i], zn, logs),
      p_loo: lpd - elpd,
      looic: -2 * elpd,
      influence_pareto_k: k,
    });
    paretoK.push(k);
    nEff.push((1 / sumW2) * rEff[i]);
  }
  const [elpd_loo, se_elpd_loo] = estimate(pointwise.map((p) => p.elpd_loo));
  const [p_loo, se_p_loo] = estimate(pointwise.map((p) => p.p_loo));
  const [looic, se_looic] = estimate(pointwise.map((p) => p.looic));
  return { elpd_loo, se_elpd_loo, p_loo, se_p_loo, looic, se_looic, pointwise, pareto_k: paretoK, n_eff: nEff, r_eff: Array.from(rEff) };
}

/** loo's table_of_estimates: the sum and √(n · var) of a pointwise column. */
function estimate(x: number[]): [number, number] {
  let sum = 0;
  for (const v of x) sum += v;
  return [sum, Math.sqrt(x.length * sampleVariance(x))];
}

/** Normal scores of 1000 evenly spaced probabilities (Blom's c = 3/8), as loo's mcse_elpd. */
function mcseNormalScores(count: number): Float64Array {
  const c = 3 / 8;
  const out = new Float64Array(count);
  for (let r = 1; r <= count; r++) out[r - 1] = invPhi((r - c) / (count - 2 * c + 1));
  return out;
}

/**
 * loo's mcse_elpd: the Monte Carlo sd of the expected predictive density (weighted by the normalised
 * PSIS weights) pushed through the log by a normal approximation on 1000 quantiles, scaled by 1/√r_eff.
 */
function mcseElpd(ll: Float64Array, lwNorm: Float64Array, elpd: number, rEff: number, zn: Float64Array, logs: Float64Array): number {
  const epd = Math.exp(elpd);
  let varEpd = 0;
  for (let d = 0; d < ll.length; d++) {
    const w = Math.exp(lwNorm[d]);
    const dev = Math.exp(ll[d]) - epd;
    varEpd += w * w * dev * dev;
  }
  const sdEpd = Math.sqrt(varEpd);
  let count = 0;
  for (let r = 0; r < zn.length; r++) {
    const z = epd + sdEpd * zn[r];
    if (z > 0) logs[count++] = Math.log(z);
  }
  return Math.sqrt(sampleVariance(logs.subarray(0, count)) / rEff);
}

/**
 * The pointwise log-likelihood stored in the draws as `log_lik[1]`, `log_lik[2]`, … (Stan's
 * convention), with the 1-based chain id of every draw for r_eff.
 */
export function logLikOf(draws: Draws, baseName = "log_lik"): { logLik: LogLikMatrix; chainIds: Int32Array } {
  const prefix = `${baseName}[`;
  const vars = draws.names.flatMap((name, v) => (name.startsWith(prefix) ? [v] : []));
  if (vars.length === 0) throw new RangeError(`logLikOf: no variables named ${baseName}[…] in the draws`);
  const s = draws.chains * draws.draws;
  const n = vars.length;
  const data = new Float64Array(s * n);
  vars.forEach((v, i) => {
    const block = v * s;
    for (let d = 0; d < s; d++) data[d * n + i] = draws.data[block + d];
  });
  const chainIds = new Int32Array(s);
  for (let d = 0; d < s; d++) chainIds[d] = Math.floor(d / draws.draws) + 1;
  return { logLik: { draws: s, observations: n, data }, chainIds };
}
