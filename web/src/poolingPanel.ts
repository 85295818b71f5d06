/**
 * "Compare pooling" for a formula model with one varying intercept: on demand (three more fits, so
 * a plain fit stays fast), refit the model with no pooling, complete pooling and partial pooling
 * (src/pooling, chains in workers), then show the shrinkage plot, the three-way table and the
 * PSIS-LOO comparison. Models the comparison is not defined for get the reason instead of a button.
 */
import { summarizeFit } from "../../src/api/fitSummary.js";
import type { ChainProgress } from "../../src/inference/chain.js";
import type { GlmmSpec } from "../../src/glmm/types.js";
import type { PoolingResult } from "../../src/pooling/pooling.js";
import { shrinkageGroups, shrinkagePlotOptions } from "../../src/pooling/shrinkageGroups.js";
import { POOLING_MODELS } from "../../src/pooling/types.js";
import { pooledGroup } from "../../src/pooling/variants.js";
import { shrinkagePlot } from "../../src/plots/shrinkagePlot.js";
import { clear, h } from "./dom.js";
import { fmt, fmtSeconds } from "./format.js";
import { runPooling, type RunSettings } from "./run.js";
import { figure } from "./views/figure.js";
import { POOLING_LABELS, looTableBlock, poolingTableBlock } from "./views/poolingTables.js";
import { progressView } from "./views/progress.js";
import { svgPlot } from "./views/svgPlot.js";

export interface PoolingPanelHooks {
  /** Claims the page's Run/Stop for this run; null while something else is running. */
  readonly begin: () => AbortController | null;
  readonly end: () => void;
}

/** Why the comparison is not defined for this model, or null when it is. */
export function poolingUnavailable(spec: GlmmSpec): string | null {
  try {
    pooledGroup(spec);
    return null;
  } catch (e) {
    // src/pooling words its refusals for the CLI; the page has no 'hbayes fit' to point to, and the
    // model above is already the full fit the hint asks for.
    if (e instanceof Error && e.name === "UserError") return e.message.replace(/; fit the model with 'hbayes fit' instead$/, " (the fit above is the full model)");
    throw e;
  }
}

export function poolingPanel(spec: GlmmSpec, settings: RunSettings, hooks: PoolingPanelHooks): HTMLElement {
  const heading = h("h3", null, "Pooling: none, complete, partial");
  const reason = poolingUnavailable(spec);
  if (reason !== null) {
    return h("div", { class: "pooling-panel", "data-testid": "pooling-panel" }, heading, h("p", { class: "not-available", "data-testid": "pooling-unavailable" }, reason));
  }
  const group = spec.groups[0];
  const runButton = h("button", { type: "button", class: "secondary", "data-testid": "pooling-run" }, "Compare pooling");
  const stopButton = h("button", { type: "button", class: "secondary", "data-testid": "pooling-stop", hidden: true }, "Stop");
  const status = h("p", { class: "meta", role: "status", "aria-live": "polite", "data-testid": "pooling-status" });
  const body = h("div", { class: "pooling-body" });
  let running: AbortController | null = null;

  async function run(): Promise<void> {
    const controller = hooks.begin();
    if (controller === null) return;
    running = controller;
    runButton.disabled = true;
    stopButton.hidden = false;
    clear(body);
    const progress = progressView(settings.chains, { announce: false });
    body.append(progress.element);
    // src/pooling fits the three models one after another in POOLING_MODELS order; a chain's
    // iteration count going back down means the next model has started.
    let stage = 0;
    const last = new Int32Array(settings.chains).fill(-1);
    const say = () => (status.textContent = `Fitting ${POOLING_LABELS[POOLING_MODELS[stage]]} (model ${stage + 1} of 3)…`);
    say();
    const onProgress = (p: ChainProgress) => {
      if (p.iteration < last[p.chain] && stage < POOLING_MODELS.length - 1) {
        stage++;
        last.fill(-1);
        say();
      }
      last[p.chain] = p.iteration;
      progress.update(p);
    };
    const stopped = () => {
      progress.finish(true);
      status.textContent = "Pooling comparison stopped: it needs all three fits, so nothing is shown.";
    };
    const t0 = performance.now();
    try {
      const result = await runPooling(spec, settings, { onProgress, signal: controller.signal });
      if (controller.signal.aborted) {
        stopped();
        return;
      }
      const shown = await poolingResults(result);
      clear(body);
      body.append(shown);
      status.textContent = `Pooling comparison of ${result.groups.length} levels of ${result.groupName}: three fits in ${fmtSeconds((performance.now() - t0) / 1000)}.`;
    } catch (e) {
      // After a Stop the fits still to come have no draws and src/pooling fails on them: that is the
      // Stop, not an error to report.
      if (controller.signal.aborted) {
        stopped();
        return;
      }
      progress.finish(true);
      status.textContent = "";
      body.append(h("div", { class: "error", role: "alert", "data-testid": "pooling-error" }, h("p", null, `Pooling comparison failed: ${(e as Error).message}`)));
    } finally {
      running = null;
      hooks.end();
      runButton.disabled = false;
      stopButton.hidden = true;
    }
  }
  runButton.addEventListener("click", () => void run());
  stopButton.addEventListener("click", () => running?.abort());

  return h(
    "div",
    { class: "pooling-panel", "data-testid": "pooling-panel" },
    heading,
    h(
      "p",
      { class: "note" },
      `Refits the model twice more with the same sampler settings: without (1 | ${group.name}) (complete pooling: one estimate for all ${group.levels.length} levels) and with a separate, wide-prior intercept per level (no pooling), then shows how far the hierarchical model pulls each level toward the population and compares the three by PSIS-LOO.`,
    ),
    h("div", { class: "buttons" }, runButton, stopButton),
    status,
    body,
  );
}

async function poolingResults(result: PoolingResult): Promise<HTMLElement> {
  const options = shrinkagePlotOptions(result);
  const plot = await svgPlot(shrinkagePlot(shrinkageGroups(result), { ...options, title: `Shrinkage by ${result.groupName}` }), "shrinkage-plot");
  const pop = options.populationMean;
  const out = h(
    "div",
    { class: "pooling-results" },
    figure(
      `Top: each level's own estimate (no pooling). Bottom: its partially pooled posterior mean${pop !== undefined ? `. Dashed: complete pooling (${fmt(pop)})` : ""}. Levels with little data travel furthest.`,
      plot,
    ),
    poolingTableBlock(result),
  );
  // What the comparison changed about the models (group-level predictors left out of no pooling), as the CLI says.
  if (result.notes.length > 0) out.append(h("ul", { class: "notes", "data-testid": "pooling-notes" }, result.notes.map((n) => h("li", null, n))));
  if (result.loo !== null) {
    out.append(looTableBlock(result.loo));
    if (result.loo.warnings.length > 0) out.append(h("ul", { class: "warnings" }, result.loo.warnings.map((w) => h("li", null, w))));
  }
  const fitWarnings = POOLING_MODELS.flatMap((m) => summarizeFit(result.fits[m]).warnings.map((w) => `${POOLING_LABELS[m]}: ${w}`));
  if (fitWarnings.length > 0) {
    out.append(
      h(
        "details",
        { class: "fit-warnings", "data-testid": "pooling-warnings" },
        h("summary", null, `Sampler warnings of the three fits (${fitWarnings.length})`),
        h("ul", { class: "warnings" }, fitWarnings.map((w) => h("li", null, w))),
      ),
    );
  }
  return out;
}
