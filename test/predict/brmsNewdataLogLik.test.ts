// brms's log_lik(fit, newdata = nd) on brms's own draws against hbayes's log_lik code path run on the
// same draws (test/predict/fixtures/make-brms-newdata-loglik.R): a truncated gaussian whose bounds are
// columns, and a censored, weighted poisson with a group term. The new rows carry their own bounds,
// codes and weights, as brms reads them from newdata. brms 2.18's log_lik leaves the truncation
// normaliser out (brms issue #1413, fixed later); the truncated case is checked against its log_lik
// minus log(pnorm(U) − pnorm(L)) computed in R from the same draws (`log_lik_truncated`).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { createDraws } from "../../src/posterior/draws.js";
import { logLikFromDraws } from "../../src/predict/index.js";

interface Case {
  formula: string;
  family: string;
  data: Record<string, (number | string)[]>;
  newdata: Record<string, (number | string)[]>;
  variables: string[];
  draws: number[][];
  log_lik: number[][];
  log_lik_truncated?: number[][];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/brms-newdata-loglik.json", import.meta.url), "utf8")) as Record<"trunc" | "poiscens", Case>;

function check(c: Case): void {
  const design = buildFormulaModel({ formula: c.formula, family: c.family, data: c.data }).design;
  const S = c.draws[0].length;
  const draws = createDraws(c.variables, 1, S);
  c.draws.forEach((v, k) => draws.data.set(v, k * S));
  const ll = logLikFromDraws(draws, design, c.newdata);
  const ref = c.log_lik_truncated ?? c.log_lik;
  const n = ref[0].length;
  expect([ll.draws, ll.observations]).toEqual([S, n]);
  // Tolerance 1e-8 absolute: brms's values are printed with 15 significant digits and computed by R's
  // pnorm / ppois, ours by src/distributions; both are accurate to ~1e-14 relative here.
  for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) expect(Math.abs(ll.data[s * n + i] - ref[s][i])).toBeLessThan(1e-8);
}

describe("log_lik(fit, newdata) on brms's draws agrees with brms", () => {
  it(`truncated gaussian, bounds from the new data's columns: ${fixture.trunc.formula}`, () => check(fixture.trunc));
  it(`censored, weighted poisson, codes and weights from the new data: ${fixture.poiscens.formula}`, () => check(fixture.poiscens));
});
