/**
 * A formula fit's conditional effects (brms's conditional_effects: each predictor's effect on the
 * expected response, the others held at their mean / first level, group effects left out) and Bayes
 * R², computed in the page from the draws through src/effects, as report.html shows them.
 */
import type { Fit } from "../../src/api/fitResult.js";
import { fitEffects } from "../../src/effects/forReport.js";
import type { BayesR2 } from "../../src/effects/types.js";
import type { FormulaDesign } from "../../src/formula/design.js";
import type { DataTable } from "../../src/io/dataTable.js";
import { conditionalEffectsPlot } from "../../src/plots/conditionalEffectsPlot.js";
import { h } from "./dom.js";
import { figure } from "./views/figure.js";
import { svgPlot } from "./views/svgPlot.js";

/** As report.html: at most this many effect figures. */
export const MAX_EFFECT_FIGURES = 8;

/** brms's bayes_R2 summary in one line. */
export function r2Text(r2: BayesR2): string {
  // R² lives in [0, 1]: three decimals, as brms prints it.
  const f = (v: number) => v.toFixed(3);
  return `Bayes R² ${f(r2.estimate)} (est. error ${f(r2.error)}; 95 % interval ${f(r2.q2_5)} – ${f(r2.q97_5)}), brms's bayes_R2: var(ŷ) / (var(ŷ) + var(y − ŷ)) per draw.`;
}

/**
 * `showR2` false leaves Bayes R² out: a prior-only fit's draws never saw the data, so an R² of them
 * says nothing about the fit (the CLI's report leaves it out too).
 */
export async function effectsPanel(fit: Pick<Fit, "draws" | "result">, design: FormulaDesign, table: DataTable, showR2 = true): Promise<HTMLElement> {
  const { effects, r2: fitted, notes } = fitEffects(fit.draws, design, table, fit.result.settings.seed);
  const r2 = showR2 ? fitted : null;
  const shown = effects.slice(0, MAX_EFFECT_FIGURES);
  const what = shown.some((e) => e.categorical) ? "each category's probability" : "the expected response";
  const figures = await Promise.all(
    shown.map(async (e) => {
      const held = Object.keys(e.conditions).length > 0 ? "; the other predictors as the subtitle says" : "";
      return figure(`Median and 95 % band of ${what} over ${e.effects.join(" and ")}${held}.`, await svgPlot(conditionalEffectsPlot(e, { width: 560 }), "effects-plot"));
    }),
  );
  return h(
    "div",
    { class: "effects-panel", "data-testid": "effects-panel" },
    h("h3", null, "Conditional effects"),
    r2 !== null ? h("p", { class: "meta", "data-testid": "bayes-r2" }, r2Text(r2)) : null,
    h("p", { class: "note" }, `How ${what} moves with each predictor, the others at their mean or first level and group-level effects left out (brms's conditional_effects).`),
    effects.length > shown.length ? h("p", { class: "note" }, `Showing ${shown.length} of ${effects.length} effects.`) : null,
    notes.map((n) => h("p", { class: "note" }, n)),
    figures,
  );
}
