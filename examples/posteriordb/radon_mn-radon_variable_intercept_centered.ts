// posteriordb radon_mn-radon_variable_intercept_centered: the same posterior as the non-centred file,
// with the county intercepts sampled directly, alpha_j ~ N(mu_alpha, sigma_alpha) (Stan needed
// adapt_delta 0.99 for it). The hyperparameters are declared before alpha because a DSL prior can
// refer to earlier parameters only.
import { model, normal } from "../../src/model/index.js";

export default model("radon_variable_intercept_centered", ({ data, param, observe }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor_measure", { length: logRadon.length });
  // Every one of the J = 85 counties has a home, so the largest code is J.
  const county = data.index("county_idx", { length: logRadon.length });
  const J = county.groups ?? 0;
  const beta = param("beta", normal(0, 10));
  const muAlpha = param("mu_alpha", normal(0, 10));
  const sigmaAlpha = param("sigma_alpha", normal(0, 1), { lower: 0 });
  const sigmaY = param("sigma_y", normal(0, 1), { lower: 0 });
  const alpha = param("alpha", normal(muAlpha, sigmaAlpha), { size: J });
  observe(logRadon, normal(alpha.at(county).add(floor.mul(beta)), sigmaY));
});
