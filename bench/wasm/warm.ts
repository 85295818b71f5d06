/**
 * Warm speed: µs of CPU per leapfrog once everything is optimised, the JavaScript `nutsStep` against
 * the wasm core, on eight schools NC and radon (intercepts, as written). The step size and metric
 * come from one adapted chain; then each kernel runs blocks of transitions from its own copy of the
 * state, blocks alternating between kernels (so machine load hits both alike), CPU time measured by
 * process.cpuUsage.   npx tsx bench/wasm/warm.ts [blocks] [transitionsPerBlock]
 * With HBAYES_WASM=0 only the JavaScript kernel runs (nothing in the process touches wasm).
 */
import { compileModel } from "../../src/compiler/compile.js";
import type { LogDensity } from "../../src/logDensity.js";
import { diagMetric } from "../../src/inference/metric.js";
import { createNutsWorkspace, nutsInit, nutsStep, type NutsParams } from "../../src/inference/nuts.js";
import { sample } from "../../src/inference/sample.js";
import { createWasmNuts, wasmNutsStep } from "../../src/inference/wasm/kernel.js";
import { createRng } from "../../src/random/rng.js";
import { findModel } from "../full/models.js";

const blocks = Number(process.argv[2] ?? 12);
const perBlock = Number(process.argv[3] ?? 400);

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

async function bench(id: string): Promise<void> {
  const built = findModel(id).hbayes();
  const compiled = compileModel({ ...built.program, generated: [] }, built.data);
  const { wasm: _, ...jsOnly } = compiled;
  const fit = await sample(jsOnly, { chains: 1, warmup: 1000, draws: 10, seed: 7 });
  const ch = fit.chains[0];
  const params: NutsParams = { stepSize: ch.stepSize, metric: diagMetric(ch.inverseMetric), maxTreeDepth: 10, maxDeltaH: 1000 };
  const start = new Float64Array(compiled.dim);
  const kernels: { label: string; step: (n: number) => number }[] = [];
  const make = (label: string, target: LogDensity, wasm: boolean) => {
    const rng = createRng(3, 0);
    const s = nutsInit(start, target);
    const ws = createNutsWorkspace(target, 10);
    const k = wasm ? createWasmNuts(target, 10, false) : null;
    if (wasm && k === null) throw new Error("warm: wasm kernel unavailable");
    kernels.push({
      label,
      step(n: number): number {
        let leapfrogs = 0;
        for (let t = 0; t < n; t++) leapfrogs += (k !== null ? (wasmNutsStep(rng, s, params, k) as ReturnType<typeof nutsStep>) : nutsStep(rng, s, params, ws)).nLeapfrog;
        return leapfrogs;
      },
    });
  };
  make("JS nutsStep, JS gradient", jsOnly, false);
  // HBAYES_WASM=0: the JavaScript kernel alone, in a process where no gradient ever saw a wasm view.
  if (process.env.HBAYES_WASM !== "0") {
    make("wasm core, JS gradient (adapter)", jsOnly, true);
    if (compiled.wasm) make("wasm core, wasm gradient", compiled, true);
  }
  // Warm up every kernel well past V8's tier-up.
  for (const k of kernels) k.step(3000);
  const us = kernels.map(() => 0);
  const lf = kernels.map(() => 0);
  const perBlockRates: number[][] = kernels.map(() => []);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < kernels.length; i++) {
      const t0 = cpuUs();
      const n = kernels[i].step(perBlock);
      const dt = cpuUs() - t0;
      us[i] += dt;
      lf[i] += n;
      perBlockRates[i].push(dt / n);
    }
  }
  for (let i = 0; i < kernels.length; i++) {
    const r = [...perBlockRates[i]].sort((a, b) => a - b);
    console.log(`${id.padEnd(26)} ${kernels[i].label.padEnd(34)} ${(us[i] / lf[i]).toFixed(3)} µs/leapfrog overall, median block ${r[r.length >> 1].toFixed(3)} (${lf[i]} leapfrogs)`);
  }
}

for (const id of ["eight_schools_noncentered", "radon_intercept"]) await bench(id);
