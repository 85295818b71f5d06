/**
 * Sorting of factor levels. R sorts character levels with the locale's collation, which on the usual
 * en_US / C.UTF-8 set-ups is ICU's (case-insensitive first, lower case before upper on ties,
 * punctuation before digits before letters): `_x 10 9 a A a b a-c a1 A1 ab b B é Z`. Plain byte order
 * (R's C locale) would put all capitals first, so we use ICU's root/en-US collation via `Intl.Collator`,
 * with code-point order as the tie-break so the order is total and the same everywhere.
 * Checked against `levels(factor(...))` from R in `test/formula/fixtures/brms.json`.
 */
const collator = new Intl.Collator("en-US", { sensitivity: "variant", numeric: false, ignorePunctuation: false });

export function compareLabels(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Levels of a character vector as R's `levels(factor(x))` gives them. */
export function sortLabels(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort(compareLabels);
}
