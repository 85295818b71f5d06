/** Entry point of a chain worker started by `sample` (Node worker_threads or a browser module Worker). */
import { startChainWorker } from "./workerServe.js";

await startChainWorker();
