/**
 * brms's coef(), ranef() and fixef() after a formula fit with group terms (src/posterior/coefficients.ts):
 * per grouping factor a level × coefficient table of Estimate, Est.Error, Q2.5 and Q97.5, folded away
 * when the factor has many levels (radon's 85 counties), as the summary keeps them out of its table.
 */
import { coef, fixef, ranef, type GroupSummary, type SummaryMatrix } from "../../src/posterior/coefficients.js";
import type { Draws } from "../../src/posterior/draws.js";
import { clear, h } from "./dom.js";
import { fmt } from "./format.js";

export const COEF_VIEWS = Object.freeze(["coef", "ranef", "fixef"] as const);
export type CoefView = (typeof COEF_VIEWS)[number];

const VIEW_NOTES: Readonly<Record<CoefView, string>> = Object.freeze({
  coef: "Each level's own coefficients: population-level effect plus that level's group-level effect, per draw (brms's coef()).",
  ranef: "Each level's deviation from the population-level effect (brms's ranef()).",
  fixef: "Population-level effects (brms's fixef()).",
});

/** A factor with more levels than this starts folded: its table would push the plots far down. */
export const OPEN_LEVELS_MAX = 20;

export function coefPanel(draws: Draws): HTMLElement {
  const select = h("select", { "data-testid": "coef-view", "aria-label": "coefficients to show" }, COEF_VIEWS.map((v) => h("option", { value: v }, `${v}()`)));
  const note = h("p", { class: "note" });
  const body = h("div", { class: "coef-body" });
  const show = () => {
    const view = select.value as CoefView;
    clear(body);
    note.textContent = VIEW_NOTES[view];
    try {
      body.append(...(view === "fixef" ? [fixefTable(fixef(draws))] : (view === "coef" ? coef(draws) : ranef(draws)).map(groupBlock)));
    } catch (e) {
      // A model without population-level effects (y ~ 0 + (1 | g)) has no fixef(): say so, as the API does.
      if (!(e instanceof Error && e.name === "UserError")) throw e;
      body.append(h("p", { class: "not-available", "data-testid": "coef-unavailable" }, e.message));
    }
  };
  select.addEventListener("change", show);
  show();
  return h(
    "section",
    { class: "card", "data-testid": "coef-panel" },
    h("h2", null, "Group coefficients"),
    h("label", { class: "field inline" }, h("span", null, "show"), select),
    note,
    body,
  );
}

function groupBlock(g: GroupSummary): HTMLElement {
  const stats = g.coefs[0]?.summary.stats ?? [];
  const table = h(
    "table",
    { class: "summary coef", "data-testid": "coef-table", "data-group": g.group },
    h(
      "thead",
      null,
      h("tr", null, h("th", { class: "name", rowspan: 2 }, "level"), g.coefs.map((c) => h("th", { colspan: stats.length, class: "coef-name" }, c.coef))),
      h("tr", null, g.coefs.map(() => stats.map((s) => h("th", null, s)))),
    ),
    h(
      "tbody",
      null,
      g.levels.map((level, r) => h("tr", { "data-level": level }, h("td", { class: "name" }, level), g.coefs.map((c) => c.summary.values[r].map((v) => h("td", null, fmt(v)))))),
    ),
  );
  const s = g.levels.length === 1 ? "" : "s";
  return h(
    "details",
    { class: "coef-group", open: g.levels.length <= OPEN_LEVELS_MAX },
    h("summary", null, `${g.group}: ${g.levels.length} level${s} × ${g.coefs.length} coefficient${g.coefs.length === 1 ? "" : "s"}`),
    h("div", { class: "scroll" }, table),
  );
}

function fixefTable(m: SummaryMatrix): HTMLElement {
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: "summary coef", "data-testid": "fixef-table" },
      h("thead", null, h("tr", null, h("th", { class: "name" }, "coefficient"), m.stats.map((s) => h("th", null, s)))),
      h("tbody", null, m.rows.map((row, r) => h("tr", { "data-coef": row }, h("td", { class: "name" }, row), m.values[r].map((v) => h("td", null, fmt(v)))))),
    ),
  );
}
