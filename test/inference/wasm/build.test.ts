/**
 * The committed generated modules are what `npm run build:wasm` makes from assembly/: rebuild into a
 * temporary directory and compare the files byte for byte. Skipped, saying so, only where
 * AssemblyScript is not installed (the runtime never needs it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { NUTS_CORE_WASM } from "../../../src/inference/wasm/nutsCore.wasm.js";
import { decodeBase64 } from "../../../src/inference/wasm/module.js";
import { DRAWS_CORE_WASM } from "../../../src/random/wasm/drawsCore.wasm.js";

const root = resolve(import.meta.dirname, "../../..");
const hasAsc = existsSync(join(root, "node_modules/assemblyscript/package.json"));
const GENERATED = ["src/inference/wasm/nutsCore.wasm.ts", "src/random/wasm/drawsCore.wasm.ts", "src/compiler/wasm/fdlibm.wasm.ts", "src/compiler/wasm/mathHelpers.wasm.ts", "test/inference/wasm/fixtures/gaussianTarget.wasm.ts"];

describe("generated wasm modules", () => {
  it.skipIf(!hasAsc)("equal a fresh build of assembly/ (scripts/build-wasm.mjs)", () => {
    const out = mkdtempSync(join(tmpdir(), "hbayes-wasm-"));
    try {
      execFileSync(process.execPath, [join(root, "scripts/build-wasm.mjs"), "--out", out], { cwd: root, stdio: "pipe" });
      for (const f of GENERATED) {
        expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(root, f), "utf8"));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
  if (!hasAsc) it.skip("assemblyscript is not installed (node_modules/assemblyscript): the rebuild comparison cannot run", () => {});

  it("the core has no data segment and imports only env.memory and hb.{exp, log, log1p, pow, logDensityGradient}", () => {
    const bytes = decodeBase64(NUTS_CORE_WASM);
    expect(importsOf(bytes)).toEqual(
      ["env.memory:memory", "hb.exp:function", "hb.log1p:function", "hb.log:function", "hb.pow:function", "hb.logDensityGradient:function"].sort(),
    );
    // A data segment would be written into the shared memory at instantiation, over a model's own data.
    expect(sectionsOf(bytes).has(11)).toBe(false);
  });

  it("the core is at most 6 KiB; over 4 KiB (the chain loop), chains on a browser's main thread get it asynchronously (mainThread.test.ts)", () => {
    // Chrome refuses WebAssembly.Module / WebAssembly.Instance above 4096 bytes on a page's main
    // thread: sample() compiles (prepareNutsCore) and instantiates (prepareWasmNuts) the core
    // asynchronously before chains run there. The upper bound only catches a build gone wrong
    // (5,031 bytes with the loop, 4,047 without).
    expect(decodeBase64(NUTS_CORE_WASM).length).toBeLessThanOrEqual(6144);
  });

  it("the bulk-draws module (assembly/draws.ts) imports only env.memory and hb.{exp, log}, has no data segment, and is at most 4 KiB", () => {
    const bytes = decodeBase64(DRAWS_CORE_WASM);
    // exp and log are JavaScript's Math functions, so its draws have the JavaScript generators' bits.
    expect(importsOf(bytes)).toEqual(["env.memory:memory", "hb.exp:function", "hb.log:function"]);
    expect(sectionsOf(bytes).has(11)).toBe(false);
    // The same main-thread limit as the core's: random/wasm/drawsModule.ts compiles it synchronously.
    expect(bytes.length).toBeLessThanOrEqual(4096);
  });
});

function importsOf(bytes: Uint8Array<ArrayBuffer>): string[] {
  const module = new WebAssembly.Module(bytes);
  const imports = (WebAssembly as unknown as { Module: { imports(m: WebAssembly.Module): { module: string; name: string; kind: string }[] } }).Module.imports(module);
  return imports.map((i) => `${i.module}.${i.name}:${i.kind}`).sort();
}

/** The ids of a module's sections. */
function sectionsOf(bytes: Uint8Array): Set<number> {
  const sections = new Set<number>();
  for (let i = 8; i < bytes.length; ) {
    const id = bytes[i++];
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      size |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    sections.add(id);
    i += size;
  }
  return sections;
}
