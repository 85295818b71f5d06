/**
 * Measurements behind the crossed-intercepts marginal (src/marginal/normalCrossed.ts), printed as
 * markdown tables. Not a test: run `npx tsx test/slow/marginal/crossedMeasure.ts [grad|ess|all]`.
 *   grad — CPU µs per gradient, marginal vs the program as written, over design sizes (the basis of
 *          CROSSED_MAX_SMALL in detectCrossed.ts);
 *   ess  — bulk ESS per gradient and per chain second of the group effects and sds, marginalised vs
 *          marginalize: "none", on Penicillin and a simulated 50 × 30 design with 5,000 rows.
 * Times are CPU time (process.cpuUsage) or the fit's own chain seconds, not wall time.
 */
import { compileModel } from "../../../src/compiler/compile.js";
import { buildFormulaModel, fitFormulaModel, type FormulaModelInput } from "../../../src/api/formulaFit.js";
import { planMarginal } from "../../../src/marginal/plan.js";
import { marginalLogDensity } from "../../../src/marginal/target.js";
import { summarize } from "../../../src/posterior/summary.js";
import { createRng } from "../../../src/random/rng.js";
import type { LogDensity } from "../../../src/logDensity.js";
import { penicillinData, simulateCrossed } from "../../marginal/support/crossed.js";

function penicillin(): FormulaModelInput {
  return { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", data: penicillinData() };
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU µs per logDensityGradient at a fixed seeded point, repeated until ≥ 0.3 s of CPU. */
function perGradient(ld: LogDensity): number {
  const rng = createRng(1, 0);
  const theta = Float64Array.from({ length: ld.dim }, () => 0.3 * rng.normal());
  const grad = new Float64Array(ld.dim);
  for (let k = 0; k < 200; k++) ld.logDensityGradient(theta, grad);
  let calls = 0;
  const t0 = cpu();
  let t = 0;
  while ((t = cpu() - t0) < 0.3) {
    for (let k = 0; k < 50; k++) ld.logDensityGradient(theta, grad);
    calls += 50;
  }
  return (t / calls) * 1e6;
}

function gradTable(): void {
  console.log("| J_S (small) | J_L (large) | rows | marginal µs/grad | as written µs/grad | ratio |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [Js, Jl, n] of [
    [6, 24, 144],
    [30, 50, 5000],
    [50, 75, 5000],
    [50, 75, 20000],
    [100, 150, 5000],
    [100, 150, 15000],
    [150, 225, 15000],
    [200, 300, 20000],
  ]) {
    const { built } = buildFormulaModel({ formula: "y ~ x + (1 | a) + (1 | b)", data: simulateCrossed(2, n, Jl, Js) });
    const full = compileModel({ ...built.program, generated: [] }, built.data);
    // The size limit lifted, so sizes past it are timed too.
    const plan = planMarginal(built.program, built.data, { crossedMaxSmall: Infinity });
    if (plan === null) throw new Error("crossedMeasure: no crossed block");
    const marg = perGradient(marginalLogDensity(plan));
    const asWritten = perGradient(full);
    console.log(`| ${Js} | ${Jl} | ${n} | ${marg.toFixed(1)} | ${asWritten.toFixed(1)} | ${(marg / asWritten).toFixed(2)} |`);
  }
}

async function essTable(): Promise<void> {
  const cases: [string, FormulaModelInput][] = [
    ["Penicillin (24 × 6, 144 rows)", penicillin()],
    ["simulated (50 × 30, 5,000 rows)", { formula: "y ~ x + (1 | a) + (1 | b)", data: simulateCrossed(4, 5000, 50, 30) }],
  ];
  const opts = { chains: 4, warmup: 1000, draws: 1000, seed: 3, threads: 1 } as const;
  console.log("| data | setting | divergences | gradients | chain s | min ESS sds | min ESS r | ESS/grad sds (×1e3) | ESS/grad r (×1e3) | ESS/s sds | ESS/s r |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [label, input] of cases) {
    for (const marginalize of ["auto", "none"] as const) {
      const f = (await fitFormulaModel(input, { ...opts, marginalize })).fit;
      const rows = summarize(f.draws);
      const min = (re: RegExp) => Math.min(...rows.filter((r) => re.test(r.name)).map((r) => r.ess_bulk));
      const sds = min(/^sd_|^sigma$/);
      const r = min(/^r_/);
      const t = f.result.timing;
      const sec = t.warmup_s + t.sampling_s;
      console.log(
        `| ${label} | ${marginalize} | ${f.divergences} | ${t.gradients} | ${sec.toFixed(2)} | ${sds.toFixed(0)} | ${r.toFixed(0)} | ${((1e3 * sds) / t.gradients).toFixed(2)} | ${((1e3 * r) / t.gradients).toFixed(2)} | ${(sds / sec).toFixed(0)} | ${(r / sec).toFixed(0)} |`,
      );
    }
  }
}

const what = process.argv[2] ?? "all";
if (what === "grad" || what === "all") gradTable();
if (what === "ess" || what === "all") await essTable();
