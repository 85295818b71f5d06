// posteriordb rats_data-rats_model (BUGS Rats, simplified): 30 rats weighed in 5 weeks, centred
// intercepts alpha ~ N(mu_alpha, sigma_alpha) and slopes beta ~ N(mu_beta, sigma_beta),
// y ~ N(alpha[rat] + beta[rat]·(x - xbar), sigma_y), flat (improper) priors on the three sigmas.
// alpha0 is the Stan code's generated quantity; sigmasq_* are the reference's squares of the sigmas.
import { model, normal, square } from "../../src/model/index.js";

export default model("rats_model", ({ data, param, observe, derived }) => {
  const y = data.reals("y");
  const x = data.reals("x", { length: y.length });
  // The rats are numbered 1…N with every rat observed, so the largest code is N.
  const rat = data.index("rat", { length: y.length });
  const xbar = data.real("xbar");
  const muAlpha = param("mu_alpha", normal(0, 100));
  const muBeta = param("mu_beta", normal(0, 100));
  const sigmaY = param("sigma_y", null, { lower: 0 });
  const sigmaAlpha = param("sigma_alpha", null, { lower: 0 });
  const sigmaBeta = param("sigma_beta", null, { lower: 0 });
  const alpha = param("alpha", normal(muAlpha, sigmaAlpha), { size: rat.groups ?? 0 });
  const beta = param("beta", normal(muBeta, sigmaBeta), { size: rat.groups ?? 0 });
  observe(y, normal(alpha.at(rat).add(beta.at(rat).mul(x.sub(xbar))), sigmaY));
  derived("alpha0", muAlpha.sub(xbar.mul(muBeta)));
  derived("sigmasq_y", square(sigmaY));
  derived("sigmasq_alpha", square(sigmaAlpha));
  derived("sigmasq_beta", square(sigmaBeta));
});
