/**
 * The log density's statement list (the JsStmt tree `compileModel` prints) → one WebAssembly function
 * `(thetaPtr: i32, gradPtr: i32) → f64`, optionally with a second function in the same module (the
 * conditionals: a pointer array `out` in place of `grad`). Every operation the tree says is done once, in the same
 * order, with the same IEEE operation, so the result has the same bits as the printed JavaScript:
 * + − × ÷ √ |x| and comparisons are native. Where the engine's Math is fdlibm (engineMath.ts),
 * Math.exp, log and log1p and the helper log1pExp are functions of the module with the same bits
 * (internal.ts), and lgamma, digamma, Phi and lbeta imports of their wasm builds (helpersModule.ts);
 * Math.pow, … and, on other engines, all of these are imports of the very JavaScript functions. A
 * construct without an exact translation makes the model untranslatable (the reason is returned),
 * never a near-equivalent.
 */
import type { JsStmt } from "../js.js";
import type { Transform } from "../../transforms/types.js";
import { encodeModule, type FuncDef, type FuncType, type Import, OP, uleb5, type ValType } from "./encode.js";
import { INTERNAL_FUNCTIONS, type InternalName } from "./internal.js";
import type { Ty } from "./kinds.js";
import { arraysOf, type ImportEntry, Unsupported, Walk } from "./walk.js";

export interface WasmArraySpec {
  /** The identifier the generated code uses (`D0`, `X`, `GT1`, …). */
  readonly name: string;
  readonly type: ValType;
  readonly length: number;
  /** For an int array: its values (their range bounds gathers `T0[D2[i] - 1]`). */
  readonly values?: Int32Array;
}

export interface TranslateOptions {
  /** Length of theta and grad. */
  readonly dim: number;
  /** Arrays the generated code may name, besides theta and grad. */
  readonly arrays: readonly WasmArraySpec[];
  /** Give up (not translatable) beyond this many calls into JavaScript per gradient; default unlimited. */
  readonly maxImportCalls?: number;
}

/**
 * What an import is: a JavaScript function of doubles (Math's, a scalar helper), or a vector
 * transform's method, which the host wraps to pass one view of the memory for each array argument;
 * the wasm side then passes each array as its element index in that view (pointer / 8 + offset).
 */
export type ImportDesc =
  | { readonly kind: "scalar"; readonly fn: (...args: number[]) => number }
  | { readonly kind: "transform"; readonly transform: Transform; readonly method: "constrain" | "backward" }
  /**
   * multiNormalRows (`MVN`): its array arguments are fixed arrays (data, X, GX, T, GT, a work buffer)
   * or null, named here in argument order; the host binds views of them and wasm passes the numbers.
   */
  | { readonly kind: "mvn"; readonly arrays: readonly (string | null)[] };

export interface WasmTranslation {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** What to import as `m.f0`, `m.f1`, … (the memory is `env.memory`). */
  readonly imports: readonly ImportDesc[];
  /** Byte offset of each array the function uses; arrays it never names get no space. */
  readonly placed: ReadonlyMap<string, number>;
  /** First byte after the arrays (not aligned). */
  readonly regionEnd: number;
  /**
   * Calls into JavaScript per evaluation, counting each call site once per iteration of its loops
   * (an upper bound: both branches of an if count). Each costs a wasm-to-JS transition.
   */
  readonly importCallsPerGradient: number;
}

export type TranslateResult = ({ ok: true } & WasmTranslation) | { ok: false; reason: string };

/** Walks again while a mutable variable's type widens; ranges only grow, so this settles quickly. */
const MAX_WALKS = 8;

/**
 * A second function in the same module: its own body, the same arrays and imports, and in place of
 * `grad` its own second pointer array (`out` for the conditionals: the number of values written),
 * exported as `exportName`.
 */
export interface ExtraFunction {
  readonly body: readonly JsStmt[];
  readonly second: { readonly name: string; readonly length: number; readonly exportName: string };
}

