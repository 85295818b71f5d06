/** The summary table: CLI column names, one row per output with `data-param`, cells with `data-col`. */
import { h } from "../dom.js";
import { fmt } from "../format.js";
import { ESS_WARN_PER_CHAIN, RHAT_WARN, SUMMARY_COLUMNS, SUMMARY_HEADERS, type SummaryRow } from "../summary.js";

export function summaryTable(rows: readonly SummaryRow[], chains: number): HTMLTableElement {
  return h(
    "table",
    { class: "summary", "data-testid": "summary-table" },
    h("thead", null, h("tr", null, h("th", { class: "name" }, "parameter"), SUMMARY_COLUMNS.map((c) => h("th", { "data-col": c }, SUMMARY_HEADERS[c])))),
    h(
      "tbody",
      null,
      rows.map((r) =>
        h(
          "tr",
          { "data-param": r.name },
          h("td", { class: "name" }, r.name),
          SUMMARY_COLUMNS.map((c) => {
            const v = r[c];
            const warn = (c === "rhat" && v > RHAT_WARN) || (c.startsWith("ess") && v < ESS_WARN_PER_CHAIN * chains);
            return h("td", { "data-col": c, class: warn ? "warn" : null }, c.startsWith("ess") && Number.isFinite(v) ? v.toFixed(0) : fmt(v));
          }),
        ),
      ),
    ),
  );
}
