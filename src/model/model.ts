/**
 * The modelling DSL: `model(name, build)` records a build function; `buildModel(m, data)` runs it
 * against one data set and produces the core IR program and its data arrays.
 *
 * The three levels of a hierarchical model read directly in a build function:
 *   hyperprior level — `param("alpha", exponential(1))`
 *   process level    — `param("lambda", gamma(alpha, beta), { size: J })`
 *   data level       — `observe(n, poisson(lambda.mul(t)))`
 */
import { ORDINAL_FAMILIES } from "../ir/families.js";
import { UserError } from "../errors.js";
import type { Expr, Generated, ParamBlock, ParamShape, Program, ProgramData, Statement, TransformSpec, TransformedParam } from "../ir/types.js";
import { DataDeclarer } from "./data.js";
import { LOCATION_SCALE, isFlat, requireDist, type Dist, type Flat } from "./distributions.js";
import { broadcastLength, isTerm, lift, Term, type Operand } from "./term.js";

export interface ParamOptions {
  /** A vector with this many elements (e.g. one per group), or a matrix `[rows, cols]` (row-major). */
  readonly size?: number | readonly [number, number];
  readonly lower?: number;
  readonly upper?: number;
  /**
   * Non-centre a location–scale prior: the sampler moves z ~ prior(0, 1) and the model sees
   * loc + scale·z (Stan's offset/multiplier). Removes the funnel of sparse groups.
   */
  readonly noncentered?: boolean;
  /** The Cholesky factor of a K × K correlation matrix (prior: `lkjCorrCholesky(eta)`). */
  readonly choleskyCorr?: number;
  /**
   * A constrained vector (needs `size`): `"ordered"` (increasing), `"positiveOrdered"`, or
   * `"simplex"` (non-negative, sums to 1; prior e.g. `dirichlet(alpha)`).
   */
  readonly constraint?: "ordered" | "positiveOrdered" | "simplex";
  /**
   * Marks the group-level vector (one element per group) that `poolingDsl` compares without pooling
   * (each element on its own) and with complete pooling (one shared value). No effect on this model.
   */
  readonly pooled?: boolean;
}

const VECTOR_CONSTRAINTS = ["ordered", "positiveOrdered", "simplex"] as const;

export interface ModelContext {
  readonly data: DataDeclarer;
  /** Declares a parameter with its prior (omit or `flat()` for an improper flat prior). */
  param(name: string, prior?: Dist | Flat | null, options?: ParamOptions): Term;
  /** The likelihood: data `y` (one value per element) follows `dist`, elementwise. */
  observe(y: Term, dist: Dist): void;
  /** An extra sampling statement on any term (no Jacobian is added for non-linear terms). */
  sample(x: Term, dist: Dist): void;
  /** Adds a term to the log density directly (its sum, if a vector). */
  target(term: Operand): void;
  /** A named deterministic quantity, reported in the output; can be indexed by group with `at`. */
  derived(name: string, term: Term): Term;
}

export interface Model {
  readonly name: string;
  readonly build: (ctx: ModelContext) => void;
}

export interface ObservedInfo {
  readonly name: string;
  readonly statement: number;
  readonly family: string;
  readonly n: number;
}

export interface BuiltModel {
  readonly name: string;
  readonly program: Program;
  readonly data: ProgramData;
  /** Factor level labels by data slot id. */
  readonly levels: ReadonlyMap<number, readonly string[]>;
  readonly observed: readonly ObservedInfo[];
}

