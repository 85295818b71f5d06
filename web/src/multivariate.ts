/**
 * A multivariate formula fit (brms's mvbind(y1, y2) ~ … or bf(y1 ~ …) + bf(y2 ~ …)) in the page: the
 * summary split per response (brms's names carry the response: b_y1_x, sigma_y1, sd_g__y1_Intercept,
 * r_g__y1[a,Intercept]), then what is shared (rescor__y1__y2, correlations across responses), and the
 * per-response panels: a posterior predictive check each and conditional effects / Bayes R² read from
 * each response's own design with the draws under its univariate names (src/predict's responseView).
 * No DOM here (views/mvSummary.ts builds the tables), so Node tests read these helpers directly.
 */
import type { Draws } from "../../src/posterior/draws.js";
import { responseView } from "../../src/predict/multivariate.js";

/** The response a brms output name belongs to, or null for what the responses share (rescor, lp__, cross-response cor_). */
export function responseOfName(name: string, responses: readonly string[]): string | null {
  for (const r of responses) {
    // A name read under r's univariate spelling differs from itself exactly when it is r's own.
    const view = responseView({ names: [name], chains: 1, draws: 0, data: new Float64Array(0) } as unknown as Draws, r).names[0];
    if (view !== name) return r;
    if (new RegExp(`^(?:Intercept|bsp|bs|sds|s|simo|shape|nu|phi|zi|hu)_${escape(r)}(?:_|\\[|$)`).test(name)) return r;
  }
  return null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What the page cannot show for a multivariate fit yet, said once above its plots. */
export const MULTIVARIATE_UNAVAILABLE =
  "Not available for multivariate models in the page yet: the pooling comparison and prior-only sampling. Shown per response: the posterior predictive check, conditional effects and Bayes R²; the coefficient tables and hypotheses read every response's draws.";
