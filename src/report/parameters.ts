/**
 * Which parameters are population-level (one value for the whole model: `b_Intercept`, `sigma`,
 * `sd_county__Intercept`, `tau`) and which are group-level (indexed: `r_county[AITKIN,Intercept]`,
 * `theta[3]`), and group-level parameters gathered into families for one forest plot each.
 */

export function isGroupLevel(name: string): boolean {
  return name.includes("[");
}

export function isSamplerVariable(name: string): boolean {
  return name.endsWith("__");
}

export interface ParameterFamily {
  /** `r_county[·,Intercept]` for multi-index names, `theta` for single-index ones. */
  readonly key: string;
  readonly names: string[];
  /** Row labels: the varying index (`AITKIN`) for multi-index names, else the full name. */
  readonly labels: string[];
}

interface Parsed {
  base: string;
  lead: string;
  last: string | null;
}

// Split "r_county[AITKIN,Intercept]" into base r_county, leading index AITKIN and last index Intercept.
// Level labels may themselves contain commas or brackets; the last comma before the final "]" splits.
function parse(name: string): Parsed {
  const open = name.indexOf("[");
  const base = name.slice(0, open);
  const inner = name.endsWith("]") ? name.slice(open + 1, -1) : name.slice(open + 1);
  const comma = inner.lastIndexOf(",");
  if (comma < 0) return { base, lead: inner, last: null };
  return { base, lead: inner.slice(0, comma), last: inner.slice(comma + 1) };
}

/** Families in order of first appearance. */
export function groupFamilies(names: readonly string[]): ParameterFamily[] {
  const byKey = new Map<string, ParameterFamily>();
  for (const name of names) {
    if (!isGroupLevel(name) || isSamplerVariable(name)) continue;
    const p = parse(name);
    const key = p.last === null ? p.base : `${p.base}[·,${p.last}]`;
    let fam = byKey.get(key);
    if (!fam) {
      fam = { key, names: [], labels: [] };
      byKey.set(key, fam);
    }
    fam.names.push(name);
    fam.labels.push(p.last === null ? name : p.lead);
  }
  return [...byKey.values()];
}
