/** `hbayes r2 DIR`: brms's bayes_R2 of an `--out` folder of a formula fit (its training data from model.json or --data). */
import { bayesR2FromDraws } from "../effects/bayesR2.js";
import { formatRoundTrip } from "../io/formatNumber.js";
import { readSavedFit } from "./effectsCommand.js";

export interface R2CliOptions {
  data?: string;
  json?: boolean;
}

function fixed(v: number): string {
  return v.toFixed(3);
}

export function r2Command(dir: string, o: R2CliOptions): void {
  const fit = readSavedFit(dir, o.data, "r2");
  const r2 = bayesR2FromDraws(fit.draws, fit.design);
  for (const m of r2.messages) process.stderr.write(`warning: ${m}\n`);
  if (o.json) {
    const out = { schema: "hbayes-bayes-r2/1", estimate: r2.estimate, error: r2.error, q2_5: r2.q2_5, q97_5: r2.q97_5, draws: r2.draws.length };
    process.stdout.write(`${JSON.stringify(out, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
    return;
  }
  const header = ["", "Estimate", "Est.Error", "Q2.5", "Q97.5"];
  const row = ["R2", fixed(r2.estimate), fixed(r2.error), fixed(r2.q2_5), fixed(r2.q97_5)];
  const width = header.map((h, k) => Math.max(h.length, row[k].length));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(width[k]) : c.padStart(width[k]))).join("  ");
  process.stdout.write(`${line(header)}\n${line(row)}\n`);
  process.stderr.write(`Bayes R² (brms's bayes_R2: var(ŷ) / (var(ŷ) + var(y − ŷ)) per draw) from ${r2.draws.length} draws; mean ${formatRoundTrip(r2.estimate)}\n`);
}
