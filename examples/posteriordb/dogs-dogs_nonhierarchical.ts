// posteriordb dogs-dogs_nonhierarchical (hierarchical despite its name): 30 dogs × 25 avoidance-learning
// trials. Each dog has (logit a_j, logit b_j) ~ MVN(mu_logit_ab, diag(sigma)·Omega·diag(sigma)),
// non-centred with a Cholesky factor: logit_ab[j,:] = mu' + z[j,:]·diag(sigma)·L, so with L = [[1, 0],
// [L21, L22]]
//   logit_a_j = mu_1 + sigma_1·z[j,1] + sigma_2·L21·z[j,2],   logit_b_j = mu_2 + sigma_2·L22·z[j,2],
// and P(y_jt = 1) = p_jt = a_j^prev_shock_jt · b_j^prev_avoid_jt.
// Priors: mu ~ logistic(0, 1), sigma ~ half-N(0, 1), L ~ LKJ-Cholesky(2), z ~ N(0, 1).
//
// What the DSL lacks, and how this file works around it (see the validation report):
//  - no matrix parameters: z is one vector of 2J values in Stan's column-major to_vector(z) order,
//    z_flat-style, and `hbayesName` maps the reference's `z[j,c]` to our `z[(c-1)·J + j]`;
//  - no constant element access (`mu[1]`, `L[2,1]`), and `L.at(codes)` passes the DSL but the IR
//    rejects a gather from a Cholesky factor: elements come from the local shim `elementOf`
//    (./element.ts, the IR's `elem` expression); z's two columns are gathers by data codes;
//  - no bernoulli or logistic families in the compiler: both are written as target terms
//    (log p for y = 1, log(1 - p) = log(-expm1(log p)) for y = 0, split in `fromPosteriordb` so a
//    p = 1 never meets a y = 0; logistic(0, 1) log density = -x + 2·log inv_logit(x)).
import { expm1, log, logInvLogit, lkjCorrCholesky, model, normal } from "../../src/model/index.js";
import { elementOf } from "./element.js";

/** Stan data → long format split by outcome, with the prev_shock / prev_avoid counts of the Stan code. */
export function fromPosteriordb(d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const y = d.y as number[][];
  const J = y.length;
  const out: Record<"dog1" | "shock1" | "avoid1" | "dog0" | "shock0" | "avoid0", number[]> = {
    dog1: [], shock1: [], avoid1: [], dog0: [], shock0: [], avoid0: [],
  };
  y.forEach((row, j) => {
    let shock = 0;
    let avoid = 0;
    row.forEach((v, t) => {
      if (t > 0) {
        shock += row[t - 1];
        avoid += 1 - row[t - 1];
      }
      const s = v === 1 ? "1" : "0";
      out[`dog${s}`].push(j + 1);
      out[`shock${s}`].push(shock);
      out[`avoid${s}`].push(avoid);
    });
  });
  return {
    ...out,
    // Gather codes of z's two columns in the column-major z vector.
    zcol1: Array.from({ length: J }, (_, j) => j + 1),
    zcol2: Array.from({ length: J }, (_, j) => J + j + 1),
  };
}

/** The reference's name of a variable → ours (`z[j,c]` → `z[(c-1)·J + j]`); others are unchanged. */
export function hbayesName(name: string, d: Readonly<Record<string, unknown>>): string {
  const m = /^z\[(\d+),(\d+)\]$/.exec(name);
  if (m === null) return name;
  const J = (d.y as unknown[]).length;
  return `z[${(Number(m[2]) - 1) * J + Number(m[1])}]`;
}

export default model("dogs_nonhierarchical", ({ data, param, target, derived }) => {
  const zcol1 = data.index("zcol1");
  const J = zcol1.length;
  const zcol2 = data.index("zcol2", { length: J });
  const dog1 = data.index("dog1", { groups: J });
  const shock1 = data.reals("shock1", { length: dog1.length });
  const avoid1 = data.reals("avoid1", { length: dog1.length });
  const dog0 = data.index("dog0", { groups: J });
  const shock0 = data.reals("shock0", { length: dog0.length });
  const avoid0 = data.reals("avoid0", { length: dog0.length });

  const mu = param("mu_logit_ab", null, { size: 2 });
  target(mu.neg().add(logInvLogit(mu).mul(2)));
  const sigma = param("sigma_logit_ab", normal(0, 1), { size: 2, lower: 0 });
  const L = param("L_logit_ab", lkjCorrCholesky(2), { choleskyCorr: 2 });
  const z = param("z", normal(0, 1), { size: 2 * J });

  const z1 = z.at(zcol1);
  const z2 = z.at(zcol2);
  const [mu1, mu2, s1, s2] = [elementOf(mu, 1), elementOf(mu, 2), elementOf(sigma, 1), elementOf(sigma, 2)];
  const [L21, L22] = [elementOf(L, 3), elementOf(L, 4)];
  const logitA = derived("logit_a", z1.mul(s1).add(mu1).add(z2.mul(s2.mul(L21))));
  const logitB = derived("logit_b", z2.mul(s2.mul(L22)).add(mu2));
  // log a_j and log b_j, named so they can be gathered per trial.
  const logA = derived("log_a", logInvLogit(logitA));
  const logB = derived("log_b", logInvLogit(logitB));
  target(shock1.mul(logA.at(dog1)).add(avoid1.mul(logB.at(dog1))));
  const logP0 = shock0.mul(logA.at(dog0)).add(avoid0.mul(logB.at(dog0)));
  target(log(expm1(logP0).neg()));
});
