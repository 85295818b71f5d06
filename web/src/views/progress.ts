/**
 * One bar per chain: warmup then sampling, with divergences counted as they happen. Each bar is an
 * ARIA progressbar; a screen reader hears only a polite status line that changes with the run's
 * phase (all chains warming up, sampling, done), not every tick of every chain.
 */
import type { ChainPhase, ChainProgress } from "../../../src/inference/chain.js";
import { h } from "../dom.js";

export interface ProgressView {
  readonly element: HTMLElement;
  update(p: ChainProgress): void;
  finish(stopped: boolean): void;
}

export interface ProgressOptions {
  /** Keep the polite status line (default true); off where the caller has its own. */
  readonly announce?: boolean;
}

const PHASE_ORDER: Readonly<Record<ChainPhase, number>> = Object.freeze({ warmup: 0, sampling: 1, done: 2 });

export function progressView(chains: number, options: ProgressOptions = {}): ProgressView {
  const divergent = new Int32Array(chains);
  const phases: (ChainPhase | null)[] = Array.from({ length: chains }, () => null);
  const rows = Array.from({ length: chains }, (_, c) => {
    const fill = h("div", { class: "fill" });
    const text = h("span", { class: "status" }, "waiting for a worker");
    const bar = h("div", { class: "bar", role: "progressbar", "aria-label": `chain ${c + 1}`, "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 }, fill);
    const row = h("div", { class: "chain", "data-testid": `chain-${c + 1}` }, h("span", { class: "chain-name" }, `chain ${c + 1}`), bar, text);
    return { row, bar, fill, text };
  });
  const announce = options.announce ?? true;
  const live = announce ? h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "data-testid": "progress-status" }) : null;
  let spoken = "";
  const speak = (text: string) => {
    if (live !== null && text !== spoken) {
      spoken = text;
      live.textContent = text;
    }
  };
  /** The least advanced phase over the chains that have reported. */
  const overall = (): string => {
    let least: ChainPhase | null = null;
    for (const p of phases) if (p !== null && (least === null || PHASE_ORDER[p] < PHASE_ORDER[least])) least = p;
    return least === null ? "" : least === "done" ? `All ${chains} chains done.` : `Chains ${least === "warmup" ? "warming up" : "sampling"}.`;
  };
  return {
    element: h("div", { class: "progress" }, rows.map((r) => r.row), live),
    update(p) {
      const r = rows[p.chain];
      if (r === undefined) return;
      const frac = p.totalIterations > 0 ? p.iteration / p.totalIterations : 1;
      r.fill.style.width = `${(100 * frac).toFixed(1)}%`;
      r.fill.className = `fill ${p.phase}`;
      r.bar.setAttribute("aria-valuenow", (100 * frac).toFixed(0));
      r.bar.setAttribute("aria-valuetext", `${p.phase} ${p.iteration} of ${p.totalIterations}`);
      if (p.phase === "sampling") divergent[p.chain] = p.divergences;
      const div = p.divergences > 0 ? ` · ${p.divergences} divergent` : "";
      r.text.textContent = `${p.phase} ${p.iteration}/${p.totalIterations}${div}`;
      phases[p.chain] = p.phase;
      speak(overall());
    },
    finish(stopped) {
      for (const r of rows) {
        if (stopped) {
          r.row.classList.add("stopped");
          r.text.textContent = `stopped · ${r.text.textContent ?? ""}`;
        } else {
          r.fill.style.width = "100%";
          r.fill.className = "fill done";
          r.bar.setAttribute("aria-valuenow", "100");
          r.bar.setAttribute("aria-valuetext", "done");
        }
      }
      rows.forEach((r, c) => {
        if (!stopped) r.text.textContent = divergent[c] > 0 ? `done · ${divergent[c]} divergent` : "done";
      });
      const total = divergent.reduce((a, b) => a + b, 0);
      speak(stopped ? "Stopped." : `All ${chains} chains done${total > 0 ? `, ${total} divergent transitions` : ""}.`);
    },
  };
}
