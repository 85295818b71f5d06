/**
 * Correlated group effects written in the DSL as a matrix parameter b ~ multi_normal_cholesky read by
 * b.col(m).at(g) (mvnShape.ts), on lme4's sleepstudy: the README's model and variants the rewrite must
 * refuse.
 */
import { exponential, flat, lkjCorrCholesky, model, multiNormalCholesky, normal } from "../../../src/model/index.js";

/** The README's sleepstudy model (test/model/readmeCol.test.ts checks the README's copy line for line). */
export const sleepMvn = model("sleepstudy_mvn", ({ data, param, observe }) => {
  const y = data.reals("Reaction");
  const days = data.reals("Days");
  const { index: g, levels } = data.factor("Subject");
  const alpha = param("alpha", normal(250, 50));
  const beta = param("beta", normal(10, 10));
  const sigma = param("sigma", exponential(0.05), { lower: 0 });
  const tau = param("tau", normal(0, 30), { size: 2, lower: 0 });
  const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
  const b = param("b", multiNormalCholesky(0, L, tau), { size: [levels.length, 2] });
  observe(y, normal(alpha.add(b.col(0).at(g)).add(beta.add(b.col(1).at(g)).mul(days)), sigma));
});

/**
 * sleepMvn's model with other population priors or term order (sleepMvn itself stays written out: the
 * README test reads its body). `flatPopulation`: flat priors on alpha and beta; `slopeFirst`: the slope
 * term first and the data column on the left, so effects come in column order 2, 1.
 */
const sleepMvnVariant = (name: string, flatPopulation: boolean, slopeFirst: boolean) =>
  model(name, ({ data, param, observe }) => {
    const y = data.reals("Reaction");
    const days = data.reals("Days");
    const { index: g, levels } = data.factor("Subject");
    const alpha = param("alpha", flatPopulation ? flat() : normal(250, 50));
    const beta = param("beta", flatPopulation ? flat() : normal(10, 10));
    const sigma = param("sigma", exponential(0.05), { lower: 0 });
    const tau = param("tau", normal(0, 30), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(0, L, tau), { size: [levels.length, 2] });
    const mu = slopeFirst
      ? days.mul(beta.add(b.col(1).at(g))).add(alpha).add(b.col(0).at(g))
      : alpha.add(b.col(0).at(g)).add(beta.add(b.col(1).at(g)).mul(days));
    observe(y, normal(mu, sigma));
  });

/** sleepMvn with the slope term first and the data column on the left: effects come in column order 2, 1. */
export const sleepMvnSwapped = sleepMvnVariant("sleepstudy_mvn_swapped", false, true);

/**
 * sleepMvn with the priors of the formula fit `Reaction ~ Days + (Days | Subject)` given
 * SLEEP_FORMULA_PRIORS: flat population intercept and slope (the centring of brms's Intercept does
 * not change a flat prior), half-normal(0, 30) sds, exponential(0.05) σ, LKJ(2): the same posterior.
 */
export const sleepMvnFlat = sleepMvnVariant("sleepstudy_mvn_flat", true, false);

export const SLEEP_FORMULA = "Reaction ~ Days + (Days | Subject)";
export const SLEEP_FORMULA_PRIORS = Object.freeze(["Intercept ~ flat()", "sd ~ normal(0, 30)", "sigma ~ exponential(0.05)", "cor ~ lkj(2)"]);

/**
 * b centred on the population intercept and slope, mu (a parameter vector): b[j,1] is subject j's
 * intercept, b[j,2] its slope. `meanFromData` makes mu the data vector `mu0` instead.
 */
export const sleepMvnMean = (meanFromData = false) =>
  model(meanFromData ? "sleepstudy_mvn_data_mean" : "sleepstudy_mvn_mean", ({ data, param, observe }) => {
    const y = data.reals("Reaction");
    const days = data.reals("Days");
    const { index: g, levels } = data.factor("Subject");
    const sigma = param("sigma", exponential(0.05), { lower: 0 });
    const mu = meanFromData ? data.reals("mu0") : param("mu", normal(0, 300), { size: 2 });
    const tau = param("tau", normal(0, 30), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(mu, L, tau), { size: [levels.length, 2] });
    observe(y, normal(days.mul(b.col(1).at(g)).add(b.col(0).at(g)), sigma));
  });
