// posteriordb radon_mn-radon_variable_intercept_slope_noncentered: county intercepts and county floor
// slopes (independent normals), both non-centred by hand:
//   alpha = mu_alpha + sigma_alpha·alpha_raw, beta = mu_beta + sigma_beta·beta_raw, raw ~ N(0, 1),
//   log_radon_n ~ N(alpha[county_n] + floor_n·beta[county_n], sigma_y),
//   mu_alpha, mu_beta ~ N(0, 10), sigma_y, sigma_alpha, sigma_beta ~ half-N(0, 1).
import { model, normal } from "../../src/model/index.js";

export default model("radon_variable_intercept_slope_noncentered", ({ data, param, observe, derived }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor_measure", { length: logRadon.length });
  // Every one of the J = 85 counties has a home, so the largest code is J.
  const county = data.index("county_idx", { length: logRadon.length });
  const J = county.groups ?? 0;
  const sigmaY = param("sigma_y", normal(0, 1), { lower: 0 });
  const sigmaAlpha = param("sigma_alpha", normal(0, 1), { lower: 0 });
  const sigmaBeta = param("sigma_beta", normal(0, 1), { lower: 0 });
  const alphaRaw = param("alpha_raw", normal(0, 1), { size: J });
  const betaRaw = param("beta_raw", normal(0, 1), { size: J });
  const muAlpha = param("mu_alpha", normal(0, 10));
  const muBeta = param("mu_beta", normal(0, 10));
  const alpha = derived("alpha", alphaRaw.mul(sigmaAlpha).add(muAlpha));
  const beta = derived("beta", betaRaw.mul(sigmaBeta).add(muBeta));
  observe(logRadon, normal(alpha.at(county).add(floor.mul(beta.at(county))), sigmaY));
});
