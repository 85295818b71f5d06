/**
 * Variable names ↔ CmdStan column headers.
 *
 * CmdStan writes `theta[1]` as `theta.1` and `L[2,1]` as `L.2.1`. brms-style names carry labels
 * (`r_county[AITKIN,Intercept]`), and rstan::read_stan_csv only accepts positive integer indices
 * (it fails on `r_county.AITKIN.Intercept`; ArviZ also parses indices as integers). So a labelled
 * index position is written as the label's 1-based order of first appearance (`r_county.1.1`), a base
 * name with characters outside Stan's identifier alphabet has them replaced by `_` (`b_Sepal.Length`
 * → `b_Sepal_Length`, since a dot would read as an index), and the original names are kept in one
 * comment line, `# hbayes_names = [...]` (JSON), which hbayes's reader uses and other readers ignore.
 */

export interface CmdStanColumns {
  /** One header per input name, in the same order. */
  readonly columns: readonly string[];
  /** True when plain conversion back (`a.1.2` → `a[1,2]`) would not give the original names. */
  readonly needsNameMap: boolean;
}

const BRACKETED = /^([^[\]]*)\[([^[\]]*)\]$/;
const POSITIVE_INTEGER = /^[1-9]\d*$/;

interface SplitName {
  readonly base: string;
  readonly parts: readonly string[];
}

/** Per index position of one base name: label → 1-based order, undefined where every index is a positive integer. */
type LabelMaps = (Map<string, number> | undefined)[];

function splitName(name: string): SplitName {
  const m = BRACKETED.exec(name);
  if (m === null) return { base: name, parts: [] };
  return { base: m[1], parts: m[2].split(",").map((p) => p.trim()) };
}

function sanitizeBase(base: string): string {
  const s = base.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z]/.test(s) ? s : `v${s}`;
}

export function toCmdStanColumns(names: readonly string[]): CmdStanColumns {
  const split = names.map(splitName);
  // Per base name and index position: label → order, or a hole when every index there is a positive integer.
  const labelMaps = new Map<string, LabelMaps>();
  for (const { base, parts } of split) {
    if (parts.length === 0) continue;
    let maps = labelMaps.get(base);
    if (maps === undefined) labelMaps.set(base, (maps = []));
    for (let k = 0; k < parts.length; k++) if (maps[k] === undefined && !POSITIVE_INTEGER.test(parts[k])) maps[k] = new Map();
  }
  integerLabels(split, labelMaps);
  for (const { base, parts } of split) {
    const maps = labelMaps.get(base);
    for (let k = 0; k < parts.length; k++) {
      const m = maps?.[k];
      if (m && !m.has(parts[k])) m.set(parts[k], m.size + 1);
    }
  }
  let needsNameMap = false;
  const used = new Set<string>();
  const columns = split.map(({ base, parts }, i) => {
    const cleanBase = sanitizeBase(base);
    const maps = labelMaps.get(base);
    const indices = parts.map((p, k) => {
      const m = maps?.[k];
      return m ? String(m.get(p)) : p;
    });
    let column = [cleanBase, ...indices].join(".");
    for (let n = 2; used.has(column); n++) column = [`${cleanBase}_${n}`, ...indices].join(".");
    used.add(column);
    if (fromCmdStanColumn(column) !== names[i]) needsNameMap = true;
    return column;
  });
  return { columns, needsNameMap };
}

/**
 * In a labelled name (`r_BROOD[501,Intercept]`), integer group labels are labels too: kept as they
 * are only when they are exactly 1..K, since rstan::read_stan_csv sizes the array by the largest
 * index (levels 501…743 made a 743-row array of which 118 rows exist, and posterior::as_draws_df
 * failed on it). Plain indexed names (`theta[1]`, `L[2,1]`) are left alone.
 */
function integerLabels(split: readonly SplitName[], labelMaps: Map<string, LabelMaps>): void {
  const labelled = (maps: LabelMaps) => maps.some((m) => m !== undefined);
  // Per labelled base and integer position, the distinct integers used there.
  const seen = new Map<string, Set<number>[]>();
  for (const { base, parts } of split) {
    const maps = labelMaps.get(base);
    if (maps === undefined || !labelled(maps)) continue;
    let sets = seen.get(base);
    if (sets === undefined) seen.set(base, (sets = []));
    for (let k = 0; k < parts.length; k++) if (maps[k] === undefined) (sets[k] ??= new Set()).add(Number(parts[k]));
  }
  for (const [base, sets] of seen) {
    const maps = labelMaps.get(base)!;
    sets.forEach((set, k) => {
      for (let v = 1; v <= set.size; v++) if (!set.has(v)) return void (maps[k] = new Map());
    });
  }
}

/** `theta.1` → `theta[1]`, `L.2.1` → `L[2,1]`, `lp__` → `lp__` (what cmdstanr does to CmdStan headers). */
export function fromCmdStanColumn(column: string): string {
  const dot = column.indexOf(".");
  if (dot <= 0) return column;
  return `${column.slice(0, dot)}[${column.slice(dot + 1).split(".").join(",")}]`;
}
