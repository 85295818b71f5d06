/**
 * A multivariate formula + data → one design, prior set and GlmmSpec per response (each exactly the
 * univariate model of that response, so names, default priors and encodings are shared), the blocks of
 * `(… | ID | g)` terms correlated across responses, and the residual correlation's prior.
 */
import { UserError } from "../errors.js";
import type { GlmmSpec, PriorSpec } from "../glmm/types.js";
import type { GlmmMultivariate, MvBlock } from "../glmm/multivariateIr.js";
import { buildDesign, type FormulaDesign } from "./design.js";
import type { FormulaData } from "./data.js";
import { inUserFormula, splitMultivariateFormula, type MultivariateFormula } from "./multivariate.js";
import { keyedPrior } from "./priorParse.js";
import { resolvePriors, type DesignPriors, type PriorRow } from "./priors.js";
import { toGlmmSpec } from "./toGlmm.js";

/** Families a response of a multivariate model may have (their likelihoods have no extra parts to share). */
export const MV_FAMILIES = ["gaussian", "poisson", "bernoulli"] as const;

export interface MultivariateDesign {
  readonly formula: MultivariateFormula;
  readonly designs: readonly FormulaDesign[];
  readonly priors: readonly DesignPriors[];
  readonly specs: readonly GlmmSpec[];
  readonly model: GlmmMultivariate;
  /** What the user should know (brms 2.18's note when rescor was not said). */
  readonly messages: readonly string[];
}

/** A `cor ~ lkj(eta)` / `cor[g] ~ …` statement: for a response's own correlated terms and for `| ID |` blocks. */
export interface CorStatement {
  readonly text: string;
  readonly group: string | null;
  readonly eta: number;
  /** The response it names with resp =, or null for all. */
  readonly k: number | null;
}

/**
 * brms's `resp = y1` on a prior statement routes it to that response; a statement without `resp` applies
 * to every response (brms: a class-wide prior). `lkj(eta), class = rescor` and `rescor ~ lkj(eta)` are the
 * residual correlation's.
 */
