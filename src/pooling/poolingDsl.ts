/**
 * The pooling comparison for DSL models: `poolingDsl(model, data, options)`. The group-level vector is
 * the parameter declared with `{ pooled: true }` (or named by `options.group`). From the model three
 * are built by re-running its build function with `param` intercepted for that one parameter:
 *   partial pooling  — the model as written (its population distribution, hyperparameters learned);
 *   no pooling       — each element gets `noPoolingPrior` (default flat) instead of the population
 *                      distribution, keeping its bounds;
 *   complete pooling — one scalar `<name>_pooled` with that prior, and `<name>` becomes the derived
 *                      vector whose every element is it (so gathers like `theta.at(group)` still work).
 * Hyperparameters that only fed the population distribution (scalars referenced nowhere else) are
 * left out of the no- and complete-pooling models — a constant stands in for them while the build
 * function runs — so those fits do not sample prior-only (possibly improper) parameters.
 * Estimates are on the parameter's own scale; LOO uses each fit's pointwise log-likelihood (logLikDsl).
 */
import { fit } from "../api/fit.js";
import type { Fit } from "../api/fitResult.js";
import { UserError } from "../errors.js";
import type { Statement } from "../ir/types.js";
import type { Dist, Flat } from "../model/distributions.js";
import { buildModel, model as makeModel, type BuiltModel, type Model, type ModelContext, type ParamOptions } from "../model/model.js";
import { lift, Term } from "../model/term.js";
import { logLikDsl } from "../predict/generated.js";
import type { PointwiseLogLik } from "./logLik.js";
import { poolingLoo } from "./looComparison.js";
import type { PoolingOptions } from "./pooling.js";
import { compareGroups } from "./pooling.js";
import { interval, NAN_INTERVAL, shrinkageFactor } from "./summarise.js";
import { POOLING_MODELS, type Interval, type PoolingGroup, type PoolingLoo, type PoolingModel, type ResponseScale } from "./types.js";

export type PoolingDslOptions = PoolingOptions & {
  /** The group-level vector parameter, when the model does not mark one with `{ pooled: true }`. */
  readonly group?: string;
  /** The prior of each element without pooling, and of the shared value with complete pooling (default flat). */
  readonly noPoolingPrior?: Dist | Flat;
  /** Group labels (default: the factor's levels when the parameter is gathered by one, else 1…J). */
  readonly levels?: readonly string[];
};

/** What poolingDsl found in the model. */
export interface DslPoolingVariants {
  readonly models: Readonly<Record<PoolingModel, Model>>;
  /** The pooled parameter's name and number of elements (groups). */
  readonly parameter: string;
  readonly groups: number;
  /** Hyperparameters left out of the no- and complete-pooling models. */
  readonly dropped: readonly string[];
}

export interface DslPoolingResult {
  readonly groups: readonly PoolingGroup[];
  readonly loo: PoolingLoo | null;
  readonly scale: ResponseScale;
  /** Partial pooling: the average of the group values per draw (the model's population centre is model-specific). */
  readonly population: Interval;
  readonly groupName: string;
  readonly variants: DslPoolingVariants;
  readonly fits: Readonly<Record<PoolingModel, Fit>>;
}

interface ParamCall {
  readonly name: string;
  readonly prior: Dist | Flat | null | undefined;
  readonly options: ParamOptions;
  readonly term: Term;
}

/** Runs the build once, recording every param call. */
function discover(m: Model, data: Readonly<Record<string, unknown>>): { calls: ParamCall[]; built: BuiltModel } {
  const calls: ParamCall[] = [];
  const spy = makeModel(m.name, (ctx) =>
    m.build({
      ...ctx,
      param(name, prior, options = {}) {
        const term = ctx.param(name, prior, options);
        calls.push({ name, prior, options, term });
        return term;
      },
    }),
  );
  return { calls, built: buildModel(spy, data) };
}

/** Every parameter id read anywhere inside an IR value (expressions, statements, transforms). */
function paramIds(x: unknown, out: Set<number>): Set<number> {
  if (Array.isArray(x)) for (const v of x) paramIds(v, out);
  else if (typeof x === "object" && x !== null && !ArrayBuffer.isView(x)) {
    const o = x as Record<string, unknown>;
    if (o.src === "param" && typeof o.id === "number") out.add(o.id);
    for (const v of Object.values(o)) paramIds(v, out);
  }
  return out;
}

