/**
 * The regression guard behind `npm run bench:check`: the latest benchmark run against the ones
 * before it, model × tool by model × tool, flagging every row whose ESS per second fell by more
 * than a threshold (20 % by default; or ESS per CPU second, which waiting for a core does not move). Pure functions on parsed results files; bench/check.ts reads
 * the files and prints.
 */
import { essPerCpu } from "./report.js";
import type { Budget, Row } from "./tools.js";

/** What the guard compares: ESS per second (the issue's measure) or per CPU second (robust to load). */
export type CheckMeasure = "ess_per_s" | "ess_per_cpu_s";
export const measureOf = (r: Row, m: CheckMeasure): number | undefined => (m === "ess_per_s" ? r.ess_per_s : essPerCpu(r).value);

/** One bench/results/*.json as the guard sees it. */
export interface ResultsFile {
  file: string;
  /** File modification time in ms (orders runs of the same date that lack a start time). */
  mtimeMs: number;
  info: { name?: string; date?: string; started?: string; settings?: Omit<Budget, "seed"> & { seed?: number } };
  rows: Row[];
}

/** A run: the files written under one run label (two processes started together share one). */
export interface Run {
  label: string;
  files: string[];
  /** Sort key: date, then start time, then the newest file's mtime. */
  date: string;
  started: string;
  mtimeMs: number;
  rows: Row[];
}

export interface Comparison {
  model: string;
  tool: string;
  latest: Row;
  /** The same model × tool from the most recent earlier run that has it with the same budget. */
  previous: Row | null;
  previousRun: string | null;
  /** latest ÷ previous of the measure (undefined when either is missing). */
  ratio: number | undefined;
  regressed: boolean;
}

export interface CheckResult {
  latest: string;
  comparisons: Comparison[];
  regressions: Comparison[];
}

const runLabel = (f: ResultsFile): string => f.info.name ?? f.file.replace(/\.json$/, "");

/** Groups files into runs, oldest first; files without benchmark rows (e.g. scaling) are skipped. */
export function groupRuns(files: readonly ResultsFile[]): Run[] {
  const byLabel = new Map<string, Run>();
  for (const f of files) {
    if (!Array.isArray(f.rows) || f.rows.length === 0) continue;
    const label = runLabel(f);
    const run = byLabel.get(label) ?? { label, files: [], date: "", started: "", mtimeMs: 0, rows: [] };
    run.files.push(f.file);
    run.date = [run.date, f.info.date ?? ""].sort().pop() as string;
    run.started = [run.started, f.info.started ?? ""].sort().pop() as string;
    run.mtimeMs = Math.max(run.mtimeMs, f.mtimeMs);
    const budget = f.info.settings;
    for (const r of f.rows) run.rows.push({ ...r, run: label, budget: r.budget ?? (budget ? { seed: 0, ...budget } : undefined) });
    byLabel.set(label, run);
  }
  return [...byLabel.values()].sort(compareRuns);
}

function compareRuns(a: Run, b: Run): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  // A start time, where both have one, is exact; otherwise the file times decide.
  if (a.started && b.started && a.started !== b.started) return a.started < b.started ? -1 : 1;
  return a.mtimeMs - b.mtimeMs;
}

/** Two rows are comparable when they ran the same number of chains, warmup and draws. */
function sameBudget(a: Row, b: Row): boolean {
  if (!a.budget || !b.budget) return a.budget === b.budget;
  return a.budget.chains === b.budget.chains && a.budget.warmup === b.budget.warmup && a.budget.draws === b.budget.draws;
}

function usable(r: Row, m: CheckMeasure): boolean {
  const v = measureOf(r, m);
  return r.status === "ok" && v !== undefined && Number.isFinite(v) && v > 0;
}

/**
 * Compares every usable row of the latest run with the same model × tool in the most recent earlier
 * run that has it (same budget); a row regressed when its ESS/s is below (1 − threshold) × before.
 */
export function checkRuns(files: readonly ResultsFile[], threshold = 0.2, measure: CheckMeasure = "ess_per_s"): CheckResult | null {
  if (!(threshold > 0 && threshold < 1)) throw new Error(`checkRuns: threshold must be in (0, 1), got ${threshold}`);
  const runs = groupRuns(files);
  const latest = runs.at(-1);
  if (latest === undefined) return null;
  const earlier = runs.slice(0, -1).reverse();
  const comparisons: Comparison[] = [];
  for (const row of latest.rows) {
    if (!usable(row, measure)) continue;
    let previous: Row | null = null;
    let previousRun: string | null = null;
    for (const run of earlier) {
      const match = run.rows.find((r) => r.model === row.model && r.tool === row.tool && usable(r, measure) && sameBudget(r, row));
      if (match) {
        previous = match;
        previousRun = run.label;
        break;
      }
    }
    const ratio = previous ? (measureOf(row, measure) as number) / (measureOf(previous, measure) as number) : undefined;
    comparisons.push({ model: row.model, tool: row.tool, latest: row, previous, previousRun, ratio, regressed: ratio !== undefined && ratio < 1 - threshold });
  }
  return { latest: latest.label, comparisons, regressions: comparisons.filter((c) => c.regressed) };
}
