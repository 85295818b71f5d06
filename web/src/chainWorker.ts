/**
 * Entry of one chain worker in the Vite bundle. The model arrives as a structured-cloneable target
 * (a compiled IR program plus data, or a marginal plan) and is built here, so no function or
 * generated source crosses threads; the factories are imported statically (workerLoaders.ts)
 * because a bundle cannot import modules by URL.
 */
import { startChainWorker } from "../../src/inference/workerServe.js";
import { WORKER_LOADERS } from "./workerLoaders.js";

void startChainWorker({ loaders: WORKER_LOADERS });
