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
    /** Wall seconds, formula text → finished summary. */
    readonly total_s: number;
    /** CPU seconds of the process (workers included), formula text → finished summary. */
    readonly cpu_s: number;
    readonly compile_s: number;
    /** Chain wall seconds, summed over chains (inflated by other jobs on the machine). */
    readonly warmup_wall_s: number;
    readonly sampling_wall_s: number;
    /** CPU seconds of sampling alone: the fit's CPU × (sampling leapfrogs ÷ all gradients). */
    readonly sampling_cpu_s: number;
    readonly summary_s: number;
    readonly gradients: number;
    readonly divergences: number;
    readonly min_ess_bulk: number;
    /** min bulk ESS ÷ sampling CPU seconds (the basis of rstan's elapsed times). */
    readonly ess_per_s: number;
    /** min bulk ESS ÷ summed chain wall seconds of sampling. */
    readonly ess_per_wall_s: number;
    readonly leapfrogs_per_draw: number;
    /** The fit's CPU seconds ÷ all gradients (NUTS overhead, worker start-up and compile included). */
    readonly us_per_gradient_cpu: number;
    readonly loadavg: number;
  };
  readonly brms: {
    /** Wall seconds: compile + sample (update(), forked chains) + summarise_draws. */
    readonly total_s: number;
    readonly compile_s: number;
    readonly sample_wall_s: number;
    /** CPU seconds of compile + sampling (children included); null for references made before it was recorded. */
    readonly cpu_s: number | null;
    /** rstan::get_elapsed_time, summed over chains: Stan 2.21 measures it with clock(), i.e. CPU seconds. */
    readonly warmup_s: number;
    readonly sampling_s: number;
    readonly divergences: number;
    readonly min_ess_bulk: number;
    readonly ess_per_s: number;
    readonly leapfrogs_per_draw: number;
    readonly us_per_gradient_cpu: number;
    readonly loadavg_compile: number;
    readonly loadavg_sample: number;
  };
  readonly speedup_wall: number;
  readonly speedup_cpu: number | null;
  /**
   * At brms's default run length, 4 × (1000 + 1000): hbayes measured; brms's CPU estimated from the
   * reference run as compile + sampling-call CPU − 4/5 of the draw phase's chain CPU (the rest —
   * warmup, update()'s set-up and forking — is the same at any run length).
   */
  readonly default_run: {
    readonly hbayes_total_s: number;
    readonly hbayes_cpu_s: number;
    readonly hbayes_loadavg: number;
    readonly brms_cpu_estimate_s: number | null;
    readonly speedup_cpu: number | null;
  };
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
    const run = await runCase(c, settings);
    const check = checkAgainstReference(run.summary.rows, ref);
    const worst = check.checks.reduce((w, p) => (Math.abs(p.z) > Math.abs(w.z) ? p : w), check.checks[0]);
    const t = run.fit.timing;
    const minEss = Math.min(...run.summary.rows.map((r) => r.ess_bulk));
    const leapfrogs = sumSampler(run.fit.result.draws, "n_leapfrog__");
    const samplingCpu = (run.fit_cpu_s * leapfrogs) / t.gradients;
    const brmsTotal = ref.timing.compile_s + ref.timing.sample_wall_s + ref.timing.summary_s;
    const rt = ref.timing as { compile_cpu_s?: number; sample_cpu_s?: number };
    const brmsCpu = rt.compile_cpu_s !== undefined && rt.sample_cpu_s !== undefined ? rt.compile_cpu_s + rt.sample_cpu_s : null;
    const brmsEssPerS = ref.min_ess_bulk / ref.timing.sampling_s;
    const defaultLoad = loadavg()[0];
    const short = await runCase(c, { ...settings, warmup: 1000, draws: 1000 });
    const brmsShortCpu = brmsCpu === null ? null : brmsCpu - ref.timing.sampling_s * (1 - 1000 / ref.settings.draws);
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
        cpu_s: round(run.cpu_s),
        compile_s: round(t.compile_s),
        warmup_wall_s: round(t.warmup_s),
        sampling_wall_s: round(t.sampling_s),
        sampling_cpu_s: round(samplingCpu),
        summary_s: round(run.summary_s),
        gradients: t.gradients,
        divergences: run.fit.divergences,
        min_ess_bulk: round(minEss, 0),
        ess_per_s: round(minEss / samplingCpu, 1),
        ess_per_wall_s: round(minEss / t.sampling_s, 1),
        leapfrogs_per_draw: round(leapfrogs / (settings.chains * settings.draws), 1),
        us_per_gradient_cpu: round((1e6 * run.fit_cpu_s) / t.gradients, 2),
        loadavg: round(load, 2),
      },
      brms: {
        total_s: round(brmsTotal),
        compile_s: round(ref.timing.compile_s),
        sample_wall_s: round(ref.timing.sample_wall_s),
        cpu_s: brmsCpu === null ? null : round(brmsCpu),
        warmup_s: round(ref.timing.warmup_s),
        sampling_s: round(ref.timing.sampling_s),
        divergences: ref.diagnostics.divergences,
        min_ess_bulk: round(ref.min_ess_bulk, 0),
        ess_per_s: round(brmsEssPerS, 1),
        leapfrogs_per_draw: round(ref.diagnostics.leapfrogs_sampling / (ref.settings.chains * ref.settings.draws), 1),
        us_per_gradient_cpu: round((1e6 * ref.timing.sampling_s) / ref.diagnostics.leapfrogs_sampling, 2),
        loadavg_compile: ref.timing.loadavg_compile[0],
        loadavg_sample: ref.timing.loadavg_sample[0],
      },
      speedup_wall: round(brmsTotal / run.total_s, 1),
      speedup_cpu: brmsCpu === null ? null : round(brmsCpu / run.cpu_s, 1),
      ess_per_s_ratio: round(minEss / samplingCpu / brmsEssPerS, 2),
      default_run: {
        hbayes_total_s: round(short.total_s),
        hbayes_cpu_s: round(short.cpu_s),
        hbayes_loadavg: round(defaultLoad, 2),
        brms_cpu_estimate_s: brmsShortCpu === null ? null : round(brmsShortCpu),
        speedup_cpu: brmsShortCpu === null ? null : round(brmsShortCpu / short.cpu_s, 1),
      },
      date: new Date().toISOString().slice(0, 10),
    };
    rows.push(row);
    console.log(
      `${row.pass ? "PASS" : "FAIL"} ${c.name.padEnd(22)} worst z ${row.worst_z.toFixed(2).padStart(6)} (${row.worst_z_name}), worst sd ${(100 * row.worst_sd_rel).toFixed(1)} %` +
        `\n     to summary, wall: hbayes ${row.hbayes.total_s.toFixed(1)} s (load ${row.hbayes.loadavg}) vs brms ${row.brms.total_s.toFixed(1)} s (load ${row.brms.loadavg_compile}/${row.brms.loadavg_sample}) = ${row.speedup_wall}×` +
        `; CPU: hbayes ${row.hbayes.cpu_s.toFixed(1)} s vs brms ${row.brms.cpu_s?.toFixed(1) ?? "?"} s = ${row.speedup_cpu ?? "?"}×` +
        `\n     min ESS per sampling CPU-second: hbayes ${row.hbayes.ess_per_s} vs brms ${row.brms.ess_per_s} = ${row.ess_per_s_ratio}×` +
        `; leapfrogs/draw ${row.hbayes.leapfrogs_per_draw} vs ${row.brms.leapfrogs_per_draw}; CPU µs/gradient ${row.hbayes.us_per_gradient_cpu} vs ${row.brms.us_per_gradient_cpu}; divergences ${row.hbayes.divergences} vs ${row.brms.divergences}` +
        `\n     4 × (1000 + 1000): hbayes ${row.default_run.hbayes_total_s} s wall (load ${row.default_run.hbayes_loadavg}), ${row.default_run.hbayes_cpu_s} CPU s vs brms ≈ ${row.default_run.brms_cpu_estimate_s ?? "?"} CPU s = ${row.default_run.speedup_cpu ?? "?"}×` +
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
    `brms: 4 chains × (1000 warmup + 5000 draws); hbayes: ${rows[0]?.hbayes.settings.chains} × (${rows[0]?.hbayes.settings.warmup} + ${rows[0]?.hbayes.settings.draws}); two chains at a time on both sides (brms \`cores = 2\`, hbayes \`threads = 2\`); the same explicit priors.`,
    "To summary = formula text → finished summary: wall seconds (brms: compile + sample + summarise) and CPU seconds (hbayes: the whole process, workers included; brms: compile and sampling with their child processes, summary not counted).",
    "ESS/s = min bulk ESS over all reported parameters ÷ CPU seconds of sampling alone (brms: `rstan::get_elapsed_time`, which Stan 2.21 measures with `clock()`, i.e. CPU time, summed over chains; hbayes: the fit's CPU seconds × sampling leapfrogs ÷ all gradients). Wall-clock ESS/s is not comparable on a loaded machine: rstan's chain times are CPU times, hbayes's are wall times.",
    "Last two columns: brms's default run length; hbayes measured, brms estimated from its long run (compile + sampling-call CPU − 4/5 of the draw phase).",
    "Agreement: every parameter brms reports, |Δmean| < 4 · sqrt(mcse² + mcse_ref²) and sd within 10 %.",
    "",
    "| model | family | agree (params) | worst z | worst sd | to summary, wall: hbayes (load) / brms (load) | speed-up wall | to summary, CPU s: hbayes / brms | speed-up CPU | ESS/s hbayes / brms | ratio | µs/gradient (CPU) hbayes / brms | leapfrogs/draw hbayes / brms | divergences hbayes / brms | 4 × (1000 + 1000), CPU s: hbayes / brms (est.) | speed-up |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.model} | ${r.family} | ${r.pass ? "pass" : "FAIL"} (${r.parameters}) | ${fmt(r.worst_z, 2)} | ${fmt(100 * r.worst_sd_rel)} % | ${fmt(r.hbayes.total_s)} s (${r.hbayes.loadavg}) / ${fmt(r.brms.total_s)} s (${r.brms.loadavg_compile}, ${r.brms.loadavg_sample}) | ${r.speedup_wall}× | ${fmt(r.hbayes.cpu_s)} / ${r.brms.cpu_s === null ? "–" : fmt(r.brms.cpu_s)} | ${r.speedup_cpu === null ? "–" : `${r.speedup_cpu}×`} | ${fmt(r.hbayes.ess_per_s, 0)} / ${fmt(r.brms.ess_per_s, 0)} | ${r.ess_per_s_ratio}× | ${fmt(r.hbayes.us_per_gradient_cpu, 1)} / ${fmt(r.brms.us_per_gradient_cpu, 1)} | ${r.hbayes.leapfrogs_per_draw} / ${r.brms.leapfrogs_per_draw} | ${r.hbayes.divergences} / ${r.brms.divergences} | ${fmt(r.default_run.hbayes_cpu_s)} / ${r.default_run.brms_cpu_estimate_s === null ? "–" : fmt(r.default_run.brms_cpu_estimate_s)} | ${r.default_run.speedup_cpu === null ? "–" : `${r.default_run.speedup_cpu}×`} |`,
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
