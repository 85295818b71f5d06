/**
 * Numbers and text the way R writes them, because brms's names and default prior strings are built
 * from R's output: `as.character(1e5)` is `1e+05`, `as.character(1/3)` has 15 significant digits,
 * and `round(x, 1)` rounds to the nearer of the two one-decimal neighbours (ties to even).
 */

/** R's `as.character(x)` for a double: 15 significant digits, fixed or scientific, whichever is narrower. */
export function formatR(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return "0";
  const s = Number(x.toPrecision(15));
  const [mant, expText] = Math.abs(s).toExponential().split("e");
  const e = Number(expText);
  const digits = mant.replace(".", "");
  const nsig = digits.length;
  const sign = s < 0 ? "-" : "";
  const decimals = Math.max(0, nsig - 1 - e);
  const fixedWidth = e >= 0 ? e + 1 + (decimals > 0 ? decimals + 1 : 0) : 2 + (-e - 1) + nsig;
  const expDigits = Math.abs(e) >= 100 ? 3 : 2;
  const sciWidth = nsig + (nsig > 1 ? 1 : 0) + 2 + expDigits;
  if (fixedWidth <= sciWidth) {
    if (e >= 0 && decimals === 0) return sign + digits + "0".repeat(e + 1 - nsig);
    return sign + Math.abs(s).toFixed(decimals);
  }
  const m = nsig > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** R 4's `round(x, 1)`: the nearer of floor and ceiling at one decimal, measured in doubles; ties to even. */
export function roundR1(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x * 10);
  const lo = f / 10;
  const hi = (f + 1) / 10;
  if (x === lo) return lo;
  const dlo = x - lo;
  const dhi = hi - x;
  if (dlo < dhi) return lo;
  if (dhi < dlo) return hi;
  return f % 2 === 0 ? lo : hi;
}

// R's median and mad live with the other R statistics; re-exported for the formula code that used them here.
export { madR, medianR } from "../posterior/rStats.js";

/** Is `name` syntactic in R (usable without backquotes)? */
export function isSyntacticName(name: string): boolean {
  return /^([A-Za-z]|[.](?![0-9]))[A-Za-z0-9._]*$|^[.]$/.test(name);
}
