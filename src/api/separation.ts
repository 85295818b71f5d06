/**
 * Separation in binary-outcome models: when a predictor splits the rows so that every failure lies
 * on one side and every success on the other, the likelihood keeps rising as that coefficient runs
 * to ±∞. With brms's default flat prior on b the posterior is then improper (chains drift, R-hat
 * explodes); with a proper prior the estimate in that direction is the prior's. Checked one
 * predictor at a time, which finds the common cases (a threshold, a factor level with one outcome).
 */
import type { FormulaDesign } from "../formula/design.js";
import type { DesignPriors } from "../formula/priors.js";

const BINARY_FAMILIES = ["bernoulli", "binomial"];

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, "");
}

export function separationWarnings(design: FormulaDesign, priors: DesignPriors): string[] {
  if (!BINARY_FAMILIES.includes(design.family.name)) return [];
  const { y, trials } = design.response;
  const n = design.n;
  const out: string[] = [];
  // A row is a failure (all trials failed), a success (all succeeded), or mixed (breaks separation).
  const failure = (i: number) => y[i] === 0;
  const success = (i: number) => y[i] === (trials ? trials[i] : 1) && y[i] > 0;
  let nFail = 0;
  let nSucc = 0;
  for (let i = 0; i < n; i++) {
    if (failure(i)) nFail++;
    else if (success(i)) nSucc++;
  }
  if (n > 0 && (nFail === n || nSucc === n)) {
    out.push(
      `every outcome of '${design.response.label}' is a ${nFail === n ? "failure (0)" : "success"}: the data cannot bound the intercept from one side, ` +
        `so its estimate there comes from the prior alone. Check the response coding, or keep a proper Intercept prior.`,
    );
    return out;
  }
  const p = design.X.names.length;
  const X = design.X.values;
  for (let k = 0; k < p; k++) {
    let failMin = Infinity, failMax = -Infinity, succMin = Infinity, succMax = -Infinity;
    let mixed = false;
    for (let i = 0; i < n; i++) {
      const x = X[i * p + k];
      if (failure(i)) {
        failMin = Math.min(failMin, x);
        failMax = Math.max(failMax, x);
      } else if (success(i)) {
        succMin = Math.min(succMin, x);
        succMax = Math.max(succMax, x);
      } else mixed = true;
    }
    if (mixed || nFail === 0 || nSucc === 0) continue;
    const constant = Math.min(failMin, succMin) === Math.max(failMax, succMax);
    if (constant) continue;
    let how: string | null = null;
    if (failMax <= succMin) how = `every failure has ${design.X.names[k]} ≤ ${fmt(failMax)} and every success ${design.X.names[k]} ≥ ${fmt(succMin)}`;
    else if (succMax <= failMin) how = `every success has ${design.X.names[k]} ≤ ${fmt(succMax)} and every failure ${design.X.names[k]} ≥ ${fmt(failMin)}`;
    if (how === null) continue;
    const name = design.bNames[(design.intercept ? 1 : 0) + k] ?? `b_${design.X.names[k]}`;
    const prior = priors.b[k]?.dist;
    if (prior === undefined || prior.family === "flat") {
      out.push(
        `the outcome is perfectly separated by ${design.X.names[k]} (${how}): with the flat prior on ${name} the posterior is improper and ${name} runs off ` +
          `toward ${failMax <= succMin ? "+" : "-"}infinity, so its estimate (and everything that depends on it) is meaningless. ` +
          `Give a proper prior, e.g. --prior "b ~ normal(0, 2.5)".`,
      );
    } else {
      out.push(
        `the outcome is perfectly separated by ${design.X.names[k]} (${how}): the data push ${name} toward ${failMax <= succMin ? "+" : "-"}infinity, ` +
          `so how large it is comes from its prior alone; report it as "at least" rather than as an estimate.`,
      );
    }
  }
  return out;
}
