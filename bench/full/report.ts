/**
 * The benchmark's outputs: the table (stdout and RESULTS.md), the hbayes/other ratios pair by pair
 * within one run, and the RESULTS.md section between its markers (other sections are kept as they are).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { MODELS, TOOLS } from "./models.js";
import type { Budget, Row } from "./tools.js";

export interface RunInfo {
  /** The run's label (its results file name unless `--run` named it); rows carry it as `run`. */
  name?: string;
  date: string;
  /** ISO time the run started (orders runs of the same date; older files lack it). */
  started?: string;
  command: string;
  machine: string;
  nproc: number;
  node: string;
  versions: Record<string, string>;
  settings: { chains: number; warmup: number; draws: number; seed: number };
  load_start: number;
  load_end: number;
}

const fmt = (x: number | undefined, digits = 3): string => {
  if (x === undefined || !Number.isFinite(x)) return "–";
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString("en-US");
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return x.toPrecision(digits);
};

/**
 * min bulk ESS per CPU second of sampling (warmup included) and whether it had to fall back to the
 * whole process's CPU seconds. Sampler CPU: hbayes process.cpuUsage() around the fit (all threads);
 * rstan and brms their chain times (Stan 2.21 measures them with clock(), i.e. CPU time); JAGS
 * proc.time() user + system. Rows without a sampler figure (recorded before it was) use the process
 * CPU seconds from GNU time, start-up and compile included: that understates their ESS per CPU s.
 * Unlike ESS/s, this does not grow with the time spent waiting for a core on a shared machine.
 */
export function essPerCpu(r: Row): { value: number | undefined; fallback: boolean } {
  const bulk = r.min_ess_bulk;
  if (r.status !== "ok" || bulk === undefined) return { value: undefined, fallback: false };
  const raw = r.raw?.sampler_cpu_s;
  const sampler = r.tool === "stan" || r.tool === "brms"
    ? (r.warmup_s !== undefined && r.sampling_s !== undefined ? r.warmup_s + r.sampling_s : undefined)
    : typeof raw === "number" && raw > 0 ? raw : undefined;
  const cpu = sampler ?? r.cpu_s;
  return { value: cpu !== undefined && cpu > 0 ? bulk / cpu : undefined, fallback: sampler === undefined && cpu !== undefined };
}

const HEADER = ["model", "tool", "run", "compile s", "warmup s", "sampling s", "total s", "process CPU s", "gradients", "µs/grad", "min bulk ESS", "min tail ESS", "ESS/s", "ESS/CPU s", "div", "peak RSS MB", "tree PSS MB", "load"];

/** A row run with a smaller budget than its run's says so next to its tool. */
function toolCell(r: Row, standard?: Budget): string {
  const b = r.budget;
  if (!b || (standard && b.chains === standard.chains && b.warmup === standard.warmup && b.draws === standard.draws)) return r.tool;
  return `${r.tool} (${b.chains} × (${b.warmup} + ${b.draws}))`;
}

function cells(r: Row, standard?: Budget): string[] {
  const head = [r.model, toolCell(r, standard), r.run ?? ""];
  if (r.status !== "ok") return [...head, `${r.status}${r.note ? `: ${r.note}` : ""}`, ...HEADER.slice(4).map(() => ""), fmt(r.load_before, 2)];
  const compile = r.compile_s === undefined ? "–" : `${fmt(r.compile_s)}${r.compile_cached ? " (cached)" : ""}`;
  // JAGS is a Gibbs / slice sampler: it has no gradient evaluations or divergences to count.
  const noGradients = r.tool === "jags";
  return [
    ...head, compile, fmt(r.warmup_s), fmt(r.sampling_s), fmt(r.total_s), fmt(r.cpu_s),
    noGradients ? "none (Gibbs)" : fmt(r.gradients), noGradients ? "n/a" : fmt(r.us_per_gradient),
    fmt(r.min_ess_bulk), fmt(r.min_ess_tail), fmt(r.ess_per_s), essCpuCell(r), noGradients ? "n/a" : fmt(r.divergences), fmt(r.peak_rss_mb), fmt(r.peak_tree_pss_mb), fmt(r.load_before, 2),
  ];
}

function essCpuCell(r: Row): string {
  const e = essPerCpu(r);
  return e.value === undefined ? "–" : `${fmt(e.value)}${e.fallback ? "*" : ""}`;
}

