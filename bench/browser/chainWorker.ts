/**
 * The harness page's chain worker: the same entry as the app's web/src/chainWorker.ts (kept separate
 * because web/ belongs to another area). Vite bundles it because page.ts names it literally.
 */
import { compiledLogDensity, type CompiledPayload } from "../../src/api/compiledTarget.js";
import { startChainWorker } from "../../src/inference/workerServe.js";

void startChainWorker({ loadTarget: (t) => compiledLogDensity(t.payload as CompiledPayload) });
