/**
 * Whether hbayes may use WebAssembly (the compiler's wasm gradient and the sampler's wasm core).
 * `HBAYES_WASM=0` in the environment turns both off, leaving the JavaScript paths, which give the
 * same bits; read at each call so a test can flip it. Browsers have no `process`: always on there.
 */
export function wasmEnabled(): boolean {
  if (typeof WebAssembly !== "object") return false;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.HBAYES_WASM !== "0";
}
