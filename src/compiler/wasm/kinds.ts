/**
 * What the translator knows about a value: a double, a 32-bit integer with a proven range, or a
 * JavaScript boolean (kept apart from integers because `true === 1` is false in JavaScript).
 * Integer arithmetic is done in i32 only when the range proves it gives the very double JavaScript
 * computes: no overflow, and no −0 (JavaScript's `-3 * 0` is −0, i32's is 0).
 */

export type Ty = { kind: "f64" } | { kind: "i32"; lo: number; hi: number } | { kind: "bool" };

export const F64: Ty = Object.freeze({ kind: "f64" });
export const BOOL: Ty = Object.freeze({ kind: "bool" });

const I32_MIN = -0x80000000;
const I32_MAX = 0x7fffffff;

export function i32(lo: number, hi: number): Ty {
  return { kind: "i32", lo, hi };
}

/** A range that fits in i32 becomes i32; anything wider is computed in f64 instead. */
export function intOrF64(lo: number, hi: number): Ty {
  return lo >= I32_MIN && hi <= I32_MAX ? i32(lo, hi) : F64;
}

/** A literal that i32 represents exactly (−0 is a double only). */
export function literalTy(v: number): Ty {
  return Number.isInteger(v) && !Object.is(v, -0) && v >= I32_MIN && v <= I32_MAX ? i32(v, v) : F64;
}

/** Integer-valued in the wasm sense: i32 or bool (both live in an i32). */
export function isIntLike(t: Ty): boolean {
  return t.kind !== "f64";
}

/** The numeric range of an integer-like value (a boolean counts as 0 or 1 in arithmetic). */
export function rangeOf(t: Ty): [number, number] {
  if (t.kind === "i32") return [t.lo, t.hi];
  if (t.kind === "bool") return [0, 1];
  throw new Error("wasm translator: rangeOf a double");
}

/** Result of + − × on two values, following JavaScript's doubles exactly. */
export function arithTy(op: "+" | "-" | "*", a: Ty, b: Ty): Ty {
  if (!isIntLike(a) || !isIntLike(b)) return F64;
  const [al, ah] = rangeOf(a);
  const [bl, bh] = rangeOf(b);
  if (op === "+") return intOrF64(al + bl, ah + bh);
  if (op === "-") return intOrF64(al - bh, ah - bl);
  // A product is −0 in JavaScript when one factor is 0 and the other negative: i32 only for factors ≥ 0.
  if (al < 0 || bl < 0) return F64;
  return intOrF64(al * bl, ah * bh);
}

/** The type a mutable variable must have to hold both; null when no single type can (bool with number). */
export function join(a: Ty, b: Ty): Ty | null {
  if (a.kind === "bool" || b.kind === "bool") return a.kind === b.kind ? BOOL : null;
  if (a.kind === "i32" && b.kind === "i32") return i32(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
  return F64;
}

export function sameTy(a: Ty, b: Ty): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== "i32" || (a.lo === (b as typeof a).lo && a.hi === (b as typeof a).hi);
}
