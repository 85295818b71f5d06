// Gradient cost of (1 | gr(g, cov = A)) vs (1 | g) as J grows (2 rows per level): CPU µs per gradient, JS and wasm, and compile time (bench/qa/2026-11-30-gr-cov.md).
// Usage (repo root): npx tsx test/slow/knownCov/gradient-cost.ts 40,100,200,400,1000
import { buildFormulaModel } from "../../../src/api/formulaFit.js";
import { compileModel } from "../../../src/compiler/compile.js";
import { createRng } from "../../../src/random/rng.js";
const time = (f: () => void, N: number): number => {
  for (let k = 0; k < Math.min(N, 20); k++) f();
  const t0 = process.cpuUsage();
  for (let k = 0; k < N; k++) f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / N;
};
for (const J of (process.argv[2] ?? "40,100,200,400,1000").split(",").map(Number)) {
  const rng = createRng(1, 1);
  const g = Array.from({ length: 2 * J }, (_, i) => `s${i % J}`);
  const x = g.map(() => rng.normal());
  const y = x.map((v) => v + rng.normal());
  const levels = Array.from({ length: J }, (_, j) => `s${j}`);
  const values = new Float64Array(J * J);
  for (let i = 0; i < J; i++) for (let j = 0; j < J; j++) values[i * J + j] = i === j ? 1 : 0.5 * Math.exp(-Math.abs(i - j) / 10);
  for (const f of ["y ~ x + (1 | gr(g, cov = A))", "y ~ x + (1 | g)"]) {
    const t0 = process.cpuUsage();
    const m = buildFormulaModel({ formula: f, data: { y, x, g }, data2: { A: { levels, values } } });
    const c = compileModel(m.built.program, m.built.data);
    const w = c.wasm;
    const tc = process.cpuUsage(t0);
    const th = Float64Array.from({ length: c.dim }, () => 0.1 * rng.normal());
    const gr = new Float64Array(c.dim);
    const N = Math.max(20, Math.round(3e6 / (J * (f.includes("gr(") ? J : 10))));
    const js = time(() => c.logDensityGradient(th, gr), N);
    let ws = NaN;
    if (w) {
      const mem = new Float64Array(w.memory.buffer);
      const tp = w.freeOffset, gp = tp + 8 * c.dim;
      mem.set(th, tp / 8);
      ws = time(() => w.logDensityGradient(tp, gp), N);
    }
    console.log(`J=${J} ${f.padEnd(30)} js ${js.toFixed(1)} µs, wasm ${ws.toFixed(1)} µs per gradient; compile ${((tc.user + tc.system) / 1e3).toFixed(0)} ms, source ${(c.source.length / 1024).toFixed(0)} kB`);
  }
}
