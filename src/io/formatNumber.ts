/**
 * Number formatting for CmdStan-style files. CmdStan writes C++ stream output: `%g`-like with a given
 * number of significant digits, and `inf`, `-inf`, `nan` for non-finite values.
 */

/** Like C's `%.{sigFigs}g`: fixed or scientific by exponent, trailing zeros dropped (`0.822968`, `1e-05`). */
export function formatG(x: number, sigFigs: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, expText] = x.toExponential(sigFigs - 1).split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= sigFigs) {
    const sign = exp < 0 ? "-" : "+";
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${stripZeros(mantissa)}e${sign}${digits}`;
  }
  return stripZeros(x.toFixed(sigFigs - 1 - exp));
}

/** The shortest text that reads back as the same double (JavaScript's own), with CmdStan's non-finite words. */
export function formatRoundTrip(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  return Object.is(x, -0) ? "-0" : String(x);
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return "nan";
  return x > 0 ? "inf" : "-inf";
}

function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}
