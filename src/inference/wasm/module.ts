/**
 * The compiled NUTS core: decoded from base64 and compiled once per thread (a worker compiles its
 * own). The module is over 4 KiB (with the chain loop, assembly/loop.ts), the size above which a
 * browser's main thread refuses synchronous compiles and instantiations, so `sample()` awaits
 * `prepareNutsCore()` (compile) and, for chains on its own thread, `prepareWasmNuts` (kernel.ts,
 * instantiate) before chains start; a chain that still cannot get the core runs the JavaScript
 * kernel (same draws). Workers have no such limit.
 */
import { NUTS_CORE_WASM } from "./nutsCore.wasm.js";

/**
 * This thread's compiled module: undefined until compiled or tried asynchronously, null when that
 * failed. A cache of an immutable compile, not state anything's results depend on (both kernels
 * give the same bits).
 */
let compiled: WebAssembly.Module | null | undefined;
let pending: Promise<void> | null = null;

interface NodeBuffer {
  from(s: string, encoding: "base64"): Uint8Array;
}

/**
 * Standard base64 (with padding) to bytes: Node's Buffer where there is one (native, ~50× faster
 * than decoding in a JavaScript loop: ~0.7 ms per process for the core before), else atob
 * (browsers and their workers). Both give the same bytes for valid base64, which is all this gets
 * (the generated *.wasm.ts modules).
 */
export function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  // A copy: Buffer.from may hand out a view of a shared pool.
  if (buffer !== undefined) return new Uint8Array(buffer.from(s, "base64"));
  const text = atob(s);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The module, compiling it synchronously on first use; null where WebAssembly is missing or refuses. */
export function nutsCoreModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  if (typeof WebAssembly !== "object") return null;
  try {
    compiled = new WebAssembly.Module(decodeBase64(NUTS_CORE_WASM));
  } catch {
    // A browser main thread's size limit: leave it to prepareNutsCore's asynchronous compile.
    return null;
  }
  return compiled;
}

/** Compiles the module asynchronously (once); resolves either way, as a failure only means the JavaScript kernel. */
export function prepareNutsCore(): Promise<void> {
  if (compiled !== undefined || typeof WebAssembly !== "object") return Promise.resolve();
  pending ??= WebAssembly.compile(decodeBase64(NUTS_CORE_WASM)).then(
    (m) => {
      compiled = m;
    },
    () => {
      compiled = null;
    },
  );
  return pending;
}
