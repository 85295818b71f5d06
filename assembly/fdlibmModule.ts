// exp, log and log1p alone (scripts/build-wasm.mjs builds this entry file into
// src/compiler/wasm/fdlibm.wasm.ts): src/compiler/wasm/fdlibm.ts copies these function bodies into
// the compiled log densities that call them, so those call no JavaScript for them either. They are
// leaf functions (no calls, globals or memory), so a body works unchanged in any module.
export { fdExp as exp, fdLog as log, fdLog1p as log1p } from "./fdlibm";
