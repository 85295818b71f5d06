/**
 * The body of a chain worker (Node worker_threads or a browser module Worker). It rebuilds the
 * model from the worker target once, then runs the chains it is sent, one at a time, with the same
 * chain runner as the main thread, so the draws are identical whichever thread runs a chain.
 * Node-only modules are imported dynamically so the file also loads in a browser.
 */
import { createChainRunner } from "./chain.js";
import { driveChain } from "./driveChain.js";
import { serializeError, WORKER_MARKER, type FromWorker, type ToWorker } from "./messages.js";
import { outputNames } from "./chain.js";
import { checkLogDensity, loadWorkerTarget, type WorkerTarget } from "./workerTarget.js";
import type { LogDensity } from "../logDensity.js";
import { UserError } from "../errors.js";

interface Port {
  post(msg: FromWorker, transfer?: ArrayBuffer[]): void;
  listen(handler: (msg: ToWorker) => void): void;
}

async function connect(): Promise<Port | null> {
  const isNode = typeof process !== "undefined" && !!process.versions?.node;
  if (isNode) {
    const wt = await import("node:worker_threads");
    const port = wt.parentPort;
    if (port === null || !(wt.workerData && (wt.workerData as Record<string, unknown>)[WORKER_MARKER])) return null;
    return {
      post: (msg, transfer) => port.postMessage(msg, transfer ?? []),
      listen: (handler) => port.on("message", handler),
    };
  }
  const scope = globalThis as unknown as {
    WorkerGlobalScope?: unknown;
    postMessage(msg: unknown, transfer?: unknown[]): void;
    addEventListener(type: "message", l: (e: { data: ToWorker }) => void): void;
  };
  if (scope.WorkerGlobalScope === undefined) return null;
  return {
    post: (msg, transfer) => scope.postMessage(msg, transfer ?? []),
    listen: (handler) => scope.addEventListener("message", (e) => handler(e.data)),
  };
}

/** Factories linked into a worker, by the name a worker target gives in `factory`. */
export type TargetLoaders = Readonly<Record<string, (payload: never) => LogDensity | Promise<LogDensity>>>;

export interface ChainWorkerHooks {
  /**
   * How the worker builds a target. Default: import `target.module` and call its `target.factory`. A
   * bundled browser worker cannot import a module by URL, so it links its factories in statically:
   * the one named by `target.factory` is called with the payload (`target.module` is ignored). Pair it
   * with `withFactories(createWorker, Object.keys(loaders))` on the page so callers know what loads.
   */
  readonly loaders?: TargetLoaders;
}

/** Builds the target with the worker's static loaders; an unknown factory names the ones it has. */
export async function loadWithLoaders(loaders: TargetLoaders, target: WorkerTarget): Promise<LogDensity> {
  const make = Object.hasOwn(loaders, target.factory) ? loaders[target.factory] : undefined;
  if (make === undefined) {
    const known = Object.keys(loaders).map((k) => JSON.stringify(k)).join(", ");
    throw new UserError(`sample: this chain worker cannot load factory ${JSON.stringify(target.factory)}; it loads ${known}`);
  }
  return checkLogDensity(await make(target.payload as never), `${target.factory}(payload)`);
}

function loadTarget(hooks: ChainWorkerHooks, target: WorkerTarget): Promise<LogDensity> {
  return hooks.loaders !== undefined ? loadWithLoaders(hooks.loaders, target) : loadWorkerTarget(target);
}

async function serve(port: Port, hooks: ChainWorkerHooks): Promise<void> {
  let target: LogDensity | null = null;
  let aborted = false;
  let queue: Promise<void> = Promise.resolve();

  const runChain = async (chain: number, msg: Extract<ToWorker, { type: "run" }>): Promise<void> => {
    try {
      const runner = createChainRunner(target as LogDensity, chain, msg.settings);
      const output = await driveChain(runner, {
        shouldStop: () => aborted,
        onProgress: msg.progress ? (p) => port.post({ type: "progress", progress: p }) : undefined,
        yieldBetweenChunks: true,
      });
      const transfer = [output.samples.buffer as ArrayBuffer];
      if (output.warmupSamples) transfer.push(output.warmupSamples.buffer as ArrayBuffer);
      port.post({ type: "done", output }, transfer);
    } catch (e) {
      port.post({ type: "error", chain, error: serializeError(e) });
    }
  };

  port.listen((msg) => {
    if (msg.type === "abort") {
      aborted = true;
      return;
    }
    // Messages are handled in order: a chain starts only after the model has loaded.
    queue = queue.then(async () => {
      if (msg.type === "load") {
        try {
          target = await loadTarget(hooks, msg.target);
          port.post({ type: "loaded", names: outputNames(target) });
        } catch (e) {
          port.post({ type: "error", chain: -1, error: serializeError(e) });
        }
      } else if (msg.type === "run") {
        await runChain(msg.chain, msg);
      }
    });
  });
}

/** Serves chain requests when this code runs inside a chain worker; does nothing elsewhere. */
export async function startChainWorker(hooks: ChainWorkerHooks = {}): Promise<void> {
  const port = await connect();
  if (port !== null) await serve(port, hooks);
}
