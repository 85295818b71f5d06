/** Number formats for the summary table: what posterior's print and CmdStan's stansummary show. */

/** Three significant digits, plain notation between 1e-3 and 1e5, "NA" for non-finite values. */
export function formatSig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NA" : x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace("e+", "e");
  if (a >= 10 ** digits) return Math.round(x).toString();
  return x.toPrecision(digits);
}

export function formatRhat(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : "NA";
}

export function formatEss(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toString() : "NA";
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "NA";
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
