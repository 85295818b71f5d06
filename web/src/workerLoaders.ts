/**
 * The worker-target factories the app's chain worker links in statically (a bundle cannot import
 * a module by URL): compiled IR programs, and marginal plans (src/marginal: conjugate group
 * parameters integrated out). The page declares the same names on its createWorker (run.ts), so
 * fitBeyond knows marginal targets load here. Both are in the page's own chunk already (fit
 * imports them), so naming them here adds nothing to the first load.
 */
import { compiledLogDensity } from "../../src/api/compiledTarget.js";
import type { TargetLoaders } from "../../src/inference/workerServe.js";
import { marginalLogDensity } from "../../src/marginal/target.js";

export const WORKER_LOADERS = Object.freeze({ compiledLogDensity, marginalLogDensity }) satisfies TargetLoaders;

export const WORKER_FACTORIES: readonly string[] = Object.freeze(Object.keys(WORKER_LOADERS));
