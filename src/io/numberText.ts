/**
 * Strict reading of one data cell as a number, close to what R's `read.csv` (type.convert) accepts:
 * optional surrounding whitespace, optional sign, decimal digits with an optional point and exponent
 * (`1e308`, `-0`, `.5`, `1.`), and `Inf`/`Infinity` in any case. Deliberately stricter than R in two
 * places: hexadecimal (`0x1A`) and a bare exponent marker (`1e`) are text, because in data files they
 * are almost always identifiers, not measurements.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)inf(?:inity)?$/i;
const DIGITS_ONLY = /^[+-]?\d+$/;

export type NumberText =
  | { readonly kind: "number"; readonly value: number }
  /** An integer literal that a double cannot hold exactly (beyond ±2^53): reading it would round it. */
  | { readonly kind: "lossyInteger" }
  | { readonly kind: "text" };

export function parseNumberText(cell: string): NumberText {
  const s = cell.trim();
  if (DECIMAL.test(s)) {
    const value = Number(s);
    if (DIGITS_ONLY.test(s) && !Number.isSafeInteger(value) && !integerIsExact(s, value)) {
      return { kind: "lossyInteger" };
    }
    return { kind: "number", value };
  }
  const inf = INFINITY.exec(s);
  if (inf !== null) return { kind: "number", value: inf[1] === "-" ? -Infinity : Infinity };
  return { kind: "text" };
}

/** True when the decimal integer literal `s` equals the double `value` exactly (e.g. 1e20 written out). */
function integerIsExact(s: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return BigInt(s) === BigInt(value);
}
