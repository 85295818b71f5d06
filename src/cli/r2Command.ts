/** `hbayes r2 DIR`: brms's bayes_R2 of an `--out` folder of a formula fit (its training data from model.json or --data). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bayesR2FromDraws } from "../effects/bayesR2.js";
import { MODEL_JSON } from "./predictCommand.js";
import { looR2FromDraws } from "../effects/looR2.js";
import { formatRoundTrip } from "../io/formatNumber.js";
import { readSavedFit } from "./effectsCommand.js";

export interface R2CliOptions {
  data?: string;
  json?: boolean;
  /** Also brms's loo_R2 (PSIS-LOO predictions, Bayesian-bootstrap draws seeded by the fit's seed). */
  loo?: boolean;
}

function fixed(v: number): string {
  return v.toFixed(3);
}

export function r2Command(dir: string, o: R2CliOptions): void {
  const fit = readSavedFit(dir, o.data, "r2");
  // fit --sample-prior only records itself in model.json: R² of prior draws against the data measures the priors, not a fit.
  if (readPriorOnly(dir)) process.stderr.write("warning: this folder is a fit of the prior alone (--sample-prior only): its R² compares prior predictions with the data, not a fitted model\n");
  const r2 = bayesR2FromDraws(fit.draws, fit.design);
  const loo = o.loo ? looR2FromDraws(fit.draws, fit.design, fit.seed ?? 1) : null;
  for (const m of new Set([...r2.messages, ...(loo?.messages ?? [])])) process.stderr.write(`warning: ${m}\n`);
  const summary = (r: typeof r2) => ({ estimate: r.estimate, error: r.error, q2_5: r.q2_5, q97_5: r.q97_5 });
  if (o.json) {
    const out = { schema: "hbayes-bayes-r2/1", ...summary(r2), draws: r2.draws.length, ...(loo ? { loo_R2: summary(loo) } : {}) };
    process.stdout.write(`${JSON.stringify(out, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
    return;
  }
  const header = ["", "Estimate", "Est.Error", "Q2.5", "Q97.5"];
  const rowOf = (name: string, r: typeof r2) => [name, fixed(r.estimate), fixed(r.error), fixed(r.q2_5), fixed(r.q97_5)];
  const rows = [rowOf("R2", r2), ...(loo ? [rowOf("loo_R2", loo)] : [])];
  const width = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(width[k]) : c.padStart(width[k]))).join("  ");
  process.stdout.write(`${[header, ...rows].map(line).join("\n")}\n`);
  process.stderr.write(`Bayes R² (brms's bayes_R2: var(ŷ) / (var(ŷ) + var(y − ŷ)) per draw) from ${r2.draws.length} draws; mean ${formatRoundTrip(r2.estimate)}${loo ? "; loo_R2 with PSIS-LOO predictions (brms's loo_R2)" : ""}\n`);
}

function readPriorOnly(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, MODEL_JSON), "utf8")) as { sample_prior?: unknown }).sample_prior === "only";
  } catch {
    return false;
  }
}
