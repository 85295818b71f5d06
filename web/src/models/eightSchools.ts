// Eight schools (Rubin 1981): coaching effects estimated in eight schools with known standard errors.
//   data level:       y_j ~ Normal(theta_j, sigma_j)
//   process level:    theta_j ~ Normal(mu, tau)           (centred, as the textbook writes it)
//   hyperprior level: mu ~ Normal(0, 5), tau ~ Cauchy⁺(0, 5)   (posteriordb's eight_schools_centered)
// Written centred on purpose: sampled as written this is the classic funnel (divergences), but fit's
// default marginalize: "auto" integrates theta out (normal–normal), samples mu and tau, and draws
// theta exactly afterwards, so the page shows what that buys (0 divergences) on the best-known case.
import { cauchy, model, normal } from "../../../src/model/index.js";

export default model("eight_schools", ({ data, param, observe }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0 });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length });
  observe(y, normal(theta, sigma));
});
