// posteriordb irt_2pl-irt_2pl: two-parameter logistic item response model, 20 items × 100 persons,
//   y[i, j] ~ Bernoulli-logit(a_i·(theta_j - b_i)),
//   theta ~ N(0, sigma_theta), a ~ lognormal(0, sigma_a) (a > 0), b ~ N(mu_b, sigma_b) (all centred),
//   sigma_theta, sigma_a, sigma_b ~ half-Cauchy(0, 2), mu_b ~ N(0, 5).
//
// The DSL takes vectors, so `fromPosteriordb` flattens the I × J response matrix row by row into
// y_flat with its item and person codes (long format); the likelihood terms are the same.
import { bernoulliLogit, cauchy, lognormal, model, normal } from "../../src/model/index.js";

/** Stan data → long format: y_flat[k], item[k], person[k] for k = (i-1)·J + j. */
export function fromPosteriordb(d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const y = d.y as number[][];
  const yFlat: number[] = [];
  const item: number[] = [];
  const person: number[] = [];
  y.forEach((row, i) =>
    row.forEach((v, j) => {
      yFlat.push(v);
      item.push(i + 1);
      person.push(j + 1);
    }),
  );
  return { y_flat: yFlat, item, person };
}

export default model("irt_2pl", ({ data, param, observe }) => {
  const y = data.ints("y_flat", { lower: 0, upper: 1 });
  const item = data.index("item", { length: y.length });
  const person = data.index("person", { length: y.length });
  const I = item.groups ?? 0;
  const J = person.groups ?? 0;
  const sigmaTheta = param("sigma_theta", cauchy(0, 2), { lower: 0 });
  const theta = param("theta", normal(0, sigmaTheta), { size: J });
  const sigmaA = param("sigma_a", cauchy(0, 2), { lower: 0 });
  const a = param("a", lognormal(0, sigmaA), { size: I, lower: 0 });
  const muB = param("mu_b", normal(0, 5));
  const sigmaB = param("sigma_b", cauchy(0, 2), { lower: 0 });
  const b = param("b", normal(muB, sigmaB), { size: I });
  observe(y, bernoulliLogit(a.at(item).mul(theta.at(person).sub(b.at(item)))));
});
