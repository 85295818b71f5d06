/**
 * Models and data shared by the marginalisation / reparameterisation tests and bench/beyond.ts:
 * eight schools (centred as a user writes it, and hand non-centred), radon varying intercepts
 * (centred, and the radon example's non-centred DSL model), BUGS pumps, and rats-style binomial–Beta groups.
 */
import { readFileSync } from "node:fs";
import { beta, binomial, cauchy, gamma, lkjCorrCholesky, model, normal } from "../../../src/model/index.js";
import { createRng } from "../../../src/random/rng.js";
import eightCentered from "../../../examples/posteriordb/eight_schools-eight_schools_centered.js";
import eightNoncentered from "../../../examples/posteriordb/eight_schools-eight_schools_noncentered.js";
import pumps from "../../../examples/pumps/model.js";
import radonNoncentered from "../../../examples/radon/model.js";

export { eightCentered, eightNoncentered, pumps, radonNoncentered };

export const EIGHT_SCHOOLS = Object.freeze({ y: [28, 8, -3, 7, -1, 1, 18, 12], sigma: [15, 10, 16, 11, 9, 11, 10, 18] });

/** Radon varying intercepts as a user writes them: a_j ~ N(mu_a, sigma_a) sampled directly. */
export const radonCentered = model("radon_centered", ({ data, param, observe }) => {
  const logRadon = data.reals("log_radon");
  const floor = data.reals("floor");
  const { index: county, levels } = data.factor("county");
  const muA = param("mu_a", normal(0, 10));
  const sigmaA = param("sigma_a", normal(0, 1), { lower: 0 });
  const a = param("a", normal(muA, sigmaA), { size: levels.length });
  const b = param("b", normal(0, 10));
  const sigma = param("sigma", normal(0, 1), { lower: 0 });
  observe(logRadon, normal(a.at(county).add(floor.mul(b)), sigma));
});

/** Eight schools with the group effects used in a derived quantity: not marginalisable. */
export const eightCenteredDerived = model("eight_schools_derived", ({ data, param, observe, derived }) => {
  const y = data.reals("y");
  const sigma = data.reals("sigma", { lower: 0, length: y.length });
  const mu = param("mu", normal(0, 5));
  const tau = param("tau", cauchy(0, 5), { lower: 0 });
  const theta = param("theta", normal(mu, tau), { size: y.length });
  derived("theta2", theta.mul(2));
  observe(y, normal(theta, sigma));
});

function csv(path: string): string[][] {
  return readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

export function radonData(): { log_radon: number[]; floor: number[]; county: string[] } {
  const rows = csv("data/radon_mn.csv");
  return { log_radon: rows.map((r) => +r[0]), floor: rows.map((r) => +r[1]), county: rows.map((r) => r[2]) };
}

export function pumpsData(): { failures: number[]; time: number[] } {
  const rows = csv("data/pumps.csv");
  return { failures: rows.map((r) => +r[1]), time: rows.map((r) => +r[2]) };
}

/** lme4's sleepstudy (data/export.R). */
export function sleepstudyData(): { Reaction: number[]; Days: number[]; Subject: string[] } {
  const rows = csv("data/sleepstudy.csv");
  return { Reaction: rows.map((r) => +r[0]), Days: rows.map((r) => +r[1]), Subject: rows.map((r) => r[2].replace(/"/g, "")) };
}

/**
 * sleepstudy's varying intercepts and slopes as a Stan user writes them non-centred in the DSL:
 * u = diag(tau) L z with z1, z2 ~ N(0, 1) per subject, y ~ N(alpha + beta·Days + u1[s] + u2[s]·Days, sigma).
 */
export const sleepNoncentered = model("sleepstudy_noncentered", ({ data, param, observe, derived }) => {
  const y = data.reals("Reaction");
  const days = data.reals("Days");
  const { index: subject, levels } = data.factor("Subject");
  const alpha = param("alpha", normal(250, 100));
  const beta = param("beta", normal(0, 50));
  const tau = param("tau", normal(0, 50), { size: 2, lower: 0 });
  const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
  const z1 = param("z1", normal(0, 1), { size: levels.length });
  const z2 = param("z2", normal(0, 1), { size: levels.length });
  const u1 = derived("u1", tau.el(0).mul(z1));
  const u2 = derived("u2", tau.el(1).mul(L.el(2).mul(z1).add(L.el(3).mul(z2))));
  const sigma = param("sigma", normal(0, 50), { lower: 0 });
  observe(y, normal(alpha.add(days.mul(beta)).add(u1.at(subject)).add(u2.at(subject).mul(days)), sigma));
});

/** Rats-style binomial counts with Beta(a, b) group probabilities, several rows per group. */
export const ratsLike = model("binomial_beta_groups", ({ data, param, observe }) => {
  const y = data.ints("y", { lower: 0 });
  const n = data.ints("n", { lower: 0 });
  const { index: g, levels } = data.factor("g");
  const a = param("a", gamma(2, 0.2), { lower: 0 });
  const b = param("b", gamma(2, 0.2), { lower: 0 });
  const p = param("p", beta(a, b), { size: levels.length, lower: 0, upper: 1 });
  observe(y, binomial(n, p.at(g)));
});

/** 40 rows in 8 groups; trials up to 30 per row, one group of large trials (totals beyond 32: lgamma). */
export function ratsData(): { y: number[]; n: number[]; g: string[] } {
  const rng = createRng(23, 0);
  const y: number[] = [];
  const n: number[] = [];
  const g: string[] = [];
  for (let i = 0; i < 40; i++) {
    const j = i % 8;
    const trials = j === 3 ? 200 + (rng.nextU32() % 100) : 1 + (rng.nextU32() % 6);
    g.push(`g${j}`);
    n.push(trials);
    y.push(Math.floor(rng.uniform() * (trials + 1) * 0.3));
  }
  return { y, n, g };
}
