/**
 * hbayes vs brms on the validation cases: agreement with the stored brms fit (pass/fail, worst z and
 * sd error), time from formula text to a finished summary (hbayes: build + compile + sample +
 * summarise; brms: compile + sample + summarise, from the reference run), and min bulk ESS per second
 * of sampling alone (both summed over chains). Same settings as the reference (4 × (1000 + 5000),
 * two parallel chains at a time: brms cores = 2, hbayes threads = 2).
 *
 *   npx tsx validation/brms/compare.ts [--models a,b] [--draws N] [--warmup N] [--no-write]
 *
 * Writes validation/brms.json (merged by model name) and the brms section of bench/RESULTS.md.
 * The machine is shared: the 1-minute load average is recorded next to every timing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { checkAgainstReference, hasReference, loadReference, loadSpec } from "./cases.js";
import { runCase } from "./runCase.js";
import { chainOf, variableIndex, type Draws } from "../../src/posterior/draws.js";

function sumSampler(draws: Draws, name: string): number {
  const v = variableIndex(draws, name);
  let total = 0;
  for (let c = 0; c < draws.chains; c++) for (const x of chainOf(draws, v, c)) total += x;
  return total;
}

interface Row {
  readonly model: string;
  readonly family: string;
  readonly formula: string;
  readonly covers: string;
  readonly pass: boolean;
  readonly parameters: number;
  readonly worst_z: number;
  readonly worst_z_name: string;
  readonly worst_sd_rel: number;
  readonly failures: readonly string[];
  readonly missing: readonly string[];
  readonly hbayes: {
    readonly settings: { chains: number; warmup: number; draws: number; seed: number; threads: number };
    readonly total_s: number;
    readonly cpu_s: number;
    readonly compile_s: number;
    readonly warmup_s: number;
    readonly sampling_s: number;
    readonly summary_s: number;
    readonly gradients: number;
    readonly divergences: number;
    readonly min_ess_bulk: number;
    readonly ess_per_s: number;
    readonly ess_per_cpu_s: number;
    readonly leapfrogs_per_draw: number;
    readonly us_per_gradient: number;
    readonly loadavg: number;
  };
  readonly brms: {
    readonly total_s: number;
    readonly compile_s: number;
    readonly compile_cpu_s: number | null;
    readonly sample_wall_s: number;
    readonly warmup_s: number;
    readonly sampling_s: number;
    readonly divergences: number;
    readonly min_ess_bulk: number;
    readonly ess_per_s: number;
    readonly cpu_s: number | null;
    readonly ess_per_cpu_s: number | null;
    readonly leapfrogs_per_draw: number;
    readonly us_per_gradient: number;
    readonly loadavg_compile: number;
    readonly loadavg_sample: number;
  };
  readonly speedup_total: number;
  readonly speedup_cpu: number | null;
  readonly ess_per_s_ratio: number;
  readonly date: string;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round = (x: number, d = 3): number => Number(x.toFixed(d));

async function main(): Promise<void> {
  const spec = loadSpec();
  const only = argValue("--models")?.split(",");
  const write = !process.argv.includes("--no-write");
  const settings = {
    chains: spec.settings.chains,
    warmup: Number(argValue("--warmup") ?? spec.settings.warmup),
    draws: Number(argValue("--draws") ?? spec.settings.draws),
    seed: spec.settings.seed,
    threads: 2,
  };
  const rows: Row[] = [];
  for (const c of spec.models) {
    if (only && !only.includes(c.name)) continue;
    if (!hasReference(c)) {
      console.log(`${c.name}: no brms reference yet (run Rscript validation/brms/make-references.R)`);
      continue;
    }
    const ref = loadReference(c);
    const load = loadavg()[0];
    const cpu0 = process.cpuUsage();
    const run = await runCase(c, settings);
    const cpu = process.cpuUsage(cpu0);
    const check = checkAgainstReference(run.summary.rows, ref);
    const worst = check.checks.reduce((w, p) => (Math.abs(p.z) > Math.abs(w.z) ? p : w), check.checks[0]);
    const t = run.fit.timing;
    const minEss = Math.min(...run.summary.rows.map((r) => r.ess_bulk));
    const brmsTotal = ref.timing.compile_s + ref.timing.sample_wall_s + ref.timing.summary_s;
    const hbCpu = (cpu.user + cpu.system) / 1e6;
    // CPU seconds of brms's compile (g++ children) and sampling (forked chains); older references lack them.
    const rt = ref.timing as { compile_cpu_s?: number; sample_cpu_s?: number };
    const brmsCpu = rt.compile_cpu_s !== undefined && rt.sample_cpu_s !== undefined ? rt.compile_cpu_s + rt.sample_cpu_s : null;
    const leapfrogs = sumSampler(run.fit.result.draws, "n_leapfrog__");
    const draws = settings.chains * settings.draws;
    const refDraws = ref.settings.chains * ref.settings.draws;
    const brmsEssPerS = ref.min_ess_bulk / ref.timing.sampling_s;
    const row: Row = {
      model: c.name,
      family: c.family,
      formula: c.formula,
      covers: c.covers,
      pass: check.pass,
      parameters: check.checks.length,
      worst_z: round(worst.z, 2),
      worst_z_name: worst.name,
      worst_sd_rel: round(check.worstSd, 4),
      failures: check.failures.map((p) => `${p.name}: z = ${p.z.toFixed(2)}, sd ${p.ours?.sd.toPrecision(4)} vs ${p.ref.sd.toPrecision(4)}`),
      missing: check.missing,
      hbayes: {
        settings,
        total_s: round(run.total_s),
        cpu_s: round((cpu.user + cpu.system) / 1e6),
        compile_s: round(t.compile_s),
        warmup_s: round(t.warmup_s),
        sampling_s: round(t.sampling_s),
        summary_s: round(run.summary_s),
        gradients: t.gradients,
        divergences: run.fit.divergences,
        min_ess_bulk: round(minEss, 0),
        ess_per_s: round(minEss / t.sampling_s, 1),
        // whole process, formula to summary (workers included): robust to other jobs on the machine
        ess_per_cpu_s: round(minEss / hbCpu, 1),
        leapfrogs_per_draw: round(leapfrogs / draws, 1),
        us_per_gradient: round((1e6 * t.sampling_s) / leapfrogs, 2),
        loadavg: round(load, 2),
      },
      brms: {
        total_s: round(brmsTotal),
        compile_s: round(ref.timing.compile_s),
        compile_cpu_s: (ref.timing as { compile_cpu_s?: number }).compile_cpu_s ?? null,
        sample_wall_s: round(ref.timing.sample_wall_s),
        warmup_s: round(ref.timing.warmup_s),
        sampling_s: round(ref.timing.sampling_s),
        divergences: ref.diagnostics.divergences,
        min_ess_bulk: round(ref.min_ess_bulk, 0),
        ess_per_s: round(brmsEssPerS, 1),
        cpu_s: brmsCpu === null ? null : round(brmsCpu),
        // sampling CPU (warmup + draws, all chains), not counting the compile
        ess_per_cpu_s: rt.sample_cpu_s === undefined ? null : round(ref.min_ess_bulk / rt.sample_cpu_s, 1),
        leapfrogs_per_draw: round(ref.diagnostics.leapfrogs_sampling / refDraws, 1),
        us_per_gradient: round((1e6 * ref.timing.sampling_s) / ref.diagnostics.leapfrogs_sampling, 2),
        loadavg_compile: ref.timing.loadavg_compile[0],
        loadavg_sample: ref.timing.loadavg_sample[0],
      },
      speedup_total: round(brmsTotal / run.total_s, 1),
      speedup_cpu: brmsCpu === null ? null : round(brmsCpu / hbCpu, 1),
      ess_per_s_ratio: round(minEss / t.sampling_s / brmsEssPerS, 2),
      date: new Date().toISOString().slice(0, 10),
    };
    rows.push(row);
    console.log(
      `${row.pass ? "PASS" : "FAIL"} ${c.name.padEnd(22)} worst z ${row.worst_z.toFixed(2).padStart(6)} (${row.worst_z_name}), worst sd ${(100 * row.worst_sd_rel).toFixed(1)}%` +
        ` | to summary: hbayes ${row.hbayes.total_s.toFixed(1)} s (load ${row.hbayes.loadavg}) vs brms ${row.brms.total_s.toFixed(1)} s (load ${row.brms.loadavg_compile}/${row.brms.loadavg_sample}) = ${row.speedup_total}×` +
        ` | CPU: hbayes ${row.hbayes.cpu_s} s vs brms ${row.brms.cpu_s ?? "?"} s = ${row.speedup_cpu ?? "?"}×` +
        ` | min ESS/s: hbayes ${row.hbayes.ess_per_s} vs brms ${row.brms.ess_per_s} = ${row.ess_per_s_ratio}×` +
        ` | leapfrogs/draw ${row.hbayes.leapfrogs_per_draw} vs ${row.brms.leapfrogs_per_draw}, µs/gradient ${row.hbayes.us_per_gradient} vs ${row.brms.us_per_gradient}` +
        (row.failures.length ? `\n     failures: ${row.failures.join("; ")}` : "") +
        (row.missing.length ? `\n     missing in hbayes: ${row.missing.join(", ")}` : ""),
    );
  }
  if (!write || rows.length === 0) return;
  const jsonPath = new URL("../brms.json", import.meta.url);
  const previous: Row[] = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, "utf8")) as { models: Row[] }).models : [];
  const merged = spec.models.flatMap((c) => rows.find((r) => r.model === c.name) ?? previous.find((r) => r.model === c.name) ?? []);
  writeFileSync(jsonPath, `${JSON.stringify({ schema: 1, node: process.version, models: merged }, null, 2)}\n`);
  writeResults(merged);
}

const fmt = (x: number, d = 1): string => x.toFixed(d);

function writeResults(rows: readonly Row[]): void {
  const path = new URL("../../bench/RESULTS.md", import.meta.url);
  const begin = "<!-- brms-validation:begin -->";
  const end = "<!-- brms-validation:end -->";
  const lines = [
    begin,
    "## Formula models vs brms (`npx tsx validation/brms/compare.ts`)",
    "",
    `${rows[0]?.date ?? ""}, Node ${process.version}, 2 cores shared with other engineers' jobs (1-minute load average beside each timing).`,
    "Both sides: 4 chains × (1000 warmup + 5000 draws), two chains at a time (brms `cores = 2`, hbayes `threads = 2`), the same explicit priors.",
    "To summary = formula text → finished summary (brms: compile + sample + summarise, wall). ESS/s = min bulk ESS over all reported parameters ÷ sampling seconds summed over chains (warmup excluded).",
    "Agreement: every parameter brms reports, |Δmean| < 4 · sqrt(mcse² + mcse_ref²) and sd within 10 %.",
    "",
    "CPU = CPU seconds formula → summary (hbayes: the whole process, workers included; brms: compile and sampling, children included) — less sensitive to the load than wall time.",
    "ESS/CPU-s: min bulk ESS ÷ CPU seconds of warmup + sampling (hbayes: the whole run).",
    "",
    "| model | family | agree | worst z | worst sd | hbayes to summary (load) | brms to summary (compile + sample; load) | speed-up (wall) | CPU s hbayes / brms | speed-up (CPU) | ESS/s hbayes / brms | ESS/CPU-s hbayes / brms | leapfrogs per draw hbayes / brms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.model} | ${r.family} | ${r.pass ? "pass" : "FAIL"} (${r.parameters}) | ${fmt(r.worst_z, 2)} | ${fmt(100 * r.worst_sd_rel)} % | ${fmt(r.hbayes.total_s)} s (${r.hbayes.loadavg}) | ${fmt(r.brms.total_s)} s (${fmt(r.brms.compile_s)} + ${fmt(r.brms.sample_wall_s)}; ${r.brms.loadavg_compile}/${r.brms.loadavg_sample}) | ${r.speedup_total}× | ${fmt(r.hbayes.cpu_s)} / ${r.brms.cpu_s === null ? "–" : fmt(r.brms.cpu_s)} | ${r.speedup_cpu === null ? "–" : `${r.speedup_cpu}×`} | ${fmt(r.hbayes.ess_per_s, 0)} / ${fmt(r.brms.ess_per_s, 0)} | ${fmt(r.hbayes.ess_per_cpu_s, 0)} / ${r.brms.ess_per_cpu_s === null ? "–" : fmt(r.brms.ess_per_cpu_s, 0)} | ${r.hbayes.leapfrogs_per_draw} / ${r.brms.leapfrogs_per_draw} |`,
    ),
    "",
    "Raw numbers: `validation/brms.json`; brms runs: `validation/brms/reference/*.json`.",
    end,
  ];
  const text = readFileSync(path, "utf8");
  const section = lines.join("\n");
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}

await main();