export function model(name: string, build: (ctx: ModelContext) => void): Model {
  if (typeof name !== "string" || name.length === 0) throw new UserError("model: give the model a non-empty name");
  if (typeof build !== "function") throw new UserError("model: the second argument must be the build function");
  return Object.freeze({ name, build });
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export function buildModel(m: Model, data: Readonly<Record<string, unknown>>): BuiltModel {
  if (typeof data !== "object" || data === null) throw new UserError(`model ${m.name}: data must be an object of named fields`);
  const declarer = new DataDeclarer(data);
  const params: ParamBlock[] = [];
  const tparams: TransformedParam[] = [];
  const statements: Statement[] = [];
  const observed: ObservedInfo[] = [];
  const names = new Set<string>();

  const claim = (kind: string, name: string) => {
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new UserError(`${kind}: ${JSON.stringify(name)} is not a valid name (letters, digits, _ and ., not starting with a digit)`);
    }
    if (names.has(name)) throw new UserError(`${kind}: the name "${name}" is already used in model ${m.name}`);
    names.add(name);
  };

  const distStatement = (where: string, lhs: Term, d: Dist): Statement => {
    const args = d.args;
    if (ORDINAL_FAMILIES.includes(d.family)) {
      // The cutpoints are one whole vector shared by every row, not an elementwise argument.
      const [eta, cut] = args;
      if (cut.ref === null || cut.expr.op !== "ref" || cut.length < 1) {
        throw new UserError(`${where}: the cutpoints of ${d.family} must be a named vector (an ordered parameter, data or a derived quantity)`);
      }
      const n = broadcastLength(where, [lhs, eta]);
      return { kind: "distribution", family: d.family, n: Math.max(n, 1), lhs: lhs.expr, args: [eta.expr, cut.expr] };
    }
    const n = broadcastLength(where, [lhs, ...args]);
    if (lhs.length === 0 && n > 0) {
      throw new UserError(`${where}: a scalar cannot follow a distribution whose arguments are vectors of length ${n}`);
    }
    return { kind: "distribution", family: d.family, n: Math.max(n, 1), lhs: lhs.expr, args: args.map((a) => a.expr) };
  };

  /** A distribution statement; the multivariate normal reads whole named arrays row by row. */
  const pushStatement = (where: string, lhs: Term, d: Dist): void => {
    if (d.family !== "multi_normal_cholesky") {
      // The IR reads a matrix through rows: a univariate distribution on a matrix is one statement per row.
      if (lhs.dims !== null && lhs.ref !== null) {
        for (let r = 0; r < lhs.dims[0]; r++) statements.push(distStatement(`${where} row ${r + 1}`, lhs.row(r), d));
      } else statements.push(distStatement(where, lhs, d));
      return;
    }
    const [mu, L, scale] = d.args;
    const named = (t: Term, what: string) => {
      if (t.ref === null) throw new UserError(`${where}: multiNormalCholesky's ${what} must be a named parameter, data or derived quantity`);
      return { src: t.ref.src, id: t.ref.id };
    };
    const k = L.dims !== null ? L.dims[1] : Math.round(Math.sqrt(L.length));
    if (k * k !== L.length) throw new UserError(`${where}: multiNormalCholesky's L must be a K × K matrix`);
    const n = lhs.dims !== null ? lhs.dims[0] : 1;
    const rowLength = lhs.dims !== null ? lhs.dims[1] : lhs.length;
    if (rowLength !== k) throw new UserError(`${where}: rows of length ${rowLength} against a ${k} × ${k} L`);
    if (scale !== undefined && scale.length !== k) throw new UserError(`${where}: multiNormalCholesky's scale has length ${scale.length}, L is ${k} × ${k}`);
    const isZero = mu.expr.op === "const" && mu.expr.value === 0;
    if (!isZero && mu.length !== k && mu.length !== n * k) throw new UserError(`${where}: multiNormalCholesky's mu has length ${mu.length}; give ${k} values or ${n * k}`);
    statements.push({
      kind: "multiNormalCholesky",
      n,
      k,
      y: named(lhs, "outcome"),
      ...(isZero ? {} : { mu: named(mu, "mu") }),
      L: named(L, "L"),
      ...(scale !== undefined ? { scale: named(scale, "scale") } : {}),
    });
  };

  const ctx: ModelContext = {
    data: declarer,

    param(name, prior, options = {}) {
      claim("param", name);
      const dims = Array.isArray(options.size) ? (options.size as readonly [number, number]) : null;
      if (dims !== null && (dims.length !== 2 || !dims.every((d) => Number.isInteger(d) && d >= 1))) {
        throw new UserError(`param "${name}": a matrix size is [rows, cols] of positive integers, got [${dims.join(", ")}]`);
      }
      const size = dims !== null ? dims[0] * dims[1] : (options.size as number | undefined);
      if (size !== undefined && (!Number.isInteger(size) || size < 1)) {
        throw new UserError(`param "${name}": size must be a positive integer, got ${size}`);
      }
      if (options.pooled !== undefined && (typeof options.pooled !== "boolean" || (options.pooled && (size === undefined || dims !== null)))) {
        throw new UserError(`param "${name}": pooled marks a group-level vector (give size: number of groups), got pooled ${JSON.stringify(options.pooled)}${size === undefined ? " on a scalar" : ""}`);
      }
      let shape: ParamShape = size === undefined ? { kind: "scalar" } : dims !== null ? { kind: "matrix", rows: dims[0], cols: dims[1] } : { kind: "vector", n: size };
      let transform: TransformSpec = boundsTransform(name, options);
      const id = params.length;
      const length = size ?? 0;

      if (options.choleskyCorr !== undefined) {
        const k = options.choleskyCorr;
        if (!Number.isInteger(k) || k < 2) throw new UserError(`param "${name}": choleskyCorr must be an integer ≥ 2, got ${k}`);
        shape = { kind: "choleskyCorr", k };
        transform = { kind: "choleskyCorr" };
        params.push({ name, shape, transform });
        if (!isFlat(prior)) {
          const d = requireDist(`param "${name}"`, prior);
          if (d.family !== "lkj_corr_cholesky") throw new UserError(`param "${name}": a Cholesky correlation factor takes an lkjCorrCholesky(eta) prior`);
          statements.push({ kind: "lkjCorrCholesky", param: id, eta: d.args[0].expr });
        }
        return new Term({ op: "ref", src: "param", id }, k * k, "real", { src: "param", id, name, columns: declarer }, null, true, [k, k]);
      }

      if (options.constraint !== undefined) {
        if (!(VECTOR_CONSTRAINTS as readonly string[]).includes(options.constraint)) {
          throw new UserError(`param "${name}": constraint must be one of ${VECTOR_CONSTRAINTS.join(", ")}, got ${JSON.stringify(options.constraint)}`);
        }
        if (size === undefined || size < 2) throw new UserError(`param "${name}": a ${options.constraint} parameter needs size ≥ 2`);
        if (options.lower !== undefined || options.upper !== undefined || options.noncentered) {
          throw new UserError(`param "${name}": ${options.constraint} cannot be combined with bounds or noncentered`);
        }
        transform = { kind: options.constraint };
        params.push({ name, shape, transform });
        const term = new Term({ op: "ref", src: "param", id }, length, "real", { src: "param", id, name });
        if (!isFlat(prior)) {
          const d = requireDist(`param "${name}"`, prior);
          if (d.family === "dirichlet") {
            const alpha = d.args[0];
            if (alpha.length !== 0 && alpha.length !== length) throw new UserError(`param "${name}": dirichlet's alpha has length ${alpha.length}, the simplex ${length}`);
            statements.push({ kind: "dirichlet", k: length, y: term.expr, alpha: alpha.expr });
          } else statements.push(distStatement(`param "${name}"`, term, d));
        }
        return term;
      }

      if (options.noncentered) {
        const d = isFlat(prior) ? null : requireDist(`param "${name}"`, prior);
        const ls = d ? LOCATION_SCALE[d.family] : undefined;
        if (!d || !ls) {
          throw new UserError(`param "${name}": noncentered needs a location–scale prior (normal, student_t, cauchy, logistic, double_exponential)`);
        }
        if (options.lower !== undefined || options.upper !== undefined) {
          throw new UserError(`param "${name}": noncentered cannot be combined with bounds`);
        }
        const loc = d.args[ls.loc];
        const scale = d.args[ls.scale];
        for (const t of [loc, scale]) {
          if (t.length !== 0 && t.length !== length) {
            throw new UserError(`param "${name}": prior arguments have length ${t.length}, the parameter ${length}`);
          }
        }
        transform = { kind: "offsetMultiplier", offset: loc.expr, multiplier: scale.expr };
      }
      params.push({ name, shape, transform });
      const ref = dims !== null ? { src: "param" as const, id, name, columns: declarer } : { src: "param" as const, id, name };
      const term = new Term({ op: "ref", src: "param", id }, length, "real", ref, null, dims !== null, dims);
      if (!isFlat(prior)) pushStatement(`param "${name}"`, term, requireDist(`param "${name}"`, prior));
      return term;
    },

    observe(y, d) {
      if (!isTerm(y) || y.ref === null || y.ref.src !== "data") {
        throw new UserError(`observe: the first argument must be data declared with data.reals/ints(...)`);
      }
      const dist = requireDist(`observe ${y.ref.name}`, d);
      pushStatement(`observe ${y.ref.name}`, y, dist);
      observed.push({ name: y.ref.name, statement: statements.length - 1, family: dist.family, n: Math.max(y.length, 1) });
    },

    sample(x, d) {
      pushStatement("sample", lift(x, "sample"), requireDist("sample", d));
    },

    target(term) {
      const t = lift(term, "target");
      statements.push({ kind: "target", n: Math.max(t.length, 1), expr: t.expr });
    },

    derived(name, term) {
      claim("derived", name);
      const t = lift(term, `derived "${name}"`);
      tparams.push({ name, n: t.length, expr: t.expr });
      const id = tparams.length - 1;
      return new Term({ op: "ref", src: "tparam", id }, t.length, "real", { src: "tparam", id, name });
    },
  };

  m.build(ctx);
  if (params.length === 0) throw new UserError(`model ${m.name}: declares no parameters`);

  const generated: Generated[] = [];
  const single = observed.length === 1;
  for (const o of observed) {
    const st = statements[o.statement] as Extract<Statement, { kind: "distribution" }>;
    generated.push({ kind: "rng", name: `${o.name}_rep`, family: st.family, n: st.n, args: st.args as Expr[] });
    generated.push({ kind: "logLik", name: single ? "log_lik" : `log_lik_${o.name}`, statement: o.statement });
  }

  return {
    name: m.name,
    program: { data: declarer.slots, params, tparams, statements, generated },
    data: declarer.values,
    levels: declarer.levels,
    observed,
  };
}

function boundsTransform(name: string, o: ParamOptions): TransformSpec {
  const { lower, upper } = o;
  for (const [k, v] of [["lower", lower], ["upper", upper]] as const) {
    if (v !== undefined && (typeof v !== "number" || Number.isNaN(v))) throw new UserError(`param "${name}": ${k} must be a number, got ${v}`);
  }
  if (lower !== undefined && upper !== undefined) {
    if (!(lower < upper)) throw new UserError(`param "${name}": lower (${lower}) must be below upper (${upper})`);
    return { kind: "interval", lb: lower, ub: upper };
  }
  if (lower !== undefined) return { kind: "lower", lb: lower };
  if (upper !== undefined) return { kind: "upper", ub: upper };
  return { kind: "identity" };
}
