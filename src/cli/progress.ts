/**
 * Progress bars on stderr, one line per chain, redrawn in place — only on a TTY, never in --json
 * output. Off a TTY nothing is printed, so logs and pipes stay clean.
 */
import type { ChainProgress } from "../inference/chain.js";

export interface ProgressReporter {
  update(p: ChainProgress): void;
  finish(): void;
}

const BAR = 24;

function bar(fraction: number): string {
  const full = Math.max(0, Math.min(BAR, Math.round(fraction * BAR)));
  return "█".repeat(full) + "░".repeat(BAR - full);
}

export function createProgress(chains: number, warmup: number, draws: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const total = warmup + draws;
  const state: ChainProgress[] = [];
  const started = Date.now();
  let drawn = false;
  let last = 0;

  const render = (force: boolean) => {
    const t = Date.now();
    if (!force && t - last < 100) return;
    last = t;
    if (drawn) stream.write(`\x1b[${chains}A`);
    drawn = true;
    for (let c = 0; c < chains; c++) {
      const p = state[c];
      const iter = p ? p.iteration : 0;
      const frac = total > 0 ? iter / total : 1;
      const elapsed = (t - started) / 1000;
      const eta = frac > 0.02 && frac < 1 ? ` eta ${Math.max(0, (elapsed / frac) * (1 - frac)).toFixed(0)}s` : "";
      const phase = p ? p.phase : "warmup";
      const div = p && p.divergences > 0 ? `  ${p.divergences} divergent` : "";
      stream.write(`\x1b[2K  chain ${c + 1}  ${phase.padEnd(8)} ${bar(frac)} ${String(Math.round(frac * 100)).padStart(3)}%${eta}${div}\n`);
    }
  };

  return {
    update(p) {
      state[p.chain] = p;
      render(false);
    },
    finish() {
      if (drawn) render(true);
    },
  };
}
