/**
 * The harness page's chain worker: the same entry as the app's web/src/chainWorker.ts (kept separate
 * because web/ belongs to another area). Vite bundles it because page.ts names it literally.
 */
import { compiledLogDensity } from "../../src/api/compiledTarget.js";
import { startChainWorker } from "../../src/inference/workerServe.js";

// Compiled programs only: the page's createWorker declares nothing, so fit() sends it no marginal plan.
void startChainWorker({ loaders: { compiledLogDensity } });
