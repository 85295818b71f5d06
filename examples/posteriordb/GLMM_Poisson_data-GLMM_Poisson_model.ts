// posteriordb GLMM_Poisson_data-GLMM_Poisson_model (Kéry & Schaub): Poisson counts over 40 years with a
// cubic trend and centred year effects,
//   log_lambda = alpha + beta1·year + beta2·year² + beta3·year³ + eps (reported), eps ~ N(0, sigma),
//   C ~ Poisson-log(log_lambda), lambda = exp(log_lambda) (reported),
//   uniform priors on the bounded alpha, beta1..3 and sigma ∈ (0, 5).
// As in the Stan code, beta2 is declared on (-10, 20) but its uniform(-10, 10) prior cuts it at 10.
import { exp, model, normal, poissonLog, uniform } from "../../src/model/index.js";

export default model("GLMM_Poisson_model", ({ data, param, observe, derived }) => {
  const C = data.ints("C", { lower: 0 });
  const year = data.reals("year", { length: C.length });
  const alpha = param("alpha", uniform(-20, 20), { lower: -20, upper: 20 });
  const beta1 = param("beta1", uniform(-10, 10), { lower: -10, upper: 10 });
  const beta2 = param("beta2", uniform(-10, 10), { lower: -10, upper: 20 });
  const beta3 = param("beta3", uniform(-10, 10), { lower: -10, upper: 10 });
  const sigma = param("sigma", uniform(0, 5), { lower: 0, upper: 5 });
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
