/**
 * One scaling point in its own process (so the peak RSS belongs to this N alone):
 *   node --import tsx bench/full/scalingChild.ts logistic|gaussian N
 * builds the varying-intercept model with N rows and N/100 groups through the GLMM builder,
 * compiles it, times the gradient, and prints one JSON line.
 */
import { compileModel } from "../../src/compiler/compile.js";
import { buildGlmmIr } from "../../src/glmm/buildIr.js";
import { simulateLogistic } from "../data/datasets.js";
import { simulateGaussianVi } from "./datasets.js";
import { glmmSpec, type SimpleGlmm } from "./glmmSpec.js";
import { timeGradient } from "./timeGradient.js";

const [kind, nText] = process.argv.slice(2);
const N = Number(nText);
const J = N / 100;
const rssBefore = process.memoryUsage().rss / 2 ** 20;
const t0 = performance.now();
let spec: SimpleGlmm;
if (kind === "logistic") {
  const l = simulateLogistic(N, J, 3);
  spec = {
    family: "bernoulli", y: Float64Array.from(l.y), X: l.X, xNames: ["x1", "x2", "x3"],
    group: { name: "g", index: l.g, levels: Array.from({ length: J }, (_, j) => String(j + 1)) },
    priors: { intercept: [0, 5], bScale: 2, sdScale: 2.5 },
  };
} else if (kind === "gaussian") {
  const s = simulateGaussianVi(N, J, 2);
  spec = {
    family: "gaussian", y: s.y, X: s.X, xNames: ["x1", "x2"],
    group: { name: "g", index: s.g, levels: Array.from({ length: J }, (_, j) => String(j + 1)) },
    priors: { intercept: [0, 5], bScale: 2, sdScale: 2.5, sigmaScale: 2.5 },
  };
} else throw new Error(`scalingChild: kind must be "logistic" or "gaussian", got "${kind}"`);
const dataS = (performance.now() - t0) / 1000;
const t1 = performance.now();
const built = buildGlmmIr(glmmSpec(spec));
const model = compileModel({ ...built.program, generated: [] }, built.data);
const compileS = (performance.now() - t1) / 1000;
const t = timeGradient(model, N >= 1e6 ? 3000 : 1000);
process.stdout.write(`${JSON.stringify({
  kind, N, J, dim: model.dim, data_s: dataS, compile_s: compileS, us_per_gradient: t.wall, cpu_us_per_gradient: t.cpu, ns_per_row: (1000 * t.wall) / N, cpu_ns_per_row: (1000 * t.cpu) / N,
  rss_start_mb: rssBefore, max_rss_mb: process.resourceUsage().maxRSS / 1024,
})}\n`);
