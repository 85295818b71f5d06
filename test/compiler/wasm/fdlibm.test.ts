import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { call, id, idx, type JsExpr, type JsStmt, mathCall, num } from "../../../src/compiler/js.js";
import { fdlibmBody } from "../../../src/compiler/wasm/fdlibm.js";
import { buildWasmLogDensity } from "../../../src/compiler/wasm/instantiate.js";
import { translateLogDensityDetailed } from "../../../src/compiler/wasm/translate.js";
import { log1pExp } from "../../../src/math/log1pExp.js";
import { RUNTIME } from "../../../src/compiler/runtime.js";
import { wasmHelpers } from "../../../src/compiler/wasm/helpersModule.js";
import { engineMathIsFdlibm, FDLIBM_PROBE } from "../../../src/compiler/wasm/engineMath.js";
import { createRng } from "../../../src/random/rng.js";
import { HELPER_GRID, mathInputs, mismatches } from "./mathInputs.js";

// A compiled log density defines exp, log, log1p (bodies copied from assembly/fdlibm.ts's build) and
// log1pExp (internal.ts) itself. The wasm gradient equals the printed JavaScript only if each gives
// the JavaScript function's bits on every input: no tolerance.

const INPUTS = mathInputs(8128, 120_000);
const theta0 = idx(id("theta"), num(0));

/** `return f(theta[0])` compiled, as a function of x. */
function compiled(f: JsExpr): (x: number) => number {
  const body: JsStmt[] = [{ t: "return", value: f }];
  const w = buildWasmLogDensity(body, { dim: 1, data: [], buffers: [], extraBuffers: [] });
  if (!w) throw new Error("did not translate");
  const at = w.freeOffset;
  const view = new Float64Array(w.memory.buffer, at, 2);
  return (x) => {
    view[0] = x;
    return w.logDensityGradient(at, at + 8);
  };
}

/** Imports of the module a body translates to, and its number of defined functions. */
function shape(f: JsExpr): { imports: string[]; functions: number } {
  const r = translateLogDensityDetailed([{ t: "return", value: f }], { dim: 1, arrays: [] });
  if (!r.ok) throw new Error(r.reason);
  const m = new WebAssembly.Module(r.bytes);
  // The DOM typings this project uses lack Module.imports; Node and browsers have it.
  const moduleImports = (WebAssembly as unknown as { Module: { imports(m: WebAssembly.Module): { module: string; name: string }[] } }).Module.imports;
  const imports = moduleImports(m).map((i) => `${i.module}.${i.name}`);
  return { imports, functions: functionCount(r.bytes) };
}

function functionCount(bytes: Uint8Array): number {
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++];
      size |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    if (id === 3) return bytes[p];
    p += size;
  }
  return 0;
}

const CASES: [string, JsExpr, (x: number) => number][] = [
  ["Math.exp", mathCall("exp", theta0), Math.exp],
  ["Math.log", mathCall("log", theta0), Math.log],
  ["Math.log1p", mathCall("log1p", theta0), Math.log1p],
  ["log1pExp", call(id("log1pExp"), theta0), log1pExp],
];

describe("exp, log, log1p and log1pExp inside compiled log densities", () => {
  for (const [name, expr, ref] of CASES) {
    it(`${name} equals the JavaScript function bit for bit on ${INPUTS.length} seeded inputs and the helpers' extreme grid`, () => {
      const f = compiled(expr);
      expect(mismatches(INPUTS, f, ref)).toEqual([]);
      expect(mismatches(Float64Array.from(HELPER_GRID), f, ref)).toEqual([]);
    });
  }

  it("no module imports them, and a module defines only the ones it uses (log1pExp brings exp and log1p)", () => {
    expect(shape(mathCall("exp", theta0))).toEqual({ imports: ["env.memory"], functions: 2 });
    expect(shape(mathCall("log", mathCall("log", theta0)))).toEqual({ imports: ["env.memory"], functions: 2 });
    expect(shape(call(id("log1pExp"), theta0))).toEqual({ imports: ["env.memory"], functions: 4 });
    expect(shape(mathCall("sqrt", theta0))).toEqual({ imports: ["env.memory"], functions: 1 });
    // lgamma, digamma, Phi and lbeta stay imports, of their wasm builds (helpersModule.ts).
    expect(shape(call(id("lgamma"), theta0)).imports).toEqual(["env.memory", "m.f0"]);
  });

  it("lgamma, digamma, Phi and lbeta are imported from their wasm builds: no call into JavaScript", () => {
    const wasm = wasmHelpers();
    if (wasm === null) throw new Error("the helpers module did not instantiate");
    for (const name of ["lgamma", "digamma", "Phi"] as const) {
      const r = translateLogDensityDetailed([{ t: "return", value: call(id(name), theta0) }], { dim: 1, arrays: [] });
      if (!r.ok) throw new Error(r.reason);
      expect(r.imports).toEqual([{ kind: "scalar", fn: wasm[name] }]);
      expect(r.importCallsPerGradient).toBe(0);
    }
  });

  it("the copied bodies are leaf functions: locals, constants, arithmetic and branches only", () => {
    for (const name of ["exp", "log", "log1p"] as const) expect(foreignOps(fdlibmBody(name)), name).toEqual([]);
  });
});

