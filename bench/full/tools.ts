/**
 * One row of the benchmark: a model on one tool, run as its own process and measured the same way
 * for every tool (bench/full/measure.ts). R-side jobs are JSON files read by bench/r/*.R.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadAverage, runMeasured } from "./measure.js";
import type { BenchModel, Tool } from "./models.js";

export interface Settings {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  timeoutS: number;
}

export type Status = "ok" | "not installed" | "failed" | "timed out";

/** Run length of one row (a row may have a smaller budget than its run, e.g. JAGS on 100k rows). */
export interface Budget {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
}

export interface Row {
  model: string;
  tool: Tool;
  status: Status;
  /** The run this row came from (its label; ratios pair rows of the same run only). */
  run?: string;
  budget?: Budget;
  note?: string;
  compile_s?: number;
  compile_cached?: boolean;
  warmup_s?: number;
  sampling_s?: number;
  /** Time to a finished summary inside the tool: compile (or cache load) + sampling + summary. */
  total_s?: number;
  /** Wall time of the whole child process, start-up and package loading included. */
  process_s?: number;
  /** CPU seconds of the whole child process (start-up and package loading included). */
  cpu_s?: number;
  gradients?: number;
  us_per_gradient?: number;
  min_ess_bulk?: number;
  min_ess_tail?: number;
  max_rhat?: number;
  /** min bulk ESS / (warmup_s + sampling_s), both summed over chains. */
  ess_per_s?: number;
  divergences?: number;
  /** hbayes: process.resourceUsage().maxRSS; R: GNU time's maximum RSS (largest process). */
  peak_rss_mb?: number;
  peak_tree_pss_mb?: number;
  /** Posterior mean and MCSE of each of the model's keys (null when this tool does not report it). */
  keys?: ({ mean: number; mcse: number } | null)[];
  load_before: number;
  load_after?: number;
  raw?: Record<string, unknown>;
}

export interface Paths {
  repo: string;
  cache: string;
}

export interface Installed {
  R: boolean;
  rstan: boolean;
  brms: boolean;
  lme4: boolean;
  jags: boolean;
  versions: Record<string, string>;
}

/** Which tools this machine has (JAGS needs both the jags binary and R's rjags). */
export function detectTools(): Installed {
  const versions: Record<string, string> = {};
  const has: Record<string, boolean> = {};
  try {
    const out = execFileSync("Rscript", ["-e", 'for (p in c("rstan","brms","lme4","posterior","rjags")) cat(p, if (requireNamespace(p, quietly = TRUE)) as.character(packageVersion(p)) else "-", "\\n"); cat("R", paste(R.version$major, R.version$minor, sep = "."), "\\n")'], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    for (const line of out.trim().split("\n")) {
      const [name, v] = line.trim().split(/\s+/);
      has[name] = v !== "-";
      if (v !== "-") versions[name] = v;
    }
  } catch {
    // no R at all
  }
  let jagsBinary = false;
  try {
    execFileSync("sh", ["-c", "command -v jags"], { stdio: "ignore" });
    jagsBinary = true;
  } catch {
    jagsBinary = false;
  }
  const posterior = has.posterior === true;
  return {
    R: has.R === true,
    rstan: has.rstan === true && posterior,
    brms: has.brms === true && posterior,
    lme4: has.lme4 === true,
    jags: jagsBinary && has.rjags === true && posterior,
    versions,
  };
}

function num(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) ? x : undefined;
}

function rowFrom(model: string, tool: Tool, r: Record<string, unknown>, m: { process_s: number; max_rss_mb: number | null; peak_tree_pss_mb: number | null; cpu_s: number | null }, loadBefore: number): Row {
  const warm = num(r.warmup_s);
  const samp = num(r.sampling_s);
  const bulk = num(r.min_ess_bulk);
  const hbayesRss = num(r.max_rss_mb);
  return {
    model,
    tool,
    status: "ok",
    compile_s: num(r.compile_s),
    compile_cached: r.compile_cached === true,
    warmup_s: warm,
    sampling_s: samp,
    total_s: num(r.total_s),
    process_s: m.process_s,
    cpu_s: m.cpu_s ?? undefined,
    gradients: num(r.gradients),
    us_per_gradient: num(r.us_per_gradient),
    min_ess_bulk: bulk,
    min_ess_tail: num(r.min_ess_tail),
    max_rhat: num(r.max_rhat),
    ess_per_s: bulk !== undefined && warm !== undefined && samp !== undefined ? bulk / (warm + samp) : undefined,
    divergences: num(r.divergences),
    peak_rss_mb: hbayesRss ?? m.max_rss_mb ?? undefined,
    peak_tree_pss_mb: m.peak_tree_pss_mb ?? undefined,
    keys: Array.isArray(r.keys)
      ? (r.keys as { mean: unknown; mcse: unknown }[]).map((k) => (num(k?.mean) !== undefined && num(k?.mcse) !== undefined ? { mean: k.mean as number, mcse: k.mcse as number } : null))
      : undefined,
    load_before: loadBefore,
    load_after: loadAverage(),
    raw: r,
  };
}

function failure(model: string, tool: Tool, status: Status, note: string, loadBefore: number): Row {
  return { model, tool, status, note, load_before: loadBefore, load_after: loadAverage() };
}

const lastLines = (s: string, n = 6): string => s.trim().split("\n").filter((l) => !/^\s+(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l)).slice(-n).join(" | ");

