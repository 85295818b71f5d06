// Vaccine platforms: platform mean responses partially pooled instead of assumed identical (or unrelated).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FitOptions } from "../../src/api/fit.js";
import { fitFormulaModel } from "../../src/api/formulaFit.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { quantileSorted } from "../../src/plots/quantile.js";
import type { ExampleOutcome } from "../types.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Vaccine platforms: log antibody titres by platform, platform means partially pooled (simulated, known truth)";

export const FORMULA = "log_titre ~ 1 + (1 | platform)";
/** Weakly informative on the log-titre scale: titres between e^0 and e^12, platforms a few units apart at most. */
export const PRIORS = ["Intercept ~ normal(6, 3)", "sd ~ normal(0, 2)", "sigma ~ normal(0, 2)"] as const;
/** The platform seen only in a small pilot. */
export const SPARSE = "DNA";

/** 2.5 % and 97.5 % quantiles: a difference is called credible when this 95 % interval excludes 0. */
function central95(a: Float64Array): [number, number] {
  const s = Float64Array.from(a).sort();
  return [quantileSorted(s, 0.025), quantileSorted(s, 0.975)];
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as { platforms: Record<string, { mean: number; n: number }> };
  const { fit: result } = await fitFormulaModel({ formula: FORMULA, data: table, family: "gaussian", priors: PRIORS }, { seed: 611, adaptDelta: 0.95, ...options });

  const platformCol = table.columns.platform;
  const yCol = table.columns.log_titre;
  if (platformCol.kind !== "string" || yCol.kind !== "numeric") throw new UserError("vaccine-platforms: data.csv must have a text column platform and a numeric column log_titre");
  const platformOf = platformCol.values as string[];
  const y = yCol.values;
  const platforms = [...new Set(platformOf)].sort();
  const intercept = result.get("b_Intercept");
  // Each platform's mean log titre, draw by draw: the population intercept plus its deviation.
  const means = platforms.map((p) => result.get(`r_platform[${p},Intercept]`).map((r, d) => r + intercept[d]));

  // No pooling, for the sparse platform: its own sample mean with the residual sd pooled over all platforms.
  const rows = platforms.map((p) => y.filter((_, i) => platformOf[i] === p));
  const own = rows.map((r) => mean(r));
  const sse = rows.reduce((s, r, j) => s + r.reduce((t, v) => t + (v - own[j]) ** 2, 0), 0);
  const sigmaPooled = Math.sqrt(sse / (y.length - platforms.length));
  const k = platforms.indexOf(SPARSE);
  const sparseOwnSe = sigmaPooled / Math.sqrt(rows[k].length);
  const sparsePost = means[k];
  const sparsePostMean = mean(sparsePost);
  const sparsePostSd = Math.sqrt(mean(sparsePost.map((v) => (v - sparsePostMean) ** 2)));
  const grand = mean(intercept);
  // Share of the way from the platform's own mean to the population mean (0 = no pooling, 1 = complete).
  const shrinkage = (own[k] - sparsePostMean) / (own[k] - grand);

  const pairs: { a: string; b: string; mean: number; lo: number; hi: number; pGreater: number }[] = [];
  for (let i = 0; i < platforms.length; i++) {
    for (let j = i + 1; j < platforms.length; j++) {
      const diff = means[i].map((v, d) => v - means[j][d]);
      const [lo, hi] = central95(diff);
      const m = mean(diff);
      const pGreater = mean(diff.map((v) => (v > 0 ? 1 : 0)));
      // Orient each pair so the platform with the higher posterior mean comes first.
      pairs.push(m >= 0 ? { a: platforms[i], b: platforms[j], mean: m, lo, hi, pGreater } : { a: platforms[j], b: platforms[i], mean: -m, lo: -hi, hi: -lo, pGreater: 1 - pGreater });
    }
  }
  const credible = pairs.filter((p) => p.lo > 0);
  const covered = platforms.filter((p, j) => {
    const [lo, hi] = central95(means[j]);
    return lo <= truth.platforms[p].mean && truth.platforms[p].mean <= hi;
  }).length;
  const sdPlatform = result.get("sd_platform__Intercept");
  const [sdLo, sdHi] = central95(sdPlatform);

  const lines = platforms.map((p, j) => {
    const [lo, hi] = central95(means[j]);
    return `  ${p.padEnd(16)} n = ${String(rows[j].length).padStart(2)}  own mean ${own[j].toFixed(2)}  pooled ${mean(means[j]).toFixed(2)} (95% ${lo.toFixed(2)}–${hi.toFixed(2)})  truth ${truth.platforms[p].mean.toFixed(2)}`;
  });
  return {
    fit: result,
    numbers: {
      sd_platform: mean(sdPlatform),
      sigma: mean(result.get("sigma")),
      credible_pairs: credible.length,
      truth_covered: covered,
      sparse_own_mean: own[k],
      sparse_own_se: sparseOwnSe,
      sparse_post_mean: sparsePostMean,
      sparse_post_sd: sparsePostSd,
      sparse_shrinkage: shrinkage,
      sparse_error_own: Math.abs(own[k] - truth.platforms[SPARSE].mean),
      sparse_error_pooled: Math.abs(sparsePostMean - truth.platforms[SPARSE].mean),
      // P(a > b) for every pair, named with the higher platform first, e.g. "P(mRNA>inactivated)".
      ...Object.fromEntries(pairs.map((p) => [`P(${p.a}>${p.b})`, p.pGreater])),
    },
    conclusion: [
      "Mean log titre by platform (own sample mean, partially pooled posterior mean with its 95% interval, simulation truth):",
      ...lines,
      `Platforms differ: between-platform sd ${mean(sdPlatform).toFixed(2)} (95% ${sdLo.toFixed(2)}–${sdHi.toFixed(2)}) against a between-subject sd of ${mean(result.get("sigma")).toFixed(2)}.`,
      `Credible differences (95% interval of the difference excludes 0), ${credible.length} of ${pairs.length} pairs:`,
      ...credible.map((p) => `  ${p.a} > ${p.b} by ${p.mean.toFixed(2)} (95% ${p.lo.toFixed(2)}–${p.hi.toFixed(2)}, P = ${p.pGreater.toFixed(3)})`),
      `The ${SPARSE} platform has ${rows[k].length} subjects: on its own its mean is ${own[k].toFixed(2)} ± ${sparseOwnSe.toFixed(2)} (se); ` +
        `partially pooled it is ${sparsePostMean.toFixed(2)} (posterior sd ${sparsePostSd.toFixed(2)}), moved ${(100 * shrinkage).toFixed(0)}% of the way toward the population mean ${grand.toFixed(2)}: ` +
        `it borrows strength from the other platforms (truth ${truth.platforms[SPARSE].mean.toFixed(2)}).`,
      `${covered} of ${platforms.length} platforms' 95% intervals contain their true mean.`,
    ].join("\n"),
  };
}
