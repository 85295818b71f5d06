/** Messages between `sample` and its chain workers, and how errors cross the boundary. */
import { DomainError, UserError } from "../errors.js";
import type { ChainOutput, ChainProgress, ChainSettings } from "./chain.js";
import type { WorkerTarget } from "./workerTarget.js";

/** Set in workerData so worker.ts knows it was started as a chain worker. */
export const WORKER_MARKER = "hbayesChainWorker";

export type ToWorker =
  | { readonly type: "load"; readonly target: WorkerTarget }
  | { readonly type: "run"; readonly chain: number; readonly settings: ChainSettings; readonly progress: boolean }
  | { readonly type: "abort" };

export type FromWorker =
  | { readonly type: "loaded"; readonly names: readonly string[] }
  | { readonly type: "progress"; readonly progress: ChainProgress }
  | { readonly type: "done"; readonly output: ChainOutput }
  | { readonly type: "error"; readonly chain: number; readonly error: SerializedError };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: "Error", message: String(e) };
}

/** Rebuilds an error of the same kind, so a UserError from a worker is still a UserError. */
export function deserializeError(s: SerializedError): Error {
  const e = s.name === "UserError" ? new UserError(s.message) : s.name === "DomainError" ? new DomainError(s.message) : new Error(s.message);
  if (e.name !== s.name) e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