export function splitPriorsByResponse(statements: readonly string[], names: readonly string[]): { perResponse: string[][]; rescor: PriorSpec | null; cors: CorStatement[] } {
  const perResponse = names.map(() => [] as string[]);
  const cors: CorStatement[] = [];
  let rescor: PriorSpec | null = null;
  for (const s of statements) {
    const keyed = /^\s*(.*?),\s*class\s*=\s*["']?rescor["']?\s*$/.exec(s);
    const tilde = /^\s*rescor\s*~\s*(.*)$/.exec(s);
    if (keyed || tilde) {
      const dist = ((keyed ?? tilde) as RegExpExecArray)[1].trim();
      const m = /^lkj\s*\(\s*([0-9.eE+-]+)\s*\)$/.exec(dist);
      const eta = m ? Number(m[1]) : NaN;
      if (!(eta > 0)) throw new UserError(`prior '${s}': the residual correlation (class rescor) takes lkj(eta) with eta > 0, got '${dist}'`);
      rescor = { family: "lkj", args: [eta] };
      continue;
    }
    const resp = /,\s*resp\s*=\s*["']?([A-Za-z0-9_.]+)["']?/.exec(s);
    const plain = keyedToTilde(resp ? s.slice(0, resp.index) + s.slice(resp.index + resp[0].length) : s);
    const cor = /^\s*cor\s*(?:\[\s*([^\]\s]+)\s*\])?\s*~\s*lkj\s*\(\s*([0-9.eE+-]+)\s*\)\s*$/.exec(plain);
    if (cor) {
      const k = resp ? names.indexOf(resp[1]) : null;
      if (k !== null && k < 0) throw new UserError(`prior '${s}': there is no response ${resp?.[1]} (the responses: ${names.join(", ")})`);
      const eta = Number(cor[2]);
      if (!(eta > 0)) throw new UserError(`prior '${s}': lkj takes eta > 0, got ${cor[2]}`);
      cors.push({ text: plain, group: cor[1] ?? null, eta, k });
      continue;
    }
    if (!resp) {
      perResponse.forEach((list) => list.push(keyedToTilde(s)));
      continue;
    }
    const k = names.indexOf(resp[1]);
    if (k < 0) throw new UserError(`prior '${s}': there is no response ${resp[1]} (the responses: ${names.join(", ")})`);
    perResponse[k].push(keyedToTilde(s.slice(0, resp.index) + s.slice(resp.index + resp[0].length)));
  }
  return { perResponse, rescor, cors };
}

/**
 * brms's keyed form `normal(0, 1), class = b, coef = x` (resp already taken out) in the `~` spelling the
 * univariate resolver reads: `b[x] ~ normal(0, 1)`, `sd[g, x] ~ …`, `sigma ~ …`. Other text passes unchanged.
 */
export function keyedToTilde(s: string): string {
  return keyedPrior(s) ?? s;
}

function refuseParts(d: FormulaDesign, text: string): void {
  const what =
    d.dpars.length > 0 ? "distributional parts" :
    d.smooths ? "s() terms" :
    d.monotonic ? "mo() terms" :
    d.offset ? "offsets" :
    d.response.se ? "se()" :
    d.response.weights ? "weights()" :
    d.response.cens ? "cens()" :
    d.response.truncLower || d.response.truncUpper ? "trunc()" :
    d.nonlinear ? "non-linear formulas" :
    d.groups.some((g) => g.cov) ? "gr(g, cov = …)" : null;
  if (what) throw new UserError(`formula: '${text}': ${what} in a multivariate model are not supported yet`);
}

export function buildMultivariateDesign(formula: string, data: FormulaData, options: { family?: string; priors?: readonly string[] } = {}): MultivariateDesign {
  const mv = splitMultivariateFormula(formula);
  const names = mv.responses.map((r) => r.name);
  const families = mv.responses.map((r) => r.family ?? options.family ?? "gaussian");
  families.forEach((f, k) => {
    if (!(MV_FAMILIES as readonly string[]).includes(f)) throw new UserError(`family of response ${names[k]}: a multivariate model's responses may be ${MV_FAMILIES.join(", ")}, got '${f}'`);
  });
  const allGaussian = families.every((f) => f === "gaussian");
  // brms 2.18: rescor = NULL means TRUE when every response is gaussian (or student), and TRUE is refused otherwise.
  const rescor = mv.rescor ?? allGaussian;
  if (rescor && !allGaussian) throw new UserError("formula: residual correlations (set_rescor(TRUE)) are only possible when every response is gaussian; write set_rescor(FALSE)");
  const designs = mv.responses.map((r, k) => {
    let d;
    try {
      d = buildDesign(r.formula, data, { family: families[k] });
    } catch (e) {
      throw inUserFormula(e, r, formula);
    }
    refuseParts(d, r.text);
    if (d.groups.length !== r.ids.length) throw new UserError(`formula: '${r.text}': its group terms could not be matched to their IDs; write each as (… | ID | g) or (… | g)`);
    return d;
  });
  const rows = designs[0].rows;
  designs.forEach((d, k) => {
    if (d.rows.length !== rows.length || d.rows.some((v, i) => v !== rows[i])) {
      throw new UserError(`data: the responses keep different rows (${names[0]}: ${rows.length}, ${names[k]}: ${d.rows.length}) because of missing values; remove the rows with a missing value in any variable of the model first`);
    }
  });
  const { perResponse, rescor: rescorPrior, cors } = splitPriorsByResponse(options.priors ?? [], names);
  // cor statements reach a response only where it has correlated terms of its own (the univariate resolver
  // refuses them otherwise); `| ID |` blocks take theirs below.
  const ownCor = (k: number, g: string | null): boolean => designs[k].groups.some((d, gi) => d.correlated && d.terms.length > 1 && mv.responses[k].ids[gi] === null && (g === null || d.group === g));
  cors.forEach((c) => designs.forEach((_, k) => {
    if ((c.k === null || c.k === k) && ownCor(k, c.group)) perResponse[k].push(c.text);
  }));
  if (rescorPrior && !rescor) throw new UserError("prior on rescor: the model has no residual correlation (set_rescor(FALSE) or non-gaussian responses)");
  const priors = designs.map((d, k) => resolvePriors(d, perResponse[k]));
  const specs = designs.map((d, k) => toGlmmSpec(d, priors[k]));
  // (… | ID | g) with the same ID and group in two or more responses: one block; alone it is an ordinary term.
  const byKey = new Map<string, { members: { k: number; gi: number }[] }>();
  mv.responses.forEach((r, k) =>
    r.ids.forEach((id, gi) => {
      if (id === null) return;
      const key = `${id}\u0000${designs[k].groups[gi].group}`;
      const b = byKey.get(key) ?? { members: [] };
      if (b.members.some((m) => m.k === k)) throw new UserError(`formula: '${r.text}' has two group terms '| ${id} | ${designs[k].groups[gi].group}'; give each effect once`);
      b.members.push({ k, gi });
      byKey.set(key, b);
    }),
  );
  const blocks: MvBlock[] = [...byKey.values()]
    .filter((b) => b.members.length >= 2)
    .map((b) => {
      const group = designs[b.members[0].k].groups[b.members[0].gi].group;
      // Most specific wins, as for univariate priors: cor[g] over cor.
      const c = cors.find((x) => x.group === group && x.k === null) ?? cors.find((x) => x.group === null && x.k === null);
      return c ? { ...b, corPrior: { family: "lkj", args: [c.eta] } } : b;
    });
  for (const c of cors) {
    const used = blocks.some((b) => c.k === null && (c.group === null || designs[b.members[0].k].groups[b.members[0].gi].group === c.group)) || designs.some((_, k) => (c.k === null || c.k === k) && ownCor(k, c.group));
    if (!used) throw new UserError(`prior ${c.text}: no group term has correlated effects${c.group ? ` for ${c.group}` : ""} (it needs (1 + x | g), or (1 | ID | g) in two responses)`);
  }
  for (const b of blocks) {
    const lv = specs[b.members[0].k].groups[b.members[0].gi].levels.join("\u0000");
    for (const m of b.members) if (specs[m.k].groups[m.gi].levels.join("\u0000") !== lv) throw new Error("buildMultivariateDesign: a block's members have different levels");
  }
  const model: GlmmMultivariate = { names, specs, blocks, rescor, rescorPrior: rescorPrior ?? { family: "lkj", args: [1] } };
  // brms 2.18 says so too, and warns that a future version will default to FALSE.
  const messages = mv.rescor === null && rescor ? ["rescor: residual correlations are estimated by default for gaussian responses (brms 2.18's default); write + set_rescor(FALSE) to leave them out, or + set_rescor(TRUE) to say so"] : [];
  return { formula: mv, designs, priors, specs, model, messages };
}

/** `hbayes priors` of a multivariate model: each response's rows with brms's `resp`, then the `| ID |` blocks' cor and rescor. */
export function multivariatePriorTable(mv: MultivariateDesign, statements: readonly string[] = []): (PriorRow & { readonly resp: string })[] {
  const rows: (PriorRow & { readonly resp: string })[] = [];
  mv.model.blocks.forEach((b) => {
    const group = mv.designs[b.members[0].k].groups[b.members[0].gi].group;
    // A block has its own corPrior only when a cor statement gave one.
    const eta = b.corPrior ? (b.corPrior as { args: readonly number[] }).args[0] : 1;
    rows.push({ prior: `lkj(${eta})`, class: "cor", coef: "", group, resp: "", source: b.corPrior ? "user" : "default" });
  });
  if (mv.model.rescor) {
    const eta = (mv.model.rescorPrior as { args: readonly number[] }).args[0];
    rows.push({ prior: `lkj(${eta})`, class: "rescor", coef: "", group: "", resp: "", source: splitPriorsByResponse(statements, mv.model.names).rescor ? "user" : "default" });
  }
  mv.priors.forEach((p, k) => {
    for (const r of p.table) rows.push({ ...r, resp: mv.model.names[k] });
  });
  return rows;
}
