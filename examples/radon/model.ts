// Radon in Minnesota homes (Gelman & Hill 2007, ch. 12): log radon by floor of measurement, with
// county intercepts partially pooled toward the state mean. The same model as the formula
// `log_radon ~ floor + (1 | county)`, written out level by level.
//   data level:       log_radon_i ~ Normal(a[county_i] + b·floor_i, sigma)
//   process level:    a_j ~ Normal(mu_a, sigma_a)                        (non-centred)
//   hyperprior level: mu_a ~ Normal(0, 10), sigma_a ~ Normal⁺(0, 1), b ~ Normal(0, 10), sigma ~ Normal⁺(0, 1)
import { model, normal } from "../../src/model/index.js";

export default model("radon", ({ data, param, observe }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor");
  const { index: county, levels } = data.factor("county");
  const muA = param("mu_a", normal(0, 10));
  const sigmaA = param("sigma_a", normal(0, 1), { lower: 0 });
  const a = param("a", normal(muA, sigmaA), { size: levels.length, noncentered: true });
  const b = param("b", normal(0, 10));
  const sigma = param("sigma", normal(0, 1), { lower: 0 });
  observe(logRadon, normal(a.at(county).add(floor.mul(b)), sigma));
});
