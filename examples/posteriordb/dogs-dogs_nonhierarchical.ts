// posteriordb dogs-dogs_nonhierarchical (hierarchical despite its name): 30 dogs × 25 avoidance-learning
// trials. Each dog has (logit a_j, logit b_j) ~ MVN(mu_logit_ab, diag(sigma)·Omega·diag(sigma)),
// non-centred with a Cholesky factor: logit_ab[j,:] = mu' + z[j,:]·diag(sigma)·L, so with L = [[1, 0],
// [L21, L22]]
//   logit_a_j = mu_1 + sigma_1·z[j,1] + sigma_2·L21·z[j,2],   logit_b_j = mu_2 + sigma_2·L22·z[j,2],
// and y_jt ~ Bernoulli(a_j^prev_shock_jt · b_j^prev_avoid_jt), a = inv_logit(logit_a), b likewise.
// Priors: mu ~ logistic(0, 1), sigma ~ half-N(0, 1), L ~ LKJ-Cholesky(2), z ~ N(0, 1).
//
// What the DSL lacks, and how this file works around it (see the validation report):
//  - no matrix parameters: z is one vector of 2J values in Stan's column-major to_vector(z) order,
//    and `hbayesName` maps the reference's `z[j,c]` to our `z[(c-1)·J + j]`;
//  - no constant element access (`mu[1]`, `L[2,1]`), and `L.at(codes)` passes the DSL but the IR
//    rejects a gather from a Cholesky factor: elements come from the local shim `elementOf`
//    (./element.ts, the IR's `elem` expression); z's two columns are gathers by data codes;
//  - no transformed data: `fromPosteriordb` computes prev_shock / prev_avoid and the long format.
import { bernoulli, exp, logInvLogit, logistic, lkjCorrCholesky, model, normal } from "../../src/model/index.js";
import { elementOf } from "./element.js";

/** Stan data → long format (y, dog, prev_shock, prev_avoid per trial) plus the gather codes of z's columns. */
export function fromPosteriordb(d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const y = d.y as number[][];
  const J = y.length;
  const yFlat: number[] = [];
  const dog: number[] = [];
  const prevShock: number[] = [];
  const prevAvoid: number[] = [];
  y.forEach((row, j) => {
    let shock = 0;
    let avoid = 0;
    row.forEach((v, t) => {
      if (t > 0) {
        shock += row[t - 1];
        avoid += 1 - row[t - 1];
      }
      yFlat.push(v);
      dog.push(j + 1);
      prevShock.push(shock);
      prevAvoid.push(avoid);
    });
  });
  return {
    y_flat: yFlat,
    dog,
    prev_shock: prevShock,
    prev_avoid: prevAvoid,
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

export default model("dogs_nonhierarchical", ({ data, param, observe, derived }) => {
  const zcol1 = data.index("zcol1");
  const J = zcol1.length;
  const zcol2 = data.index("zcol2", { length: J });
  const y = data.ints("y_flat", { lower: 0, upper: 1 });
  const dog = data.index("dog", { groups: J, length: y.length });
  const prevShock = data.reals("prev_shock", { lower: 0, length: y.length });
  const prevAvoid = data.reals("prev_avoid", { lower: 0, length: y.length });

  const mu = param("mu_logit_ab", logistic(0, 1), { size: 2 });
  const sigma = param("sigma_logit_ab", normal(0, 1), { size: 2, lower: 0 });
  const L = param("L_logit_ab", lkjCorrCholesky(2), { choleskyCorr: 2 });
  const z = param("z", normal(0, 1), { size: 2 * J });

  const [mu1, mu2, s1, s2] = [elementOf(mu, 1), elementOf(mu, 2), elementOf(sigma, 1), elementOf(sigma, 2)];
  const [L21, L22] = [elementOf(L, 3), elementOf(L, 4)];
  const z1 = z.at(zcol1);
  const z2 = z.at(zcol2);
  const logitA = derived("logit_a", z1.mul(s1).add(mu1).add(z2.mul(s2.mul(L21))));
  const logitB = derived("logit_b", z2.mul(s2.mul(L22)).add(mu2));
  // log a_j and log b_j, named so they can be gathered per trial: p = exp(prev_shock·log a + prev_avoid·log b).
  const logA = derived("log_a", logInvLogit(logitA));
  const logB = derived("log_b", logInvLogit(logitB));
  observe(y, bernoulli(exp(prevShock.mul(logA.at(dog)).add(prevAvoid.mul(logB.at(dog))))));
});
