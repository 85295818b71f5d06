/**
 * "Sample: posterior / prior only" beside the formula and priors: brms's sample_prior = "only"
 * (src/api/priorOnly.ts) leaves the likelihood out, so the draws are the prior's and the PPC built
 * from them is a prior predictive check (do the priors allow data like these, and nothing absurd?);
 * "yes" keeps prior draws beside the posterior's (priorDraws.ts) for Savage–Dickey ratios. No DOM here (main.ts builds the select), so Node tests read these helpers directly.
 */
import type { FormulaModel } from "../../src/api/formulaFit.js";
import { Fit } from "../../src/api/fitResult.js";
import type { SamplePrior } from "../../src/api/priorOnly.js";
import { priorDrawColumns } from "../../src/api/priorDraws.js";
import { appendVariables } from "../../src/posterior/draws.js";

/** brms's three sample_prior choices, as the select words them. */
export const PAGE_SAMPLE_CHOICES: readonly { readonly value: SamplePrior; readonly label: string }[] = Object.freeze([
  { value: "no", label: "posterior" },
  { value: "only", label: "prior only" },
  { value: "yes", label: "posterior + prior draws" },
]);

/** The select's value as a SamplePrior; anything else (a stale or edited option) is refused by name. */
export function samplePriorOf(value: string): SamplePrior {
  const c = PAGE_SAMPLE_CHOICES.find((o) => o.value === value);
  if (c === undefined) throw new Error(`samplePriorOf: value must be one of ${PAGE_SAMPLE_CHOICES.map((o) => o.value).join(", ")}, got ${value}`);
  return c.value;
}

/**
 * src/api words the flat-prior refusal for the CLI (`--prior "b ~ normal(0, 5)"`); in the page the
 * same line goes in the priors box, so the hint names the box and keeps the prior text itself.
 */
export function pagePriorMessage(message: string): string {
  if (!/--prior "/.test(message)) return message;
  const runs = message.replace(/--prior "[^"]*"(?: --prior "[^"]*")*/g, (run) => [...run.matchAll(/--prior "([^"]*)"/g)].map((m) => m[1]).join("; "));
  return runs.replace(/\(choose scales that mean something for your data\)$/, "in the priors box, one per line (choose scales that mean something for your data)");
}

/**
 * sample_prior = "yes": independent draws of each proper prior (prior_b, prior_sd_g, …) joined to the
 * fit's draws, as fitFormulaModel does after fitProgram (the page runs fitProgram itself, in workers),
 * so hypothesis() can give point hypotheses brms's Savage–Dickey evidence ratio. Seeded by the fit's seed.
 */
export function withPriorDraws(fit: Fit, model: FormulaModel): Fit {
  const d = fit.result.draws;
  const prior = priorDrawColumns(model.design, model.priors, d.chains * d.draws, fit.result.settings.seed);
  const draws = appendVariables(d, prior.names, prior.columns);
  const rename = [...model.built.outputs.rename, ...prior.names.map((n) => [n, n] as const)];
  return new Fit(fit.model, fit.compiled, { ...fit.result, draws }, fit.timing.compile_s, rename, fit.beyond);
}
