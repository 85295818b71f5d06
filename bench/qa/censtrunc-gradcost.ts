// Session 8 (bench/qa/2026-11-29-censoring.md): CPU µs per gradient of each censtrunc model compiled plain and with
// its cens()/trunc(). Usage (repo root): npx tsx bench/qa/censtrunc-gradcost.ts
import { readFileSync } from "node:fs";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { readCsvText } from "../../src/io/index.js";
const data = (f: string) => readCsvText(readFileSync(`bench/qa/data/${f}`, "utf8"));
const cases: [string, string, string, string][] = [
  ["ct-pois-trunc.csv", "poisson", "y ~ x + (1 | g)", "y | trunc(lb = 1) ~ x + (1 | g)"],
  ["ct-pois-cens.csv", "poisson", "y ~ x + (1 | g)", "y | cens(cens) ~ x + (1 | g)"],
  ["ct-binom-cens.csv", "binomial", "y | trials(N) ~ x + (1 | g)", "y | trials(N) + cens(cens) ~ x + (1 | g)"],
  ["ct-gauss-trunc.csv", "gaussian", "y ~ x + (1 | g)", "y | trunc(lb = 0) ~ x + (1 | g)"],
  ["ct-nb-cens.csv", "negbinomial", "y ~ x + (1 | g)", "y | cens(cens) ~ x + (1 | g)"],
  ["ct-st-cens.csv", "student", "y ~ x + (1 | g)", "y | cens(cens) ~ x + (1 | g)"],
  ["kidney.csv", "gamma", "time ~ age + sex + disease + (1 | patient)", "time | cens(censored) ~ age + sex + disease + (1 | patient)"],
];
for (const [file, family, plain, cens] of cases) {
  let d;
  try { d = data(file); } catch { continue; }
  const us: number[] = [];
  for (const f of [plain, cens]) {
    const m = buildFormulaModel({ formula: f, data: d, family });
    const c = compileModel(m.built.program, m.built.data);
    const th = new Float64Array(c.dim).fill(0.1);
    const g = new Float64Array(c.dim);
    for (let k = 0; k < 2000; k++) c.logDensityGradient(th, g);
    const t0 = process.cpuUsage();
    const R = 20000;
    for (let k = 0; k < R; k++) c.logDensityGradient(th, g);
    const t = process.cpuUsage(t0);
    us.push((t.user + t.system) / R);
  }
  console.log(`${file} ${family}: plain ${us[0].toFixed(2)} µs, with cens/trunc ${us[1].toFixed(2)} µs per gradient (×${(us[1] / us[0]).toFixed(1)})`);
}
