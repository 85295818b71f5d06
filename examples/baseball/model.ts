// Efron & Morris (1975): 18 players' first 45 at-bats of 1970. Who will hit best for the rest of
// the season? Partial pooling shrinks each player's early average toward the league's.
//   data level:       hits_i ~ Binomial(45, logit⁻¹(ability_i))
//   process level:    ability_i ~ Normal(mu, sigma)           (non-centred)
//   hyperprior level: mu ~ Normal(-1, 1), sigma ~ Normal⁺(0, 1)
import { binomialLogit, model, normal } from "../../src/model/index.js";

export default model("baseball", ({ data, param, observe }) => {
  const hits = data.ints("Hits", { lower: 0 });
  const atBats = data.ints("AB", { lower: 1 });
  const mu = param("mu", normal(-1, 1));
  const sigma = param("sigma", normal(0, 1), { lower: 0 });
  const ability = param("ability", normal(mu, sigma), { size: hits.length, noncentered: true });
  observe(hits, binomialLogit(atBats, ability));
});
