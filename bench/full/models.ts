/**
 * The models of `npm run bench`: for each, how hbayes builds it and what every other tool is given
 * (Stan program and data, brms formula and priors, lme4 formula, JAGS program and data). Priors are
 * written once per model (GlmmPriors) and translated for each tool, so they match by construction.
 */
import type { ProgramToFit } from "../../src/api/fit.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { buildModel } from "../../src/model/model.js";
import eightSchoolsCentered from "../../examples/posteriordb/eight_schools-eight_schools_centered.js";
import eightSchoolsNoncentered from "../../examples/posteriordb/eight_schools-eight_schools_noncentered.js";
import pumpsModel from "../../examples/pumps/model.js";
import { eightSchools, radon, simulateLogistic, sleepstudy } from "../data/datasets.js";
import { cbpp, codeLevels, column, columnMeans, pumps, readCsv, rows, toCsv } from "./datasets.js";
import { brmsPriors, glmmSpec, type SimpleGlmm } from "./glmmSpec.js";

/** "hbayes-plain": hbayes with the issue 12 features off (Stan's algorithm on the model as written). */
export const TOOLS = ["hbayes", "hbayes-plain", "stan", "brms", "lme4", "jags"] as const;
export type Tool = (typeof TOOLS)[number];

export interface StanSide {
  /** File in bench/programs/stan/. */
  program: string;
  data(): Record<string, unknown>;
  /** Regex of variables left out of the ESS minimum (internal parametrisation, as brms hides it). */
  exclude: string;
}

export interface TableSide {
  /** CSV text and the columns R must treat as factors. */
  csv(): string;
  factors: string[];
  formula: string;
  family: string;
}

export interface BrmsSide extends TableSide {
  priors: string[];
}

export interface JagsSide {
  /** File in bench/programs/jags/. */
  program: string;
  data(): Record<string, unknown>;
  monitor: string[];
}

/** One quantity under each tool's name for it (a tool left out does not report it). */
export type KeyName = Partial<Record<Tool, string>>;

export interface BenchModel {
  id: string;
  /** Quantities whose posterior means every tool reports, to show all fitted the same posterior. */
  keys: KeyName[];
  title: string;
  /** Part of `--quick`. */
  quick: boolean;
  hbayes(): ProgramToFit;
  stan?: StanSide;
  brms?: BrmsSide;
  lme4?: TableSide;
  jags?: JagsSide;
}

const arr = (a: ArrayLike<number>): number[] => Array.from(a);
const GLMM_EXCLUDE = "^(lp__|Intercept$|z_|L_)";

function fromGlmm(id: string, m: SimpleGlmm): ProgramToFit {
  const built = buildGlmmIr(glmmSpec(m));
  return { name: id, program: built.program, data: built.data, rename: built.outputs.rename };
}

/** Stan and JAGS data of a SimpleGlmm (JAGS gets the predictors already centred). */
function glmmData(m: SimpleGlmm, tool: "stan" | "jags"): Record<string, unknown> {
  const K = m.xNames.length;
  const p = m.priors;
  const base: Record<string, unknown> = {
    N: m.y.length,
    K,
    y: arr(m.y),
    J: m.group.levels.length,
    g: arr(m.group.index),
    prior_Intercept: [p.intercept[0], p.intercept[1]],
    prior_b_scale: p.bScale,
    prior_sd_scale: p.sdScale,
  };
  if (m.family === "gaussian") base.prior_sigma_scale = p.sigmaScale ?? 1;
  if (m.trials) base.trials = arr(m.trials);
  if (m.slope) {
    base.Z = arr(m.slope.values);
    base.prior_lkj_eta = p.lkjEta ?? 1;
  }
  if (tool === "stan") return { ...base, X: rows(m.X, K) };
  const means = columnMeans(m.X, K);
  const Xc = Float64Array.from(m.X, (v, i) => v - means[i % K]);
  const out: Record<string, unknown> = { ...base, Xc: rows(Xc, K), means_X: arr(means) };
  if (m.slope) out.zero2 = [0, 0];
  return out;
}

/** hbayes and brms share brms's names; Stan and JAGS use the programs' (b[1], sd_1[2], cor_1). */
function glmmKeys(m: SimpleGlmm): KeyName[] {
  const g = m.group.name;
  const keys: KeyName[] = [{ hbayes: "b_Intercept", stan: "b_Intercept", brms: "b_Intercept", jags: "b_Intercept" }];
  m.xNames.forEach((x, k) => keys.push({ hbayes: `b_${x}`, stan: `b[${k + 1}]`, brms: `b_${x}`, jags: `b[${k + 1}]` }));
  if (m.slope) {
    const sl = m.slope.name;
    keys.push({ hbayes: `sd_${g}__Intercept`, stan: "sd_1[1]", brms: `sd_${g}__Intercept`, jags: "sd_1[1]" });
    keys.push({ hbayes: `sd_${g}__${sl}`, stan: "sd_1[2]", brms: `sd_${g}__${sl}`, jags: "sd_1[2]" });
    keys.push({ hbayes: `cor_${g}__Intercept__${sl}`, stan: "cor_1", brms: `cor_${g}__Intercept__${sl}`, jags: "cor_1" });
  } else keys.push({ hbayes: `sd_${g}__Intercept`, stan: "sd_1", brms: `sd_${g}__Intercept`, jags: "sd_1" });
  if (m.family === "gaussian") keys.push({ hbayes: "sigma", stan: "sigma", brms: "sigma", jags: "sigma" });
  return keys;
}

