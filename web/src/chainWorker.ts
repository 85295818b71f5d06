/**
 * Entry of one chain worker in the Vite bundle. The model arrives as a structured-cloneable IR
 * program plus data and is compiled here, so no function or generated source crosses threads;
 * the compile function is imported statically because a bundle cannot import modules by URL.
 */
import { compiledLogDensity, type CompiledPayload } from "../../src/api/compiledTarget.js";
import { startChainWorker } from "../../src/inference/workerServe.js";

void startChainWorker({ loadTarget: (t) => compiledLogDensity(t.payload as CompiledPayload) });
