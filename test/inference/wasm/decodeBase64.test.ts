import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeBase64 } from "../../../src/inference/wasm/module.js";
import { NUTS_CORE_WASM } from "../../../src/inference/wasm/nutsCore.wasm.js";
import { DRAWS_CORE_WASM } from "../../../src/random/wasm/drawsCore.wasm.js";
import { FDLIBM_WASM } from "../../../src/compiler/wasm/fdlibm.wasm.js";

// decodeBase64 takes Node's Buffer where it exists and atob elsewhere (browsers): both paths must
// give the bytes of a plain decoder, for every embedded module and the padding cases.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** RFC 4648 decoding written out, six bits at a time (the function's former implementation). */
function reference(s: string): number[] {
  const len = s.endsWith("==") ? s.length - 2 : s.endsWith("=") ? s.length - 1 : s.length;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    acc = ((acc << 6) | ALPHABET.indexOf(s[i])) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

const CASES = ["", "QQ==", "QUI=", "QUJD", "/+8A", "AAAA////", NUTS_CORE_WASM, DRAWS_CORE_WASM, FDLIBM_WASM];

describe("decodeBase64", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("with Buffer (Node): the reference decoder's bytes, in an ArrayBuffer of their own", () => {
    expect(typeof (globalThis as { Buffer?: unknown }).Buffer).toBe("function");
    for (const s of CASES) {
      const b = decodeBase64(s);
      expect(Array.from(b)).toEqual(reference(s));
      expect(b.byteOffset).toBe(0);
      expect(b.buffer.byteLength).toBe(b.length);
    }
  });

  it("without Buffer (browsers: atob): the same bytes", () => {
    vi.stubGlobal("Buffer", undefined);
    expect((globalThis as { Buffer?: unknown }).Buffer).toBeUndefined();
    for (const s of CASES) expect(Array.from(decodeBase64(s))).toEqual(reference(s));
  });
});
