/**
 * Runs a chain in time-boxed chunks, yielding to the event loop between them so progress can be
 * reported and an abort (signal or worker message) noticed. Used in this thread and in workers.
 */
import type { ChainOutput, ChainProgress, ChainRunner } from "./chain.js";

/** Work between yields: long enough that a yield (≈1 ms in Node) costs about 1 %. */
export const CHUNK_MS = 100;
/** Progress messages per chain are at least this far apart (phase changes are always reported). */
export const PROGRESS_INTERVAL_MS = 250;

export interface DriveHooks {
  shouldStop(): boolean;
  onProgress?: (p: ChainProgress) => void;
  /** False in this thread when nobody listens (no signal, no progress): run straight through. */
  yieldBetweenChunks: boolean;
  /** Work between yields, when yielding (default CHUNK_MS). */
  chunkMs?: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function driveChain(runner: ChainRunner, hooks: DriveHooks): Promise<ChainOutput> {
  const budget = hooks.yieldBetweenChunks ? (hooks.chunkMs ?? CHUNK_MS) : Infinity;
  let lastReport = -Infinity;
  let lastPhase = "";
  for (;;) {
    if (hooks.shouldStop()) {
      runner.stop();
      break;
    }
    const done = runner.run(budget);
    if (hooks.onProgress) {
      const p = runner.progress();
      const t = globalThis.performance.now();
      if (done || p.phase !== lastPhase || t - lastReport >= PROGRESS_INTERVAL_MS) {
        hooks.onProgress(p);
        lastReport = t;
        lastPhase = p.phase;
      }
    }
    if (done) break;
    if (hooks.yieldBetweenChunks) await yieldToEventLoop();
  }
  return runner.output();
}
