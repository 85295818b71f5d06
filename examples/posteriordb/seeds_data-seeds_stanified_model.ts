// posteriordb seeds_data-seeds_stanified_model (BUGS Seeds, "stanified" priors): random-effects
// logistic regression, centred plate effects b_i ~ N(0, sigma), sigma ~ half-Cauchy(0, 1),
//   n_i ~ Binomial-logit(N_i, alpha0 + alpha1·x1 + alpha2·x2 + alpha12·x1·x2 + b_i).
import { cauchy, model, binomialLogit, normal } from "../../src/model/index.js";

export default model("seeds_stanified_model", ({ data, param, observe }) => {
  const n = data.ints("n", { lower: 0 });
  const N = data.ints("N", { lower: 0, length: n.length });
  const x1 = data.reals("x1", { length: n.length });
  const x2 = data.reals("x2", { length: n.length });
  const alpha0 = param("alpha0", normal(0, 1));
  const alpha1 = param("alpha1", normal(0, 1));
  const alpha12 = param("alpha12", normal(0, 1));
  const alpha2 = param("alpha2", normal(0, 1));
  const sigma = param("sigma", cauchy(0, 1), { lower: 0 });
  const b = param("b", normal(0, sigma), { size: n.length });
  // x1x2 is Stan's transformed data; here it is a data-only product, folded per element.
  const eta = alpha1.mul(x1).add(alpha0).add(alpha2.mul(x2)).add(alpha12.mul(x1.mul(x2))).add(b);
  observe(n, binomialLogit(N, eta));
});
