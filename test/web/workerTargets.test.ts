/**
 * What lets the app's bundled chain worker run marginal fits, in Node (fast; the browser test
 * test/web/marginal.test.ts runs the same path in Chromium): marginal plans survive structured
 * cloning unchanged and rebuild the same density, the worker's static loaders dispatch on the
 * target's factory name, and fitBeyond integrates out only for workers that declare they can.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compiledLogDensity } from "../../src/api/compiledTarget.js";
import { loadWithLoaders } from "../../src/inference/workerServe.js";
import { withFactories, workersLoad } from "../../src/inference/workerTarget.js";
import type { BrowserWorker } from "../../src/inference/threads.js";
import { planMarginal } from "../../src/marginal/plan.js";
import { marginalLogDensity } from "../../src/marginal/target.js";
import type { MarginalPlan } from "../../src/marginal/types.js";
import { buildModel, type Model } from "../../src/model/model.js";
import { createRng } from "../../src/random/rng.js";
import radonModel from "../../examples/radon/model.js";
import baseballModel from "../../examples/baseball/model.js";
import eightSchoolsModel from "../../web/src/models/eightSchools.js";
import rnaPausingModel from "../../web/src/models/rnaPausing.js";
import { loadCsv, tableToRecord } from "../../web/src/data.js";
import { formulaModel } from "../../web/src/formula.js";
import { WORKER_FACTORIES, WORKER_LOADERS } from "../../web/src/workerLoaders.js";

const table = (file: string) => loadCsv(file, readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), "utf8")).table;

function dslPlan(m: Model, file: string): MarginalPlan {
  const built = buildModel(m, tableToRecord(table(file)));
  const plan = planMarginal(built.program, built.data);
  if (plan === null) throw new Error(`${m.name}: no marginal plan`);
  return plan;
}

function formulaPlan(formula: string, family: string, file: string): MarginalPlan {
  const p = formulaModel(formula, family, [], table(file)).program;
  const plan = planMarginal(p.program, p.data);
  if (plan === null) throw new Error(`${formula}: no marginal plan`);
  return plan;
}

// Every kind of block the planner makes for the app's examples and formula box: normal–normal
// (plain, and linear with a predictor), Poisson–Gamma, a formula program's brms-style groups, and
// correlated varying intercepts and slopes.
const PLANS: readonly [string, () => MarginalPlan][] = [
  ["eight schools centred (normal–normal)", () => dslPlan(eightSchoolsModel, "data/eight_schools.csv")],
  ["radon (normal–normal, linear)", () => dslPlan(radonModel, "data/radon_mn.csv")],
  ["RNA pausing (Poisson–Gamma)", () => dslPlan(rnaPausingModel, "web/data/rna_pausing.csv")],
  ["log_radon ~ floor + (1 | county) (formula)", () => formulaPlan("log_radon ~ floor + (1 | county)", "gaussian", "data/radon_mn.csv")],
  ["Reaction ~ Days + (Days | Subject) (formula, correlated)", () => formulaPlan("Reaction ~ Days + (Days | Subject)", "gaussian", "data/sleepstudy.csv")],
];

const dummyWorker = (): BrowserWorker => ({ onmessage: null, onerror: null, postMessage: () => undefined, terminate: () => undefined });

describe("marginal plans cross to a worker", () => {
  it.each(PLANS)("%s: structuredClone keeps the plan as it is and rebuilds the same density, bit for bit", (_, make) => {
    const plan = make();
    // structuredClone throws on functions; toStrictEqual also catches class instances turned into plain objects.
    const copy = structuredClone(plan);
    expect(copy).toStrictEqual(plan);
    const a = marginalLogDensity(plan);
    const b = WORKER_LOADERS.marginalLogDensity(copy);
    expect(b.dim).toBe(a.dim);
    expect(b.outputNames).toEqual(a.outputNames);
    const rng = createRng(7, 0);
    const theta = new Float64Array(a.dim);
    const [ga, gb] = [new Float64Array(a.dim), new Float64Array(a.dim)];
    const [oa, ob] = [new Float64Array(a.outputNames.length), new Float64Array(a.outputNames.length)];
    for (let k = 0; k < 5; k++) {
      for (let i = 0; i < a.dim; i++) theta[i] = 2 * rng.uniform() - 1;
      expect(Object.is(b.logDensityGradient(theta, gb), a.logDensityGradient(theta, ga))).toBe(true);
      expect(gb).toEqual(ga);
      a.constrain(theta, oa);
      b.constrain(theta, ob);
      expect(ob).toEqual(oa);
    }
  });
});

describe("loadWithLoaders", () => {
  const plan = dslPlan(eightSchoolsModel, "data/eight_schools.csv");

  it("builds the target its factory names and ignores the module URL (a bundle cannot import it)", async () => {
    const ld = await loadWithLoaders(WORKER_LOADERS, { module: "https://nowhere.invalid/target.js", factory: "marginalLogDensity", payload: plan });
    expect(ld.dim).toBe(marginalLogDensity(plan).dim);
    const built = buildModel(eightSchoolsModel, tableToRecord(table("data/eight_schools.csv")));
    const compiled = await loadWithLoaders(WORKER_LOADERS, { module: "", factory: "compiledLogDensity", payload: { program: built.program, data: built.data } });
    expect(compiled.dim).toBe(compiledLogDensity({ program: built.program, data: built.data }).dim);
  });

  it("names the factories it has when asked for another", async () => {
    await expect(loadWithLoaders(WORKER_LOADERS, { module: "", factory: "toString", payload: null })).rejects.toThrow(
      'sample: this chain worker cannot load factory "toString"; it loads "compiledLogDensity", "marginalLogDensity"',
    );
  });
});

describe("withFactories / workersLoad", () => {
  it("a plain createWorker loads compiled programs only; a declared one what it declares; none given loads anything", () => {
    expect(workersLoad(dummyWorker, "compiledLogDensity")).toBe(true);
    expect(workersLoad(dummyWorker, "marginalLogDensity")).toBe(false);
    const capable = withFactories(dummyWorker, WORKER_FACTORIES);
    expect(capable.factories).toEqual(["compiledLogDensity", "marginalLogDensity"]);
    expect(workersLoad(capable, "marginalLogDensity")).toBe(true);
    expect(workersLoad(withFactories(dummyWorker, ["compiledLogDensity"]), "marginalLogDensity")).toBe(false);
    expect(workersLoad(undefined, "marginalLogDensity")).toBe(true);
    expect(() => withFactories(dummyWorker, [])).toThrow("withFactories: factories must be non-empty names, got []");
  });
});

describe("fit with the caller's createWorker", () => {
  const data = tableToRecord(table("data/eight_schools.csv"));
  // threads: 1 runs the chains on this thread, so no worker is started: only the gate is under test.
  const options = { chains: 2, warmup: 100, draws: 50, seed: 3, threads: 1 } as const;

  it("integrates out when the workers declare marginalLogDensity, with the draws of a fit without createWorker", async () => {
    const withWorkers = await fit(eightSchoolsModel, data, { ...options, createWorker: withFactories(dummyWorker, WORKER_FACTORIES) });
    expect(withWorkers.beyond?.marginalized.map((m) => m.param)).toEqual(["theta"]);
    expect(withWorkers.beyond?.notes).toEqual([]);
    const plain = await fit(eightSchoolsModel, data, options);
    expect(withWorkers.draws.names).toEqual(plain.draws.names);
    expect(withWorkers.draws.data).toEqual(plain.draws.data);
  });

  it.each([
    ["a plain createWorker", dummyWorker],
    ["workers declaring compiled programs only", withFactories(dummyWorker, ["compiledLogDensity"])],
  ])("samples the model as written, with a note, for %s", async (_, createWorker) => {
    const f = await fit(eightSchoolsModel, data, { ...options, createWorker });
    expect(f.beyond?.marginalized).toEqual([]);
    expect(f.beyond?.notes).toContain("marginalize: not applied, the caller's workers run compiled programs only");
  });

  it("a model with nothing conjugate is unaffected by the declaration (baseball: binomial–logit-normal)", async () => {
    const f = await fit(baseballModel, tableToRecord(table("data/bball1970.csv")), { ...options, createWorker: withFactories(dummyWorker, WORKER_FACTORIES) });
    expect(f.beyond?.marginalized).toEqual([]);
    expect(f.beyond?.notes).toEqual([]);
  });
});
