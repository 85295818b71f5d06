/**
 * Which data columns a formula fit's conditional effects vary and hold fixed, by brms's rules
 * (`get_all_effects`, `prepare_conditions`): the default effects are the variables of each
 * population-level term of every formula part (mean first, then `sigma ~ …` and the others),
 * `poly(x, 2)` or `log(x)` counting as x and `x:z` as the pair (x, z), a smooth `s(x)` as x and
 * `s(x, z)` or `s(x, by = f)` as the pair (after the part's other terms, as brms lists them), terms of more than two
 * variables left out; grouping factors are never effects; trials() variables are set to 1.
 */
import type { Node } from "../formula/ast.js";
import type { DataColumns } from "../formula/data.js";
import type { FormulaDesign } from "../formula/design.js";
import { smoothTermColumns } from "../formula/smoothTerm.js";
import { monotonicCalls, monotonicColumns, monotonicEffects } from "../formula/monotonic.js";
import type { ParsedFormula, TermPart } from "../formula/terms.js";

export interface FormulaVariables {
  /** brms's default effects, before putting numeric variables first. */
  readonly defaultEffects: readonly (readonly string[])[];
  /** Every column the predictors read (all parts, offsets, group-term slopes), grouping factors excluded: the variables to condition on. */
  readonly predictors: readonly string[];
  /** Grouping factors (set to a fitted level; their effects are left out). */
  readonly groups: readonly string[];
  /** Columns of trials(…) (conditioned at 1, as brms). */
  readonly trials: readonly string[];
  /** Columns of the other response-side terms that new data must carry: se(), weights(), cens(), trunc() (conditioned at their mean). */
  readonly addition: readonly string[];
  /** lme4's cbind(successes, failures): set to 1 and 0 so the trials are 1, as brms's trials(). */
  readonly cbind: { readonly successes: string; readonly failures: string } | null;
  /** Numeric columns used inside `factor()`: treated as factors (brms would treat them as numeric and warn). */
  readonly factorCalls: ReadonlySet<string>;
  /** brms's int_vars: mo() columns, shown at whole numbers and conditioned at their rounded median. */
  readonly intVars: readonly string[];
}

/** R's all.vars of one expression: column names in order of appearance, once each. */
export function nodeColumns(node: Node | undefined, out: string[] = []): string[] {
  if (!node) return out;
  switch (node.kind) {
    case "name":
      if (!out.includes(node.name)) out.push(node.name);
      return out;
    case "num":
      return out;
    case "call":
      for (const a of node.args) nodeColumns(a, out);
      return out;
    case "paren":
      return nodeColumns(node.inner, out);
    case "unary":
      return nodeColumns(node.arg, out);
    case "binary":
      nodeColumns(node.left, out);
      return nodeColumns(node.right, out);
  }
}

function factorCallColumns(node: Node | undefined, out: Set<string>): void {
  if (!node) return;
  if (node.kind === "call") {
    if (node.fn === "factor" && node.args[0]?.kind === "name") out.add(node.args[0].name);
    for (const a of node.args) factorCallColumns(a, out);
  } else if (node.kind === "paren") factorCallColumns(node.inner, out);
  else if (node.kind === "unary") factorCallColumns(node.arg, out);
  else if (node.kind === "binary") {
    factorCallColumns(node.left, out);
    factorCallColumns(node.right, out);
  }
}

function termEffects(part: TermPart): string[][] {
  return part.terms.map((term) => {
    const vars: string[] = [];
    for (const v of term) nodeColumns(part.variables[v].node, vars);
    return vars;
  });
}

function addAll(out: string[], names: readonly string[]): void {
  for (const n of names) if (!out.includes(n)) out.push(n);
}

export function formulaVariables(design: FormulaDesign): FormulaVariables {
  const parts: ParsedFormula[] = [design.encoding.parsed, ...design.dpars.map((d) => d.encoding.parsed)];
  const groups: string[] = [];
  for (const p of parts) for (const re of p.re) addAll(groups, re.factors.map((f) => f.name));
  const effects: string[][] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    // brms's get_all_effects per part: the population-level terms, then the smooths' variables (s(x, z)
    // and s(x, by = f) as the pair: a factor by's smooths per level, as brms's conditional_effects).
    // mo() terms come between them (brms's get_var_combs(fe, sp, cs, sm, gp)).
    for (const e of [...termEffects(p.fixed), ...(p.monotonic ?? []).flatMap(monotonicEffects), ...(p.smooths ?? []).map((sm) => smoothTermColumns(sm))]) {
      const vars = e.filter((v) => !groups.includes(v));
      const key = vars.join("\u0000");
      if (vars.length === 0 || vars.length > 2 || seen.has(key)) continue;
      seen.add(key);
      effects.push(vars);
    }
  }
  const predictors: string[] = [];
  const factorCalls = new Set<string>();
  for (const p of parts) {
    for (const v of p.fixed.variables) {
      addAll(predictors, nodeColumns(v.node));
      factorCallColumns(v.node, factorCalls);
    }
    for (const sm of p.smooths ?? []) addAll(predictors, smoothTermColumns(sm));
    for (const m of p.monotonic ?? []) addAll(predictors, monotonicColumns(m));
    for (const o of p.offsets) addAll(predictors, nodeColumns(o));
    for (const re of p.re) {
      for (const v of re.part.variables) {
        addAll(predictors, nodeColumns(v.node));
        factorCallColumns(v.node, factorCalls);
      }
    }
  }
  const r = design.encoding.parsed.response;
  const trials = nodeColumns(r?.trials);
  const addition: string[] = [];
  // trunc()'s bound columns too: new rows carry their own bounds (predict/truncated.ts), at their mean as brms's conditional_effects.
  for (const node of [r?.se, r?.weights, r?.cens, r?.truncLower, r?.truncUpper]) addAll(addition, nodeColumns(node));
  const cbind = r?.failures && r.y.kind === "name" && r.failures.kind === "name" ? { successes: r.y.name, failures: r.failures.name } : null;
  return {
    defaultEffects: effects,
    predictors: predictors.filter((v) => !groups.includes(v) && !trials.includes(v)),
    groups,
    trials,
    addition: addition.filter((v) => !predictors.includes(v) && !trials.includes(v)),
    cbind,
    factorCalls,
    intVars: parts.flatMap((p) => (p.monotonic ?? []).flatMap(monotonicCalls)),
  };
}

/** brms's is_like_factor on the data column, plus numeric columns the formula wraps in factor(). */
export function isFactorColumn(data: DataColumns, vars: FormulaVariables, name: string): boolean {
  const c = data.column(name);
  return c?.kind === "text" || vars.factorCalls.has(name);
}
