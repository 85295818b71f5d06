// posteriordb radon_mn-radon_variable_intercept_noncentered: county intercepts (non-centred by hand)
// plus a common floor slope:
//   alpha = mu_alpha + sigma_alpha·alpha_raw, alpha_raw ~ N(0, 1),
//   log_radon_n ~ N(alpha[county_n] + floor_n·beta, sigma_y),
//   mu_alpha, beta ~ N(0, 10), sigma_alpha, sigma_y ~ half-N(0, 1).
import { model, normal } from "../../src/model/index.js";

export default model("radon_variable_intercept_noncentered", ({ data, param, observe, derived }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor_measure", { length: logRadon.length });
  // Every one of the J = 85 counties has a home, so the largest code is J.
  const county = data.index("county_idx", { length: logRadon.length });
  const J = county.groups ?? 0;
  const alphaRaw = param("alpha_raw", normal(0, 1), { size: J });
  const beta = param("beta", normal(0, 10));
  const muAlpha = param("mu_alpha", normal(0, 10));
  const sigmaAlpha = param("sigma_alpha", normal(0, 1), { lower: 0 });
  const sigmaY = param("sigma_y", normal(0, 1), { lower: 0 });
  const alpha = derived("alpha", alphaRaw.mul(sigmaAlpha).add(muAlpha));
  observe(logRadon, normal(alpha.at(county).add(floor.mul(beta)), sigmaY));
});