export function translateLogDensityDetailed(body: readonly JsStmt[], opts: TranslateOptions, extra?: ExtraFunction): TranslateResult {
  try {
    const last = body[body.length - 1];
    if (!last || last.t !== "return") return { ok: false, reason: "the body does not end with a return" };
    if (extra && extra.body[extra.body.length - 1]?.t !== "return") return { ok: false, reason: "the second body does not end with a return" };
    const arrays = arraysOf(opts);
    const extraArrays = extra ? arraysOf(opts, extra.second) : null;
    const lets = new Map<JsStmt, Ty>();
    const extraLets = new Map<JsStmt, Ty>();
    for (let pass = 0; pass < MAX_WALKS; pass++) {
      // One placement of the arrays and one import list for both functions: they share the memory.
      const placed = new Map<string, number>();
      const region = { end: 0 };
      const imports = new Map<string, ImportEntry>();
      const internals = new Set<InternalName>();
      const w = new Walk(arrays, placed, region, lets, imports, opts.maxImportCalls ?? Infinity, internals);
      for (const s of body) w.stmt(s);
      let x: Walk | null = null;
      if (extra && extraArrays) {
        // The second function runs once per draw, not per gradient: no limit on its calls into JavaScript.
        x = new Walk(extraArrays, placed, region, extraLets, imports, Infinity, internals);
        for (const s of extra.body) x.stmt(s);
      }
      if (w.changed || x?.changed) continue;
      w.code.push(OP.end);
      x?.code.push(OP.end);
      const importList = [...imports.values()].sort((a, b) => a.index - b.index);
      const types: FuncType[] = [{ params: ["i32", "i32"], results: ["f64"] }];
      const typeOfArity = new Map<number, number>();
      const typeOf = (arity: number): number => {
        let ti = typeOfArity.get(arity);
        if (ti === undefined) {
          ti = types.length;
          types.push({ params: Array.from({ length: arity }, () => "f64" as const), results: ["f64"] });
          typeOfArity.set(arity, ti);
        }
        return ti;
      };
      const modImports: Import[] = [{ module: "env", name: "memory", kind: "memory", minPages: 0 }];
      for (const im of importList) modImports.push({ module: "m", name: `f${im.index}`, kind: "func", type: typeOf(im.arity) });
      const funcs: FuncDef[] = [{ type: 0, locals: w.locals, body: w.code }];
      const exports = [{ name: "logDensityGradient", index: importList.length }];
      if (x && extra) {
        funcs.push({ type: 0, locals: x.locals, body: x.code });
        exports.push({ name: extra.second.exportName, index: importList.length + 1 });
      }
      // The internal functions follow, in the order first used; now their indices are known.
      const internalList = [...internals];
      const firstInternal = importList.length + funcs.length;
      const indexOf = (name: InternalName): number => firstInternal + internalList.indexOf(name);
      for (const walk of x ? [w, x] : [w]) for (const c of walk.internalCalls) uleb5(indexOf(c.name), walk.code, c.at);
      for (const name of internalList) {
        const f = INTERNAL_FUNCTIONS[name];
        funcs.push({ type: typeOf(f.arity), raw: f.body(indexOf) });
      }
      const bytes = encodeModule({ types, imports: modImports, funcs, exports });
      return { ok: true, bytes, imports: importList.map((im) => im.desc), placed, regionEnd: region.end, importCallsPerGradient: w.importCalls };
    }
    return { ok: false, reason: `variable types did not settle in ${MAX_WALKS} walks` };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
}

/** The translation, or null when the body uses something without an exact wasm form. */
export function translateLogDensity(body: readonly JsStmt[], opts: TranslateOptions, extra?: ExtraFunction): WasmTranslation | null {
  const r = translateLogDensityDetailed(body, opts, extra);
  return r.ok ? r : null;
}