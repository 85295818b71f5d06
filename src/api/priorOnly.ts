/**
 * brms's `sample_prior = "only"`: the model without its likelihood, so the draws are the prior's and
 * predictions from them are the prior predictive distribution (the prior predictive check of the
 * Bayesian workflow: do the priors allow data like these, and nothing absurd?). As in brms, every
 * parameter then needs a proper prior: a flat prior has no distribution to draw from.
 */
import { UserError } from "../errors.js";
import type { PriorRow } from "../formula/priors.js";
import type { Program } from "../ir/types.js";

/** brms's sample_prior: "no", "only" (the prior alone, below) or "yes" (prior draws beside the posterior's: priorDraws.ts). */
export const SAMPLE_PRIOR_CHOICES = Object.freeze(["no", "only", "yes"] as const);
export type SamplePrior = (typeof SAMPLE_PRIOR_CHOICES)[number];

/**
 * The program without the statements its `log_lik` output points at (a formula program's likelihood,
 * one statement) and without `log_lik` itself; priors, transforms and `y_rep` stay.
 */
export function withoutLikelihood(program: Program): Program {
  const generated = program.generated ?? [];
  const drop = new Set(generated.flatMap((g) => (g.kind === "logLik" ? [g.statement] : [])));
  if (drop.size === 0) throw new Error("withoutLikelihood: the program marks no likelihood statement (no log_lik output)");
  return {
    ...program,
    statements: program.statements.filter((_, i) => !drop.has(i)),
    generated: generated.filter((g) => g.kind !== "logLik"),
  };
}

/**
 * The parameters whose prior is flat, as brms names them (`b_x`, `b_sigma_z`): a class row counts
 * only when no row of the same class and group names a coefficient (those rows say what each
 * coefficient gets).
 */
export function flatPriors(table: readonly PriorRow[]): string[] {
  const hasCoefRows = (r: PriorRow) => table.some((o) => o.class === r.class && o.group === r.group && o.coef !== "");
  return table
    .filter((r) => r.prior === "(flat)" && (r.coef !== "" || !hasCoefRows(r)))
    .map((r) => [r.class, r.group, r.coef].filter((s) => s !== "").join("_"));
}

/** Refuses a prior-only fit with improper priors, naming them and how to give one. */
export function checkProperPriors(table: readonly PriorRow[]): void {
  const flat = flatPriors(table);
  if (flat.length === 0) return;
  const classes = [...new Set(table.filter((r) => r.prior === "(flat)").map((r) => r.class))];
  throw new UserError(
    `sampling from the prior only needs a proper prior on every parameter; these have flat (improper) priors: ${flat.join(", ")}. ` +
      `Give them one, e.g. ${classes.map((c) => `--prior "${c} ~ normal(0, 5)"`).join(" ")} (choose scales that mean something for your data)`,
  );
}
