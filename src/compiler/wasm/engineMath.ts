/**
 * Whether this engine's Math.exp, Math.log and Math.log1p are fdlibm's, bit for bit: V8 in Node 20
 * is; Chromium 156 is not (it differs on ~3 % of exp and ~2 % of log arguments), nor are Node 24
 * and 25 (test/web/support/mathProbe.ts). Only where they are may a compiled log density compute
 * them in wasm (internal.ts, helpersModule.ts) and still give the printed JavaScript's bits;
 * elsewhere it imports the engine's own Math functions and JavaScript helpers, as before.
 *
 * The check: twelve arguments per function at which fdlibm is not correctly rounded (found where
 * Chromium 156 differs, confirmed with mpmath at 200 bits), with fdlibm's results there
 * (test/compiler/wasm/fdlibm.test.ts checks them against the fdlibm wasm build). A correctly rounded
 * libm fails at every one; matching all 36 one-ulp errors takes fdlibm. Kept to a table so the check
 * costs microseconds (instantiating the wasm build and comparing spread arguments took ~1.5 ms, a
 * fresh process's whole gain).
 */

type Pairs = readonly (readonly [number, number])[];

/** [x, fdlibm(x)] where fdlibm(x) is one ulp from the correctly rounded value. */
export const FDLIBM_PROBE: Readonly<Record<"exp" | "log" | "log1p", Pairs>> = Object.freeze({
  exp: [
    [-5.748379601864144, 0.0031879423493350705], [572.6376762788277, 4.936088501798999e248], [-84.99658618704416, 1.2202579291497516e-37],
    [-0.10882288952343333, 0.8968892519150349], [-398.09851336758584, 1.2823671685063467e-173], [-359.85704324557446, 5.2008202549845814e-157],
    [-127.14149702107534, 6.069451184637167e-56], [159.12482271436602, 1.279476868332243e69], [386.48447620566003, 7.048153556593408e167],
    [565.5228496168274, 4.012850486437208e245], [171.5075181738939, 3.05329486864898e74], [-241.50825143558905, 1.30106521979595e-105],
  ],
  log: [
    [9.289248837158084, 2.2288576924154144], [6.116225856821984, 1.8109452162309378], [6.108915186487138, 1.8097492102003496],
    [9.643360683694482, 2.2662696665096016], [6.525275155436248, 1.875683121735169], [2.532198044937104, 0.9290877180229595],
    [3.0208690091967583, 1.1055445413839426], [1.0241611927799863, 0.023873929053108034], [5.595109048299491, 1.721892831886643],
    [2.9190839268267155, 1.0712698433691377], [2.561059969011694, 0.9404212231914533], [3.1841630209237337, 1.1581894667103203],
  ],
  log1p: [
    [0.559185603633523, 0.4441636359935771], [0.6848519099876285, 0.5216776726943164], [0.28208146523684263, 0.2484849019061075],
    [-0.3174448632635176, -0.3819119687589895], [0.3463705265894532, 0.29741247312414887], [0.4315360486507416, 0.3587480276704951],
    [-0.3089108248241246, -0.36948641118807457], [0.452575352974236, 0.3733380865217042], [0.29237346490845084, 0.2564804231174189],
    [0.479949904140085, 0.3920082386491518], [0.2857460184022784, 0.2513391089558856], [-0.319108511344181, -0.3843523267096619],
  ],
});

/** A cache of a property of the engine, not state any result depends on. */
let verdict: boolean | undefined;

export function engineMathIsFdlibm(): boolean {
  if (verdict === undefined) {
    verdict = (["exp", "log", "log1p"] as const).every((name) => FDLIBM_PROBE[name].every(([x, y]) => Object.is(Math[name](x), y)));
  }
  return verdict;
}
