/**
 * lgamma, digamma, Phi and lbeta as WebAssembly (assembly/mathHelpers.ts, the JavaScript helpers'
 * bits), instantiated once per thread. A compiled log density imports these exports instead of the
 * JavaScript functions: a call from one wasm instance into another is a plain call, where a call
 * into JavaScript costs a transition (and, early in a process, runs interpreted JavaScript). Their
 * reflection branches call back into JavaScript's sinPi / cotPi (Math.sin, Math.cos).
 */
import { decodeBase64 } from "../../inference/wasm/module.js";
import { cotPi, sinPi } from "../../math/sinPi.js";
import { MATH_HELPERS_WASM } from "./mathHelpers.wasm.js";

const WASM_HELPER_NAMES = ["lgamma", "digamma", "Phi", "lbeta"] as const;
export type WasmHelperName = (typeof WASM_HELPER_NAMES)[number];

export type WasmHelpers = Readonly<Record<WasmHelperName, (...args: number[]) => number>>;

/**
 * This thread's instance: undefined until first tried, null where it failed (a browser main thread
 * refuses synchronous compiles over 4 KB; the JavaScript helpers are then imported, same bits). A
 * cache of an immutable compile, not state any result depends on.
 */
let helpers: WasmHelpers | null | undefined;

export function wasmHelpers(): WasmHelpers | null {
  if (helpers !== undefined) return helpers;
  try {
    const module = new WebAssembly.Module(decodeBase64(MATH_HELPERS_WASM));
    // Its own memory holds the series' coefficients (data segments), nothing else.
    const memory = new WebAssembly.Memory({ initial: 1 });
    const e = new WebAssembly.Instance(module, { env: { memory }, hb: { sinPi, cotPi } }).exports as unknown as WasmHelpers;
    helpers = Object.freeze(Object.fromEntries(WASM_HELPER_NAMES.map((n) => [n, e[n]]))) as WasmHelpers;
  } catch {
    helpers = null;
  }
  return helpers;
}

export function isWasmHelper(name: string): name is WasmHelperName {
  return (WASM_HELPER_NAMES as readonly string[]).includes(name);
}
