/**
 * The built-in examples: data bundled as text (Vite's `?raw`), a DSL model written level by level,
 * and how to read its group parameters for the forest and shrinkage plots (no / complete / partial
 * pooling on the same scale).
 */
import type { Model } from "../../src/model/model.js";
import baseballModel from "../../examples/baseball/model.js";
import radonModel from "../../examples/radon/model.js";
import eightSchoolsModel from "./models/eightSchools.js";
import rnaPausingModel from "./models/rnaPausing.js";
import eightSchoolsCsv from "../../data/eight_schools.csv?raw";
import radonCsv from "../../data/radon_mn.csv?raw";
import baseballCsv from "../../data/bball1970.csv?raw";
import rnaPausingCsv from "../data/rna_pausing.csv?raw";
import type { DataTable } from "../../src/io/dataTable.js";
import { labelColumn, numericColumn } from "./data.js";

/**
 * No and complete pooling from the data, on the scale of the group parameter after `transform`
 * (the page takes partial pooling from the draws of `groups.param`, mapped by `transform`).
 */
export interface Pooling {
  /** What the three estimates are, e.g. "batting average". */
  readonly scale: string;
  /** Observations behind each group's own estimate (point size). */
  readonly size: readonly number[];
  readonly none: readonly number[];
  /** A 90% interval of each group's own estimate, when the data give one (known standard errors). */
  readonly noneInterval?: readonly (readonly [number, number])[];
  readonly complete: number;
  readonly transform?: (x: number) => number;
}

export interface Example {
  readonly name: string;
  readonly title: string;
  readonly blurb: string;
  readonly fileName: string;
  readonly csv: string;
  readonly model: Model;
  /** The model written out, as shown in the model panel. */
  readonly modelText: string;
  readonly seed: number;
  /** Group-level parameter and the column that labels its elements (forest plot). */
  readonly groups: {
    readonly param: string;
    readonly title: string;
    readonly labels: (t: DataTable) => string[];
    /** The population mean of the group parameter (forest plot reference line). */
    readonly reference: string | null;
  };
  /** `mean(name)` is a posterior mean, for pooling estimates that need one (radon's floor effect). */
  readonly pooling: (t: DataTable, mean: (name: string) => number) => Pooling;
  /** The observed column whose replicates the PPC shows, and how: a density for continuous data, bars for counts. */
  readonly ppc: string;
  readonly ppcKind: "density" | "bars";
}

const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};
const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

