// Species sensitivity distribution: log10 EC50 of several tests per species, species partially pooled.
//   data level:       y_i ~ Normal(a[species_i], sigma)                (test-to-test scatter within a species)
//   process level:    a_j ~ Normal(mu, sigma_species)                   (the species sensitivity distribution)
//   hyperprior level: mu ~ Normal(2, 2), sigma_species ~ Normal⁺(0, 1), sigma ~ Normal⁺(0, 1)
// HC5 is the 5 % quantile of the species distribution, mu + sigma_species · Φ⁻¹(0.05), per draw.
import { invPhi } from "../../src/math/invPhi.js";
import { model, normal } from "../../src/model/index.js";

/** Φ⁻¹(0.05) = −1.6449: HC5 sits this many species sds below the mean sensitivity. */
export const Z05 = invPhi(0.05);

export default model("toxicity_ssd", ({ data, param, observe, derived }) => {
  const y = data.reals("log10_ec50");
  const { index: species, levels } = data.factor("species");
  // Scales in log10 units: a species sd of 1 means species differ by a factor of 10.
  const mu = param("mu", normal(2, 2));
  const sigmaSpecies = param("sigma_species", normal(0, 1), { lower: 0 });
  const sigma = param("sigma", normal(0, 1), { lower: 0 });
  // Non-centred: species with one test would otherwise form a funnel with sigma_species.
  const a = param("a", normal(mu, sigmaSpecies), { size: levels.length, noncentered: true });
  observe(y, normal(a.at(species), sigma));
  derived("log10_hc5", mu.add(sigmaSpecies.mul(Z05)));
});
