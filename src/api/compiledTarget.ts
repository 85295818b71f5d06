/**
 * The worker-side factory for compiled models: a Worker receives the IR program and its data (plain,
 * structured-cloneable) and compiles them itself, so no function or generated source crosses threads.
 */
import { compileModel, type CompiledModel } from "../compiler/compile.js";
import type { Program, ProgramData } from "../ir/types.js";

export interface CompiledPayload {
  readonly program: Program;
  readonly data: ProgramData;
}

export function compiledLogDensity(payload: CompiledPayload): CompiledModel {
  return compileModel(payload.program, payload.data);
}