function uniqueSorted(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const EXAMPLES: readonly Example[] = [
  {
    name: "eight-schools",
    title: "Eight schools",
    blurb: "Coaching effects on SAT scores in eight schools, each with a known standard error. How much should one school's estimate be trusted on its own?",
    fileName: "eight_schools.csv",
    csv: eightSchoolsCsv,
    model: eightSchoolsModel,
    modelText: [
      "// data level",
      "y[j] ~ normal(theta[j], sigma[j])",
      "// process level (centred: theta is integrated out,",
      "// then drawn exactly for every draw)",
      "theta[j] ~ normal(mu, tau)",
      "// hyperpriors",
      "mu ~ normal(0, 5)",
      "tau ~ cauchy⁺(0, 5)",
    ].join("\n"),
    seed: 1981,
    groups: { param: "theta", title: "School effects θ", labels: (t) => labelColumn(t, "school"), reference: "mu" },
    pooling: (t) => {
      const y = numericColumn(t, "y");
      const se = numericColumn(t, "sigma");
      const w = Array.from(se, (s) => 1 / (s * s));
      return {
        scale: "treatment effect",
        // One measurement per school; its standard error is drawn as the interval instead.
        size: Array.from(y, () => 1),
        none: Array.from(y),
        noneInterval: Array.from(y, (v, j) => [v - 1.645 * se[j], v + 1.645 * se[j]] as const),
        complete: sum(Array.from(y, (v, j) => v * w[j])) / sum(w),
      };
    },
    ppc: "y",
    ppcKind: "density",
  },
  {
    name: "radon",
    title: "Radon in Minnesota",
    blurb: "Log radon in 919 homes across 85 counties, with a shared effect of measuring on the first floor. Counties with two homes borrow strength from the state.",
    fileName: "radon_mn.csv",
    csv: radonCsv,
    model: radonModel,
    modelText: [
      "// data level",
      "log_radon[i] ~ normal(a[county[i]]",
      "                      + b·floor[i], sigma)",
      "// process level (non-centred)",
      "a[j] ~ normal(mu_a, sigma_a)",
      "// hyperpriors",
      "mu_a, b ~ normal(0, 10)",
      "sigma_a, sigma ~ normal⁺(0, 1)",
      "// as a formula: log_radon ~ floor + (1 | county)",
    ].join("\n"),
    seed: 2007,
    groups: { param: "a", title: "County intercepts a", labels: (t) => uniqueSorted(labelColumn(t, "county")), reference: "mu_a" },
    pooling: (t, mean) => {
      // All three on the intercept scale: each home's log radon with the floor effect taken out.
      const b = mean("b");
      const y = numericColumn(t, "log_radon");
      const floor = numericColumn(t, "floor");
      const county = labelColumn(t, "county");
      const levels = uniqueSorted(county);
      const at = new Map(levels.map((l, k) => [l, k]));
      const total = new Float64Array(levels.length);
      const n = new Float64Array(levels.length);
      for (let i = 0; i < y.length; i++) {
        const k = at.get(county[i]) as number;
        total[k] += y[i] - b * floor[i];
        n[k] += 1;
      }
      return {
        scale: "county intercept (log radon, basement)",
        size: Array.from(n),
        none: Array.from(total, (s, k) => s / n[k]),
        complete: sum(total) / sum(n),
      };
    },
    ppc: "log_radon",
    ppcKind: "density",
  },
  {
    name: "baseball",
    title: "Efron–Morris baseball",
    blurb: "Eighteen players' first 45 at-bats of 1970. Shrinking toward the league predicts the rest of the season far better than the raw averages.",
    fileName: "bball1970.csv",
    csv: baseballCsv,
    model: baseballModel,
    modelText: [
      "// data level",
      "Hits[j] ~ binomial(AB[j], logit⁻¹(ability[j]))",
      "// process level (non-centred)",
      "ability[j] ~ normal(mu, sigma)",
      "// hyperpriors",
      "mu ~ normal(-1, 1)",
      "sigma ~ normal⁺(0, 1)",
    ].join("\n"),
    seed: 1970,
    groups: { param: "ability", title: "Player ability (logit scale)", labels: (t) => labelColumn(t, "Player"), reference: "mu" },
    pooling: (t) => {
      const hits = numericColumn(t, "Hits");
      const ab = numericColumn(t, "AB");
      return {
        scale: "batting average",
        size: Array.from(ab),
        none: Array.from(hits, (x, j) => x / ab[j]),
        complete: sum(hits) / sum(ab),
        transform: invLogit,
      };
    },
    ppc: "Hits",
    ppcKind: "bars",
  },
  {
    name: "rna-pausing",
    title: "RNA polymerase pausing",
    blurb: "Simulated Pol II pause counts at 14 promoter-proximal sites with very different coverage. A Poisson–Gamma model with exposure, like the BUGS pumps.",
    fileName: "rna_pausing.csv",
    csv: rnaPausingCsv,
    model: rnaPausingModel,
    modelText: [
      "// data level",
      "pauses[j] ~ poisson(rate[j] · exposure_kb[j])",
      "// process level",
      "rate[j] ~ gamma(alpha, beta)",
      "// hyperpriors",
      "alpha ~ exponential(1)",
      "beta ~ gamma(0.1, 1)",
    ].join("\n"),
    seed: 2718,
    groups: { param: "rate", title: "Pause rate per kb", labels: (t) => labelColumn(t, "site"), reference: null },
    pooling: (t) => {
      const pauses = numericColumn(t, "pauses");
      const exposure = numericColumn(t, "exposure_kb");
      return {
        scale: "pauses per kb",
        size: Array.from(exposure),
        none: Array.from(pauses, (x, j) => x / exposure[j]),
        complete: sum(pauses) / sum(exposure),
      };
    },
    ppc: "pauses",
    ppcKind: "bars",
  },
];
