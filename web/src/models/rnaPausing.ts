// RNA polymerase II pausing: pause events counted at promoter-proximal sites, each observed over a
// different amount of coverage (kb). Sparse sites borrow strength from the rest through the Gamma.
//   data level:       pauses_j ~ Poisson(rate_j · exposure_j)
//   process level:    rate_j   ~ Gamma(alpha, beta)
//   hyperprior level: alpha ~ Exponential(1), beta ~ Gamma(0.1, 1)   (as the BUGS pumps model)
import { exponential, gamma, model, poisson } from "../../../src/model/index.js";

export default model("rna_pausing", ({ data, param, observe }) => {
  const pauses = data.ints("pauses", { lower: 0 });
  const exposure = data.reals("exposure_kb", { lower: 0 });
  const alpha = param("alpha", exponential(1), { lower: 0 });
  const beta = param("beta", gamma(0.1, 1), { lower: 0 });
  const rate = param("rate", gamma(alpha, beta), { size: pauses.length, lower: 0 });
  observe(pauses, poisson(rate.mul(exposure)));
});
