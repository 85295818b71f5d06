// RNA polymerase pausing: how often does a polymerase pause, and how much do molecules differ?
//   data level:       pauses_i ~ Poisson(lambda_i · time_i)        (exposure: seconds watched)
//   process level:    lambda_i ~ Gamma(alpha, beta)                (molecule-to-molecule variation)
//   hyperprior level: alpha ~ Exponential(0.5), beta ~ Exponential(0.2)
import { exponential, gamma, model, poisson } from "../../src/model/index.js";

export default model("rna_pausing", ({ data, param, observe }) => {
  const pauses = data.ints("pauses", { lower: 0 });
  const time = data.reals("time", { lower: 0 });
  const alpha = param("alpha", exponential(0.5), { lower: 0 });
  const beta = param("beta", exponential(0.2), { lower: 0 });
  const lambda = param("lambda", gamma(alpha, beta), { size: pauses.length, lower: 0 });
  observe(pauses, poisson(lambda.mul(time)));
});
