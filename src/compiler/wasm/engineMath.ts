/**
 * Whether this engine's Math.exp, Math.log and Math.log1p are fdlibm's, bit for bit: V8 in Node 20
 * is; Chromium 156 is not (it differs on ~3 % of exp and ~2 % of log arguments), nor are Node 24
 * and 25 (test/web/support/mathProbe.ts). Only where they are may a compiled log density compute
 * them in wasm (internal.ts, helpersModule.ts) and still give the printed JavaScript's bits;
 * elsewhere it imports the engine's own Math functions and JavaScript helpers, as before.
 *
 * Checked once per thread against the fdlibm wasm build on fixed arguments: for each function,
 * twelve where fdlibm is not correctly rounded (found where Chromium 156 differs, confirmed with
 * mpmath at 200 bits), so that any correctly rounded libm fails, and 256 spread over its range.
 * A cache of a property of the engine, not state any result depends on.
 */
import { decodeBase64 } from "../../inference/wasm/module.js";
import { FDLIBM_WASM } from "./fdlibm.wasm.js";

type Unary = (x: number) => number;

const NOT_CORRECTLY_ROUNDED: Readonly<Record<"exp" | "log" | "log1p", readonly number[]>> = Object.freeze({
  exp: [-5.748379601864144, 572.6376762788277, -84.99658618704416, -0.10882288952343333, -398.09851336758584, -359.85704324557446, -127.14149702107534, 159.12482271436602, 386.48447620566003, 565.5228496168274, 171.5075181738939, -241.50825143558905],
  log: [9.289248837158084, 6.116225856821984, 6.108915186487138, 9.643360683694482, 6.525275155436248, 2.532198044937104, 3.0208690091967583, 1.0241611927799863, 5.595109048299491, 2.9190839268267155, 2.561059969011694, 3.1841630209237337],
  log1p: [0.559185603633523, 0.6848519099876285, 0.28208146523684263, -0.3174448632635176, 0.3463705265894532, 0.4315360486507416, -0.3089108248241246, 0.452575352974236, 0.29237346490845084, 0.479949904140085, 0.2857460184022784, -0.319108511344181],
});

/** Spread arguments: exp over its finite range, log over (0, 1e6), log1p over (−1, 10). */
function spread(name: "exp" | "log" | "log1p", k: number): number {
  // A fixed low-discrepancy sequence: the same arguments in every engine, no RNG needed.
  const u = (k * 0.6180339887498949) % 1;
  if (name === "exp") return -745 + 1454 * u;
  if (name === "log") return Math.pow(10, 12 * u - 6);
  return -1 + 11 * u * u;
}

let verdict: boolean | undefined;

export function engineMathIsFdlibm(): boolean {
  if (verdict !== undefined) return verdict;
  verdict = false;
  if (typeof WebAssembly !== "object") return verdict;
  let fd: Record<string, Unary>;
  try {
    const memory = new WebAssembly.Memory({ initial: 0 });
    fd = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(FDLIBM_WASM)), { env: { memory } }).exports as unknown as Record<string, Unary>;
  } catch {
    return verdict;
  }
  for (const name of ["exp", "log", "log1p"] as const) {
    const mine = fd[name];
    const engine = Math[name];
    for (const x of NOT_CORRECTLY_ROUNDED[name]) if (!Object.is(mine(x), engine(x))) return verdict;
    for (let k = 1; k <= 256; k++) {
      const x = spread(name, k);
      if (!Object.is(mine(x), engine(x))) return verdict;
    }
  }
  verdict = true;
  return verdict;
}
