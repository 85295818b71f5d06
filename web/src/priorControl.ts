/**
 * "Sample: posterior / prior only" beside the formula and priors: brms's sample_prior = "only"
 * (src/api/priorOnly.ts) leaves the likelihood out, so the draws are the prior's and the PPC built
 * from them is a prior predictive check (do the priors allow data like these, and nothing absurd?);
 * "yes" keeps prior draws beside the posterior's (src/api/priorDraws.ts's withPriorDraws, which main.ts
 * calls after the workers' fit) for Savage–Dickey ratios. No DOM here (main.ts builds the select),
 * so Node tests read these helpers directly.
 */
import type { SamplePrior } from "../../src/api/priorOnly.js";

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
  // The non-linear front end's hint gives the CLI and API spellings side by side: in the page the line goes in the box.
  if (!/\(choose scales that mean something for your data\)$/.test(message)) {
    return message.replace(/--prior "([^"]*)"(?: \(API: priors: \[[^\]]*\]\))?/g, "'$1' in the priors box");
  }
  const runs = message.replace(/--prior "[^"]*"(?: --prior "[^"]*")*/g, (run) => [...run.matchAll(/--prior "([^"]*)"/g)].map((m) => m[1]).join("; "));
  return runs.replace(/\(choose scales that mean something for your data\)$/, "in the priors box, one per line (choose scales that mean something for your data)");
}