const SETTINGS_HEADER = ["model", "tool", "run", "metric", "reparam", "marginalize", "notes"];

/** What each hbayes fit reported doing (hbayesChild's `settings`); rows from before it was recorded say so. */
function settingsCells(r: Row): string[] {
  const st = (r.raw?.settings ?? null) as { metric?: string; reparam?: string; marginalize?: string; notes?: string[] } | null;
  if (st === null) return [r.model, r.tool, r.run ?? "", "not recorded", "", "", ""];
  return [r.model, r.tool, r.run ?? "", st.metric ?? "", st.reparam ?? "", st.marginalize ?? "", (st.notes ?? []).join("; ")];
}

export interface Ratio {
  model: string;
  /** The numerator: "hbayes", or "hbayes-plain" (Stan's algorithm as written) against the other tools. */
  tool: string;
  other: string;
  /** The run both rows came from (rows of different runs are never paired). */
  run?: string;
  /** hbayes / other; below 1 means hbayes took less time or memory. */
  total_time: number | undefined;
  cpu: number | undefined;
  us_per_gradient: number | undefined;
  peak_rss: number | undefined;
  /** hbayes / other; above 1 means hbayes produced more effective draws per second. */
  ess_per_s: number | undefined;
  /** The same per CPU second of sampling (essPerCpu); robust to waiting for a core. */
  ess_per_cpu_s: number | undefined;
  /** Either side's ESS/CPU s used the whole-process fallback. */
  ess_per_cpu_fallback: boolean;
  /**
   * Largest |mean_hbayes − mean_other| / sqrt(mcse_hbayes² + mcse_other²) over the model's key
   * quantities: above ~4 the two tools did not fit the same posterior (or one did not converge).
   */
  max_z: number | undefined;
}

function maxZ(h: Row, o: Row): number | undefined {
  if (!h.keys || !o.keys) return undefined;
  let z: number | undefined;
  h.keys.forEach((a, i) => {
    const b = o.keys?.[i];
    if (!a || !b) return;
    const zi = Math.abs(a.mean - b.mean) / Math.sqrt(a.mcse ** 2 + b.mcse ** 2);
    if (Number.isFinite(zi)) z = Math.max(z ?? 0, zi);
  });
  return z;
}

const div = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);

/** Which tools each hbayes variant is divided by: the defaults by everything, plain by the non-hbayes tools. */
const isHbayes = (tool: string): boolean => tool === "hbayes" || tool === "hbayes-plain";
const pairs = (base: string, other: string): boolean => (base === "hbayes" ? other !== "hbayes" : base === "hbayes-plain" && !isHbayes(other));

/** hbayes (and hbayes-plain) / each other tool, per model, only between rows of the same run. */
export function ratios(rows: readonly Row[]): Ratio[] {
  const out: Ratio[] = [];
  for (const base of ["hbayes", "hbayes-plain"]) {
    for (const h of rows) {
      if (h.tool !== base || h.status !== "ok") continue;
      for (const o of rows) {
        if (o.model !== h.model || o.run !== h.run || !pairs(base, o.tool) || o.status !== "ok") continue;
        out.push({
          model: h.model,
          tool: base,
          other: o.tool,
          ...(h.run !== undefined ? { run: h.run } : {}),
          total_time: div(h.total_s, o.total_s),
          cpu: div(h.cpu_s, o.cpu_s),
          us_per_gradient: div(h.us_per_gradient, o.us_per_gradient),
          peak_rss: div(h.peak_rss_mb, o.peak_rss_mb),
          ess_per_s: div(h.ess_per_s, o.ess_per_s),
          ess_per_cpu_s: div(essPerCpu(h).value, essPerCpu(o).value),
          ess_per_cpu_fallback: essPerCpu(h).fallback || essPerCpu(o).fallback,
          max_z: maxZ(h, o),
        });
      }
    }
  }
  return out;
}

const RATIO_HEADER = ["model", "hbayes", "vs", "run", "total time", "process CPU", "µs/grad", "ESS/s", "ESS/CPU s", "peak RSS", "max |z| of key means"];
const ratioCells = (r: Ratio): string[] => [r.model, r.tool, r.other, r.run ?? "", fmt(r.total_time), fmt(r.cpu), fmt(r.us_per_gradient), fmt(r.ess_per_s), `${fmt(r.ess_per_cpu_s)}${r.ess_per_cpu_fallback && r.ess_per_cpu_s !== undefined ? "*" : ""}`, fmt(r.peak_rss), fmt(r.max_z, 2)];

