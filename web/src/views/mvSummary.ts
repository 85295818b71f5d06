/** A multivariate fit's summary: one table per response, then what the responses share (rescor, cross-response cor_). */
import type { MultivariateModel } from "../../../src/api/multivariateFit.js";
import { h } from "../dom.js";
import { responseOfName } from "../multivariate.js";
import type { SummaryRow } from "../summary.js";
import { summaryTable } from "./summaryTable.js";

/** One summary table per response, then the shared rows; each under a heading with `data-testid` summary-<response> / summary-shared. */
export function summaryByResponse(rows: readonly SummaryRow[], mv: MultivariateModel, chains: number): HTMLElement {
  const responses = mv.design.model.names;
  const labels = mv.design.designs.map((d) => d.response.label);
  const owner = rows.map((r) => responseOfName(r.name, responses));
  const parts = responses.map((r, k) =>
    h("div", { class: "scroll", "data-testid": `summary-${r}` }, h("h3", null, `Response ${labels[k]}`), summaryTable(rows.filter((_, i) => owner[i] === r), chains)),
  );
  const shared = rows.filter((_, i) => owner[i] === null);
  if (shared.length > 0) parts.push(h("div", { class: "scroll", "data-testid": "summary-shared" }, h("h3", null, "Shared by the responses"), summaryTable(shared, chains)));
  return h("div", { class: "mv-summary" }, parts);
}

