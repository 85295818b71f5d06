/**
 * Environment detection and a small uniform handle over Node's worker_threads and browser Workers.
 * Node-only modules are imported dynamically so the core stays browser-safe.
 */
import { WORKER_MARKER, type FromWorker, type ToWorker } from "./messages.js";

export function isNode(): boolean {
  return typeof process !== "undefined" && !!process.versions?.node;
}

export async function availableCores(): Promise<number> {
  if (isNode()) {
    const os = await import("node:os");
    return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  }
  const nav = (globalThis as unknown as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

export interface WorkerHandle {
  post(msg: ToWorker): void;
  terminate(): void;
}

export interface WorkerEvents {
  message(msg: FromWorker): void;
  /** The worker itself failed (could not start, crashed). */
  failure(error: Error): void;
}

/**
 * Starts a chain worker. Under tsx / vitest this file is TypeScript: the worker script is then
 * worker.ts, and the worker needs tsx's loader to run it (and a .ts target module).
 */
export async function spawnWorker(targetModule: string, events: WorkerEvents, createWorker?: () => BrowserWorker): Promise<WorkerHandle> {
  const here = import.meta.url;
  // Loaders may add a query to module URLs (tsx's tsImport namespaces): look at the path only.
  const selfIsTs = new URL(here).pathname.endsWith(".ts");
  if (isNode() && createWorker === undefined) {
    const { Worker } = await import("node:worker_threads");
    const script = selfIsTs ? new URL("./worker.ts", here) : new URL("./worker.js", here);
    const needTsx = selfIsTs || /\.(c|m)?ts$/.test(new URL(targetModule, here).pathname);
    const workerData = { [WORKER_MARKER]: true };
    // Node 20 ignores `execArgv: ["--import", "tsx"]` for a worker's own entry module (it fails with
    // ERR_UNKNOWN_FILE_EXTENSION), so in development a two-line bootstrap registers tsx's loader in
    // the worker, then imports the TypeScript worker.
    const w = needTsx
      ? new Worker(`import(${JSON.stringify(await tsxApiUrl(here))}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`, {
          eval: true,
          workerData,
        })
      : new Worker(script, { workerData });
    w.on("message", (m: FromWorker) => events.message(m));
    w.on("error", (e: Error) => events.failure(e));
    w.on("exit", (code: number) => {
      if (code !== 0) events.failure(new Error(`chain worker exited with code ${code}`));
    });
    return { post: (m) => w.postMessage(m), terminate: () => void w.terminate() };
  }
  const WorkerCtor = (globalThis as unknown as { Worker?: new (url: URL, opts: { type: "module" }) => BrowserWorker }).Worker;
  if (createWorker === undefined && WorkerCtor === undefined) throw new Error("sample: this environment has no Worker; use threads: 1");
  // A bundler (Vite) needs the worker's own entry written literally where it is built, so bundled
  // apps pass `createWorker`; unbundled ES modules can use this file's sibling worker.js.
  const w = createWorker ? createWorker() : new (WorkerCtor as NonNullable<typeof WorkerCtor>)(new URL("./worker.js", import.meta.url), { type: "module" });
  w.onmessage = (e) => events.message(e.data as FromWorker);
  w.onerror = (e) => events.failure(new Error(`chain worker failed: ${e.message ?? "unknown error"}`));
  return { post: (m) => w.postMessage(m), terminate: () => w.terminate() };
}

/** URL of tsx's ESM register API, resolved from this package (development only). */
async function tsxApiUrl(from: string): Promise<string> {
  const { createRequire } = await import("node:module");
  const { pathToFileURL } = await import("node:url");
  const cjs = createRequire(from).resolve("tsx/esm/api");
  // require.resolve picks the CommonJS build; the worker imports it as ESM, so use the .mjs twin.
  return pathToFileURL(cjs.replace(/index\.cjs$/, "index.mjs")).href;
}

export interface BrowserWorker {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  postMessage(msg: unknown): void;
  terminate(): void;
}
