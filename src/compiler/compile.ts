/**
 * compileModel(program, data) → CompiledModel: validates once, lays out parameters, emits the fused
 * log density + gradient and the constrain function through the printer, and instantiates them with
 * `new Function`, passing data arrays, scratch buffers and runtime functions as arguments (so the
 * source holds only numbers, operators and invented identifiers).
 */
import { UserError } from "../errors.js";
import type { LogDensity, WasmLogDensity } from "../logDensity.js";
import type { Rng } from "../random/rng.js";
import type { Generated, Program, ProgramData } from "../ir/types.js";
import { validateData, validateProgram } from "../ir/validate.js";
import { Emitter } from "./emit.js";
import { printStmts } from "./js.js";
import { computeLayout, type Layout, type ParamLayout } from "./layout.js";
import { RUNTIME } from "./runtime.js";
import { unconstrainValues } from "./unconstrain.js";
import { checkOutcomes } from "./outcomes.js";
import { wasmEnabled } from "./wasm/enabled.js";
import { buildWasmLogDensity } from "./wasm/instantiate.js";

export interface CompiledModel extends LogDensity {
  readonly dim: number;
  readonly outputNames: readonly string[];
  logDensityGradient(theta: Float64Array, gradOut: Float64Array): number;
  constrain(theta: Float64Array, out: Float64Array): void;
  /** Unconstrained point for constrained parameter values, one array per parameter (in program order). */
  unconstrain(values: ReadonlyArray<ArrayLike<number>>): Float64Array;
  /**
   * Generated quantities for one draw: per-observation log-likelihoods and posterior-predictive draws,
   * in `program.generated` order, named by `generatedNames`. Draws only from `rng`.
   */
  generate(rng: Rng, theta: Float64Array, out: Float64Array): void;
  readonly generatedNames: readonly string[];
  /**
   * Programs with marginal statements: constrain's outputs, then the exact conditionals of their
   * integrated-out group parameters at `theta` (emitConditional.ts) in statement order,
   * `conditionalSize` values in all. The wasm module exports the same function as its `constrain`
   * (what the sampler's wasm loop calls per saved draw).
   */
  readonly conditionals?: (theta: Float64Array, out: Float64Array) => void;
  readonly conditionalSize: number;
  /** The generated JavaScript (for golden tests and debugging). */
  readonly source: string;
  readonly layout: Layout;
  readonly params: readonly ParamLayout[];
}

/** Output names of one generated quantity: `log_lik[3]`, a matrix of draws as `y_rep[2,1]`. */
function generatedNamesOf(program: Program, g: Generated): string[] {
  const seq = (n: number): string[] => Array.from({ length: n }, (_, i) => `${g.name}[${i + 1}]`);
  switch (g.kind) {
    case "logLik":
      return seq((program.statements[g.statement] as { n: number }).n);
    case "rng":
      return seq(g.n);
    case "rngDirichlet":
      return seq(g.k);
    case "rngMultiNormalCholesky":
      return Array.from({ length: g.n * g.k }, (_, r) => `${g.name}[${Math.floor(r / g.k) + 1},${(r % g.k) + 1}]`);
  }
}

export function compileModel(program: Program, data: ProgramData): CompiledModel {
  validateProgram(program);
  validateData(program, data);
  checkOutcomes(program, data);
  const layout = computeLayout(program);
  const emitted = new Emitter(program, data, layout).emit();
  const dataNames = program.data.map((_, k) => `D${k}`);
  const argNames = [...dataNames, ...emitted.buffers.map((b) => b.name), ...emitted.extraBuffers.map((b) => b.name), ...Object.keys(RUNTIME)];
  const source =
    `"use strict";\n` +
    `function logDensityGradient(theta, grad) {\n${printStmts(emitted.logDensity, "  ")}}\n` +
    `function constrain(theta, out) {\n${printStmts(emitted.constrain, "  ")}}\n` +
    `function generate(rng, theta, out) {\n${printStmts(emitted.generate, "  ")}}\n` +
    (emitted.conditional ? `function conditionals(theta, out) {\n${printStmts(emitted.conditional, "  ")}}\n` : "") +
    `return { logDensityGradient, constrain, generate${emitted.conditional ? ", conditionals" : ""} };\n`;
  const buffers = emitted.buffers.map((b) => new Float64Array(b.length));
  const factory = new Function(...argNames, source) as (...args: unknown[]) => {
    logDensityGradient(theta: Float64Array, grad: Float64Array): number;
    constrain(theta: Float64Array, out: Float64Array): void;
    generate(rng: Rng, theta: Float64Array, out: Float64Array): void;
    conditionals?: (theta: Float64Array, out: Float64Array) => void;
  };
  const fns = factory(...data, ...buffers, ...emitted.extraBuffers.map((b) => b.value), ...Object.values(RUNTIME));
  // The same log density in WebAssembly when it translates exactly (same bits); the JS one stays the
  // reference. Built on first use: most compiled models (constrain for outputs, log-likelihoods,
  // predictions) are never sampled, and the first translation in a process costs a few ms.
  let wasm: WasmLogDensity | null | undefined = wasmEnabled() ? undefined : null;
  const wasmInput = () => ({
    dim: layout.dim,
    data,
    buffers: emitted.buffers,
    extraBuffers: emitted.extraBuffers,
  });
  return {
    get wasm(): WasmLogDensity | undefined {
      if (wasm === undefined) {
        // constrain in the same module, for the sampler's wasm loop: with marginal statements the
        // conditionals body (constrain's outputs first, then the conditionals, which are no outputs of
        // this model's), else constrain's own.
        const nOut = layout.outputNames.length;
        const size = emitted.conditional ? emitted.conditionalSize : nOut;
        const outputs = Int32Array.from({ length: size }, (_, i) => (i < nOut ? i : -1));
        wasm = buildWasmLogDensity(emitted.logDensity, wasmInput(), { body: emitted.conditional ?? emitted.constrain, outputs });
      }
      return wasm ?? undefined;
    },
    dim: layout.dim,
    outputNames: layout.outputNames,
    logDensityGradient: fns.logDensityGradient,
    constrain: fns.constrain,
    generate: emitted.generateError
      ? () => {
          throw emitted.generateError;
        }
      : fns.generate,
    generatedNames: (program.generated ?? []).flatMap((g) => generatedNamesOf(program, g)),
    ...(fns.conditionals ? { conditionals: fns.conditionals } : {}),
    conditionalSize: emitted.conditionalSize,
    unconstrain(values) {
      if (values.length !== program.params.length) {
        throw new UserError(`unconstrain: expected values for ${program.params.length} parameters, got ${values.length}`);
      }
      return unconstrainValues(program, data, layout, values);
    },
    source,
    layout,
    params: layout.params,
  };
}
