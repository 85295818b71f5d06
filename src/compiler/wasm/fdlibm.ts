/**
 * The bodies of exp, log and log1p with Math's bits (assembly/fdlibm.ts, built into fdlibm.wasm.ts),
 * for the compiled log densities to define as functions of their own instead of importing Math's:
 * each call into JavaScript from wasm costs a transition (~6 ns on Node 20). The bodies are leaf
 * functions (locals, arithmetic and branches only: test/compiler/wasm/fdlibm.test.ts decodes every
 * instruction to check), so they are valid unchanged in any module, as type (f64) → f64.
 */
import { decodeBase64 } from "../../inference/wasm/module.js";
import { FDLIBM_WASM } from "./fdlibm.wasm.js";

export type FdlibmName = "exp" | "log" | "log1p";

/** A code-section entry: local declarations then instructions, `end` included. */
export type FunctionBody = Uint8Array<ArrayBuffer>;

/**
 * Decoded once per thread: a cache of constant bytes (the same for every caller), not state any
 * result depends on.
 */
let bodies: ReadonlyMap<string, FunctionBody> | null = null;

/** The body of `name` (exp, log or log1p). */
export function fdlibmBody(name: FdlibmName): FunctionBody {
  bodies ??= exportedBodies(decodeBase64(FDLIBM_WASM));
  const b = bodies.get(name);
  if (b === undefined) throw new Error(`fdlibmBody: the fdlibm module exports no function ${name}`);
  return b;
}

/** Each exported function's code-section entry, by export name. */
function exportedBodies(bytes: Uint8Array<ArrayBuffer>): Map<string, FunctionBody> {
  let p = 8; // magic and version
  const u = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return n;
    }
  };
  const str = (): string => {
    const len = u();
    const s = new TextDecoder().decode(bytes.subarray(p, p + len));
    p += len;
    return s;
  };
  let importedFuncs = 0;
  const exported = new Map<number, string>();
  const out = new Map<string, FunctionBody>();
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u();
    const end = p + size;
    if (id === 2) {
      // imports: count the functions, which come first in the function index space
      for (let n = u(), k = 0; k < n; k++) {
        str();
        str();
        const kind = bytes[p++];
        if (kind === 0) {
          u();
          importedFuncs++;
        } else if (kind === 2) {
          const flags = bytes[p++];
          u();
          if (flags & 1) u();
        } else throw new Error(`exportedBodies: unexpected import kind ${kind}`);
      }
    } else if (id === 7) {
      for (let n = u(), k = 0; k < n; k++) {
        const name = str();
        const kind = bytes[p++];
        const index = u();
        if (kind === 0) exported.set(index, name);
      }
    } else if (id === 10) {
      for (let n = u(), k = 0; k < n; k++) {
        const len = u();
        const name = exported.get(importedFuncs + k);
        if (name !== undefined) out.set(name, bytes.slice(p, p + len));
        p += len;
      }
    }
    p = end;
  }
  return out;
}
