/**
 * The benchmark's outputs: the table (stdout and RESULTS.md), the hbayes/other ratios pair by pair
 * within one run, and the RESULTS.md section between its markers (other sections are kept as they are).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Row } from "./tools.js";

export interface RunInfo {
  date: string;
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

const HEADER = ["model", "tool", "compile s", "warmup s", "sampling s", "total s", "process CPU s", "gradients", "µs/grad", "min bulk ESS", "min tail ESS", "ESS/s", "div", "peak RSS MB", "tree PSS MB", "load"];

function cells(r: Row): string[] {
  if (r.status !== "ok") return [r.model, r.tool, `${r.status}${r.note ? `: ${r.note}` : ""}`, ...HEADER.slice(3).map(() => ""), fmt(r.load_before, 2)];
  const compile = r.compile_s === undefined ? "–" : `${fmt(r.compile_s)}${r.compile_cached ? " (cached)" : ""}`;
  return [
    r.model, r.tool, compile, fmt(r.warmup_s), fmt(r.sampling_s), fmt(r.total_s), fmt(r.cpu_s), fmt(r.gradients), fmt(r.us_per_gradient),
    fmt(r.min_ess_bulk), fmt(r.min_ess_tail), fmt(r.ess_per_s), fmt(r.divergences), fmt(r.peak_rss_mb), fmt(r.peak_tree_pss_mb), fmt(r.load_before, 2),
  ];
}

export interface Ratio {
  model: string;
  other: string;
  /** hbayes / other; below 1 means hbayes took less time or memory. */
  total_time: number | undefined;
  cpu: number | undefined;
  us_per_gradient: number | undefined;
  peak_rss: number | undefined;
  /** hbayes / other; above 1 means hbayes produced more effective draws per second. */
  ess_per_s: number | undefined;
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

export function ratios(rows: readonly Row[]): Ratio[] {
  const out: Ratio[] = [];
  for (const h of rows) {
    if (h.tool !== "hbayes" || h.status !== "ok") continue;
    for (const o of rows) {
      if (o.model !== h.model || o.tool === "hbayes" || o.status !== "ok") continue;
      out.push({
        model: h.model,
        other: o.tool,
        total_time: div(h.total_s, o.total_s),
        cpu: div(h.cpu_s, o.cpu_s),
        us_per_gradient: div(h.us_per_gradient, o.us_per_gradient),
        peak_rss: div(h.peak_rss_mb, o.peak_rss_mb),
        ess_per_s: div(h.ess_per_s, o.ess_per_s),
        max_z: maxZ(h, o),
      });
    }
  }
  return out;
}

const RATIO_HEADER = ["model", "vs", "total time", "process CPU", "µs/grad", "ESS/s", "peak RSS", "max |z| of key means"];
const ratioCells = (r: Ratio): string[] => [r.model, r.other, fmt(r.total_time), fmt(r.cpu), fmt(r.us_per_gradient), fmt(r.ess_per_s), fmt(r.peak_rss), fmt(r.max_z, 2)];

function markdown(header: string[], body: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

function plain(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}

export function printTables(rows: readonly Row[]): string {
  return `${plain(HEADER, rows.map(cells))}\n\nhbayes / other (time and memory: < 1 is hbayes better; ESS/s: > 1 is hbayes better)\n${plain(RATIO_HEADER, ratios(rows).map(ratioCells))}`;
}

export function markdownSection(info: RunInfo, rows: readonly Row[]): string {
  const v = Object.entries(info.versions).map(([k, x]) => `${k} ${x}`).join(", ");
  return [
    `## Full benchmark: hbayes vs rstan, brms, lme4, JAGS (\`${info.command}\`)`,
    "",
    `${info.date}; ${info.machine}, \`nproc\` = ${info.nproc}; ${v}. ${info.settings.chains} chains × (${info.settings.warmup} warmup + ${info.settings.draws} draws), seed ${info.settings.seed}. ` +
      `Load average (1 min) ${info.load_start.toFixed(2)} at the start, ${info.load_end.toFixed(2)} at the end; the "load" column is the load when each row started (other engineers share the cores).`,
    "",
    "How each column is measured: every fit is its own child process. compile s = hbayes IR → JS compile; rstan C++ compile (\"cached\": the compiled model reloaded from `tmp/bench/stan`, the cold compile is paid once); " +
      "brms: the cold compile recorded when its cache (`tmp/bench/brms`) was made. warmup s / sampling s: summed over chains. total s: time to a finished summary inside the tool " +
      "(compile or cache load + sampling wall time + ESS/R-hat of every reported variable; brms: cold compile + sampling + summary; lme4: one fit with summary(), median of 3). " +
      "process CPU s: user + system CPU seconds of the whole child process from GNU time (start-up, package loading, compile, sampling, summary; less disturbed by other jobs than wall time). gradients: leapfrog steps incl. warmup; µs/grad = sampling s / post-warmup leapfrog steps (includes the sampler's per-step work). ESS: min over all reported variables " +
      "(hbayes: its own diagnostics; R: posterior), GLMM internals (z, L, centred Intercept) excluded on both sides; ESS/s = min bulk ESS / (warmup s + sampling s). " +
      "peak RSS: hbayes `process.resourceUsage().maxRSS` (one process, chains in worker threads); R: GNU time's maximum RSS, i.e. the largest single process (rstan runs chains in 2 extra R processes); " +
      "tree PSS: the peak of the summed proportional set size of the whole process tree, sampled every 200 ms. Both sides use 2 parallel chains (2 cores); JAGS runs its chains in one process.",
    "",
    markdown(HEADER, rows.map(cells)),
    "",
    "hbayes / other, pair by pair in the same run (time and memory: below 1 means hbayes is better; ESS/s: above 1 means hbayes is better). " +
      "The last column checks both fitted the same posterior: the largest |difference of posterior means| / combined MCSE over the model's key quantities (intercept, slopes, sds, correlation, sigma; mu, tau, theta[1]; alpha, beta, lambda) — below ~4 is agreement.",
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
