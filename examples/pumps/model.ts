// BUGS "Pumps": failures of 10 power-plant pumps over very different operating times.
//   data level:       failures_i ~ Poisson(lambda_i * time_i)
//   process level:    lambda_i   ~ Gamma(alpha, beta)
//   hyperprior level: alpha ~ Exponential(1), beta ~ Gamma(0.1, 1)   (as in the BUGS manual)
import { exponential, gamma, model, poisson } from "../../src/model/index.js";

export default model("pumps", ({ data, param, observe }) => {
  const failures = data.ints("failures", { lower: 0 });
  const time = data.reals("time", { lower: 0 });
  const alpha = param("alpha", exponential(1), { lower: 0 });
  const beta = param("beta", gamma(0.1, 1), { lower: 0 });
  const lambda = param("lambda", gamma(alpha, beta), { size: failures.length, lower: 0 });
  observe(failures, poisson(lambda.mul(time)));
});
