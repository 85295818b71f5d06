// posteriordb radon_mn-radon_variable_slope_noncentered: a common intercept and county floor slopes,
// non-centred by hand:
//   beta = mu_beta + sigma_beta·beta_raw, beta_raw ~ N(0, 1),
//   log_radon_n ~ N(alpha + floor_n·beta[county_n], sigma_y),
//   alpha, mu_beta ~ N(0, 10), sigma_beta, sigma_y ~ half-N(0, 1).
import { model, normal } from "../../src/model/index.js";

export default model("radon_variable_slope_noncentered", ({ data, param, observe, derived }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor_measure", { length: logRadon.length });
  // Every one of the J = 85 counties has a home, so the largest code is J.
  const county = data.index("county_idx", { length: logRadon.length });
  const J = county.groups ?? 0;
  const alpha = param("alpha", normal(0, 10));
  const betaRaw = param("beta_raw", normal(0, 1), { size: J });
  const muBeta = param("mu_beta", normal(0, 10));
  const sigmaBeta = param("sigma_beta", normal(0, 1), { lower: 0 });
  const sigmaY = param("sigma_y", normal(0, 1), { lower: 0 });
  const beta = derived("beta", betaRaw.mul(sigmaBeta).add(muBeta));
  observe(logRadon, normal(floor.mul(beta.at(county)).add(alpha), sigmaY));
});
