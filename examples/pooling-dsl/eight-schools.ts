// Eight schools (Rubin 1981; BDA3 §5.5) for `poolingDsl` / `hbayes pooling`: the group-level
// vector theta is marked { pooled: true }, so the comparison fits
//   no pooling:       theta_j with a flat prior (each school's own estimate, y_j ± sigma_j),
//   complete pooling: one theta shared by all schools (theta_pooled),
//   partial pooling:  theta_j ~ normal(mu, tau), non-centred, mu ~ normal(0, 5), tau ~ half-Cauchy(0, 5).
import { cauchy, model, normal } from "../../src/model/index.js";

export default model("eight_schools", ({ data, param, observe }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0, length: y.length });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length, noncentered: true, pooled: true });
  observe(y, normal(theta, sigma));
});
