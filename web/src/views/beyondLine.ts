/**
 * What the fit did beyond sampling the model as written, under the summary: the metric, the
 * integrated-out group parameters and the parameterisation — the CLI's footer line (beyondFooter),
 * so the page and the terminal describe a fit in the same words — plus the pilot's cost and why a
 * rewrite was skipped.
 */
import type { Fit } from "../../../src/api/fitResult.js";
import { beyondFooter, notesBesideFooter } from "../../../src/api/fitSummary.js";
import { h } from "../dom.js";

export function beyondLine(fit: Fit): HTMLElement {
  // Why nothing was integrated out is already in the footer line (beyondFooter): not listed twice.
  const notes = notesBesideFooter(fit);
  // The pilot runs on the page's thread (src/reparam/auto.ts), yielding every ~100 ms: say how long it took.
  const pilot = fit.beyond?.pilot.gradients ? ` (pilot ${Math.round(fit.beyond.pilot.seconds * 1000)} ms on this page's thread)` : "";
  return h(
    "div",
    { class: "beyond" },
    h("p", { class: "meta", "data-testid": "beyond" }, `metric: ${fit.result.settings.metric}; ${beyondFooter(fit)}${pilot}`),
    notes.length > 0 ? h("ul", { class: "notes", "data-testid": "beyond-notes" }, notes.map((n) => h("li", null, n))) : null,
  );
}
