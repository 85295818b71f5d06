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

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (with padding) to bytes; no atob/Buffer so it is the same in every environment. */
export function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const len = s.endsWith("==") ? s.length - 2 : s.endsWith("=") ? s.length - 1 : s.length;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < len; i++) {
    const v = B64.indexOf(s[i]);
    if (v < 0) throw new RangeError(`decodeBase64: not a base64 character, got ${JSON.stringify(s[i])} at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
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
