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
  /**
   * The same target, already built in this thread. With `threads` left unset, sample() then starts
   * chain 1 here and sends the other chains to workers only if the job proves big (see
   * src/inference/sample.ts); it is never posted to a worker.
   */
  readonly local?: LogDensity;
}

/** The part of a worker target a worker receives (structured-cloneable). */
export function postable(t: WorkerTarget): WorkerTarget {
  return { module: t.module, factory: t.factory, payload: t.payload };
}

/**
 * A worker factory that says which target factories its workers can build. A bundled browser worker
 * cannot import a module by URL, so it links a fixed set of factories in statically (see
 * `ChainWorkerHooks.loaders`); whoever chooses a target (e.g. fitBeyond choosing a marginal plan)
 * asks this list instead of guessing. A plain `() => Worker` declares nothing and is taken to load
 * only "compiledLogDensity", the one factory every chain worker had before this list existed.
 */
export type CapableWorkerFactory<W> = (() => W) & { readonly factories: readonly string[] };

/** Marks `create` as making workers that load exactly `factories` (names of worker-target factories). */
export function withFactories<W>(create: () => W, factories: readonly string[]): CapableWorkerFactory<W> {
  if (factories.length === 0 || factories.some((f) => typeof f !== "string" || f === "")) {
    throw new UserError(`withFactories: factories must be non-empty names, got ${JSON.stringify(factories)}`);
  }
  const frozen = Object.freeze([...factories]);
  return Object.assign(() => create(), { factories: frozen });
}

/** Whether workers made by `createWorker` can build a target with this factory name. */
export function workersLoad(createWorker: (() => unknown) | undefined, factory: string): boolean {
  if (createWorker === undefined) return true; // this package's own workers import any module by URL
  const declared = (createWorker as Partial<CapableWorkerFactory<unknown>>).factories;
  return Array.isArray(declared) ? declared.includes(factory) : factory === "compiledLogDensity";
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
