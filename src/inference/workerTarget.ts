/**
 * A model that can be rebuilt inside a worker: the URL of an ES module, the name of a factory it
 * exports, and a structured-cloneable payload (e.g. compiled IR + data). `factory(payload)` returns
 * (or resolves to) the LogDensity.
 */
import { UserError } from "../errors.js";
import type { LogDensity } from "../logDensity.js";

export interface WorkerTarget {
  readonly module: string;
  readonly factory: string;
  readonly payload: unknown;
}

export function isWorkerTarget(x: unknown): x is WorkerTarget {
  return typeof x === "object" && x !== null && typeof (x as WorkerTarget).module === "string" && typeof (x as WorkerTarget).factory === "string";
}

export function checkLogDensity(x: unknown, where: string): LogDensity {
  const ld = x as LogDensity;
  if (typeof ld !== "object" || ld === null || typeof ld.logDensityGradient !== "function" || !Number.isInteger(ld.dim) || ld.dim < 1) {
    throw new UserError(`sample: ${where} must be a LogDensity (a positive integer dim and a logDensityGradient function)`);
  }
  if (ld.outputNames !== undefined && typeof ld.constrain !== "function") {
    throw new UserError(`sample: ${where} has outputNames but no constrain function`);
  }
  return ld;
}

export async function loadWorkerTarget(target: WorkerTarget): Promise<LogDensity> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(/* @vite-ignore */ target.module)) as Record<string, unknown>;
  } catch (e) {
    throw new UserError(`sample: could not import the worker target module ${target.module}: ${(e as Error).message}`);
  }
  const factory = mod[target.factory];
  if (typeof factory !== "function") {
    throw new UserError(`sample: module ${target.module} has no exported function named ${JSON.stringify(target.factory)}`);
  }
  const ld = await (factory as (p: unknown) => unknown)(target.payload);
  return checkLogDensity(ld, `${target.factory}(payload) from ${target.module}`);
}
