// posteriordb eight_schools-eight_schools_centered: theta_j ~ N(mu, tau) sampled directly (the funnel
// Stan reports divergences on). Same priors and likelihood as the non-centred file; mu and tau are
// declared first only because a DSL prior can refer to earlier parameters alone.
import { cauchy, model, normal } from "../../src/model/index.js";

export default model("eight_schools_centered", ({ data, param, observe }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0, length: y.length });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length });
  observe(y, normal(theta, sigma));
});
