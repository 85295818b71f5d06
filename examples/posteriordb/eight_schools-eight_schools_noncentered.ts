// posteriordb eight_schools-eight_schools_noncentered: the Stan code's explicit non-centring.
//   theta_trans ~ N(0, 1), theta = theta_trans·tau + mu (reported), mu ~ N(0, 5), tau ~ half-Cauchy(0, 5),
//   y_j ~ N(theta_j, sigma_j) with sigma_j known.
import { cauchy, model, normal } from "../../src/model/index.js";

export default model("eight_schools_noncentered", ({ data, param, observe, derived }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0, length: y.length });
  const thetaTrans = param("theta_trans", normal(0, 1), { size: y.length });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = derived("theta", thetaTrans.mul(tau).add(mu));
  observe(y, normal(theta, sigma));
});
