/**
 * Writes the benchmark data sets as rstan JSON (`npx tsx bench/data/write-stan-json.ts OUTDIR`), so
 * Stan is timed on exactly the data bench/gradient.ts uses. The 100k logistic JSON is ~7 MB, so it is
 * written to OUTDIR (default /tmp/hbayes-stan-data) rather than committed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { eightSchools, radon, simulateLogistic, sleepstudy } from "./datasets.js";

const out = process.argv[2] ?? "/tmp/hbayes-stan-data";
mkdirSync(out, { recursive: true });
const arr = (a: ArrayLike<number>): number[] => Array.from(a);

const es = eightSchools();
writeFileSync(`${out}/eight_schools.json`, JSON.stringify({ J: es.J, y: arr(es.y), sigma: arr(es.sigma) }));
const rd = radon();
writeFileSync(`${out}/radon.json`, JSON.stringify({ N: rd.N, J: rd.J, y: arr(rd.y), x: arr(rd.x), county: arr(rd.county) }));
const ss = sleepstudy();
writeFileSync(
  `${out}/sleepstudy.json`,
  JSON.stringify({ N: ss.N, J: ss.J, y: arr(ss.y), days: arr(ss.days), subject: arr(ss.subject) }),
);
const lg = simulateLogistic();
const X: number[][] = [];
for (let i = 0; i < lg.N; i++) X.push(arr(lg.X.subarray(i * lg.K, (i + 1) * lg.K)));
writeFileSync(`${out}/logistic.json`, JSON.stringify({ N: lg.N, J: lg.J, K: lg.K, X, y: arr(lg.y), g: arr(lg.g) }));
console.log(`wrote ${out}/{eight_schools,radon,sleepstudy,logistic}.json`);
