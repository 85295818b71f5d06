/**
 * The core is over 4 KiB, above which Chrome refuses `new WebAssembly.Module` and
 * `new WebAssembly.Instance` on a page's main thread. Here both constructors refuse modules over
 * 4096 bytes as Chrome's do, and sample() still runs its chains on the wasm core (it compiles and
 * instantiates it asynchronously first), with the same draws as HBAYES_WASM=0.
 * This file's module graph is its own (vitest isolates files): the core has not been compiled yet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogDensity } from "../../../src/logDensity.js";
import { sample } from "../../../src/inference/sample.js";
import { createWasmNuts } from "../../../src/inference/wasm/kernel.js";
import { stdNormalJs } from "./support.js";

const LIMIT = 4096;
const W = WebAssembly as unknown as { Module: unknown; Instance: unknown; compile: unknown };
const original = { Module: W.Module, Instance: W.Instance, compile: W.compile };
/** Modules compiled from more than LIMIT bytes (a Module object does not tell its size). */
const big = new WeakSet<object>();
let refusals = 0;

beforeAll(() => {
  const Module = original.Module as new (b: Uint8Array) => WebAssembly.Module;
  const Instance = original.Instance as new (m: WebAssembly.Module, i?: WebAssembly.Imports) => WebAssembly.Instance;
  const compile = original.compile as (b: Uint8Array) => Promise<WebAssembly.Module>;
  function Refusing(bytes: Uint8Array): WebAssembly.Module {
    if (bytes.byteLength > LIMIT) {
      refusals++;
      throw new RangeError("WebAssembly.Module is disallowed on the main thread, if the buffer size is larger than 4KB.");
    }
    return new Module(bytes);
  }
  function RefusingInstance(m: WebAssembly.Module, imports?: WebAssembly.Imports): WebAssembly.Instance {
    if (big.has(m)) {
      refusals++;
      throw new RangeError("WebAssembly.Instance is disallowed on the main thread, if the buffer size is larger than 4KB.");
    }
    return new Instance(m, imports);
  }
  W.Module = Object.assign(Refusing, { imports: (Module as unknown as { imports: unknown }).imports, exports: (Module as unknown as { exports: unknown }).exports });
  W.Instance = RefusingInstance;
  W.compile = async (bytes: Uint8Array) => {
    const m = await compile(bytes);
    if (bytes.byteLength > LIMIT) big.add(m);
    return m;
  };
});

afterAll(() => {
  W.Module = original.Module;
  W.Instance = original.Instance;
  W.compile = original.compile;
});

describe("sample() where synchronous compiles and instantiations over 4 KiB are refused", () => {
  it("runs the chains on the wasm core, with the same draws as HBAYES_WASM=0", async () => {
    let fromWasm = 0;
    const inner = stdNormalJs(3);
    const target: LogDensity = {
      dim: 3,
      logDensityGradient(q, g) {
        // The core's adapter passes views into a wasm memory at the workspace (offset > 0).
        if (q.byteOffset > 0) fromWasm++;
        return inner.logDensityGradient(q, g);
      },
    };
    // Without the asynchronous steps the core is out of reach here.
    expect(createWasmNuts(target, 10, false)).toBeNull();
    expect(refusals).toBeGreaterThan(0);
    const opts = { chains: 2, warmup: 200, draws: 200, seed: 9 };
    const on = await sample(target, opts);
    expect(fromWasm).toBeGreaterThan(1000);
    const saved = process.env.HBAYES_WASM;
    process.env.HBAYES_WASM = "0";
    try {
      const off = await sample(target, opts);
      expect(on.draws.data.every((x, i) => Object.is(x, off.draws.data[i]))).toBe(true);
      expect(on.timing.gradients).toBe(off.timing.gradients);
    } finally {
      if (saved === undefined) delete process.env.HBAYES_WASM;
      else process.env.HBAYES_WASM = saved;
    }
  });
});
