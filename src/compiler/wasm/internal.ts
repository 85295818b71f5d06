/**
 * Functions a compiled log density defines itself instead of importing from JavaScript: Math.exp,
 * Math.log and Math.log1p (fdlibm.ts, the same bits) and the runtime helpers that are only
 * arithmetic over those, done in the same order as their JavaScript (src/math/). A module gets only
 * the ones it calls, and what they call. lgamma, digamma, Phi and lbeta are not written here: they
 * are imports of their own wasm build (helpersModule.ts, assembly/mathHelpers.ts), whose reflection
 * branches call Math.sin / Math.cos through JavaScript.
 */
import { f64Const, OP, uleb, VALTYPE } from "./encode.js";
import { fdlibmBody, type FdlibmName } from "./fdlibm.js";

export type InternalName = FdlibmName | "log1pExp";

export interface InternalFunction {
  /** Number of f64 parameters; the result is one f64. */
  readonly arity: number;
  /** Internal functions it calls. */
  readonly calls: readonly InternalName[];
  /** Its code-section entry, given the function index of each internal function it calls. */
  body(indexOf: (name: InternalName) => number): ArrayLike<number>;
}

const fdlibm = (name: FdlibmName): InternalFunction => ({ arity: 1, calls: [], body: () => fdlibmBody(name) });

/** src/math/log1pExp.ts: x > 0 ? x + log1p(exp(−x)) : log1p(exp(x)). */
const log1pExp: InternalFunction = {
  arity: 1,
  calls: ["exp", "log1p"],
  body(indexOf) {
    const out: number[] = [0]; // no locals besides x
    const call = (name: InternalName): void => {
      out.push(OP.call);
      uleb(indexOf(name), out);
    };
    out.push(OP.localGet, 0);
    f64Const(0, out);
    out.push(OP.f64Gt, OP.if, VALTYPE.f64);
    out.push(OP.localGet, 0, OP.localGet, 0, OP.f64Neg);
    call("exp");
    call("log1p");
    out.push(OP.f64Add, OP.else, OP.localGet, 0);
    call("exp");
    call("log1p");
    out.push(OP.end, OP.end);
    return out;
  },
};

export const INTERNAL_FUNCTIONS: Readonly<Record<InternalName, InternalFunction>> = Object.freeze({
  exp: fdlibm("exp"),
  log: fdlibm("log"),
  log1p: fdlibm("log1p"),
  log1pExp,
});

/** The internal function a call names (`Math.exp` with one argument, `log1pExp`), or null. */
export function internalFor(fnName: string, isMath: boolean, args: number): InternalName | null {
  if (args !== 1) return null;
  if (isMath) return fnName === "exp" || fnName === "log" || fnName === "log1p" ? fnName : null;
  return fnName === "log1pExp" ? "log1pExp" : null;
}
