/**
 * One walk over the log density's statements, emitting a wasm function body: scopes and locals, the
 * type of every expression (kinds.ts), expressions, statements and calls. translate.ts drives it
 * (again while a mutable variable's type widens) and frames the module.
 */
import type { JsExpr, JsStmt } from "../js.js";
import { BLOCK_VOID, f64Const, i32Const, memOp, OP, VALTYPE, type ValType } from "./encode.js";
import { arithTy, BOOL, F64, i32, isIntLike, join, literalTy, rangeOf, sameTy, type Ty } from "./kinds.js";
import { SCALAR_HELPERS, VECTOR_HELPERS } from "./helpers.js";
import { INTERNAL_FUNCTIONS, internalFor, type InternalName } from "./internal.js";
import { isWasmHelper, wasmHelpers } from "./helpersModule.js";
import { engineMathIsFdlibm } from "./engineMath.js";
import type { ImportDesc, TranslateOptions, WasmArraySpec } from "./translate.js";
import { MVN_ARGS } from "../multiNormal.js";

export class Unsupported extends Error {}
const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

/**
 * What a call computed in wasm (exp, log, log1p, the helpers' wasm builds) counts for against the
 * limit on calls into JavaScript per gradient: its cost over the JavaScript function's once both are
 * optimised, ~0.5–1 ns (cbpp, 115 such calls: 1.39 vs 1.33 µs per gradient; the 100k-row logistic,
 * 200,003: 2.76 vs 2.56 ms), against ~6 ns for a call into JavaScript. So a body with many of them
 * (the 100k-row logistic) stays JavaScript, where it is faster warm, and cbpp gets wasm's cold start.
 */
export const WASM_MATH_CALL_WEIGHT = 1 / 8;

/** An import of the module: its index among the imported functions, what it is, its number of f64 arguments. */
export interface ImportEntry {
  index: number;
  desc: ImportDesc;
  arity: number;
}

/** Math functions with a native instruction of identical semantics (min/max: see kinds' tests). */
const NATIVE_MATH: Readonly<Record<string, { arity: number; op: number }>> = {
  sqrt: { arity: 1, op: OP.f64Sqrt },
  abs: { arity: 1, op: OP.f64Abs },
  floor: { arity: 1, op: OP.f64Floor },
  ceil: { arity: 1, op: OP.f64Ceil },
  trunc: { arity: 1, op: OP.f64Trunc },
  min: { arity: 2, op: OP.f64Min },
  max: { arity: 2, op: OP.f64Max },
};

interface Var {
  local: number;
  ty: Ty;
  /** The `let` statement that declared it (mutable), or null (const, loop counter). */
  decl: JsStmt | null;
}

export interface ArrayRef {
  type: ValType;
  length: number;
  /** theta and grad live at a pointer argument; the others at a fixed offset. */
  ptrLocal: number | null;
  spec?: WasmArraySpec;
  values?: [number, number];
}

const THETA = 0;
const GRAD = 1;
const ADDR = 2;

/** One walk over the statements, emitting code; `lets` carries the mutable variables' types between walks. */
export class Walk {
  readonly code: number[] = [];
  readonly locals: ValType[] = ["i32"]; // ADDR
  private readonly scopes: Map<string, Var>[] = [new Map()];
  changed = false;
  /** Iterations of the enclosing loops, multiplied (for importCalls). */
  private trips = 1;
  importCalls = 0;
  /** Calls computed in wasm (internal functions, the helpers' wasm builds) per evaluation, counted likewise. */
  wasmMathCalls = 0;
  /**
   * Calls of internal functions: where in `code` each 5-byte function index goes, filled in by
   * translate.ts once the imports (which come first in the index space) are all known.
   */
  readonly internalCalls: { at: number; name: InternalName }[] = [];

