/** One bar per chain: warmup then sampling, with divergences counted as they happen. */
import type { ChainProgress } from "../../../src/inference/chain.js";
import { h } from "../dom.js";

export interface ProgressView {
  readonly element: HTMLElement;
  update(p: ChainProgress): void;
  finish(stopped: boolean): void;
}

export function progressView(chains: number): ProgressView {
  const divergent = new Int32Array(chains);
  const rows = Array.from({ length: chains }, (_, c) => {
    const fill = h("div", { class: "fill" });
    const text = h("span", { class: "status" }, "waiting for a worker");
    const row = h("div", { class: "chain", "data-testid": `chain-${c + 1}` }, h("span", { class: "chain-name" }, `chain ${c + 1}`), h("div", { class: "bar" }, fill), text);
    return { row, fill, text };
  });
  return {
    element: h("div", { class: "progress", "aria-live": "polite" }, rows.map((r) => r.row)),
    update(p) {
      const r = rows[p.chain];
      if (r === undefined) return;
      const frac = p.totalIterations > 0 ? p.iteration / p.totalIterations : 1;
      r.fill.style.width = `${(100 * frac).toFixed(1)}%`;
      r.fill.className = `fill ${p.phase}`;
      if (p.phase === "sampling") divergent[p.chain] = p.divergences;
      const div = p.divergences > 0 ? ` · ${p.divergences} divergent` : "";
      r.text.textContent = `${p.phase} ${p.iteration}/${p.totalIterations}${div}`;
    },
    finish(stopped) {
      for (const r of rows) {
        if (stopped) {
          r.row.classList.add("stopped");
          r.text.textContent = `stopped · ${r.text.textContent ?? ""}`;
        } else {
          r.fill.style.width = "100%";
          r.fill.className = "fill done";
        }
      }
      rows.forEach((r, c) => {
        if (!stopped) r.text.textContent = divergent[c] > 0 ? `done · ${divergent[c]} divergent` : "done";
      });
    },
  };
}
