/**
 * The terminal summary table, as the CLI prints it:
 *   parameter  mean  sd  5%  50%  95%  rhat  ess_bulk  ess_tail
 * Location columns share one number of decimals per row, chosen so the sd shows at least one
 * significant digit (at least 2 decimals, at most 6); R-hat has 2 decimals; ESS is rounded to an
 * integer; NaN prints as NA (as R's posterior). A row whose sd is below 1e-6 is printed in exponent form.
 */
import type { SummaryRow } from "./summary.js";

const HEADERS = ["parameter", "mean", "sd", "5%", "50%", "95%", "rhat", "ess_bulk", "ess_tail"] as const;
const GAP = "  ";

export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const cells = rows.map((r) => {
    const dp = decimalsFor(r.sd);
    // Below 1e-6 six decimals would print the sd as 0.000000: that row goes to exponent form.
    const tiny = r.sd > 0 && r.sd < 1e-6;
    const loc = (x: number): string => (tiny && Number.isFinite(x) && x !== 0 ? x.toExponential(2) : formatFixed(x, dp));
    return [r.name, loc(r.mean), loc(r.sd), loc(r.q5), loc(r.q50), loc(r.q95), formatFixed(r.rhat, 2), formatCount(r.ess_bulk), formatCount(r.ess_tail)];
  });
  const table = [[...HEADERS], ...cells];
  const widths = HEADERS.map((_, j) => Math.max(...table.map((row) => row[j].length)));
  return table
    .map((row) => row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(GAP).trimEnd())
    .join("\n");
}

/** Decimals that show the sd's leading digit: 2 for sd ≥ 0.01, 3 for sd in [0.001, 0.01), …, at most 6. */
export function decimalsFor(sd: number): number {
  if (!(sd > 0) || !Number.isFinite(sd)) return 2;
  return Math.min(6, Math.max(2, -Math.floor(Math.log10(sd))));
}

/** Fixed decimals; very large or NaN values as R prints them (exponent form, NA, Inf). */
export function formatFixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return "NA";
  if (x === Infinity) return "Inf";
  if (x === -Infinity) return "-Inf";
  if (Math.abs(x) >= 1e7) return x.toExponential(2);
  const s = x.toFixed(decimals);
  // Avoid "-0.00": a value that rounds to zero prints without sign.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function formatCount(x: number): string {
  return Number.isNaN(x) ? "NA" : Number.isFinite(x) ? Math.round(x).toString() : x > 0 ? "Inf" : "-Inf";
}
