/**
 * The pooling comparison as tables: each group's three estimates side by side (rows in the order
 * src/pooling gives them, most-shrunk first) and the PSIS-LOO comparison of the three models. The
 * numbers are exactly `poolingJson(result)`; group labels go in as text nodes.
 */
import type { PoolingResult } from "../../../src/pooling/pooling.js";
import type { Interval, PoolingModel } from "../../../src/pooling/types.js";
import { h } from "../dom.js";
import { fmt } from "../format.js";

export const POOLING_LABELS: Readonly<Record<PoolingModel, string>> = Object.freeze({
  no_pooling: "no pooling",
  complete_pooling: "complete pooling",
  partial_pooling: "partial pooling",
});

function intervalCell(col: PoolingModel, x: Interval): HTMLElement {
  if (!Number.isFinite(x.mean)) return h("td", { "data-col": col, class: "interval" }, "—");
  return h("td", { "data-col": col, class: "interval" }, h("span", { class: "mean" }, fmt(x.mean)), h("span", { class: "ci" }, ` [${fmt(x.q5)}, ${fmt(x.q95)}]`));
}

/**
 * The table in its own scroll box (85 counties stay within a screen, the header sticks) with the
 * note on what the numbers are above it, outside the box, so a narrow window still shows it whole.
 */
export function poolingTableBlock(result: Pick<PoolingResult, "groups" | "groupName" | "scale">): HTMLElement {
  return h(
    "div",
    { class: "table-block" },
    h(
      "p",
      { class: "table-note", id: "pooling-table-note" },
      `Per ${result.groupName}, most-shrunk first: posterior mean [5%, 95%] of ${result.scale.description}. Shrinkage 0 keeps the group's own estimate, 1 replaces it by complete pooling's; — where the two agree too closely for the ratio to mean anything.`,
    ),
    h("div", { class: "scroll tall", tabindex: 0, role: "region", "aria-labelledby": "pooling-table-caption" }, poolingTable(result)),
  );
}

export function poolingTable(result: Pick<PoolingResult, "groups" | "groupName" | "scale">): HTMLTableElement {
  return h(
    "table",
    { class: "summary pooling", "data-testid": "pooling-table", "aria-describedby": "pooling-table-note" },
    h("caption", { class: "visually-hidden", id: "pooling-table-caption" }, `No, complete and partial pooling by ${result.groupName}`),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { class: "name", scope: "col" }, result.groupName),
        h("th", { "data-col": "n", scope: "col" }, "n"),
        (["no_pooling", "complete_pooling", "partial_pooling"] as const).map((m) => h("th", { "data-col": m, scope: "col" }, POOLING_LABELS[m])),
        h("th", { "data-col": "shrinkage", scope: "col" }, "shrinkage"),
      ),
    ),
    h(
      "tbody",
      null,
      result.groups.map((g) =>
        h(
          "tr",
          { "data-group": g.group },
          h("td", { class: "name" }, g.group),
          h("td", { "data-col": "n" }, Number.isInteger(g.n) ? String(g.n) : fmt(g.n)),
          intervalCell("no_pooling", g.no_pooling),
          intervalCell("complete_pooling", g.complete_pooling),
          intervalCell("partial_pooling", g.partial_pooling),
          h("td", { "data-col": "shrinkage" }, Number.isNaN(g.shrinkage) ? "—" : g.shrinkage.toFixed(2)),
        ),
      ),
    ),
  );
}

/** loo::loo_compare's layout: best model first, elpd_diff and its se against the best. */
export function looTableBlock(loo: NonNullable<PoolingResult["loo"]>): HTMLElement {
  return h(
    "div",
    { class: "table-block" },
    h(
      "p",
      { class: "table-note", id: "pooling-loo-note" },
      "PSIS-LOO: expected log predictive density of a left-out observation, best model first. An elpd_diff within about 2 × se_diff of 0 is no clear difference.",
    ),
    h("div", { class: "scroll" }, looTable(loo)),
  );
}

export function looTable(loo: NonNullable<PoolingResult["loo"]>): HTMLTableElement {
  return h(
    "table",
    { class: "summary loo", "data-testid": "pooling-loo", "aria-describedby": "pooling-loo-note" },
    h("caption", { class: "visually-hidden" }, "PSIS-LOO comparison of the three pooling models"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { class: "name", scope: "col" }, "model"),
        ["elpd_diff", "se_diff", "elpd_loo", "se_elpd_loo", "p_loo", "pareto_k_max"].map((c) => h("th", { "data-col": c, scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      null,
      loo.comparison.map((row) => {
        const e = loo.models[row.model];
        return h(
          "tr",
          { "data-model": row.model },
          h("td", { class: "name" }, POOLING_LABELS[row.model]),
          h("td", { "data-col": "elpd_diff" }, row.elpd_diff.toFixed(1)),
          h("td", { "data-col": "se_diff" }, row.se_diff.toFixed(1)),
          h("td", { "data-col": "elpd_loo" }, e.elpd_loo.toFixed(1)),
          h("td", { "data-col": "se_elpd_loo" }, e.se_elpd_loo.toFixed(1)),
          h("td", { "data-col": "p_loo" }, e.p_loo.toFixed(1)),
          h("td", { "data-col": "pareto_k_max", class: e.pareto_k_bad > 0 ? "warn" : null }, e.pareto_k_max.toFixed(2)),
        );
      }),
    ),
  );
}
