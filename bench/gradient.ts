/**
 * Warm median µs per log-density gradient of compiled hbayes models (`npx tsx bench/gradient.ts`).
 * Each model is compiled once; the gradient is evaluated at seeded random points near the posterior
 * bulk; timing = median over batches of (batch wall time / batch size), after a warm-up of the same
 * length so V8 has optimised the generated code. Stan's numbers come from bench/stan/ (see RESULTS.md).
 */
import { compileModel } from "../src/compiler/compile.js";
import { timeGradient } from "./full/timeGradient.js";
import type { Program, ProgramData } from "../src/ir/types.js";
import { eightSchools, radon, simulateLogistic, sleepstudy } from "./data/datasets.js";
import { eightSchoolsNoncentered, logisticProgram, radonProgram, sleepstudyCholeskyProgram } from "../test/compiler/models.js";

interface Case {
  name: string;
  build(): { program: Program; data: ProgramData };
}

const cases: Case[] = [
  { name: "eight schools (non-centred)", build: () => {
    const es = eightSchools();
    return { program: eightSchoolsNoncentered().program, data: [es.y, es.sigma] };
  } },
  { name: "radon varying intercept + floor", build: () => {
    const r = radon();
    return { program: radonProgram(r.N, r.J), data: [r.y, r.x, r.county] };
  } },
  { name: "sleepstudy (Days | Subject)", build: () => {
    const s = sleepstudy();
    return { program: sleepstudyCholeskyProgram(s.N, s.J), data: [s.y, s.days, s.subject] };
  } },
  { name: "logistic 100k, 1000 groups, 3 predictors", build: () => {
    const l = simulateLogistic();
    return { program: logisticProgram(l.N, l.J, l.K), data: [l.X, l.y, l.g] };
  } },
];

const only = process.argv[2];
for (const c of cases) {
  if (only && !c.name.startsWith(only)) continue;
  const { program, data } = c.build();
  const t0 = performance.now();
  const model = compileModel(program, data);
  const compileMs = performance.now() - t0;
  const usPerGradient = timeGradient(model, 1500).wall;
  console.log(`${c.name.padEnd(44)} dim ${String(model.dim).padStart(5)}  compile ${compileMs.toFixed(1).padStart(6)} ms  ${usPerGradient.toPrecision(4).padStart(9)} µs/gradient`);
}