/** The parameter a distribution statement is about, or −1. */
function statementSubject(s: Statement): number {
  if (s.kind !== "distribution") return -1;
  const lhs = s.lhs as { op?: string; src?: string; id?: number };
  return lhs.op === "ref" && lhs.src === "param" && typeof lhs.id === "number" ? lhs.id : -1;
}

function pooledCall(calls: readonly ParamCall[], group: string | undefined, modelName: string): ParamCall {
  const vectors = calls.filter((c) => typeof c.options.size === "number");
  if (group !== undefined) {
    const c = calls.find((x) => x.name === group);
    if (!c) throw new UserError(`poolingDsl: model ${modelName} has no parameter named "${group}"; its parameters are ${calls.map((x) => x.name).join(", ")}`);
    if (typeof c.options.size !== "number") throw new UserError(`poolingDsl: "${group}" must be a vector parameter with one element per group (size: J)`);
    return c;
  }
  const marked = calls.filter((c) => c.options.pooled === true);
  if (marked.length === 1) return marked[0];
  if (marked.length > 1) throw new UserError(`poolingDsl: more than one parameter is marked pooled (${marked.map((c) => c.name).join(", ")}); mark one`);
  throw new UserError(
    `poolingDsl: mark the group-level parameter with { pooled: true } in model ${modelName}, or pass group: "<name>"; its vector parameters are ${vectors.map((c) => c.name).join(", ") || "none"}`,
  );
}

export function poolingDslVariants(m: Model, data: Readonly<Record<string, unknown>>, options: Pick<PoolingDslOptions, "group" | "noPoolingPrior"> = {}): DslPoolingVariants & { readonly built: BuiltModel } {
  const { calls, built } = discover(m, data);
  const pooled = pooledCall(calls, options.group, m.name);
  if (pooled.options.constraint !== undefined || pooled.options.choleskyCorr !== undefined) {
    throw new UserError(`poolingDsl: "${pooled.name}" has a ${pooled.options.constraint ?? "Cholesky"} constraint; the pooled parameter must be a plain vector (bounds allowed)`);
  }
  const J = pooled.options.size as number;
  const pooledId = (pooled.term.ref as { id: number }).id;
  const idOf = new Map(calls.map((c) => [c.name, c.term.ref?.id ?? -1]));
  // Hyperparameters: parameters read by the pooled parameter's prior statement or transform.
  const fromPrior = new Set<number>();
  const program = built.program;
  for (const s of program.statements) if (statementSubject(s) === pooledId) paramIds(s, fromPrior);
  paramIds(program.params[pooledId].transform, fromPrior);
  fromPrior.delete(pooledId);
  // …droppable when scalar and read by nothing else (other than their own prior statements).
  const elsewhere = new Set<number>();
  for (const s of program.statements) {
    const subject = statementSubject(s);
    if (subject === pooledId || (subject >= 0 && fromPrior.has(subject))) continue;
    paramIds(s, elsewhere);
  }
  program.params.forEach((p, id) => id !== pooledId && paramIds(p.transform, elsewhere));
  paramIds(program.tparams, elsewhere);
  paramIds(program.generated ?? [], elsewhere);
  const dropped = calls.filter((c) => {
    const id = idOf.get(c.name) ?? -1;
    return fromPrior.has(id) && !elsewhere.has(id) && c.term.length === 0 && c.options.size === undefined;
  });
  const droppedNames = new Set(dropped.map((c) => c.name));
  const prior = options.noPoolingPrior ?? null;

  const variant = (kind: "no_pooling" | "complete_pooling"): Model =>
    makeModel(`${m.name} (${kind.replace("_", " ")})`, (ctx: ModelContext) =>
      m.build({
        ...ctx,
        param(name, p, opts = {}) {
          // A stand-in inside the (discarded) population prior: in-bounds for any lower/upper.
          if (droppedNames.has(name)) return lift(inBounds(opts), `param "${name}"`);
          if (name !== pooled.name) return ctx.param(name, p, opts);
          const bounds = { ...(opts.lower !== undefined ? { lower: opts.lower } : {}), ...(opts.upper !== undefined ? { upper: opts.upper } : {}) };
          if (kind === "no_pooling") return ctx.param(name, prior, { size: J, ...bounds });
          const shared = ctx.param(`${name}_pooled`, prior, bounds);
          // A J-vector whose every element reads the scalar: scalars broadcast in elementwise IR.
          return ctx.derived(name, new Term(shared.expr, J, "real"));
        },
      }),
    );
  return {
    models: { no_pooling: variant("no_pooling"), complete_pooling: variant("complete_pooling"), partial_pooling: m },
    parameter: pooled.name,
    groups: J,
    dropped: dropped.map((c) => c.name),
    built,
  };
}

