// posteriordb GLMM_Poisson_data-GLMM_Poisson_model (Kéry & Schaub): Poisson counts over 40 years with a
// cubic trend and centred year effects,
//   log_lambda = alpha + beta1·year + beta2·year² + beta3·year³ + eps (reported), eps ~ N(0, sigma),
//   C ~ Poisson-log(log_lambda), lambda = exp(log_lambda) (reported),
//   uniform priors on the bounded alpha, beta1..3 and sigma ∈ (0, 5).
//
// A uniform prior on exactly the declared interval is a constant, so those parameters get flat priors
// on their bounds. The one exception is beta2, declared on (-10, 20) with a uniform(-10, 10) prior:
// the DSL cannot add that truncation (there is no uniform family in the compiler), so beta2 keeps the
// declared bounds; its posterior (0.075 ± 0.025) has no mass within 400 sd of 10, so the two agree.
import { exp, model, normal, poissonLog } from "../../src/model/index.js";

export default model("GLMM_Poisson_model", ({ data, param, observe, derived }) => {
  const C = data.ints("C", { lower: 0 });
  const year = data.reals("year", { length: C.length });
  const alpha = param("alpha", null, { lower: -20, upper: 20 });
  const beta1 = param("beta1", null, { lower: -10, upper: 10 });
  const beta2 = param("beta2", null, { lower: -10, upper: 20 });
  const beta3 = param("beta3", null, { lower: -10, upper: 10 });
  const sigma = param("sigma", null, { lower: 0, upper: 5 });
  const eps = param("eps", normal(0, sigma), { size: C.length });
  const yearSquared = year.mul(year);
  const yearCubed = year.mul(year).mul(year);
  const logLambda = derived(
    "log_lambda",
    beta1.mul(year).add(alpha).add(beta2.mul(yearSquared)).add(beta3.mul(yearCubed)).add(eps),
  );
  observe(C, poissonLog(logLambda));
  derived("lambda", exp(logLambda));
});
