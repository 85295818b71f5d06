/**
 * One fresh process, one fit: per-chain times (the point: chain 1 pays V8's JIT warm-up, which the
 * wasm NUTS core removes). Run by bench/wasm/run.ts, five processes per configuration.
 *   node --import tsx bench/wasm/chains.ts <model id> <mode>
 * mode "fit": fitProgram(findModel(id).hbayes(), 4 × (1000 + 1000), seed 1), the user's path;
 *   HBAYES_WASM=0 in the environment turns every wasm path off.
 * mode "plain": the same with Stan's algorithm as written (no reparameterisation, no marginalisation,
 *   diagonal metric), bench/full's hbayes-plain.
 * mode "jsgrad": the same program compiled and given to sample() without its wasm gradient, so the
 *   wasm core calls the JavaScript gradient through its adapter (no reparameterisation pass).
 * Prints one JSON line: chain wall times (ms, the chain's own timing), the fit's warmup + sampling
 * (ms; with a marginalised fit's completion of its draws and the reparameterisation pilot), gradients, process CPU (ms),
 * and CPU per chain (ms) from the progress reports: chain 1's from before the fit (so compiling the
 * model is in it) to its end, each later chain's from the previous chain's end to its own (all
 * chains of these small models run in this thread, one after the other).
 */
import { fitProgram } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { sample, type SampleResult } from "../../src/inference/sample.js";
import { findModel } from "../full/models.js";
import type { ChainProgress } from "../../src/inference/chain.js";

const [id = "eight_schools_noncentered", mode = "fit"] = process.argv.slice(2);
const cpuDone: number[] = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const opts = {
  chains: 4,
  warmup: 1000,
  draws: 1000,
  seed: 1,
  onProgress: (p: ChainProgress) => {
    if (p.phase === "done") cpuDone[p.chain] = cpuNow();
  },
};
const built = findModel(id).hbayes();
const cpu0 = process.cpuUsage();
const cpuStart = cpuNow();
let result: SampleResult;
let fitMs: number | null = null;
if (mode === "fit" || mode === "plain") {
  const f = await fitProgram(built, mode === "plain" ? { ...opts, reparam: "none", marginalize: "none", metric: "diag" } : opts);
  result = f.result;
  fitMs = (f.timing.warmup_s + f.timing.sampling_s) * 1000;
} else if (mode === "jsgrad") {
  const { wasm: _, ...jsOnly } = compileModel({ ...built.program, generated: [] }, built.data);
  result = await sample(jsOnly, opts);
} else {
  throw new Error(`chains: mode must be "fit", "plain" or "jsgrad", got ${JSON.stringify(mode)}`);
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    id,
    mode,
    wasm: process.env.HBAYES_WASM !== "0",
    chainMs: result.chains.map((c) => (c.timing.warmup_s + c.timing.sampling_s) * 1000),
    fitMs,
    gradients: result.chains.map((c) => c.timing.gradients),
    cpuMs: (cpu.user + cpu.system) / 1000,
    chainCpuMs: cpuDone.map((t, c) => t - (c === 0 ? cpuStart : cpuDone[c - 1])),
  }),
);
