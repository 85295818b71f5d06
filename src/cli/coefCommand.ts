/**
 * `hbayes coef DIR [--type coef|ranef|fixef]`: brms's coef(), ranef() and fixef() on the draws of an
 * `--out` folder (or CmdStan CSVs with brms's names): each level's coefficients, its group-level
 * effects, or the population-level effects, as mean, sd and 95 % interval per row.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import { coef, fixef, ranef, type CoefOptions, type GroupSummary, type SummaryMatrix } from "../posterior/coefficients.js";
import { csvFiles } from "./summaryCommand.js";

export const COEF_TYPES = Object.freeze(["coef", "ranef", "fixef"] as const);

export interface CoefCliOptions {
  readonly type: (typeof COEF_TYPES)[number];
  readonly group?: string;
  readonly robust?: boolean;
  readonly probs?: readonly number[];
  readonly json?: boolean;
}

export function coefCommand(fit: string, opts: CoefCliOptions): void {
  const paths = fit.split(",").filter((p) => p !== "");
  const { draws } = readCmdStanCsvFiles(csvFiles(paths));
  const options: CoefOptions = { robust: opts.robust === true, ...(opts.probs ? { probs: opts.probs } : {}), thresholds: thresholdConvention(paths) };
  if (opts.type === "fixef") {
    if (opts.group !== undefined) throw new UserError("--group picks a grouping factor of coef or ranef; fixef has none");
    const m = fixef(draws, options);
    process.stdout.write(opts.json ? `${JSON.stringify({ type: "fixef", ...m }, null, 2)}\n` : `${formatMatrix("", m)}\n`);
    return;
  }
  let groups: GroupSummary[] = opts.type === "coef" ? coef(draws, options) : ranef(draws, options);
  if (opts.group !== undefined) {
    const names = groups.map((g) => g.group);
    groups = groups.filter((g) => g.group === opts.group);
    if (groups.length === 0) throw new UserError(`--group ${opts.group}: no such grouping factor; the fit has ${names.join(", ")}`);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ type: opts.type, groups }, null, 2)}\n`);
    return;
  }
  const blocks = groups.flatMap((g) => g.coefs.map((c) => formatMatrix(`${g.group}: ${c.coef}`, c.summary)));
  process.stdout.write(`${blocks.join("\n\n")}\n`);
}

/** A cumulative fit's thresholds are threshold − η (brms's has_thres_minus_eta): its model.json says so. */
function thresholdConvention(paths: readonly string[]): "add" | "subtract" {
  const dir = paths.length === 1 && existsSync(paths[0]) && statSync(paths[0]).isDirectory() ? paths[0] : null;
  const file = dir === null ? null : join(dir, "model.json");
  if (file === null || !existsSync(file)) return "add";
  try {
    const family = (JSON.parse(readFileSync(file, "utf8")) as { family?: unknown }).family;
    return typeof family === "string" && family.startsWith("cumulative") ? "subtract" : "add";
  } catch {
    return "add";
  }
}

function formatMatrix(title: string, m: SummaryMatrix): string {
  // One number of decimals per table: 2, or more when its largest value is small (0.0123 keeps 3 significant digits).
  const largest = Math.max(...m.values.flat().filter(Number.isFinite).map(Math.abs), 1e-300);
  const decimals = Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(largest))));
  const cell = (v: number) => (Number.isNaN(v) ? "NA" : v.toFixed(decimals));
  const body = m.rows.map((r, i) => [r, ...m.values[i].map(cell)]);
  const head = ["", ...m.stats];
  const width = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(width[j]) : c.padStart(width[j]))).join("  ").trimEnd();
  return [...(title === "" ? [] : [title]), line(head), ...body.map(line)].join("\n");
}
