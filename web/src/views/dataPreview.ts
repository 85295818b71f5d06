/** The loaded table: name, size, column kinds and the first rows. All user text goes in as text nodes. */
import type { DataTable } from "../../../src/io/dataTable.js";
import { h } from "../dom.js";

const PREVIEW_ROWS = 6;

function cell(table: DataTable, name: string, row: number): string {
  const col = table.columns[name];
  const v = col.values[row];
  return v === null || (typeof v === "number" && Number.isNaN(v)) ? "NA" : String(v);
}

export function dataPreview(fileName: string, table: DataTable): HTMLElement {
  const rows = Math.min(PREVIEW_ROWS, table.nRows);
  return h(
    "div",
    { class: "data-preview", "data-testid": "data-preview" },
    h("p", { class: "meta" }, h("strong", null, fileName), ` · ${table.nRows} rows · ${table.names.length} columns`),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "preview" },
        h("thead", null, h("tr", null, table.names.map((n) => h("th", { title: table.columns[n].kind }, n)))),
        h("tbody", null, Array.from({ length: rows }, (_, r) => h("tr", null, table.names.map((n) => h("td", { class: table.columns[n].kind }, cell(table, n, r)))))),
      ),
    ),
    table.warnings.length > 0 ? h("ul", { class: "warnings", "data-testid": "data-warnings" }, table.warnings.map((w) => h("li", null, w))) : null,
  );
}
