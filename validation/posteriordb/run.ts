/**
 * Fits one posteriordb posterior with its DSL model and checks every reported parameter against the
 * reference summary.
 */
import { fit } from "../../src/api/fit.js";
import { chainOf, type Draws } from "../../src/posterior/draws.js";
import { POSTERIORDB_MODELS } from "../../examples/posteriordb/index.js";
import { checkParameter, judgePosterior, type ParameterCheck, type PosteriorVerdict } from "./check.js";
import { readReference, referenceSeconds, CASE_SETTINGS, type CaseSettings, type ReferenceFile } from "./cases.js";

/** R-hat, bulk ESS and the MCSEs of the mean and sd of one variable, from its chains (one array per chain). */
export interface ChainDiagnostics {
  readonly rhat: (chains: readonly Float64Array[]) => number;
  readonly essBulk: (chains: readonly Float64Array[]) => number;
  readonly mcseMean: (chains: readonly Float64Array[]) => number;
  readonly mcseSd: (chains: readonly Float64Array[]) => number;
}

export interface PosteriorResult {
  readonly name: string;
  readonly pass: boolean;
  readonly verdict: PosteriorVerdict;
  readonly parameters: readonly ParameterCheck[];
  readonly divergences: number;
  /** hbayes wall time of the fit (build, compile, warmup, sampling), seconds. */
  readonly seconds: number;
  /**
   * CPU time of this process (all worker threads) during the fit, seconds: on a busy machine it is a
   * steadier measure of the work than wall time.
   */
  readonly cpu_seconds: number;
  readonly gradients: number;
  readonly settings: CaseSettings;
  /** Stan's time for the reference run (its own, longer, settings), when recorded. */
  readonly reference_seconds: number | null;
  /** Adapted step size and mean leapfrog steps per chain: ours, and Stan's in the reference run. */
  readonly sampler: SamplerComparison;
  /** Largest MCSE of ours as a fraction of the reference sd (the brief wants it well below 0.1). */
  readonly max_mcse_over_sd: number;
}

export interface SamplerComparison {
  readonly stepsize_per_chain: readonly number[];
  readonly mean_n_leapfrog_per_chain: readonly number[];
  readonly ref_stepsize_per_chain: readonly number[] | null;
  readonly ref_mean_n_leapfrog_per_chain: readonly number[] | null;
}

export async function runPosterior(
  name: string,
  diagnostics: ChainDiagnostics,
  overrides: Partial<CaseSettings> & { threads?: number } = {},
  ref: ReferenceFile = readReference(name),
): Promise<PosteriorResult> {
  const entry = POSTERIORDB_MODELS[name];
  if (entry === undefined) throw new Error(`runPosterior: no DSL model for posterior ${name}`);
  const defaults = CASE_SETTINGS[name];
  if (defaults === undefined) throw new Error(`runPosterior: no settings for posterior ${name}`);
  const { threads, ...rest } = overrides;
  const settings: CaseSettings = { ...defaults, ...rest };
  const data = entry.fromPosteriordb ? entry.fromPosteriordb(ref.data) : ref.data;

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await fit(entry.model, data, {
    chains: settings.chains,
    warmup: settings.warmup,
    draws: settings.draws,
    seed: settings.seed,
    adaptDelta: settings.adaptDelta,
    // A case that expects divergences checks the funnel of the model as written: sample it unmarginalised
    // (by default theta would be integrated out and nothing would diverge).
    ...(settings.divergences === "expected" ? { reparam: "none", marginalize: "none" } : {}),
    ...(threads === undefined ? {} : { threads }),
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const parameters = ref.reference.param_order.map((refName) => {
    const ours = entry.hbayesName ? entry.hbayesName(refName, ref.data) : refName;
    return checkParameter(refName, summarise(result.draws, ours, diagnostics), ref.reference.params[refName]);
  });
  const verdict = judgePosterior(parameters, result.divergences, settings.divergences);
  let maxMcse = 0;
  for (const p of parameters) maxMcse = Math.max(maxMcse, p.mcse_mean / p.ref_sd);
  return {
    name,
    pass: verdict.pass,
    verdict,
    parameters,
    divergences: result.divergences,
    seconds,
    cpu_seconds: cpuSeconds,
    gradients: result.timing.gradients,
    settings,
    reference_seconds: referenceSeconds(ref),
    sampler: samplerComparison(result.draws, ref),
    max_mcse_over_sd: maxMcse,
  };
}

function samplerComparison(draws: Draws, ref: ReferenceFile): SamplerComparison {
  const perChain = (name: string, f: (chain: Float64Array) => number) => {
    const v = draws.names.indexOf(name);
    return v < 0 ? [] : Array.from({ length: draws.chains }, (_, c) => f(chainOf(draws, v, c)));
  };
  const attempts = ref.reference.source_info?.attempts;
  const last = attempts && attempts.length > 0 ? attempts[attempts.length - 1] : undefined;
  return {
    // The step size is fixed after warmup, so the first kept draw holds it.
    stepsize_per_chain: perChain("stepsize__", (x) => x[0]),
    mean_n_leapfrog_per_chain: perChain("n_leapfrog__", (x) => x.reduce((a, b) => a + b, 0) / x.length),
    ref_stepsize_per_chain: last?.stepsize_per_chain ?? null,
    ref_mean_n_leapfrog_per_chain: last?.mean_n_leapfrog_per_chain ?? null,
  };
}

function summarise(draws: Draws, name: string, diagnostics: ChainDiagnostics) {
  const v = draws.names.indexOf(name);
  if (v < 0) throw new Error(`runPosterior: the fit has no output ${name} (the reference reports it)`);
  const chains = Array.from({ length: draws.chains }, (_, c) => chainOf(draws, v, c));
  let n = 0;
  let mean = 0;
  let m2 = 0;
  // Welford's update: one pass, no cancellation for large means (rats' weights are ~240 with sd ~2).
  for (const chain of chains) {
    for (let i = 0; i < chain.length; i++) {
      n++;
      const d = chain[i] - mean;
      mean += d / n;
      m2 += d * (chain[i] - mean);
    }
  }
  return {
    mean,
    sd: Math.sqrt(m2 / (n - 1)),
    mcse_mean: diagnostics.mcseMean(chains),
    mcse_sd: diagnostics.mcseSd(chains),
    ess_bulk: diagnostics.essBulk(chains),
    rhat: diagnostics.rhat(chains),
  };
}
