import { describe, expect, it } from "vitest";
import { encodeModule, f64Bytes, f64Const, i32Const, memOp, OP, sleb, uleb, BLOCK_VOID } from "../../../src/compiler/wasm/encode.js";

const bytes = (f: (out: number[]) => void): number[] => {
  const out: number[] = [];
  f(out);
  return out;
};

/** Instantiates a one-function module exporting `f`, with an imported memory of one page. */
function instantiate(params: ("i32" | "f64")[], result: "i32" | "f64", locals: ("i32" | "f64")[], body: number[]) {
  const wasm = encodeModule({
    types: [{ params, results: [result] }],
    imports: [{ module: "env", name: "memory", kind: "memory", minPages: 1 }],
    funcs: [{ type: 0, locals, body: [...body, OP.end] }],
    exports: [{ name: "f", index: 0 }],
  });
  expect(WebAssembly.validate(wasm)).toBe(true);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { memory } });
  return { f: inst.exports.f as (...a: number[]) => number, memory };
}

describe("wasm encoder", () => {
  it("uleb / sleb write the specification's LEB128 examples", () => {
    expect(bytes((o) => uleb(0, o))).toEqual([0]);
    expect(bytes((o) => uleb(624485, o))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytes((o) => uleb(0xffffffff, o))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(bytes((o) => sleb(-123456, o))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytes((o) => sleb(63, o))).toEqual([0x3f]);
    expect(bytes((o) => sleb(64, o))).toEqual([0xc0, 0x00]);
    expect(bytes((o) => sleb(-64, o))).toEqual([0x40]);
    expect(bytes((o) => sleb(-0x80000000, o))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(() => uleb(-1, [])).toThrow(/uleb: n must be/);
    expect(() => sleb(2 ** 31, [])).toThrow(/sleb: n must be/);
  });

  it("f64Bytes is little-endian IEEE 754, -0 included", () => {
    expect(bytes((o) => f64Bytes(1, o))).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect(bytes((o) => f64Bytes(-0, o))).toEqual([0, 0, 0, 0, 0, 0, 0, 0x80]);
  });

  it("an empty module validates", () => {
    expect(WebAssembly.validate(encodeModule({ types: [], imports: [], funcs: [], exports: [] }))).toBe(true);
  });

  it("f64 arithmetic and constants run: (a + b) * 2.5 / a, and -0 survives a constant", () => {
    const body = [OP.localGet, 0, OP.localGet, 1, OP.f64Add, ...bytes((o) => f64Const(2.5, o)), OP.f64Mul, OP.localGet, 0, OP.f64Div];
    const { f } = instantiate(["f64", "f64"], "f64", [], body);
    expect(f(2, 3)).toBe(((2 + 3) * 2.5) / 2);
    expect(Object.is(instantiate([], "f64", [], bytes((o) => f64Const(-0, o))).f(), -0)).toBe(true);
  });

  it("a loop with br_if sums 0..n-1 in i32; locals are declared and zeroed", () => {
    // local 1 = counter, local 2 = sum
    const body = [
      OP.block, BLOCK_VOID, OP.loop, BLOCK_VOID,
      OP.localGet, 1, OP.localGet, 0, OP.i32GeS, OP.brIf, 1,
      OP.localGet, 2, OP.localGet, 1, OP.i32Add, OP.localSet, 2,
      OP.localGet, 1, ...bytes((o) => i32Const(1, o)), OP.i32Add, OP.localSet, 1,
      OP.br, 0, OP.end, OP.end,
      OP.localGet, 2,
    ];
    const { f } = instantiate(["i32"], "i32", ["i32", "i32"], body);
    expect(f(10)).toBe(45);
    expect(f(0)).toBe(0);
  });

  it("if/else with a result, and f64 load/store with a static offset", () => {
    // mem[16 + 8 i] = x < 0 ? -x : x; returns mem[16 + 8 i]
    const addr = [OP.localGet, 0, ...bytes((o) => i32Const(3, o)), OP.i32Shl];
    const body = [
      ...addr,
      OP.localGet, 1, ...bytes((o) => f64Const(0, o)), OP.f64Lt,
      OP.if, 0x7c, OP.localGet, 1, OP.f64Neg, OP.else, OP.localGet, 1, OP.end,
      ...bytes((o) => memOp(OP.f64Store, 3, 16, o)),
      ...addr, ...bytes((o) => memOp(OP.f64Load, 3, 16, o)),
    ];
    const { f, memory } = instantiate(["i32", "f64"], "f64", [], body);
    expect(f(2, -4.5)).toBe(4.5);
    expect(new Float64Array(memory.buffer)[2 + 2]).toBe(4.5);
  });

  it("WebAssembly.validate rejects a body whose stack does not match its type", () => {
    const bad = encodeModule({
      types: [{ params: [], results: ["f64"] }],
      imports: [],
      funcs: [{ type: 0, locals: [], body: [...bytes((o) => i32Const(1, o)), OP.end] }],
      exports: [],
    });
    expect(WebAssembly.validate(bad)).toBe(false);
  });
});