describe("the wasm builds of lgamma, digamma, Phi and lbeta (assembly/mathHelpers.ts)", () => {
  const wasm = wasmHelpers();
  if (wasm === null) throw new Error("the helpers module did not instantiate");
  // Each helper's working range at every scale, its branch points, the reflection side, and the
  // shared random and extreme inputs.
  const rng = createRng(9091, 0);
  const grid: number[] = [...HELPER_GRID, ...INPUTS.subarray(0, 40_000)];
  for (let k = 0; k < 40_000; k++) {
    const u = rng.uniform();
    grid.push(k % 4 === 0 ? 30 * u - 15 : k % 4 === 1 ? Math.pow(10, 12 * u - 6) : k % 4 === 2 ? -Math.pow(10, 4 * u - 2) : 90 * u - 45);
  }
  for (const b of [-45, -40, -38.5, -2, -0.5, 0.5, 1.5, 2, 2.5, 10, 13, 40, 1e8]) grid.push(b, b * (1 + 1e-15), b * (1 - 1e-15));
  const xs = Float64Array.from(grid);
  for (const name of ["lgamma", "digamma", "Phi"] as const) {
    it(`${name} equals the JavaScript helper bit for bit on ${xs.length} inputs`, () => {
      expect(mismatches(xs, wasm[name], RUNTIME[name])).toEqual([]);
    });
  }

  it("lbeta equals the JavaScript helper bit for bit on every pair of the extreme grid and 60000 seeded pairs", () => {
    const bad: string[] = [];
    const check = (a: number, b: number): void => {
      const got = wasm.lbeta(a, b);
      const want = RUNTIME.lbeta(a, b);
      if (!(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))) && bad.length < 5) bad.push(`lbeta(${a}, ${b}) → ${got}, want ${want}`);
    };
    for (const a of HELPER_GRID) for (const b of HELPER_GRID) check(a, b);
    const r = createRng(9092, 0);
    for (let k = 0; k < 60_000; k++) check(Math.pow(10, 8 * r.uniform() - 3), Math.pow(10, 8 * r.uniform() - 3));
    expect(bad).toEqual([]);
  });
});

/**
 * Decodes a code-section entry and lists every instruction outside the allowed set (calls, globals,
 * memory, tables, br_table): any of those would refer to something of the module it came from.
 */
function foreignOps(body: Uint8Array): string[] {
  let p = 0;
  const u = (): number => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = body[p++];
      n += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return n;
    }
  };
  const skipLeb = (): void => {
    while (body[p++] & 0x80);
  };
  for (let groups = u(), g = 0; g < groups; g++) {
    u();
    p++;
  }
  const bad: string[] = [];
  while (p < body.length) {
    const op = body[p++];
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      const bt = body[p++];
      if (![0x40, 0x7f, 0x7e, 0x7d, 0x7c].includes(bt)) bad.push(`block type ${bt}`);
    } else if (op === 0x0c || op === 0x0d || op === 0x20 || op === 0x21 || op === 0x22) u();
    else if (op === 0x41 || op === 0x42) skipLeb();
    else if (op === 0x44) p += 8;
    else if (op === 0x43) p += 4;
    else if (op === 0xfc) {
      const sub = u();
      if (sub > 7) bad.push(`0xfc ${sub}`);
    } else if (!(op === 0x00 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4))) {
      bad.push(`opcode 0x${op.toString(16)} at ${p - 1}`);
    }
  }
  return bad;
}

describe("engineMathIsFdlibm", () => {
  // Node 20's V8 has fdlibm's Math (test/slow/compiler/wasm/fdlibmMany.test.ts: 10^7 arguments each); newer V8 does not.
  it.runIf(process.versions.node.startsWith("20."))("is true on Node 20, so compiled densities compute exp, log, log1p and the helpers in wasm here", () => {
    expect(engineMathIsFdlibm()).toBe(true);
  });

  it("its table holds the fdlibm wasm build's results (the bodies compiled densities copy)", () => {
    for (const name of ["exp", "log", "log1p"] as const) {
      const f = compiled(mathCall(name, theta0));
      for (const [x, y] of FDLIBM_PROBE[name]) expect(Object.is(f(x), y), `${name}(${x})`).toBe(true);
    }
  });

  it("at each of its arguments fdlibm is one ulp from the correctly rounded value (mpmath, fixtures/probe-refs.json): a correctly rounded libm fails the check", () => {
    const refs = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/probe-refs.json", import.meta.url)), "utf8")) as Record<string, [string, string][]>;
    for (const name of ["exp", "log", "log1p"] as const) {
      expect(refs[name].map(([x]) => Number(x))).toEqual(FDLIBM_PROBE[name].map(([x]) => x));
      FDLIBM_PROBE[name].forEach(([x, fd], k) => {
        const correct = Number(refs[name][k][1]);
        expect(fd, `${name}(${x})`).not.toBe(correct);
        // one ulp: the two are adjacent doubles
        expect(Math.abs(fd - correct), `${name}(${x})`).toBeLessThanOrEqual(ulp(correct));
      });
    }
  });
});

/** The gap from |x| to the next double up. */
function ulp(x: number): number {
  const b = new Float64Array([Math.abs(x)]);
  const w = new BigUint64Array(b.buffer);
  w[0] += 1n;
  return b[0] - Math.abs(x);
}
