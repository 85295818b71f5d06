// Linear inversion: the smoothness strength sampled (marginalised) against fixed at its GCV choice.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { quantileSorted } from "../../src/plots/quantile.js";
import type { ExampleOutcome } from "../types.js";
import inversion, { ANCHOR_PRECISION } from "./model.js";
import { blurMatrix, fixedPosterior, gcvSmoothness, secondDifferences } from "./operators.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Geophysical inversion: a blurred noisy profile, smoothness prior with its strength sampled vs fixed by GCV (simulated, known truth)";

/** Φ⁻¹(0.95): the 90 % band of a normal is mean ± 1.645 sd. */
const Z95 = 1.6448536269514722;

const q = (a: Float64Array, p: number) => quantileSorted(Float64Array.from(a).sort(), p);

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as { n: number; width: number; sigma: number; seed: number; m: number[] };
  const dc = table.columns.d;
  if (dc.kind !== "numeric") throw new UserError("geophysical-inversion: data.csv must have a numeric column d");
  const d = Array.from(dc.values);
  const G = blurMatrix(d.length, truth.width);
  const D = secondDifferences(d.length);

  const result = await fit(inversion, { d, sigma: truth.sigma, G, D }, { seed: 1960, ...options });
  const m = result.get("m", "elements");
  const s = result.get("s");

  // The classical answer: s fixed at the GCV minimum on a log grid 10^-4 … 10^0 (81 points).
  const grid = Array.from({ length: 81 }, (_, k) => 10 ** (-4 + k / 20));
  const gcv = gcvSmoothness(G, D, d, truth.sigma, ANCHOR_PRECISION, grid);
  const fixed = fixedPosterior(G, D, d, truth.sigma, gcv.s, ANCHOR_PRECISION);

  let coveredFull = 0;
  let coveredFixed = 0;
  let widthFull = 0;
  let widthFixed = 0;
  let errFull = 0;
  let errFixed = 0;
  for (let i = 0; i < d.length; i++) {
    const t = truth.m[i];
    const lo = q(m[i], 0.05);
    const hi = q(m[i], 0.95);
    if (lo <= t && t <= hi) coveredFull++;
    widthFull += hi - lo;
    errFull += (m[i].reduce((a, v) => a + v, 0) / m[i].length - t) ** 2;
    const flo = fixed.mean[i] - Z95 * fixed.sd[i];
    const fhi = fixed.mean[i] + Z95 * fixed.sd[i];
    if (flo <= t && t <= fhi) coveredFixed++;
    widthFixed += fhi - flo;
    errFixed += (fixed.mean[i] - t) ** 2;
  }
  const N = d.length;
  const n = {
    s_q50: q(s, 0.5),
    s_q5: q(s, 0.05),
    s_q95: q(s, 0.95),
    s_gcv: gcv.s,
    gcv_s_in_posterior_90: q(s, 0.05) <= gcv.s && gcv.s <= q(s, 0.95) ? 1 : 0,
    coverage_full: coveredFull / N,
    coverage_fixed: coveredFixed / N,
    width_full: widthFull / N,
    width_fixed: widthFixed / N,
    rmse_full: Math.sqrt(errFull / N),
    rmse_fixed: Math.sqrt(errFixed / N),
  };
  const f3 = (x: number) => x.toPrecision(3);
  return {
    fit: result,
    numbers: n,
    conclusion: [
      `${N} blurred data (Gaussian blur width ${truth.width} points, noise sd ${truth.sigma}; simulation seed ${truth.seed}), ${N} unknowns.`,
      `Smoothness sd s (sd of second differences): posterior median ${f3(n.s_q50)}, 90% ${f3(n.s_q5)}–${f3(n.s_q95)}; GCV picks ${f3(gcv.s)}.`,
      `90% bands against the true profile: s sampled — ${coveredFull} of ${N} points covered (${(100 * n.coverage_full).toFixed(0)}%), mean width ${n.width_full.toFixed(3)}; ` +
        `s fixed at GCV — ${coveredFixed} of ${N} (${(100 * n.coverage_fixed).toFixed(0)}%), mean width ${n.width_fixed.toFixed(3)}.`,
      `Error of the central profile: ${n.rmse_full.toFixed(3)} (sampled) vs ${n.rmse_fixed.toFixed(3)} (GCV).`,
    ].join("\n"),
  };
}