function markdown(header: string[], body: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

function plain(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}

export function printTables(rows: readonly Row[], standard?: Budget): string {
  const hb = rows.filter((r) => isHbayes(r.tool) && r.status === "ok");
  return `${plain(HEADER, rows.map((r) => cells(r, standard)))}\n\nhbayes settings as each fit reported them\n${plain(SETTINGS_HEADER, hb.map(settingsCells))}` +
    `\n\nhbayes / other (time and memory: < 1 is hbayes better; ESS/s: > 1 is hbayes better)\n${plain(RATIO_HEADER, ratios(rows).map(ratioCells))}`;
}

/** A run as the section lists it: its info and where its rows came from. */
export interface RunSource {
  file: string;
  info: Partial<RunInfo>;
  rows: Row[];
}

/**
 * Rows of several runs merged by model × tool: a later run's row replaces an earlier run's for the
 * same model and tool, other rows are kept. Each row keeps its run label (the file's name when the
 * row has none), so ratios still pair only rows of one run.
 */
export function mergeRuns(runs: readonly RunSource[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const r of runs) {
    const label = r.info.name ?? r.file.replace(/\.json$/, "");
    for (const row of r.rows) byKey.set(`${row.model}\u0000${row.tool}`, { ...row, run: row.run ?? label });
  }
  const order = (row: Row): number => MODEL_ORDER.indexOf(row.model) * 100 + TOOL_ORDER.indexOf(row.tool);
  return [...byKey.values()].sort((x, y) => order(x) - order(y));
}

// Table order: the models' and tools' order in bench/full/models.ts.
const MODEL_ORDER = MODELS.map((m) => m.id);
const TOOL_ORDER: string[] = [...TOOLS];

const SOURCES = /<!-- full-sources: ([^>]*) -->/;

/** The results files the current "full" section was built from (recorded in the section itself). */
export function sectionSources(markdownText: string): string[] {
  const m = SOURCES.exec(markdownText);
  return m ? m[1].trim().split(/\s+/).filter((x) => x.length > 0) : [];
}

export function markdownSection(runs: readonly RunSource[], rows: readonly Row[]): string {
  const runLines = runs.map((r) => {
    const i = r.info;
    const v = Object.entries(i.versions ?? {}).map(([k, x]) => `${k} ${x}`).join(", ");
    const st = i.settings ? `${i.settings.chains} chains × (${i.settings.warmup} warmup + ${i.settings.draws} draws), seed ${i.settings.seed}` : "";
    const load = i.load_start !== undefined ? `load ${i.load_start.toFixed(2)} at the start${i.load_end !== undefined ? `, ${i.load_end.toFixed(2)} at the end` : ""}` : "";
    return `- run **${i.name ?? r.file.replace(/\.json$/, "")}** (\`bench/results/${r.file}\`): ${i.date ?? "?"}${i.started ? ` ${i.started.slice(11, 16)} UTC` : ""}; \`${i.command ?? "?"}\`; ${[i.machine, i.nproc !== undefined ? `\`nproc\` = ${i.nproc}` : "", v, st, load].filter((x) => x).join("; ")}.`;
  });
  const hb = rows.filter((r) => isHbayes(r.tool) && r.status === "ok");
  return [
    "## Full benchmark: hbayes vs rstan, brms, lme4, JAGS (`npm run bench`)",
    "",
    `<!-- full-sources: ${runs.map((r) => r.file).join(" ")} -->`,
    "Rows merged from these runs by model × tool (a later run's row replaces an earlier one's; `npm run bench -- --md-fresh` starts over). The \"run\" column says which run each row is from, the \"load\" column the 1-minute load average when the row started (other engineers share the cores):",
    "",
    ...runLines,
    "",
    "How each column is measured: every fit is its own child process. tool `hbayes` = the library's defaults at the time of the run; `hbayes-plain` = `reparam: \"none\", marginalize: \"none\", metric: \"diag\"` (Stan's algorithm on the model as written, the issue 12 off switch). compile s = hbayes IR → JS compile; rstan C++ compile (\"cached\": the compiled model reloaded from `tmp/bench/stan`, the cold compile is paid once); " +
      "brms: the cold compile recorded when its cache (`tmp/bench/brms`) was made. warmup s / sampling s: summed over chains. total s: time to a finished summary inside the tool " +
      "(compile or cache load + sampling wall time + ESS/R-hat of every reported variable; brms: cold compile + sampling + summary; lme4: one fit with summary(), median of 3). " +
      "process CPU s: user + system CPU seconds of the whole child process from GNU time (start-up, package loading, compile, sampling, summary; less disturbed by other jobs than wall time). gradients: leapfrog steps incl. warmup; µs/grad = sampling s / post-warmup leapfrog steps (includes the sampler's per-step work); JAGS (Gibbs and slice sampling) has no gradients or divergences. ESS: min over all reported variables " +
      "(hbayes: its own diagnostics; R: posterior), GLMM internals (z, L, centred Intercept) excluded on both sides; ESS/s = min bulk ESS / (warmup s + sampling s): hbayes's and JAGS's seconds are wall time per chain, rstan's and brms's are CPU time (Stan 2.21 times chains with clock()), so on a loaded machine ESS/s is biased against hbayes. ESS/CPU s = min bulk ESS / CPU seconds of sampling incl. warmup (hbayes: process.cpuUsage() around the fit, all threads; rstan/brms: their chain times; JAGS: proc.time() user + system); a * marks rows recorded before that figure existed, which use the whole process's CPU seconds instead (start-up and compile included, so their ESS/CPU s is understated). A tool followed by a budget ran fewer iterations than its run. " +
      "peak RSS: hbayes `process.resourceUsage().maxRSS` (one process, chains in worker threads or in its own thread); R: GNU time's maximum RSS, i.e. the largest single process (rstan runs chains in 2 extra R processes); " +
      "tree PSS: the peak of the summed proportional set size of the whole process tree, sampled every 200 ms (every 2 s after the first 10 s). Both sides use 2 parallel chains (2 cores); JAGS runs its chains in one process.",
    "",
    markdown(HEADER, rows.map((r) => cells(r, r.run !== undefined ? runs.find((x) => (x.info.name ?? x.file.replace(/\.json$/, "")) === r.run)?.info.settings : undefined))),
    "",
    "What each hbayes fit reported doing (metric, automatic reparameterisation, marginalisation):",
    "",
    markdown(SETTINGS_HEADER, hb.map(settingsCells)),
    "",
    "hbayes / other, pair by pair within one run (time and memory: below 1 means hbayes is better; ESS/s: above 1 means hbayes is better); `hbayes` vs `hbayes-plain` is the issue 12 features on / off. " +
      "A * on ESS/CPU s: one side had no sampler CPU figure and used its whole process's CPU seconds (for hbayes, ~1.3 s of Node + tsx start-up that dwarfs a small model's sampling). The last column checks both fitted the same posterior: the largest |difference of posterior means| / combined MCSE over the model's key quantities (intercept, slopes, sds, correlation, sigma; mu, tau, theta[1]; alpha, beta, lambda) — below ~4 is agreement.",
    "",
    markdown(RATIO_HEADER, ratios(rows).map(ratioCells)),
  ].join("\n");
}

/** Replaces (or appends) the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->`. */
export function writeSection(path: string, name: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const block = `${begin}\n${body.trim()}\n${end}`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? `${text.slice(0, i)}${block}${text.slice(j + end.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}

/**
 * rstan's ESS/s on `model` in a stored run (min bulk ESS ÷ its chains' warmup + sampling seconds, as the
 * full table computes it), for scripts that compare against Stan without running it; throws when the
 * run has no rstan row for the model.
 */
export function stanEssPerSecond(resultsFile: URL, model: string): number {
  const rows = (JSON.parse(readFileSync(resultsFile, "utf8")) as { rows: Row[] }).rows;
  const r = rows.find((x) => x.model === model && x.tool === "stan");
  if (r?.min_ess_bulk === undefined || r.warmup_s === undefined || r.sampling_s === undefined) {
    throw new Error(`stanEssPerSecond: ${resultsFile.pathname} has no rstan row for ${model}`);
  }
  return r.min_ess_bulk / (r.warmup_s + r.sampling_s);
}
