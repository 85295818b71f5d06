/**
 * A small WebAssembly (MVP) binary encoder: LEB128 numbers, the type / import / function / export /
 * code sections, and the opcodes the log-density translator uses. Bodies are plain byte arrays built
 * with the helpers below; `encodeModule` only frames them. No dependency, nothing clever.
 */

export type ValType = "i32" | "f64";

export const VALTYPE: Readonly<Record<ValType, number>> = Object.freeze({ i32: 0x7f, f64: 0x7c });
/** Block type of a block/loop/if with no result. */
export const BLOCK_VOID = 0x40;

/** The opcodes used (numbering from the WebAssembly core specification, §5.4). */
export const OP = Object.freeze({
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32GtS: 0x4a,
  i32LeS: 0x4c,
  i32GeS: 0x4e,
  f64Eq: 0x61,
  f64Ne: 0x62,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Le: 0x65,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f64Abs: 0x99,
  f64Neg: 0x9a,
  f64Ceil: 0x9b,
  f64Floor: 0x9c,
  f64Trunc: 0x9d,
  f64Sqrt: 0x9f,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  f64Min: 0xa4,
  f64Max: 0xa5,
  f64ConvertI32S: 0xb7,
} as const);

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function uleb(n: number, out: number[]): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`uleb: n must be an integer in [0, 2^32), got ${n}`);
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/**
 * Unsigned LEB128 in exactly 5 bytes (a valid encoding of any u32): a placeholder of fixed width
 * that can be filled in once the number is known.
 */
export function uleb5(n: number, out: number[], at: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`uleb5: n must be an integer in [0, 2^32), got ${n}`);
  for (let k = 0; k < 5; k++) {
    out[at + k] = (n % 128) | (k < 4 ? 0x80 : 0);
    n = Math.floor(n / 128);
  }
}

/** Signed LEB128 of a 32-bit integer (the immediate of i32.const). */
export function sleb(n: number, out: number[]): void {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new Error(`sleb: n must be a 32-bit integer, got ${n}`);
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** The 8 little-endian bytes of a double, exactly (NaN payloads and -0 included). */
export function f64Bytes(v: number, out: number[]): void {
  const b = new Uint8Array(Float64Array.of(v).buffer);
  // Typed arrays use the platform's byte order; WebAssembly is little-endian.
  const little = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  for (let k = 0; k < 8; k++) out.push(b[little ? k : 7 - k]);
}

export function i32Const(v: number, out: number[]): void {
  out.push(OP.i32Const);
  sleb(v, out);
}

export function f64Const(v: number, out: number[]): void {
  out.push(OP.f64Const);
  f64Bytes(v, out);
}

/** A load or store with its memory immediate: log2 alignment and a static byte offset. */
export function memOp(op: number, align: number, offset: number, out: number[]): void {
  out.push(op);
  uleb(align, out);
  uleb(offset, out);
}

export interface FuncType {
  params: readonly ValType[];
  results: readonly ValType[];
}

export type Import =
  | { module: string; name: string; kind: "func"; type: number }
  | { module: string; name: string; kind: "memory"; minPages: number };

export type FuncDef =
  | {
      type: number;
      /** Declared locals after the parameters, in index order. */
      locals: readonly ValType[];
      /** Instructions, ending with `end`. */
      body: readonly number[];
    }
  /** A complete code-section entry (local declarations and instructions), copied as is. */
  | { type: number; raw: ArrayLike<number> };

export interface ModuleSpec {
  types: readonly FuncType[];
  imports: readonly Import[];
  funcs: readonly FuncDef[];
  /** Exported functions by name; `index` counts imported functions first. */
  exports: readonly { name: string; index: number }[];
}

function name(s: string, out: number[]): void {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  for (const b of bytes) out.push(b);
}

function vec<T>(items: readonly T[], each: (item: T, out: number[]) => void, out: number[]): void {
  uleb(items.length, out);
  for (const it of items) each(it, out);
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  for (const b of content) out.push(b);
}

/** Runs of equal local types, as the code section declares them (`count type`). */
function localGroups(locals: readonly ValType[]): [number, ValType][] {
  const groups: [number, ValType][] = [];
  for (const t of locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  return groups;
}

export function encodeModule(m: ModuleSpec): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  vec(
    m.types,
    (t, o) => {
      o.push(0x60);
      vec(t.params, (p, oo) => oo.push(VALTYPE[p]), o);
      vec(t.results, (r, oo) => oo.push(VALTYPE[r]), o);
    },
    types,
  );
  section(1, types, out);
  const imports: number[] = [];
  vec(
    m.imports,
    (im, o) => {
      name(im.module, o);
      name(im.name, o);
      if (im.kind === "func") {
        o.push(0x00);
        uleb(im.type, o);
      } else {
        o.push(0x02, 0x00);
        uleb(im.minPages, o);
      }
    },
    imports,
  );
  section(2, imports, out);
  const funcs: number[] = [];
  vec(m.funcs, (f, o) => uleb(f.type, o), funcs);
  section(3, funcs, out);
  const exports: number[] = [];
  vec(
    m.exports,
    (e, o) => {
      name(e.name, o);
      o.push(0x00);
      uleb(e.index, o);
    },
    exports,
  );
  section(7, exports, out);
  const code: number[] = [];
  vec(
    m.funcs,
    (f, o) => {
      if ("raw" in f) {
        uleb(f.raw.length, o);
        for (let k = 0; k < f.raw.length; k++) o.push(f.raw[k]);
        return;
      }
      const body: number[] = [];
      vec(
        localGroups(f.locals),
        ([count, t], oo) => {
          uleb(count, oo);
          oo.push(VALTYPE[t]);
        },
        body,
      );
      for (const b of f.body) body.push(b);
      uleb(body.length, o);
      for (const b of body) o.push(b);
    },
    code,
  );
  section(10, code, out);
  return new Uint8Array(out);
}
