// The sampler's WebAssembly core (scripts/build-wasm.mjs builds this entry file into
// src/inference/wasm/nutsCore.wasm.ts). Only what is exported here is exported from the module:
//   init(at, dim, maxDepth, denseCapable) lays out a chain's workspace (transition.ts),
//   step(at, ...) runs one NUTS transition of it (transition.ts, for src/inference/wasm/kernel.ts),
//   run(at, loopAt, ...) runs many iterations of a chain per call (loop.ts, for src/inference/wasm/loop.ts).
export { init, step } from "./transition";
export { run } from "./loop";