const same = (...names: string[]): KeyName[] => names.map((n) => ({ hbayes: n, stan: n, jags: n }));

function glmmMonitor(m: SimpleGlmm): string[] {
  const out = ["b_Intercept", "b", "sd_1", m.slope ? "r_1" : "r_1_1"];
  if (m.family === "gaussian") out.push("sigma");
  if (m.slope) out.push("cor_1");
  return out;
}

/** One mixed model on every tool: hbayes's GLMM builder, brms-parametrised Stan, brms, lme4, JAGS. */
function glmmModel(o: {
  id: string;
  title: string;
  quick: boolean;
  spec: () => SimpleGlmm;
  stanProgram: string;
  csv: () => string;
  factors: string[];
  formula: string;
  brmsFamily: string;
  lme4Formula?: string;
}): BenchModel {
  const family = o.brmsFamily === "gaussian" ? "gaussian" : "binomial";
  // Keys and brms priors are getters: building a spec reads or simulates its data (100k rows for the
  // logistic model), which only the model being run should pay for.
  return {
    id: o.id,
    title: o.title,
    quick: o.quick,
    get keys() {
      return glmmKeys(o.spec());
    },
    hbayes: () => fromGlmm(o.id, o.spec()),
    stan: { program: `${o.stanProgram}.stan`, data: () => glmmData(o.spec(), "stan"), exclude: GLMM_EXCLUDE },
    brms: {
      csv: o.csv, factors: o.factors, formula: o.formula, family: o.brmsFamily,
      get priors() {
        return brmsPriors(o.spec());
      },
    },
    lme4: { csv: o.csv, factors: o.factors, formula: o.lme4Formula ?? o.formula, family },
    jags: { program: `${o.stanProgram}.jags`, data: () => glmmData(o.spec(), "jags"), monitor: glmmMonitor(o.spec()) },
  };
}

function eightSchoolsData(): Record<string, unknown> {
  const es = eightSchools();
  return { J: es.J, y: arr(es.y), sigma: arr(es.sigma) };
}

function radonSpec(slope: boolean): SimpleGlmm {
  const r = radon();
  const { levels } = codeLevels(readCsv("data/radon_mn.csv").map((row) => row.county));
  return {
    family: "gaussian",
    y: r.y,
    X: r.x,
    xNames: ["floor"],
    group: { name: "county", index: r.county, levels },
    slope: slope ? { name: "floor", values: r.x } : undefined,
    priors: { intercept: [0, 10], bScale: 10, sdScale: 2.5, sigmaScale: 2.5, lkjEta: 2 },
  };
}

function radonCsv(): string {
  const r = readCsv("data/radon_mn.csv");
  return toCsv({ log_radon: r.map((x) => x.log_radon), floor: r.map((x) => x.floor), county: r.map((x) => x.county) });
}

function sleepstudySpec(): SimpleGlmm {
  const s = sleepstudy();
  const { levels } = codeLevels(readCsv("bench/data/sleepstudy.csv").map((row) => row.Subject));
  return {
    family: "gaussian",
    y: s.y,
    X: s.days,
    xNames: ["Days"],
    group: { name: "Subject", index: s.subject, levels },
    slope: { name: "Days", values: s.days },
    priors: { intercept: [300, 100], bScale: 50, sdScale: 50, sigmaScale: 50, lkjEta: 2 },
  };
}

function cbppSpec(): SimpleGlmm {
  const c = cbpp();
  return {
    family: "binomial",
    y: Float64Array.from(c.incidence),
    trials: Float64Array.from(c.size),
    X: c.X,
    xNames: ["period2", "period3", "period4"],
    group: { name: "herd", index: c.herd, levels: c.herds },
    priors: { intercept: [0, 5], bScale: 5, sdScale: 2.5 },
  };
}

function logisticSpec(): SimpleGlmm {
  const l = simulateLogistic();
  return {
    family: "bernoulli",
    y: Float64Array.from(l.y),
    X: l.X,
    xNames: ["x1", "x2", "x3"],
    group: { name: "g", index: l.g, levels: Array.from({ length: l.J }, (_, j) => String(j + 1)) },
    priors: { intercept: [0, 5], bScale: 2, sdScale: 2.5 },
  };
}

function logisticCsv(): string {
  const l = simulateLogistic();
  return toCsv({ y: l.y, x1: column(l.X, 3, 0), x2: column(l.X, 3, 1), x3: column(l.X, 3, 2), g: l.g });
}

