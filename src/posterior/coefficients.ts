/**
 * brms's fixef(), ranef() and coef(): population-level effects, group-level effects per level, and
 * their sums per level (each level's own intercept and slopes), summarised over draws. They read
 * brms's names alone (`b_x`, `b_sigma_Intercept`, `r_g[level,x]`, `r_g__sigma[level,Intercept]`), so
 * they work on a formula fit's draws and on brms's or CmdStan's draws with those names.
 *
 * Summaries as brms's posterior_summary: mean and sd (or, robust, median and MAD), and quantiles of
 * type 7 at `probs` (named Q2.5 and Q97.5 for the default 0.025 and 0.975).
 */
import { UserError } from "../errors.js";
import { variableOf, type Draws } from "./draws.js";
import { summaryR } from "./rStats.js";

export interface CoefOptions {
  /** Median and MAD instead of mean and sd (default false). */
  readonly robust?: boolean;
  /** Quantiles to report (default [0.025, 0.975]). */
  readonly probs?: readonly number[];
  /**
   * The family's threshold convention for an ordinal model's `Intercept[k]`: brms's cumulative is
   * threshold − η, so a level's threshold is b_Intercept[k] − r (default "add": b + r).
   */
  readonly thresholds?: "add" | "subtract";
}

/** Rows × statistics, as brms's matrices: row names, column names, values row by row. */
export interface SummaryMatrix {
  readonly rows: readonly string[];
  readonly stats: readonly string[];
  /** values[r][s]. */
  readonly values: readonly (readonly number[])[];
}

/** One grouping factor: per coefficient, a levels × statistics matrix (brms's 3-D array, sliced). */
export interface GroupSummary {
  readonly group: string;
  readonly levels: readonly string[];
  readonly coefs: readonly { readonly coef: string; readonly summary: SummaryMatrix }[];
}

const FIXEF = /^b_/;
const RANEF = /^r_([^[\]]+?)(?:__([^[\]]+))?\[([^\]]*),([^\],]+)\]$/;

/** brms's posterior_summary column names: Estimate, Est.Error, Q2.5, Q97.5. */
export function summaryStats(probs: readonly number[]): string[] {
  return ["Estimate", "Est.Error", ...probs.map((p) => `Q${Number((p * 100).toPrecision(12))}`)];
}

export function fixef(draws: Draws, options: CoefOptions = {}): SummaryMatrix {
  const probs = checkProbs(options.probs);
  const rows: string[] = [];
  const values: number[][] = [];
  draws.names.forEach((n, k) => {
    if (!FIXEF.test(n)) return;
    rows.push(n.slice(2));
    values.push(summaryR(variableOf(draws, k), probs, options.robust === true));
  });
  if (rows.length === 0) throw new UserError("fixef: no population-level effects (b_…) in these draws");
  return { rows, stats: summaryStats(probs), values };
}

