// posteriordb surgical_data-surgical_model (BUGS Surgical): binomial-logit mortality in 12 hospitals,
// centred b_i ~ N(mu, sigma), mu ~ N(0, 1000), sigmasq ~ InvGamma(0.001, 0.001), sigma = sqrt(sigmasq);
// p = inv_logit(b) and pop_mean = inv_logit(mu) are reported.
import { binomialLogit, invGamma, invLogit, model, normal, sqrt } from "../../src/model/index.js";

export default model("surgical_model", ({ data, param, observe, derived }) => {
  const r = data.ints("r", { lower: 0 });
  const n = data.ints("n", { lower: 0, length: r.length });
  const mu = param("mu", normal(0, 1000));
  const sigmasq = param("sigmasq", invGamma(0.001, 0.001), { lower: 0 });
  const sigma = derived("sigma", sqrt(sigmasq));
  const b = param("b", normal(mu, sigma), { size: r.length });
  derived("p", invLogit(b));
  derived("pop_mean", invLogit(mu));
  observe(r, binomialLogit(n, b));
});