  constructor(
    private readonly arrays: Map<string, ArrayRef>,
    private readonly placed: Map<string, number>,
    private readonly region: { end: number },
    private readonly lets: Map<JsStmt, Ty>,
    private readonly imports: Map<string, ImportEntry>,
    private readonly maxImportCalls: number,
    /** Internal functions the module defines (internal.ts), shared by the module's walks; callees included. */
    private readonly internals: Set<InternalName>,
  ) {}

  // ---- scopes and locals ----

  private lookup(name: string): Var {
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const v = this.scopes[s].get(name);
      if (v) return v;
    }
    return unsupported(`unknown identifier ${name}`);
  }

  private declare(name: string, ty: Ty, decl: JsStmt | null): Var {
    const v: Var = { local: 3 + this.locals.length - 1, ty, decl };
    this.locals.push(ty.kind === "f64" ? "f64" : "i32");
    this.scopes[this.scopes.length - 1].set(name, v);
    return v;
  }

  private block(stmts: readonly JsStmt[], extra?: (scope: Map<string, Var>) => void): void {
    const scope = new Map<string, Var>();
    this.scopes.push(scope);
    extra?.(scope);
    for (const s of stmts) this.stmt(s);
    this.scopes.pop();
  }

  // ---- types ----

  private arrayOf(e: JsExpr): ArrayRef {
    if (e.t !== "id") return unsupported(`indexing a non-identifier`);
    const a = this.arrays.get(e.name);
    if (!a) return unsupported(`unknown array ${e.name}`);
    return a;
  }

  typeOf(e: JsExpr): Ty {
    switch (e.t) {
      case "num":
        return literalTy(e.v);
      case "id":
        return this.lookup(e.name).ty;
      case "idx": {
        const a = this.arrayOf(e.arr);
        this.checkIndex(a, e);
        if (a.type === "f64") return F64;
        const [lo, hi] = a.values as [number, number];
        return i32(lo, hi);
      }
      case "bin": {
        const ta = this.typeOf(e.a);
        const tb = this.typeOf(e.b);
        switch (e.op) {
          case "+":
          case "-":
          case "*":
            return arithTy(e.op, ta, tb);
          case "/":
            return F64;
          case "===":
          case "!==":
            if ((ta.kind === "bool") !== (tb.kind === "bool")) return unsupported(`${e.op} between a boolean and a number`);
            return BOOL;
          case "&&":
          case "||":
            if (ta.kind !== "bool" || tb.kind !== "bool") return unsupported(`${e.op} on non-booleans`);
            return BOOL;
          default:
            return BOOL;
        }
      }
      case "neg":
        // JavaScript's -0 for -(0): negation is always a double operation.
        this.typeOf(e.a);
        return F64;
      case "not":
        if (!isIntLike(this.typeOf(e.a))) return unsupported(`! on a double`);
        return BOOL;
      case "call":
        // The array arguments of a transform or MVN were checked by callee; they are not values.
        this.callee(e);
        if (!this.isArrayCall(e)) for (const a of e.args) this.typeOf(a);
        return F64;
      case "member":
        return unsupported(`member ${e.prop} outside a call`);
      case "cond": {
        if (!isIntLike(this.typeOf(e.c))) return unsupported(`condition on a double`);
        const ta = this.typeOf(e.a);
        const tb = this.typeOf(e.b);
        const t = join(ta, tb);
        if (!t) return unsupported(`?: mixing a boolean and a number`);
        return t;
      }
    }
  }

  private checkIndex(a: ArrayRef, e: { arr: JsExpr; index: JsExpr }): void {
    const t = this.typeOf(e.index);
    if (!isIntLike(t)) return unsupported(`a non-integer index into ${(e.arr as { name: string }).name}`);
    const [lo, hi] = rangeOf(t);
    if (lo < 0 || hi > a.length - 1) {
      return unsupported(`index range [${lo}, ${hi}] of ${(e.arr as { name: string }).name} not within [0, ${a.length - 1}]`);
    }
  }

  /** The function a call names: a native instruction, an internal function or an import index. */
  private callee(e: { fn: JsExpr; args: JsExpr[] }): { op: number } | { internal: InternalName } | { index: number; js: boolean } {
    const n = e.args.length;
    if (e.fn.t === "member" && e.fn.obj.t === "id" && e.fn.obj.name === "Math") {
      const prop = e.fn.prop;
      const native = NATIVE_MATH[prop];
      if (native && native.arity === n) return { op: native.op };
      // In wasm only where that gives the engine's bits (engineMath.ts); else the engine's Math.
      const internal = internalFor(prop, true, n);
      if (internal !== null && engineMathIsFdlibm()) return { internal };
      const fn = (Math as unknown as Record<string, unknown>)[prop];
      if (typeof fn !== "function" || prop === "random") return unsupported(`Math.${prop}`);
      return this.importOf(`Math.${prop}/${n}`, { kind: "scalar", fn: fn as (...a: number[]) => number }, n);
    }
    if (e.fn.t === "member" && e.fn.obj.t === "id" && Object.prototype.hasOwnProperty.call(VECTOR_HELPERS, e.fn.obj.name)) {
      const method = e.fn.prop;
      if (method !== "constrain" && method !== "backward") return unsupported(`${e.fn.obj.name}.${method}`);
      // constrain(u, uOff, x, xOff, size) and backward(u, uOff, x, xOff, gx, gxOff, gu, guOff, size).
      const pairs = method === "constrain" ? 2 : 4;
      if (n !== 2 * pairs + 1) return unsupported(`${e.fn.obj.name}.${method} with ${n} arguments`);
      for (let k = 0; k < pairs; k++) {
        const arr = e.args[2 * k];
        const a = this.arrayOf(arr);
        if (a.type !== "f64") return unsupported(`an int array passed to ${e.fn.obj.name}.${method}`);
        if (!isIntLike(this.typeOf(e.args[2 * k + 1]))) return unsupported(`a non-integer offset passed to ${e.fn.obj.name}.${method}`);
      }
      const transform = VECTOR_HELPERS[e.fn.obj.name as keyof typeof VECTOR_HELPERS];
      return this.importOf(`${e.fn.obj.name}.${method}`, { kind: "transform", transform, method }, pairs + 1);
    }
    if (e.fn.t === "id" && e.fn.name === "MVN") {
      if (n !== MVN_ARGS.length) return unsupported(`MVN with ${n} arguments`);
      const names: (string | null)[] = [];
      e.args.forEach((arg, k) => {
        if (MVN_ARGS[k] === "num") {
          this.typeOf(arg);
          return;
        }
        if (arg.t !== "id") return unsupported(`MVN with an expression for an array`);
        if (arg.name === "null" && MVN_ARGS[k] !== "work") {
          names.push(null);
          return;
        }
        const a = this.arrayOf(arg);
        if (a.ptrLocal !== null) return unsupported(`MVN on theta or grad`);
        if (MVN_ARGS[k] !== "read" && a.type !== "f64") return unsupported(`MVN writing an int array`);
        this.place(arg.name, a);
        names.push(arg.name);
      });
      return this.importOf(`MVN(${names.join(",")})`, { kind: "mvn", arrays: names }, n - names.length);
    }
    if (e.fn.t === "id" && Object.prototype.hasOwnProperty.call(SCALAR_HELPERS, e.fn.name)) {
      const fn = SCALAR_HELPERS[e.fn.name as keyof typeof SCALAR_HELPERS] as (...a: number[]) => number;
      if (fn.length !== n) return unsupported(`${e.fn.name} with ${n} arguments`);
      const internal = internalFor(e.fn.name, false, n);
      if (internal !== null && engineMathIsFdlibm()) return { internal };
      const name = e.fn.name;
      if (isWasmHelper(name)) {
        // The helper's wasm build (helpersModule.ts): a wasm-to-wasm call, not one into JavaScript.
        const wasm = engineMathIsFdlibm() ? wasmHelpers() : null;
        if (wasm !== null) return this.importOf(`wasm:${name}`, { kind: "scalar", fn: wasm[name] }, n, false);
      }
      return this.importOf(e.fn.name, { kind: "scalar", fn }, n);
    }
    return unsupported(`call of ${e.fn.t === "id" ? e.fn.name : e.fn.t === "member" ? `a method ${e.fn.prop}` : "an expression"}`);
  }

  /** Counts a call site once per trip of its loops, and gives up past the limit (WASM_MATH_CALL_WEIGHT). */
  private countCalls(js: boolean): void {
    if (js) this.importCalls += this.trips;
    else this.wasmMathCalls += this.trips;
    if (this.importCalls + this.wasmMathCalls * WASM_MATH_CALL_WEIGHT > this.maxImportCalls) {
      unsupported(`more than ${this.maxImportCalls} calls into JavaScript per gradient (a call computed in wasm counting ${WASM_MATH_CALL_WEIGHT})`);
    }
  }

  /** Adds an internal function, and those it calls, to the module's. */
  private useInternal(name: InternalName): void {
    if (this.internals.has(name)) return;
    this.internals.add(name);
    for (const callee of INTERNAL_FUNCTIONS[name].calls) this.useInternal(callee);
  }

  /** `js`: whether a call crosses into JavaScript (counted against maxImportCalls). */
  private importOf(key: string, desc: ImportDesc, arity: number, js = true): { index: number; js: boolean } {
    let im = this.imports.get(key);
    if (!im) {
      im = { index: this.imports.size, desc, arity };
      this.imports.set(key, im);
    }
    return { index: im.index, js };
  }

  // ---- expressions ----

  /** Emits `e` as the wasm value type of `want` (an integer-like value widened exactly to f64). */
  emitAs(e: JsExpr, want: "f64" | "int"): void {
    const t = this.emit(e);
    if (want === "f64" && isIntLike(t)) this.code.push(OP.f64ConvertI32S);
    else if (want === "int" && !isIntLike(t)) throw new Error("wasm translator: an integer was wanted from a double");
  }

  /** Pushes the address of `arr[index]` (dynamic part) and returns the static offset for the memarg. */
  private address(e: { arr: JsExpr; index: JsExpr }): { a: ArrayRef; offset: number } {
    const a = this.arrayOf(e.arr);
    this.checkIndex(a, e);
    const size = a.type === "f64" ? 8 : 4;
    const shift = a.type === "f64" ? 3 : 2;
    const constIndex = e.index.t === "num" ? e.index.v : null;
    const base = a.ptrLocal === null ? this.place((e.arr as { name: string }).name, a) : 0;
    if (a.ptrLocal !== null) {
      this.code.push(OP.localGet, a.ptrLocal);
      if (constIndex !== null) return { a, offset: constIndex * size };
      this.emitAs(e.index, "int");
      i32Const(shift, this.code);
      this.code.push(OP.i32Shl, OP.i32Add);
      return { a, offset: 0 };
    }
    if (constIndex !== null) {
      i32Const(0, this.code);
      return { a, offset: base + constIndex * size };
    }
    this.emitAs(e.index, "int");
    i32Const(shift, this.code);
    this.code.push(OP.i32Shl);
    return { a, offset: base };
  }

  emit(e: JsExpr): Ty {
    const c = this.code;
    const t = this.typeOf(e);
    switch (e.t) {
      case "num":
        if (t.kind === "i32") i32Const(e.v, c);
        else f64Const(e.v, c);
        return t;
      case "id":
        c.push(OP.localGet, ...this.uleb(this.lookup(e.name).local));
        return t;
      case "idx": {
        const { a, offset } = this.address(e);
        if (a.type === "f64") memOp(OP.f64Load, 3, offset, c);
        else memOp(OP.i32Load, 2, offset, c);
        return t;
      }
      case "bin":
        return this.emitBin(e, t);
      case "neg":
        this.emitAs(e.a, "f64");
        c.push(OP.f64Neg);
        return t;
      case "not":
        this.emit(e.a);
        c.push(OP.i32Eqz);
        return t;
      case "call": {
        const target = this.callee(e);
        const folded = this.fold(e);
        if (folded !== null) {
          f64Const(folded, c);
          return t;
        }
        if ("index" in target && this.isTransformCall(e)) this.emitTransformArgs(e.args);
        else if (this.isArrayCall(e)) e.args.forEach((a, k) => MVN_ARGS[k] !== "num" || this.emitAs(a, "f64"));
        else for (const a of e.args) this.emitAs(a, "f64");
        if ("op" in target) c.push(target.op);
        else if ("internal" in target) {
          this.useInternal(target.internal);
          this.countCalls(false);
          c.push(OP.call);
          this.internalCalls.push({ at: c.length, name: target.internal });
          c.push(0, 0, 0, 0, 0);
        } else {
          c.push(OP.call, ...this.uleb(target.index));
          this.countCalls(target.js);
        }
        return t;
      }
      case "member":
        return unsupported(`member ${e.prop} outside a call`);
      case "cond": {
        this.emit(e.c);
        const want = t.kind === "f64" ? "f64" : "int";
        c.push(OP.if, VALTYPE[t.kind === "f64" ? "f64" : "i32"]);
        this.emitAs(e.a, want);
        c.push(OP.else);
        this.emitAs(e.b, want);
        c.push(OP.end);
        return t;
      }
    }
  }

  private emitBin(e: Extract<JsExpr, { t: "bin" }>, t: Ty): Ty {
    const c = this.code;
    const ta = this.typeOf(e.a);
    const tb = this.typeOf(e.b);
    const bothInt = isIntLike(ta) && isIntLike(tb);
    switch (e.op) {
      case "+":
      case "-":
      case "*": {
        const int = t.kind !== "f64";
        this.emitAs(e.a, int ? "int" : "f64");
        this.emitAs(e.b, int ? "int" : "f64");
        const ops = int ? { "+": OP.i32Add, "-": OP.i32Sub, "*": OP.i32Mul } : { "+": OP.f64Add, "-": OP.f64Sub, "*": OP.f64Mul };
        c.push(ops[e.op]);
        return t;
      }
      case "/":
        this.emitAs(e.a, "f64");
        this.emitAs(e.b, "f64");
        c.push(OP.f64Div);
        return t;
      case "&&":
      case "||":
        // Both sides are booleans without side effects, so evaluating both gives JavaScript's value.
        this.emit(e.a);
        this.emit(e.b);
        c.push(e.op === "&&" ? OP.i32And : OP.i32Or);
        return t;
      default: {
        const want = bothInt ? "int" : "f64";
        this.emitAs(e.a, want);
        this.emitAs(e.b, want);
        const ops = bothInt
          ? { "<": OP.i32LtS, ">": OP.i32GtS, "<=": OP.i32LeS, ">=": OP.i32GeS, "===": OP.i32Eq, "!==": OP.i32Ne }
          : { "<": OP.f64Lt, ">": OP.f64Gt, "<=": OP.f64Le, ">=": OP.f64Ge, "===": OP.f64Eq, "!==": OP.f64Ne };
        c.push(ops[e.op]);
        return t;
      }
    }
  }

  /**
   * A call of a pure scalar function on constants (`Math.log(1)`), evaluated now by the very function
   * the JavaScript would call at run time: the same bits, one call into JavaScript fewer.
   */
  private fold(e: { fn: JsExpr; args: JsExpr[] }): number | null {
    if (this.isArrayCall(e) || !e.args.every((a) => a.t === "num")) return null;
    const args = e.args.map((a) => (a as { v: number }).v);
    const fn =
      e.fn.t === "member" ? (Math as unknown as Record<string, (...a: number[]) => number>)[e.fn.prop]
      : SCALAR_HELPERS[(e.fn as { name: string }).name as keyof typeof SCALAR_HELPERS];
    return fn(...args);
  }

  /** A call whose arguments include arrays: a vector transform's method or MVN. */
  private isArrayCall(e: { fn: JsExpr }): boolean {
    return this.isTransformCall(e) || (e.fn.t === "id" && e.fn.name === "MVN");
  }

  private isTransformCall(e: { fn: JsExpr }): boolean {
    return e.fn.t === "member" && e.fn.obj.t === "id" && e.fn.obj.name !== "Math";
  }

  /** (array, offset) pairs become one double each: the element index in a view of the whole memory. */
  private emitTransformArgs(args: readonly JsExpr[]): void {
    const c = this.code;
    for (let k = 0; k + 1 < args.length; k += 2) {
      const arr = args[k] as { t: "id"; name: string };
      const a = this.arrayOf(arr);
      if (a.ptrLocal !== null) {
        c.push(OP.localGet, a.ptrLocal);
        i32Const(3, c);
        c.push(OP.i32ShrU);
      } else {
        i32Const(this.place(arr.name, a) / 8, c);
      }
      this.emitAs(args[k + 1], "int");
      c.push(OP.i32Add, OP.f64ConvertI32S);
    }
    this.emitAs(args[args.length - 1], "f64");
  }

  /** The byte offset of a fixed array, placing it after the last one on first use. */
  private place(name: string, a: ArrayRef): number {
    let off = this.placed.get(name);
    if (off === undefined) {
      off = Math.ceil(this.region.end / 8) * 8;
      this.placed.set(name, off);
      this.region.end = off + (a.type === "f64" ? 8 : 4) * a.length;
    }
    return off;
  }

  private uleb(n: number): number[] {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n !== 0) byte |= 0x80;
      out.push(byte);
    } while (n !== 0);
    return out;
  }

  // ---- statements ----

  stmt(s: JsStmt): void {
    const c = this.code;
    switch (s.t) {
      case "comment":
        return;
      case "const": {
        const ty = this.typeOf(s.init);
        this.emit(s.init);
        const v = this.declare(s.name, ty, null);
        c.push(OP.localSet, ...this.uleb(v.local));
        return;
      }
      case "let": {
        const initTy = this.typeOf(s.init);
        const prev = this.lets.get(s);
        const ty = prev ? this.widen(s, prev, initTy) : initTy;
        if (!prev) this.lets.set(s, ty);
        this.emitAs(s.init, ty.kind === "f64" ? "f64" : "int");
        const v = this.declare(s.name, ty, s);
        c.push(OP.localSet, ...this.uleb(v.local));
        return;
      }
      case "assign":
        return this.assign(s);
      case "for": {
        const tf = this.typeOf(s.from);
        const tt = this.typeOf(s.to);
        if (!isIntLike(tf) || !isIntLike(tt)) return unsupported(`a loop with non-integer bounds`);
        const lo = rangeOf(tf)[0];
        const hi = Math.max(lo, rangeOf(tt)[1] - 1);
        this.emitAs(s.from, "int");
        const counter = { local: 0 };
        this.block([], (scope) => {
          const v: Var = { local: 3 + this.locals.length - 1, ty: i32(lo, hi), decl: null };
          this.locals.push("i32");
          scope.set(s.v, v);
          counter.local = v.local;
          const L = this.uleb(v.local);
          c.push(OP.localSet, ...L, OP.block, BLOCK_VOID, OP.loop, BLOCK_VOID, OP.localGet, ...L);
          this.emitAs(s.to, "int");
          c.push(OP.i32GeS, OP.brIf, 1);
          const outer = this.trips;
          this.trips = outer * (hi - lo + 1);
          this.block(s.body);
          this.trips = outer;
          c.push(OP.localGet, ...L);
          i32Const(1, c);
          c.push(OP.i32Add, OP.localSet, ...L, OP.br, 0, OP.end, OP.end);
        });
        return;
      }
      case "if": {
        if (!isIntLike(this.typeOf(s.c))) return unsupported(`if on a double`);
        this.emit(s.c);
        c.push(OP.if, BLOCK_VOID);
        this.block(s.then);
        if (s.else) {
          c.push(OP.else);
          this.block(s.else);
        }
        c.push(OP.end);
        return;
      }
      case "return":
        this.emitAs(s.value, "f64");
        c.push(OP.return);
        return;
      case "expr":
        if (s.e.t !== "call") return unsupported(`an expression statement that is not a call`);
        this.emit(s.e);
        c.push(OP.drop);
        return;
    }
  }

  /** A mutable variable's type after it is given a value of type `t`. */
  private widen(decl: JsStmt, cur: Ty, t: Ty): Ty {
    const j = join(cur, t);
    if (!j) return unsupported(`a variable holding both booleans and numbers`);
    if (!sameTy(j, cur)) {
      this.lets.set(decl, j);
      this.changed = true;
    }
    return j;
  }

  private assign(s: Extract<JsStmt, { t: "assign" }>): void {
    const c = this.code;
    const F64_OPS = { "+=": OP.f64Add, "-=": OP.f64Sub, "*=": OP.f64Mul } as const;
    if (s.target.t === "id") {
      const v = this.lookup(s.target.name);
      if (!v.decl) return unsupported(`assignment to a constant ${s.target.name}`);
      if (s.op === "=") {
        const vt = this.typeOf(s.value);
        this.widen(v.decl, v.ty, vt);
        if (v.ty.kind !== "f64" && !isIntLike(vt)) {
          // The next walk makes this variable a double; this walk's code is discarded.
          c.push(OP.unreachable);
          return;
        }
        this.emitAs(s.value, v.ty.kind === "f64" ? "f64" : "int");
      } else {
        if (v.ty.kind !== "f64") {
          this.widen(v.decl, v.ty, F64);
          c.push(OP.unreachable);
          return;
        }
        c.push(OP.localGet, ...this.uleb(v.local));
        this.emitAs(s.value, "f64");
        c.push(F64_OPS[s.op]);
      }
      c.push(OP.localSet, ...this.uleb(v.local));
      return;
    }
    if (s.target.t !== "idx") return unsupported(`assignment to a ${s.target.t}`);
    const { a, offset } = this.address(s.target);
    if (a.type !== "f64") return unsupported(`a store into an int array`);
    if (s.op === "=") {
      this.emitAs(s.value, "f64");
    } else {
      const L = this.uleb(ADDR);
      c.push(OP.localTee, ...L, OP.localGet, ...L);
      memOp(OP.f64Load, 3, offset, c);
      this.emitAs(s.value, "f64");
      c.push(F64_OPS[s.op]);
    }
    memOp(OP.f64Store, 3, offset, c);
  }
}

/** The arrays a function may name: theta, its second pointer array (`grad`, or `second`'s), and the fixed ones. */
export function arraysOf(opts: TranslateOptions, second?: { readonly name: string; readonly length: number }): Map<string, ArrayRef> {
  const arrays = new Map<string, ArrayRef>();
  arrays.set("theta", { type: "f64", length: opts.dim, ptrLocal: THETA });
  arrays.set(second?.name ?? "grad", { type: "f64", length: second?.length ?? opts.dim, ptrLocal: GRAD });
  for (const spec of opts.arrays) {
    if (arrays.has(spec.name)) throw new Error(`wasm translator: array ${spec.name} given twice`);
    let values: [number, number] | undefined;
    if (spec.type === "i32") {
      const v = spec.values;
      if (!v || v.length !== spec.length) throw new Error(`wasm translator: int array ${spec.name} needs its values`);
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < v.length; k++) {
        if (v[k] < lo) lo = v[k];
        if (v[k] > hi) hi = v[k];
      }
      values = [lo, hi];
    }
    arrays.set(spec.name, { type: spec.type, length: spec.length, ptrLocal: null, spec, values });
  }
  return arrays;
}
