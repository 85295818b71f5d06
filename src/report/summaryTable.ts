/** The summary table as HTML, with R-hat and ESS cells flagged where diagnostics would warn. */
import { el, type Markup } from "../plots/markup.js";
import { formatEss, formatRhat, formatSig } from "./formatCell.js";
import type { SummaryRow } from "./types.js";

/** Thresholds of Vehtari et al. (2021): R-hat above 1.01, bulk/tail ESS below 100 per chain. */
export const TABLE_FLAGS = Object.freeze({ rhat: 1.01, essPerChain: 100 });

const HEAD = ["parameter", "mean", "sd", "5%", "50%", "95%", "mcse_mean", "rhat", "ess_bulk", "ess_tail"];

export function summaryTable(rows: readonly SummaryRow[], chains: number): Markup {
  const essMin = TABLE_FLAGS.essPerChain * Math.max(1, chains);
  const flag = (bad: boolean) => (bad ? "num bad" : "num");
  return el(
    "table",
    { class: "summary" },
    el("thead", null, el("tr", null, HEAD.map((h, i) => el("th", { scope: "col", class: i === 0 ? null : "num" }, h)))),
    el(
      "tbody",
      null,
      rows.map((r) =>
        el(
          "tr",
          null,
          el("th", { scope: "row" }, r.name),
          el("td", { class: "num" }, formatSig(r.mean)),
          el("td", { class: "num" }, formatSig(r.sd)),
          el("td", { class: "num" }, formatSig(r.q5)),
          el("td", { class: "num" }, formatSig(r.q50)),
          el("td", { class: "num" }, formatSig(r.q95)),
          el("td", { class: "num" }, formatSig(r.mcse_mean, 2)),
          el("td", { class: flag(r.rhat > TABLE_FLAGS.rhat) }, formatRhat(r.rhat)),
          el("td", { class: flag(r.ess_bulk < essMin) }, formatEss(r.ess_bulk)),
          el("td", { class: flag(r.ess_tail < essMin) }, formatEss(r.ess_tail)),
        ),
      ),
    ),
  );
}
