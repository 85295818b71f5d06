// The epilepsy model through the library API, as a TypeScript user would write it: read the CSV
// with the package's readCsvText (at the sweep the package exported no CSV reader and this script
// used csv-parse: finding 10), fit, summarise, predict for a known and an unseen patient.
// Run from the repo root: npx tsx bench/qa/api-epilepsy.ts
import { readFileSync } from "node:fs";
import { fitFormulaModel, posteriorEpred, readCsvText, summarizeFit } from "../../src/index.js";

const data = readCsvText(readFileSync("bench/qa/data/epilepsy.csv", "utf8"));

const t0 = process.cpuUsage();
const { fit, model } = await fitFormulaModel(
  { formula: "count ~ zAge + zBase * Trt + (1 | patient)", data, family: "poisson" },
  { chains: 4, seed: 1 },
);
const cpu = process.cpuUsage(t0);
const s = summarizeFit(fit, { include: (n) => !n.startsWith("r_") });
console.log(s.table);
for (const w of [...model.warnings, ...s.warnings]) console.log("warning:", w);
console.log(`cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, divergences ${s.diagnostics.divergences}`);

const newdata = { zAge: [0, 0, 0, 0], zBase: [0, 0, 0, 0], Trt: [0, 1, 0, 1], patient: ["1", "1", "new", "new"] };
const ep = posteriorEpred(fit, model, newdata, { allowNewLevels: true });
// ep.data is draws × observations, row-major.
for (let j = 0; j < ep.observations; j++) {
  let m = 0;
  for (let d = 0; d < ep.draws; d++) m += ep.data[d * ep.observations + j];
  console.log(`patient ${newdata.patient[j]}, Trt ${newdata.Trt[j]}: expected count ${(m / ep.draws).toFixed(2)}`);
}