/** The model's key names as this tool calls them ("" for a key it does not report). */
const keysFor = (model: BenchModel, tool: Tool): string[] => model.keys.map((k) => (tool === "hbayes-plain" ? k.hbayes : k[tool]) ?? "");

async function runR(script: string, job: Record<string, unknown>, model: BenchModel, tool: Tool, paths: Paths, s: Settings): Promise<Row> {
  const jobs = `${paths.cache}/jobs`;
  mkdirSync(jobs, { recursive: true });
  const jobPath = `${jobs}/${model.id}-${tool}.json`;
  const outPath = `${jobs}/${model.id}-${tool}.out.json`;
  writeFileSync(jobPath, JSON.stringify({ ...job, keys: keysFor(model, tool), out: outPath }));
  writeFileSync(outPath, "");
  const load = loadAverage();
  const m = await runMeasured("Rscript", [`${paths.repo}/bench/r/${script}`, jobPath], { cwd: paths.repo, timeoutS: s.timeoutS });
  if (m.timedOut) return failure(model.id, tool, "timed out", `over ${s.timeoutS} s`, load);
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(readFileSync(outPath, "utf8")) as Record<string, unknown>;
  } catch {
    return failure(model.id, tool, "failed", lastLines(m.stderr) || `exit ${m.code}`, load);
  }
  return rowFrom(model.id, tool, r, m, load);
}

/** Writes a data file once per content (the 100k-row logistic data are ~7 MB). */
function dataFile(paths: Paths, name: string, text: string): string {
  const dir = `${paths.cache}/data`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}`;
  writeFileSync(path, text);
  return path;
}

/** tool "hbayes": the library's defaults; "hbayes-plain": the issue 12 features off (bench/full/hbayesChild.ts). */
export async function runHbayes(model: BenchModel, paths: Paths, s: Settings, tool: "hbayes" | "hbayes-plain" = "hbayes"): Promise<Row> {
  const load = loadAverage();
  const variant = tool === "hbayes" ? "default" : "plain";
  const args = ["--import", "tsx", `${paths.repo}/bench/full/hbayesChild.ts`, model.id, String(s.chains), String(s.warmup), String(s.draws), String(s.seed), variant, keysFor(model, tool).join(",")];
  const m = await runMeasured(process.execPath, args, { cwd: paths.repo, timeoutS: s.timeoutS });
  if (m.timedOut) return failure(model.id, tool, "timed out", `over ${s.timeoutS} s`, load);
  const line = m.stdout.trim().split("\n").pop() ?? "";
  try {
    return rowFrom(model.id, tool, JSON.parse(line) as Record<string, unknown>, m, load);
  } catch {
    return failure(model.id, tool, "failed", lastLines(m.stderr) || `exit ${m.code}`, load);
  }
}

export function runStan(model: BenchModel, paths: Paths, s: Settings): Promise<Row> {
  const st = model.stan as NonNullable<BenchModel["stan"]>;
  const data = dataFile(paths, `${model.id}.stan.json`, JSON.stringify(st.data()));
  return runR("stan-run.R", {
    program: `${paths.repo}/bench/programs/stan/${st.program}`, cache_dir: `${paths.cache}/stan`, data,
    chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, exclude: st.exclude,
  }, model, "stan", paths, s);
}

/**
 * brms compiles a C++ model per formula, family, priors and data; the benchmark samples from a cached
 * compile (made once, its cold compile time recorded in the cache). compileOnly builds the cache and
 * samples nothing (`npm run bench -- --brms-cache`).
 */
export function runBrms(model: BenchModel, paths: Paths, s: Settings, compileOnly = false): Promise<Row> {
  const b = model.brms as NonNullable<BenchModel["brms"]>;
  const text = b.csv();
  const csv = dataFile(paths, `${model.id}.csv`, text);
  // The cached compiled model is valid for this formula, family, priors and data.
  const key = createHash("sha256").update(JSON.stringify([b.formula, b.family, b.priors, b.factors, text])).digest("hex").slice(0, 16);
  return runR("brms-run.R", {
    csv, factors: b.factors, formula: b.formula, family: b.family, priors: b.priors, cache_dir: `${paths.cache}/brms`, key,
    chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, compile_only: compileOnly,
  }, model, "brms", paths, s);
}

export function runLme4(model: BenchModel, paths: Paths, s: Settings): Promise<Row> {
  const l = model.lme4 as NonNullable<BenchModel["lme4"]>;
  const csv = dataFile(paths, `${model.id}.csv`, l.csv());
  return runR("lme4-run.R", { csv, factors: l.factors, formula: l.formula, family: l.family, repeats: 3 }, model, "lme4", paths, s);
}

export function runJags(model: BenchModel, paths: Paths, s: Settings): Promise<Row> {
  const j = model.jags as NonNullable<BenchModel["jags"]>;
  const data = dataFile(paths, `${model.id}.jags.json`, JSON.stringify(j.data()));
  return runR("jags-run.R", {
    program: `${paths.repo}/bench/programs/jags/${j.program}`, data, monitor: j.monitor,
    chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed,
  }, model, "jags", paths, s);
}

export function notInstalled(model: BenchModel, tool: Tool, what: string): Row {
  return { model: model.id, tool, status: "not installed", note: `${what} is not installed: run bench/setup.sh`, load_before: loadAverage() };
}
