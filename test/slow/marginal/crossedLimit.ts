/**
 * Is CROSSED_MAX_SMALL (src/marginal/detectCrossed.ts) the right limit? On InstEval subsets (the first
 * S students, all their lecturers: test/slow/marginal/crossedLimit-data.R writes them), fits
 * `y ~ service + (1 | s) + (1 | d)` both ways — as written (marginalize: "none"; the pilot chooses the
 * parameterisation, as the default does past the limit) and with the crossed pair integrated out past
 * the limit (fitBeyond's measurement-only detect option) — and prints ESS per CPU second of the slowest
 * parameter (min over every reported parameter of bulk and tail ESS). Not a test: run
 *   npx tsx test/slow/marginal/crossedLimit.ts [S …]      (default 100 150 200 300)
 * 4 chains × (1000 + 1000), threads: 1, so process.cpuUsage is the fit's CPU (compile, pilot, chains,
 * completion of the integrated-out effects).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { buildFormulaModel, type FormulaModelInput } from "../../../src/api/formulaFit.js";
import { fitProgram } from "../../../src/api/fit.js";
import type { Fit } from "../../../src/api/fitResult.js";
import { fitBeyond } from "../../../src/marginal/fitBeyond.js";
import { summarize } from "../../../src/posterior/summary.js";

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function input(S: number): FormulaModelInput {
  const rows = parse(readFileSync(`tmp/crossedLimit/insteval${S}.csv`, "utf8"), { columns: true }) as Record<string, string>[];
  return {
    formula: "y ~ service + (1 | s) + (1 | d)",
    data: { y: rows.map((r) => Number(r.y)), service: rows.map((r) => Number(r.service)), s: rows.map((r) => r.s), d: rows.map((r) => r.d) },
  };
}

const OPTS = { chains: 4, warmup: 1000, draws: 1000, seed: 1, threads: 1 } as const;

async function run(S: number, how: "none" | "marginal"): Promise<void> {
  const inp = input(S);
  const model = buildFormulaModel(inp);
  const built = { name: model.formula, program: model.built.program, data: model.built.data, rename: model.built.outputs.rename };
  const t0 = cpu();
  const f: Fit =
    how === "none"
      ? await fitProgram(built, { ...OPTS, marginalize: "none" })
      : await fitBeyond(built, OPTS, { reparam: "auto", marginalize: "auto" }, performance.now(), { crossedMaxSmall: Infinity });
  const sec = cpu() - t0;
  if (how === "marginal" && f.beyond?.marginalized.length !== 2) throw new Error("crossedLimit: the crossed pair was not integrated out");
  const rows = summarize(f.draws);
  const ess = (r: (typeof rows)[number]) => Math.min(r.ess_bulk, r.ess_tail);
  const slow = rows.reduce((a, b) => (ess(b) < ess(a) ? b : a));
  const hyper = rows.filter((r) => !r.name.startsWith("r_"));
  const slowHyper = hyper.reduce((a, b) => (ess(b) < ess(a) ? b : a));
  const t = f.result.timing;
  const n = ((inp.data as Record<string, unknown>).y as number[]).length;
  console.log(
    `| ${S} | ${n} | ${how} | ${f.divergences} | ${t.gradients} | ${((1e6 * (t.warmup_s + t.sampling_s)) / t.gradients).toFixed(0)} | ${sec.toFixed(1)} | ` +
      `${slow.name} ${ess(slow).toFixed(0)} | ${(ess(slow) / sec).toFixed(1)} | ${slowHyper.name} ${ess(slowHyper).toFixed(0)} | ${(ess(slowHyper) / sec).toFixed(1)} |`,
  );
}

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100, 150, 200, 300];
console.log("| students | rows | fit | divergences | gradients | wall µs/grad | CPU s | slowest (min bulk/tail ESS) | ESS/CPU s | slowest non-r_ | ESS/CPU s |");
console.log("| ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |");
for (const S of sizes) for (const how of ["none", "marginal"] as const) await run(S, how);
