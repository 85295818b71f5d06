// posteriordb radon_mn-radon_hierarchical_intercept_noncentered: county intercepts (non-centred by hand)
// plus slopes on the county uranium level and the floor:
//   alpha = mu_alpha + sigma_alpha·alpha_raw, alpha_raw ~ N(0, 1),
//   log_radon_n ~ N(alpha[county_n] + log_uppm_n·beta[1] + floor_n·beta[2], sigma_y),
//   mu_alpha, beta ~ N(0, 10), sigma_alpha, sigma_y ~ half-N(0, 1).
//
// The DSL has no constant element access (`beta[1]`), so the two slopes enter as `X·beta` with the
// data matrix X = [log_uppm, floor_measure], which `fromPosteriordb` builds from the Stan data.
import { model, normal } from "../../src/model/index.js";

/** Stan data → the fields this model reads: adds X (one row [log_uppm_n, floor_measure_n] per home). */
export function fromPosteriordb(d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const u = d.log_uppm as number[];
  const f = d.floor_measure as number[];
  return { ...d, X: u.map((x, n) => [x, f[n]]) };
}

export default model("radon_hierarchical_intercept_noncentered", ({ data, param, observe, derived }) => {
  const logRadon = data.reals("log_radon");
  const X = data.matrix("X", { rows: logRadon.length, cols: 2 });
  // Every one of the J = 85 counties has a home, so the largest code is J.
  const county = data.index("county_idx", { length: logRadon.length });
  const J = county.groups ?? 0;
  const alphaRaw = param("alpha_raw", normal(0, 1), { size: J });
  const beta = param("beta", normal(0, 10), { size: 2 });
  const muAlpha = param("mu_alpha", normal(0, 10));
  const sigmaAlpha = param("sigma_alpha", normal(0, 1), { lower: 0 });
  const sigmaY = param("sigma_y", normal(0, 1), { lower: 0 });
  const alpha = derived("alpha", alphaRaw.mul(sigmaAlpha).add(muAlpha));
  observe(logRadon, normal(alpha.at(county).add(X.mul(beta)), sigmaY));
});