function inBounds(o: ParamOptions): number {
  if (o.lower !== undefined && o.upper !== undefined) return (o.lower + o.upper) / 2;
  if (o.lower !== undefined) return o.lower + 1;
  if (o.upper !== undefined) return o.upper - 1;
  return 1;
}

/**
 * Observations per group: counted from the group index that gathers the pooled parameter in the
 * first observe statement that reads it, or 1 each when that statement reads it elementwise (one
 * observation per group); NaN when neither can be told.
 */
export function dslGroupSizes(built: BuiltModel, pooledId: number, J: number): { n: Float64Array; levels: readonly string[] | null } {
  for (const o of built.observed) {
    const s = built.program.statements[o.statement];
    if (!paramIds(s, new Set()).has(pooledId)) continue;
    const gathers: number[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (typeof x === "object" && x !== null && !ArrayBuffer.isView(x)) {
        const e = x as Record<string, unknown>;
        if (e.op === "gather" && e.src === "param" && e.id === pooledId && typeof e.by === "number") gathers.push(e.by);
        Object.values(e).forEach(walk);
      }
    };
    walk(s);
    if (gathers.length > 0) {
      const codes = built.data[gathers[0]];
      const n = new Float64Array(J);
      for (let i = 0; i < codes.length; i++) n[codes[i] - 1]++;
      return { n, levels: built.levels.get(gathers[0]) ?? null };
    }
    if (o.n === J) return { n: new Float64Array(J).fill(1), levels: null };
  }
  return { n: new Float64Array(J).fill(NaN), levels: null };
}

export async function poolingDsl(m: Model, data: Readonly<Record<string, unknown>>, options: PoolingDslOptions = {}): Promise<DslPoolingResult> {
  const { loo: wantLoo = true, group, noPoolingPrior, levels: givenLevels, ...fitOptions } = options;
  for (const key of ["generated", "init"]) {
    if (key in options) throw new UserError(`poolingDsl: option ${key} is not supported here; valid options are the fit options, loo, group, noPoolingPrior and levels`);
  }
  const v = poolingDslVariants(m, data, { group, noPoolingPrior });
  const J = v.groups;
  const pooledId = v.built.program.params.findIndex((p) => p.name === v.parameter);
  const sizes = dslGroupSizes(v.built, pooledId, J);
  const levels = givenLevels ?? sizes.levels ?? Array.from({ length: J }, (_, j) => String(j + 1));
  if (levels.length !== J) throw new UserError(`poolingDsl: levels has ${levels.length} labels for ${J} groups of "${v.parameter}"`);

  const fits = {} as Record<PoolingModel, Fit>;
  for (const k of POOLING_MODELS) fits[k] = await fit(v.models[k], data, fitOptions);
  const column = (k: PoolingModel, j: number) => fits[k].get(`${v.parameter}[${j + 1}]`);

  const groups: PoolingGroup[] = levels.map((level, j) => {
    const no = sizes.n[j] === 0 ? NAN_INTERVAL : interval(column("no_pooling", j));
    const complete = interval(column("complete_pooling", j));
    const partial = interval(column("partial_pooling", j));
    return { group: level, n: sizes.n[j], no_pooling: no, complete_pooling: complete, partial_pooling: partial, shrinkage: shrinkageFactor(no, complete, partial) };
  });
  groups.sort(compareGroups);

  const partialDraws = Array.from({ length: J }, (_, j) => column("partial_pooling", j));
  const average = new Float64Array(partialDraws[0].length);
  for (const d of partialDraws) for (let s = 0; s < average.length; s++) average[s] += d[s] / J;

  let loo: PoolingLoo | null = null;
  if (wantLoo) {
    const ll = Object.fromEntries(POOLING_MODELS.map((k) => [k, logLikDsl(fits[k])])) as Record<PoolingModel, PointwiseLogLik>;
    loo = poolingLoo(ll);
  }
  return {
    groups,
    loo,
    scale: { kind: "mean", description: `the group's value of ${v.parameter} (on the parameter's own scale)` },
    population: interval(average),
    groupName: v.parameter,
    variants: { models: v.models, parameter: v.parameter, groups: J, dropped: v.dropped },
    fits,
  };
}
