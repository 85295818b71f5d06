// BUGS "Pumps" for `poolingDsl` / `hbayes pooling`: the failure rates lambda are the pooled vector.
//   no pooling:       lambda_i flat on (0, ∞): failures_i / time_i, each pump alone
//   complete pooling: one rate for all pumps (lambda_pooled)
//   partial pooling:  lambda_i ~ Gamma(alpha, beta), alpha ~ Exponential(1), beta ~ Gamma(0.1, 1)
import { exponential, gamma, model, poisson } from "../../src/model/index.js";

export default model("pumps", ({ data, param, observe }) => {
  const failures = data.ints("failures", { lower: 0 });
  const time = data.reals("time", { lower: 0 });
  const alpha = param("alpha", exponential(1), { lower: 0 });
  const beta = param("beta", gamma(0.1, 1), { lower: 0 });
  const lambda = param("lambda", gamma(alpha, beta), { size: failures.length, lower: 0, pooled: true });
  observe(failures, poisson(lambda.mul(time)));
});