export const MODELS: readonly BenchModel[] = [
  {
    id: "eight_schools_centered",
    title: "eight schools, centred (J = 8)",
    quick: false,
    keys: same("mu", "tau", "theta[1]"),
    hbayes: () => buildModel(eightSchoolsCentered, eightSchoolsData()),
    stan: { program: "eight_schools_centered.stan", data: eightSchoolsData, exclude: "^lp__$" },
    jags: { program: "eight_schools_centered.jags", data: eightSchoolsData, monitor: ["mu", "tau", "theta"] },
  },
  {
    id: "eight_schools_noncentered",
    title: "eight schools, non-centred (J = 8)",
    quick: true,
    // brms's b_Intercept and sd_school__Intercept are mu and tau.
    keys: [{ hbayes: "mu", stan: "mu", jags: "mu", brms: "b_Intercept" }, { hbayes: "tau", stan: "tau", jags: "tau", brms: "sd_school__Intercept" }, ...same("theta[1]")],
    hbayes: () => buildModel(eightSchoolsNoncentered, eightSchoolsData()),
    stan: { program: "eight_schools_noncentered.stan", data: eightSchoolsData, exclude: "^lp__$" },
    // brms always non-centres: y | se(sigma) ~ 1 + (1 | school) is this model (ESS over its b_, sd_, r_).
    brms: {
      csv: () => toCsv({ school: readCsv("data/eight_schools.csv").map((r) => r.school), ...eightSchoolsData() as { y: number[]; sigma: number[] } }),
      factors: ["school"],
      formula: "y | se(sigma) ~ 1 + (1 | school)",
      family: "gaussian",
      priors: ["Intercept ~ normal(0, 5)", "sd ~ cauchy(0, 5)"],
    },
    jags: { program: "eight_schools_noncentered.jags", data: eightSchoolsData, monitor: ["mu", "tau", "theta", "theta_trans"] },
  },
  {
    id: "pumps",
    title: "BUGS pumps, Poisson–Gamma (N = 10)",
    quick: true,
    keys: same("alpha", "beta", "lambda[1]", "lambda[10]"),
    hbayes: () => {
      const p = pumps();
      return buildModel(pumpsModel, { failures: arr(p.failures), time: arr(p.time) });
    },
    stan: { program: "pumps.stan", data: () => { const p = pumps(); return { N: p.N, failures: arr(p.failures), time: arr(p.time) }; }, exclude: "^lp__$" },
    jags: { program: "pumps.jags", data: () => { const p = pumps(); return { N: p.N, failures: arr(p.failures), time: arr(p.time) }; }, monitor: ["alpha", "beta", "lambda"] },
  },
  glmmModel({
    id: "radon_intercept",
    title: "radon: log_radon ~ floor + (1 | county), 919 homes, 85 counties",
    quick: true,
    spec: () => radonSpec(false),
    stanProgram: "glmm_gaussian_intercept",
    csv: radonCsv,
    factors: ["county"],
    formula: "log_radon ~ floor + (1 | county)",
    brmsFamily: "gaussian",
  }),
  glmmModel({
    id: "radon_slope",
    title: "radon: log_radon ~ floor + (floor | county), LKJ(2)",
    quick: false,
    spec: () => radonSpec(true),
    stanProgram: "glmm_gaussian_slope",
    csv: radonCsv,
    factors: ["county"],
    formula: "log_radon ~ floor + (floor | county)",
    brmsFamily: "gaussian",
  }),
  glmmModel({
    id: "sleepstudy",
    title: "sleepstudy: Reaction ~ Days + (Days | Subject), LKJ(2)",
    quick: false,
    spec: sleepstudySpec,
    stanProgram: "glmm_gaussian_slope",
    csv: () => {
      const r = readCsv("bench/data/sleepstudy.csv");
      return toCsv({ Reaction: r.map((x) => x.Reaction), Days: r.map((x) => x.Days), Subject: r.map((x) => x.Subject) });
    },
    factors: ["Subject"],
    formula: "Reaction ~ Days + (Days | Subject)",
    brmsFamily: "gaussian",
  }),
  glmmModel({
    id: "cbpp",
    title: "cbpp: incidence | trials(size) ~ period + (1 | herd), binomial",
    quick: false,
    spec: cbppSpec,
    stanProgram: "glmm_binomial_intercept",
    csv: () => {
      const c = cbpp();
      return toCsv({ herd: c.rows.map((r) => r.herd), incidence: c.incidence, size: c.size, period: c.rows.map((r) => r.period) });
    },
    factors: ["herd", "period"],
    formula: "incidence | trials(size) ~ period + (1 | herd)",
    brmsFamily: "binomial",
    lme4Formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)",
  }),
  glmmModel({
    id: "logistic_100k",
    title: "logistic: y ~ x1 + x2 + x3 + (1 | g), 100,000 obs, 1,000 groups",
    quick: false,
    spec: logisticSpec,
    stanProgram: "glmm_bernoulli_intercept",
    csv: logisticCsv,
    factors: ["g"],
    formula: "y ~ x1 + x2 + x3 + (1 | g)",
    brmsFamily: "bernoulli",
  }),
];

export function findModel(id: string): BenchModel {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`bench: no model "${id}"; models are ${MODELS.map((x) => x.id).join(", ")}`);
  return m;
}
