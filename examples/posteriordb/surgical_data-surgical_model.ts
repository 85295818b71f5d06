// posteriordb surgical_data-surgical_model (BUGS Surgical): binomial-logit mortality in 12 hospitals,
// centred b_i ~ N(mu, sigma), mu ~ N(0, 1000), sigmasq ~ InvGamma(0.001, 0.001), sigma = sqrt(sigmasq);
// p = inv_logit(b) and pop_mean = inv_logit(mu) are reported.
//
// The compiler has no inv_gamma family yet (src/ir/families.ts), so the prior is written as its log
// density up to a constant: -(a + 1)·log(sigmasq) - b / sigmasq (Stan's `~` drops the same constant).
import { binomialLogit, div, invLogit, log, model, normal, sqrt } from "../../src/model/index.js";

const A = 0.001;
const B = 0.001;

export default model("surgical_model", ({ data, param, observe, target, derived }) => {
  const r = data.ints("r", { lower: 0 });
  const n = data.ints("n", { lower: 0, length: r.length });
  const mu = param("mu", normal(0, 1000));
  const sigmasq = param("sigmasq", null, { lower: 0 });
  target(log(sigmasq).mul(-(A + 1)).sub(div(B, sigmasq)));
  const sigma = derived("sigma", sqrt(sigmasq));
  const b = param("b", normal(mu, sigma), { size: r.length });
  derived("p", invLogit(b));
  derived("pop_mean", invLogit(mu));
  observe(r, binomialLogit(n, b));
});