/** The grouping factors of the draws' group-level effects (`r_<group>[level,coef]`, `r_<group>__<dpar>[…]`), in order of appearance. */
export function groupNames(draws: Draws): string[] {
  const out: string[] = [];
  for (const n of draws.names) {
    const m = RANEF.exec(n);
    if (m !== null && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** The group-level draws by group: levels in order of appearance, coefficients with brms's part prefix (`sigma_Intercept`). */
function groupDraws(draws: Draws): Map<string, { levels: string[]; coefs: Map<string, Map<string, Float64Array>> }> {
  const groups = new Map<string, { levels: string[]; coefs: Map<string, Map<string, Float64Array>> }>();
  draws.names.forEach((n, k) => {
    const m = RANEF.exec(n);
    if (m === null) return;
    const [, group, part, level, term] = m;
    const coef = part === undefined ? term : `${part}_${term}`;
    let g = groups.get(group);
    if (g === undefined) groups.set(group, (g = { levels: [], coefs: new Map() }));
    if (!g.levels.includes(level)) g.levels.push(level);
    let c = g.coefs.get(coef);
    if (c === undefined) g.coefs.set(coef, (c = new Map()));
    c.set(level, variableOf(draws, k));
  });
  return groups;
}

/** One grouping factor's per-level draws: for each coefficient, its draws at a level (null where it has none). */
export interface GroupLevelDraws {
  readonly group: string;
  readonly levels: readonly string[];
  readonly coefs: readonly { readonly coef: string; readonly at: (level: string) => Float64Array | null }[];
}

/** brms's ranef(summary = FALSE): each level's group-level effects. */
export function ranefDraws(draws: Draws): GroupLevelDraws[] {
  const groups = groupDraws(draws);
  if (groups.size === 0) throw new UserError("ranef: the model has no group-level effects (r_…[level,coef]) in these draws");
  return [...groups].map(([group, g]) => ({ group, levels: g.levels, coefs: [...g.coefs].map(([coef, byLevel]) => ({ coef, at: (l: string) => byLevel.get(l) ?? null })) }));
}

/**
 * brms's coef(summary = FALSE): per level, every population-level coefficient plus that level's
 * group-level effect of the same name (0 where it has none), and group-level effects without a
 * population-level one as they are — brms's order: the group's own coefficients first, then the other
 * population-level ones.
 */
export function coefDraws(draws: Draws, thresholds: CoefOptions["thresholds"] = "add"): GroupLevelDraws[] {
  const groups = groupDraws(draws);
  if (groups.size === 0) throw new UserError("coef: the model has no group-level effects; fixef gives its population-level ones");
  const fixed = new Map<string, Float64Array>();
  draws.names.forEach((n, k) => {
    if (FIXEF.test(n)) fixed.set(n.slice(2), variableOf(draws, k));
  });
  const n = draws.chains * draws.draws;
  const sign = thresholds === "subtract" ? -1 : 1;
  return [...groups].map(([group, g]) => {
    const own = [...g.coefs.keys()];
    // An ordinal model's thresholds Intercept[1], … take the level's "Intercept" effect, which then is not listed itself.
    const thresholdOf = (name: string) => (/^(.*_)?Intercept\[\d+\]$/.test(name) ? name.replace(/\[\d+\]$/, "") : null);
    const takenByThresholds = new Set(
      [...fixed.keys()].flatMap((f) => {
        const t = thresholdOf(f);
        return t !== null && g.coefs.has(t) ? [t] : [];
      }),
    );
    const names = [...own.filter((c) => !takenByThresholds.has(c)), ...[...fixed.keys()].filter((f) => !g.coefs.has(f))];
    const coefs = names.map((name) => {
      const b = fixed.get(name) ?? null;
      const t = thresholdOf(name);
      const r = g.coefs.get(name) ?? (t !== null ? g.coefs.get(t) : undefined) ?? null;
      const s = t !== null && r !== null ? sign : 1;
      const at = (level: string): Float64Array => {
        const x = new Float64Array(n);
        const rl = r?.get(level);
        for (let i = 0; i < n; i++) x[i] = (b !== null ? b[i] : 0) + (rl !== undefined ? s * rl[i] : 0);
        return x;
      };
      return { coef: name, at };
    });
    return { group, levels: g.levels, coefs };
  });
}

function summariseGroups(groups: readonly GroupLevelDraws[], options: CoefOptions): GroupSummary[] {
  const probs = checkProbs(options.probs);
  const robust = options.robust === true;
  return groups.map((g) => ({ group: g.group, levels: g.levels, coefs: g.coefs.map((c) => ({ coef: c.coef, summary: levelSummary(g.levels, c.at, probs, robust) })) }));
}

export function ranef(draws: Draws, options: CoefOptions = {}): GroupSummary[] {
  checkProbs(options.probs);
  return summariseGroups(ranefDraws(draws), options);
}

/** brms's coef(): per level, b + r (see coefDraws), summarised. */
export function coef(draws: Draws, options: CoefOptions = {}): GroupSummary[] {
  checkProbs(options.probs);
  return summariseGroups(coefDraws(draws, options.thresholds), options);
}

function levelSummary(levels: readonly string[], drawsOf: (level: string) => Float64Array | null, probs: readonly number[], robust: boolean): SummaryMatrix {
  return {
    rows: levels,
    stats: summaryStats(probs),
    values: levels.map((l) => {
      const x = drawsOf(l);
      // A level without this coefficient's column (a term absent in that level) is NaN, not 0: it has no draws.
      return x === null ? summaryStats(probs).map(() => NaN) : summaryR(x, probs, robust);
    }),
  };
}

function checkProbs(probs: readonly number[] | undefined): readonly number[] {
  const p = probs ?? [0.025, 0.975];
  for (const v of p) if (!(v >= 0 && v <= 1)) throw new UserError(`probs must lie in [0, 1], got ${v}`);
  return p;
}
