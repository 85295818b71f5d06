/**
 * The Math functions the compiled densities, the transforms and the RNG call, on a fixed grid of
 * arguments. Two JavaScript engines give bit-identical draws only if these agree bit for bit: V8's
 * libm has changed between releases (on this probe Chromium 156 differs from Node 20 on 646 of 20,000
 * values and from Node 24 and 25 on 460; Node 20 and 24 differ in Math.pow on 186), so a
 * cross-engine comparison first asks this probe whether bit-identity is possible at all.
 * Pure arithmetic otherwise (no DOM, no Node).
 */
export function mathProbe(): number[] {
  const out: number[] = [];
  let s = 12345;
  // A fixed LCG: the grid must be the same in every engine (Math.random would not be).
  const u = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = 0; i < 2000; i++) {
    const x = u() * 60 - 30;
    const p = u() * 40 + 1e-3;
    out.push(Math.exp(x), Math.log(p), Math.log1p(p), Math.expm1(x / 10), Math.pow(p, x / 10), Math.sin(x), Math.cos(x), Math.atan(x), Math.tanh(x), Math.sqrt(p));
  }
  return out;
}

/** Number of arguments on which two probes differ (0: the engines' Math functions agree here). */
export function probeDifferences(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) d++;
  return d;
}
