// Eight schools (Rubin 1981): coaching effects estimated in eight schools with known standard errors.
//   data level:       y_j ~ Normal(theta_j, sigma_j)
//   process level:    theta_j ~ Normal(mu, tau)           (non-centred: tau can be near 0)
//   hyperprior level: mu ~ Normal(0, 5), tau ~ Cauchy⁺(0, 5)   (posteriordb's eight_schools_noncentered)
import { cauchy, model, normal } from "../../../src/model/index.js";

export default model("eight_schools", ({ data, param, observe }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0 });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length, noncentered: true });
  observe(y, normal(theta, sigma));
});
