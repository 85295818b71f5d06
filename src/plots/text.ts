/** User text (names, labels, titles) as it may enter a plot spec, and numbers as plots print them. */

// Code points XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/U+FFFF).
// vega escapes <, >, & and quotes in the SVG it writes, but passes these through, and one of them
// makes a standalone .svg unparseable; so they become U+FFFD before they reach a spec.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function plainText(s: string): string {
  return String(s).replace(XML_INVALID, "\uFFFD");
}

/** Three significant digits for tooltips and notes; integers as they are. */
export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}

/** Rounds a data value for an inline spec: 6 significant digits is far below a pixel and keeps specs small. */
export function round6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

/** Four significant digits: for dense curves (a few thousand points), still below a pixel at any plot size we draw. */
export function round4(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}
