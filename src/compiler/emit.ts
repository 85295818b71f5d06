/**
 * IR → JS AST for the fused log density + gradient. Reverse mode is done symbolically per element:
 * each statement is one loop whose body evaluates the expressions forward, calls the family template,
 * and pushes adjoints back through the same expressions. Loop-invariant nodes (scalar parameters, a
 * hoisted log(sigma)) are computed before the loop; their adjoints are summed in locals inside it and
 * pushed back once after it. Gathers become scatter-adds. Transforms run first, their chain rule last.
 */
import { UserError } from "../errors.js";
import type { ArrayRef, Expr, Program, ProgramData, Source, Statement, TransformSpec, UnaryFn } from "../ir/types.js";
import { boundValues, isDataOnly, sourceDims } from "../ir/validate.js";
import { evalExpr, type Env } from "./evaluate.js";
import { TEMPLATES, type Operand, type TemplateCtx } from "./families.js";
import { CENSORED_TEMPLATES } from "./censoredFamilies.js";
import { TRUNC_SUPPORT, TRUNCATED_FAMILIES } from "../distributions/truncated.js";
import { DRAWS } from "./draws.js";
import { emitMultiNormal, emitMultiNormalPointwise, emitMultiNormalRng } from "./emitMultiNormal.js";
import { emitNormalNormalMarginal } from "./emitMarginal.js";
import { emitPoissonGammaMarginal } from "./emitPoissonGamma.js";
import { emitBetaBinomialMarginal } from "./emitBetaBinomial.js";
import { emitNormalLinearMarginal } from "./emitNormalLinear.js";
import { emitOrdinal, emitOrdinalRng } from "./emitOrdinal.js";
import { emitCategorical, emitCategoricalRng } from "./emitCategorical.js";
import { CATEGORICAL_FAMILIES, ORDINAL_FAMILIES } from "../ir/families.js";
import { VECTOR_TRANSFORMS } from "./runtime.js";
import { lgamma } from "../math/lgamma.js";
import { conditionalSize as marginalConditionalSize, emitMarginalConditional, isMarginalStatement } from "./emitConditional.js";
import {
  add, assign, bin, call, comment, cond, constS, div, forS, id, idx, ifS, type JsExpr, type JsStmt, letS, mathCall, mul, neg, num,
  positiveFinite, rejectUnless, sub,
} from "./js.js";
import type { Layout } from "./layout.js";

/** A loop being emitted (exported for the statement emitters in sibling files). */
export interface Loop {
  i: JsExpr;
  n: number;
  /** A single element: no loop is emitted and nothing is hoisted. */
  flat: boolean;
  pre: JsStmt[];
  body: JsStmt[];
  back: JsStmt[];
  post: JsStmt[];
  invRoots: Node[];
}

/** An expression's forward value and what its adjoint flows back to. */
export interface Node {
  e: Expr;
  v: JsExpr;
  inv: boolean;
  dep: boolean;
  kids: Node[];
  /** Where a leaf's adjoint goes. */
  target?: JsExpr | null;
  /** Accumulated adjoint of a loop-invariant node inside a loop. */
  acc?: JsExpr;
  /** dotRow: the row base and the vector's element values. */
  row?: JsExpr;
  elems?: JsExpr[];
}

export interface Emitted {
  /** Body of `logDensityGradient(theta, grad)`. */
  logDensity: JsStmt[];
  /** Body of `constrain(theta, out)`. */
  constrain: JsStmt[];
  /** Body of `generate(rng, theta, out)`: log_lik and posterior-predictive draws. */
  generate: JsStmt[];
  /**
   * Body of `conditionals(theta, out)` when the program has marginal statements (null otherwise): what
   * constrain writes, then each statement's exact conditionals of its integrated-out group parameters
   * (emitConditional.ts) in statement order; `conditionalSize` values in all.
   */
  conditional: JsStmt[] | null;
  conditionalSize: number;
  /** Why `generate` could not be compiled (an unsupported draw), if it could not. */
  generateError?: UserError;
  /** Constant arrays filled at compile time (per-element data terms of log_lik), by identifier. */
  extraBuffers: { name: string; value: Float64Array }[];
  /** The scratch arrays the generated functions close over (X, GX, T_k, GT_k), in argument order. */
  buffers: { name: string; length: number }[];
}

const NEG_INF = num(-Infinity);

export class Emitter {
  private counter = 0;
  private constant = 0;
  private readonly extraBuffers: { name: string; value: Float64Array }[] = [];
  /** The constArray entries of extraBuffers (not the scratch arrays, which are written). */
  private readonly constArrays: { name: string; value: Float64Array }[] = [];
  private readonly dataEnv: Env;

  constructor(
    private readonly program: Program,
    private readonly data: ProgramData,
    private readonly layout: Layout,
  ) {
    this.dataEnv = { program, data, params: [], tparams: [] };
  }

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  newLoop(n: number): Loop {
    const flat = n === 1;
    return { i: flat ? num(0) : id(this.fresh("i")), n, flat, pre: [], body: [], back: [], post: [], invRoots: [] };
  }

  closeLoop(L: Loop): JsStmt[] {
    for (const node of L.invRoots) this.backprop(node, node.acc as JsExpr, L, "post");
    if (L.flat) return [...L.pre, ...L.body, ...L.back, ...L.post];
    const name = (L.i as { name: string }).name;
    const inner = [...L.body, ...L.back];
    return inner.length === 0 ? [...L.pre, ...L.post] : [...L.pre, forS(name, num(0), num(L.n), inner), ...L.post];
  }

  /** Where a statement of loop L goes: before the loop when loop-invariant (`inv`), else in its body. */
  hoisted(L: Loop, inv: boolean): JsStmt[] {
    return inv && !L.flat ? L.pre : L.body;
  }

  bind(L: Loop, inv: boolean, e: JsExpr, list?: JsStmt[]): JsExpr {
    if (e.t === "num" || e.t === "id") return e;
    const name = this.fresh("v");
    (list ?? this.hoisted(L, inv)).push(constS(name, e));
    return id(name);
  }

  private isScalarParam(p: number): boolean {
    return this.program.params[p].shape.kind === "scalar";
  }

  /** The value of element (dyn + k) of an array; `dyn` null for a constant index. */
  private valueAt(src: Source, sid: number, dyn: JsExpr | null, k: number): JsExpr {
    const at = (base: number): JsExpr => (dyn ? add(dyn, num(k + base)) : num(k + base));
    if (src === "data") return idx(id(`D${sid}`), at(0));
    if (src === "param") return this.isScalarParam(sid) ? id(`s${sid}`) : idx(id("X"), at(this.layout.params[sid].xOff));
    return this.program.tparams[sid].n === 0 ? id(`t${sid}`) : idx(id(`T${sid}`), at(0));
  }

  private adjointAt(src: Source, sid: number, dyn: JsExpr | null, k: number): JsExpr | null {
    const at = (base: number): JsExpr => (dyn ? add(dyn, num(k + base)) : num(k + base));
    if (src === "data") return null;
    if (src === "param") return this.isScalarParam(sid) ? id(`gs${sid}`) : idx(id("GX"), at(this.layout.params[sid].xOff));
    return this.program.tparams[sid].n === 0 ? id(`gt${sid}`) : idx(id(`GT${sid}`), at(0));
  }

  /**
   * `forward`, then the statement is −∞ unless the value is positive and finite: checked once before
   * the loop for a loop-invariant value, per element otherwise (the marginal statements' scales,
   * shapes and rates).
   */
  forwardPositive(e: Expr, L: Loop): Node {
    const node = this.forward(e, L);
    this.hoisted(L, node.inv).push(rejectUnless(positiveFinite(node.v)));
    return node;
  }

  forward(e: Expr, L: Loop): Node {
    switch (e.op) {
      case "const":
        return { e, v: num(e.value), inv: true, dep: false, kids: [] };
      case "ref": {
        const scalar = sourceDims(this.program, e.src, e.id).length === 0;
        const dyn = scalar ? null : L.i;
        const v = this.bind(L, scalar, this.valueAt(e.src, e.id, dyn, 0));
        return { e, v, inv: scalar, dep: e.src !== "data", kids: [], target: this.adjointAt(e.src, e.id, dyn, 0) };
      }
      case "elem": {
        const v = this.bind(L, true, this.valueAt(e.src, e.id, null, e.index));
        return { e, v, inv: true, dep: e.src !== "data", kids: [], target: this.adjointAt(e.src, e.id, null, e.index) };
      }
      case "row": {
        const cols = sourceDims(this.program, e.src, e.id)[1];
        const v = this.bind(L, false, this.valueAt(e.src, e.id, L.i, e.row * cols));
        return { e, v, inv: false, dep: e.src !== "data", kids: [], target: this.adjointAt(e.src, e.id, L.i, e.row * cols) };
      }
      case "gather": {
        const g = this.bind(L, false, idx(id(`D${e.by}`), L.i));
        const v = this.bind(L, false, this.valueAt(e.src, e.id, g, -1));
        return { e, v, inv: false, dep: e.src !== "data", kids: [], target: this.adjointAt(e.src, e.id, g, -1) };
      }
      case "unary": {
        const k = this.forward(e.arg, L);
        return { e, v: this.bind(L, k.inv, unaryJs(e.fn, k.v)), inv: k.inv, dep: k.dep, kids: [k] };
      }
      case "binary": {
        const a = this.forward(e.a, L);
        const b = this.forward(e.b, L);
        const inv = a.inv && b.inv;
        const js =
          e.fn === "add" ? add(a.v, b.v) : e.fn === "sub" ? sub(a.v, b.v) : e.fn === "mul" ? mul(a.v, b.v) : e.fn === "div" ? div(a.v, b.v) : mathCall("pow", a.v, b.v);
        return { e, v: this.bind(L, inv, js), inv, dep: a.dep || b.dep, kids: [a, b] };
      }
      case "dotRow": {
        const K = this.program.data[e.matrix].dims[1];
        const row = this.bind(L, false, mul(L.i, num(K)));
        const elems: JsExpr[] = [];
        let s: JsExpr = num(0);
        for (let k = 0; k < K; k++) {
          const b = this.bind(L, true, this.valueAt(e.src, e.id, null, k));
          elems.push(b);
          s = add(s, mul(idx(id(`D${e.matrix}`), add(row, num(k))), b));
        }
        return { e, v: this.bind(L, false, s), inv: false, dep: e.src !== "data", kids: [], row, elems };
      }
      case "sum": {
        const inner = this.newLoop(e.n);
        const arg = this.forward(e.arg, inner);
        const name = this.fresh("v");
        const list = this.hoisted(L, true);
        list.push(letS(name, num(0)));
        inner.body.push(assign(id(name), "+=", arg.v));
        if (e.n > 0) list.push(...this.closeLoop(inner));
        return { e, v: id(name), inv: true, dep: !isDataOnly(e.arg), kids: [] };
      }
    }
  }

  backprop(node: Node, adj: JsExpr, L: Loop, mode: "back" | "post"): void {
    if (!node.dep) return;
    if (mode === "back" && node.inv && !L.flat) {
      if (!node.acc) {
        const name = this.fresh("c");
        L.pre.push(letS(name, num(0)));
        node.acc = id(name);
        L.invRoots.push(node);
      }
      L.back.push(assign(node.acc, "+=", adj));
      return;
    }
    const out = mode === "back" ? L.back : L.post;
    const e = node.e;
    const push = (kid: Node, a: JsExpr): void => {
      if (!kid.dep) return;
      this.backprop(kid, this.bind(L, false, a, out), L, mode);
    };
    switch (e.op) {
      case "const":
        return;
      case "ref":
      case "elem":
      case "row":
      case "gather":
        if (node.target) out.push(assign(node.target, "+=", adj));
        return;
      case "unary": {
        const [k] = node.kids;
        push(k, mul(adj, unaryDerivative(e.fn, k.v, node.v)));
        return;
      }
      case "binary": {
        const [a, b] = node.kids;
        switch (e.fn) {
          case "add":
            push(a, adj);
            push(b, adj);
            return;
          case "sub":
            push(a, adj);
            push(b, neg(adj));
            return;
          case "mul":
            push(a, mul(adj, b.v));
            push(b, mul(adj, a.v));
            return;
          case "div":
            push(a, div(adj, b.v));
            push(b, neg(div(mul(adj, node.v), b.v)));
            return;
          case "pow":
            push(a, mul(adj, mul(b.v, mathCall("pow", a.v, sub(b.v, num(1))))));
            push(b, mul(adj, mul(node.v, mathCall("log", a.v))));
            return;
        }
        return;
      }
      case "dotRow": {
        const K = node.elems!.length;
        for (let k = 0; k < K; k++) {
          const target = this.adjointAt(e.src, e.id, null, k);
          if (!target) continue;
          const contrib = mul(adj, idx(id(`D${e.matrix}`), add(node.row!, num(k))));
          if (mode === "back" && !L.flat) {
            // The vector is loop-invariant: sum its adjoint in a local, write it once after the loop.
            const name = this.fresh("c");
            L.pre.push(letS(name, num(0)));
            L.back.push(assign(id(name), "+=", contrib));
            L.post.push(assign(target, "+=", id(name)));
          } else {
            out.push(assign(target, "+=", contrib));
          }
        }
        return;
      }
      case "sum": {
        const inner = this.newLoop(e.n);
        const arg = this.forward(e.arg, inner);
        this.backprop(arg, adj, inner, "back");
        if (e.n > 0) out.push(...this.closeLoop(inner));
        return;
      }
    }
  }

  private operand(e: Expr, node: Node): Operand & { expr: Expr } {
    return { v: node.v, inv: node.inv, dep: node.dep, dataOnly: isDataOnly(e), expr: e };
  }

  /**
   * One fused loop for a distribution statement. With `pointwise`, the loop instead writes each
   * element's log density to `out[outOff + i]` (generated log_lik) and computes no partials; data-only
   * terms then go to a per-element constant buffer filled at compile time.
   */
  private emitDistribution(st: Extract<Statement, { kind: "distribution" }>, pointwise?: { outOff: number }): JsStmt[] {
    const { family, n, lhs, args } = st;
    if (ORDINAL_FAMILIES.includes(family)) return emitOrdinal(this, this.program, this.layout, family, n, lhs, args, pointwise);
    if (CATEGORICAL_FAMILIES.includes(family)) return emitCategorical(this, n, lhs, args, pointwise);
    if (n === 0) return [];
    const pointConst = pointwise ? new Float64Array(n) : null;
    const pointName = pointwise ? this.fresh("P") : "";
    if (pointConst) this.extraBuffers.push({ name: pointName, value: pointConst });
    const L = this.newLoop(n);
    // Censored statements see the code and the upper bound (0 when absent) as two more data operands.
    const dataRef = (slot: number): Expr => ({ op: "ref", src: "data", id: slot });
    const censExprs: Expr[] = st.cens ? [dataRef(st.cens.code), st.cens.upper === undefined ? { op: "const", value: 0 } : dataRef(st.cens.upper)] : [];
    const exprs = [lhs, ...args, ...censExprs];
    const nodes = exprs.map((e) => this.forward(e, L));
    const ops = exprs.map((e, k) => this.operand(e, nodes[k]));
    // Weighted rows (Stan's `target += w[n] * …`): every term and partial of row i is scaled by w_i;
    // terms hoisted out of the loop or summed at compile time are scaled by Σ w or w_i.
    const wValues = st.weights === undefined ? null : this.dataValues(st.weights);
    const w = st.weights === undefined ? null : this.forward(dataRef(st.weights), L).v;
    const scaled = (e: JsExpr): JsExpr => (w ? mul(w, e) : e);
    let weightSum = n;
    if (wValues) {
      weightSum = 0;
      for (let i = 0; i < n; i++) weightSum += wValues[i];
    }
    const acc = this.fresh("lp");
    L.pre.push(letS(acc, num(0)));
    // Terms hoisted out of the loop and per-element constants, by whether the row weights scale them
    // (the family's own terms) or not (brms's truncation normaliser, `w * lpdf − lccdf(lb)`).
    let invTerm: JsExpr = num(0);
    let invPlain: JsExpr = num(0);
    let perElement = 0;
    let perElementPlain = 0;
    const invariant = (deps: Operand[]): boolean => deps.every((d) => d.inv) && !L.flat;
    // Partials are summed per operand and pushed back once, so a truncated statement walks its
    // linear predictor's adjoints once, not once per template.
    const partials = new Map<number, JsExpr>();
    const ctxOf = (ctxOps: Operand[], opIndex: (k: number) => number, weighted: boolean, sign: 1 | -1, mask: JsExpr | null): TemplateCtx => {
      const w1 = (e: JsExpr): JsExpr => (weighted ? scaled(e) : e);
      const signed = (e: JsExpr): JsExpr => {
        const m = mask ? cond(mask, num(0), e) : e;
        return sign < 0 ? neg(m) : m;
      };
      return {
        ops: ctxOps,
        let: (deps, e) => this.bind(L, invariant(deps), e),
        check: (deps, ok) => {
          // A check on constants is decided now: true drops it, false makes the density -Infinity everywhere.
          if (ok.t === "num" && ok.v !== 0) return;
          (invariant(deps) ? L.pre : L.body).push(rejectUnless(ok));
        },
        term: (deps, e, value) => {
          if (weighted && value && deps.every((d) => d.dataOnly)) {
            const exprsOf = deps.map((d) => (d as Operand & { expr: Expr }).expr);
            let s = 0;
            for (let i = 0; i < n; i++) {
              const v = value(...exprsOf.map((x) => evalExpr(x, i, this.dataEnv))) * (wValues ? wValues[i] : 1);
              if (pointConst) pointConst[i] += v;
              s += v;
            }
            if (!pointConst) this.constant += s;
          } else if (invariant(deps) && !mask) {
            if (weighted) invTerm = add(invTerm, signed(e));
            else invPlain = add(invPlain, signed(e));
          } else {
            L.body.push(assign(id(acc), "+=", w1(signed(e))));
          }
        },
        constant: (c) => {
          if (mask) throw new Error("emit: a masked template cannot add per-element constants");
          if (weighted) perElement += sign * c;
          else perElementPlain += sign * c;
        },
        partial: (k, e) => {
          const j = opIndex(k);
          if (j < 0 || !nodes[j].dep || pointwise) return;
          const prev = partials.get(j);
          const term = w1(signed(e));
          partials.set(j, prev === undefined ? term : add(prev, term));
        },
      };
    };
    (st.cens ? CENSORED_TEMPLATES : TEMPLATES)[family](ctxOf(ops, (k) => k, true, 1, null));
    const trunc = st.trunc ? this.truncationOperands(st, ops, L) : null;
    if (trunc) {
      // The family's censored template at (lb, code 1), (ub, code −1) or (lb, code 2, ub), negated: its
      // operands are the bound, the family's arguments, then the code and the upper bound.
      const nArgs = args.length;
      CENSORED_TEMPLATES[family](ctxOf(trunc.ops, (k) => (k >= 1 && k <= nArgs ? k : -1), false, -1, trunc.mask));
    }
    for (const [j, e] of partials) this.backprop(nodes[j], this.bind(L, false, e, L.back), L, "back");
    if (pointwise) {
      // Each element: its varying terms (summed in lp local, reset per element) + invariant + constants.
      L.pre.splice(L.pre.findIndex((s) => s.t === "let" && s.name === acc), 1);
      L.body.unshift(letS(acc, num(0)));
      const total = add(add(add(id(acc), scaled(invTerm)), add(scaled(num(perElement)), idx(id(pointName), L.i))), add(invPlain, num(perElementPlain)));
      L.body.push(assign(idx(id("out"), add(L.i, num(pointwise.outOff))), "=", total));
      return this.closeLoop(L);
    }
    this.constant += weightSum * perElement + n * perElementPlain;
    const out = this.closeLoop(L);
    let total: JsExpr = invTerm.t === "num" && invTerm.v === 0 ? id(acc) : add(id(acc), mul(num(weightSum), invTerm));
    if (!(invPlain.t === "num" && invPlain.v === 0)) total = add(total, mul(num(n), invPlain));
    out.push(assign(id("lp"), "+=", total));
    return out;
  }

  /**
   * The operands of a truncated statement's normaliser (brms's trunc()) for the family's censored
   * template: per row the point and code of log P(lb ≤ Y ≤ ub) — (lb, 1) for lccdf(lb), (ub, −1) for
   * lcdf(ub), (lb, 2, ub) for log(F(ub) − F(lb)); integer families at lb − 1 — computed at compile time
   * from the bounds. A bound that cuts nothing from the family's support is dropped; a row left with no
   * bound gets code 0 and a `mask` that zeroes its normaliser. Null when no row is truncated at all.
   */
  private truncationOperands(st: Extract<Statement, { kind: "distribution" }>, ops: Operand[], L: Loop): { ops: Operand[]; mask: JsExpr | null } | null {
    const { n, args } = st;
    const t = st.trunc as { lower?: number; upper?: number };
    const support = TRUNC_SUPPORT[st.family];
    const lower = t.lower === undefined ? null : this.dataValues(t.lower);
    const upper = t.upper === undefined ? null : this.dataValues(t.upper);
    const top = support.maxArg === undefined ? null : this.dataExprValues(args[support.maxArg], n);
    const at = new Float64Array(n);
    const code = new Float64Array(n);
    const up = new Float64Array(n);
    let any = false;
    let none = false;
    for (let i = 0; i < n; i++) {
      const lo = lower === null ? null : support.discrete ? lower[i] - 1 : lower[i];
      const cutsLow = lo !== null && (support.discrete ? lo >= support.min : lo > support.min);
      const cutsHigh = upper !== null && (top === null || upper[i] < top[i]);
      // Code 0 rows read a harmless in-support point (1) and are masked out.
      if (cutsLow && cutsHigh) [at[i], code[i], up[i]] = [lo as number, 2, upper![i]];
      else if (cutsLow) [at[i], code[i]] = [lo as number, 1];
      else if (cutsHigh) [at[i], code[i]] = [upper![i], -1];
      else [at[i], code[i]] = [1, 0];
      if (code[i] === 0) none = true;
      else any = true;
    }
    if (!any) return null;
    const operand = (values: Float64Array): Operand => {
      if (values.every((v) => v === values[0])) return { v: num(values[0]), inv: true, dep: false, dataOnly: true };
      return { v: idx(id(this.constArray(values)), L.i), inv: false, dep: false, dataOnly: true };
    };
    const codeOp = operand(code);
    return { ops: [operand(at), ...ops.slice(1, 1 + args.length), codeOp, operand(up)], mask: none ? bin("===", codeOp.v, num(0)) : null };
  }

  private emitTarget(n: number, expr: Expr): JsStmt[] {
    if (n === 0) return [];
    const L = this.newLoop(n);
    const node = this.forward(expr, L);
    if (node.inv && !L.flat) {
      L.post.push(assign(id("lp"), "+=", mul(num(n), node.v)));
      this.backprop(node, num(n), L, "post");
      return this.closeLoop(L);
    }
    const acc = this.fresh("lp");
    L.pre.push(letS(acc, num(0)));
    L.body.push(assign(id(acc), "+=", node.v));
    this.backprop(node, num(1), L, "back");
    const out = this.closeLoop(L);
    out.push(assign(id("lp"), "+=", id(acc)));
    return out;
  }

  /** Posterior-predictive draws `out[off + i] ~ family(args(i))`, drawing from the `rng` argument. */
  private emitRng(family: string, n: number, args: Expr[], off: number): JsStmt[] {
    if (ORDINAL_FAMILIES.includes(family)) return emitOrdinalRng(this, this.program, this.layout, family, n, args, off);
    if (CATEGORICAL_FAMILIES.includes(family)) return emitCategoricalRng(this, n, args, off);
    const make = Object.prototype.hasOwnProperty.call(DRAWS, family) ? DRAWS[family] : undefined;
    if (!make) throw new UserError(`generated quantities: no draws for family ${family}`);
    if (n === 0) return [];
    const L = this.newLoop(n);
    const a = args.map((e) => this.forward(e, L).v);
    L.body.push(assign(idx(id("out"), add(L.i, num(off))), "=", make(a)));
    return this.closeLoop(L);
  }

  /**
   * Draws truncated to each row's bounds (src/distributions/truncated.ts, by inverse CDF or rejection);
   * the family goes to the runtime as its index in TRUNCATED_FAMILIES, so the source holds only numbers.
   */
  private emitTruncatedRng(family: string, n: number, args: Expr[], trunc: { lower?: number; upper?: number }, off: number): JsStmt[] {
    const f = TRUNCATED_FAMILIES.indexOf(family);
    if (f < 0) throw new UserError(`generated quantities: no truncated draws for family ${family}`);
    if (n === 0) return [];
    const L = this.newLoop(n);
    const a = args.map((e) => this.forward(e, L).v);
    const bound = (slot: number | undefined, none: number): JsExpr => (slot === undefined ? num(none) : this.forward({ op: "ref", src: "data", id: slot }, L).v);
    const draw = call(id("truncatedRng"), id("rng"), num(f), bound(trunc.lower, -Infinity), bound(trunc.upper, Infinity), a[0], a.length > 1 ? a[1] : num(0), a.length > 2 ? a[2] : num(0));
    L.body.push(assign(idx(id("out"), add(L.i, num(off))), "=", draw));
    return this.closeLoop(L);
  }

  /**
   * Per-element constants (vector-valued bounds): a literal when all elements share one value, else a
   * compile-time array read at the loop index.
   */
  private constants(values: number[]): (i: JsExpr) => JsExpr {
    if (values.every((v) => v === values[0])) return () => num(values[0]);
    const name = this.fresh("K");
    this.extraBuffers.push({ name, value: Float64Array.from(values) });
    return (i) => idx(id(name), i);
  }

  /** A data slot's values: statements may specialise on data known at compile time. */
  dataValues(slot: number): Float64Array | Int32Array {
    return this.data[slot];
  }

  /** A data-only expression's values at indices 0 … n − 1, evaluated at compile time. */
  dataExprValues(e: Expr, n: number): Float64Array {
    return Float64Array.from({ length: n }, (_, i) => evalExpr(e, i, this.dataEnv));
  }

  /**
   * A constant array filled at compile time, read by generated code by the returned identifier. An
   * array equal to an earlier one shares its identifier (knownSigma's weights serve both the log
   * density and the conditionals).
   */
  constArray(values: Float64Array): string {
    const same = this.constArrays.find(({ value }) => value.length === values.length && value.every((v, i) => Object.is(v, values[i])));
    if (same) return same.name;
    const name = this.fresh("K");
    this.extraBuffers.push({ name, value: values });
    this.constArrays.push({ name, value: values });
    return name;
  }

  /** A scratch array of `size` values owned by the compiled model (kernel workspace). */
  scratch(size: number): string {
    const name = this.fresh("W");
    this.extraBuffers.push({ name, value: new Float64Array(size) });
    return name;
  }

  /**
   * dirichlet_lpdf(y | alpha) = lgamma(Σα) − Σ lgamma(α_j) + Σ (α_j − 1) log y_j over a context of
   * length k: a first loop sums α (and rejects α ≤ 0), a second adds the terms and the partials
   * ∂/∂y_j = (α_j − 1)/y_j, ∂/∂α_j = log y_j − ψ(α_j) + ψ(Σα). y ≤ 0 gives −Infinity through log.
   */
  private emitDirichlet(k: number, y: Expr, alpha: Expr): JsStmt[] {
    const S = this.fresh("v");
    const A = this.newLoop(k);
    const a1 = this.forward(alpha, A);
    A.body.push(rejectUnless(bin(">", a1.v, num(0))), assign(id(S), "+=", a1.v));
    const out: JsStmt[] = [letS(S, num(0)), ...this.closeLoop(A)];
    const B = this.newLoop(k);
    const yn = this.forward(y, B);
    const an = this.forward(alpha, B);
    const acc = this.fresh("lp");
    let psiS: JsExpr | null = null;
    if (an.dep) {
      const name = this.fresh("v");
      out.push(constS(name, call(id("digamma"), id(S))));
      psiS = id(name);
    }
    B.pre.push(letS(acc, num(0)));
    const am1 = this.bind(B, an.inv, sub(an.v, num(1)));
    const ly = this.bind(B, yn.inv, mathCall("log", yn.v));
    B.body.push(assign(id(acc), "+=", sub(mul(am1, ly), call(id("lgamma"), an.v))));
    if (yn.dep) this.backprop(yn, this.bind(B, false, div(am1, yn.v), B.back), B, "back");
    if (an.dep && psiS) this.backprop(an, this.bind(B, false, add(sub(ly, call(id("digamma"), an.v)), psiS), B.back), B, "back");
    out.push(...this.closeLoop(B), assign(id("lp"), "+=", add(id(acc), call(id("lgamma"), id(S)))));
    return out;
  }

  /** One simplex drawn from dirichlet(alpha) into out[off..off+k), through scratch arrays (no allocation). */
  private emitDirichletRng(k: number, alpha: Expr, off: number): JsStmt[] {
    const wa = this.scratch(k);
    const wo = this.scratch(k);
    const A = this.newLoop(k);
    const a = this.forward(alpha, A);
    A.body.push(assign(idx(id(wa), A.i), "=", a.v));
    const j = this.fresh("i");
    return [
      ...this.closeLoop(A),
      { t: "expr", e: call(id("dirichletRng"), id("rng"), id(wa), id(wo)) },
      forS(j, num(0), num(k), [assign(idx(id("out"), add(id(j), num(off))), "=", idx(id(wo), id(j)))]),
    ];
  }

  /**
   * lkj_corr_cholesky_lpdf(L | eta) = c(K, eta) + Σ_{i=2..K} (K − i + 2η − 2) log L_ii (i 1-based), with
   * c(K, η) = (K−1) lgamma(η + (K−1)/2) − Σ_{k=1..K−1} [k/2 · log π + lgamma(η + (K−1−k)/2)]
   * (Lewandowski, Kurowicka & Joe 2009, theorem 5). η is data, so c is a compile-time number.
   */
  private emitLkj(pid: number, eta: number): JsStmt[] {
    return this.emitLkjData(pid, eta);
  }

  /**
   * The same density with η an expression of parameters: c(K, η) and the coefficients of log L_ii are
   * computed at run time, and ∂/∂η = (K−1) ψ(η + (K−1)/2) − Σ_k ψ(η + (K−1−k)/2) + 2 Σ_i log L_ii.
   */
  private emitLkjParam(pid: number, eta: Expr): JsStmt[] {
    const K = (this.program.params[pid].shape as { k: number }).k;
    const xo = this.layout.params[pid].xOff;
    const L = this.newLoop(1);
    const en = this.forward(eta, L);
    const e = en.v;
    L.body.push(rejectUnless(bin(">", e, num(0))));
    let c: JsExpr = mul(num(K - 1), call(id("lgamma"), add(e, num(0.5 * (K - 1)))));
    let dc: JsExpr = mul(num(K - 1), call(id("digamma"), add(e, num(0.5 * (K - 1)))));
    for (let k = 1; k < K; k++) {
      this.constant -= 0.5 * k * Math.log(Math.PI);
      c = sub(c, call(id("lgamma"), add(e, num(0.5 * (K - 1 - k)))));
      dc = sub(dc, call(id("digamma"), add(e, num(0.5 * (K - 1 - k)))));
    }
    let sumLog: JsExpr = num(0);
    let lp: JsExpr = c;
    for (let i = 1; i < K; i++) {
      const d = idx(id("X"), num(xo + i * K + i));
      const lg = this.bind(L, false, mathCall("log", d));
      const coef = this.bind(L, false, add(mul(num(2), e), num(K - i - 3)));
      lp = add(lp, mul(coef, lg));
      sumLog = add(sumLog, lg);
      L.body.push(assign(idx(id("GX"), num(xo + i * K + i)), "+=", div(coef, d)));
    }
    L.body.push(assign(id("lp"), "+=", lp));
    this.backprop(en, this.bind(L, false, add(dc, mul(num(2), sumLog)), L.back), L, "back");
    return this.closeLoop(L);
  }

  private emitLkjData(pid: number, eta: number): JsStmt[] {
    const K = (this.program.params[pid].shape as { k: number }).k;
    const xo = this.layout.params[pid].xOff;
    this.constant += lkjConstant(eta, K);
    if (!(eta > 0)) throw new UserError(`lkj_corr_cholesky: eta must be positive, got ${eta}`);
    const out: JsStmt[] = [];
    for (let i = 1; i < K; i++) {
      const coef = K - i - 1 + 2 * eta - 2;
      if (coef === 0) continue;
      const d = idx(id("X"), num(xo + i * K + i));
      out.push(assign(id("lp"), "+=", mul(num(coef), mathCall("log", d))));
      out.push(assign(idx(id("GX"), num(xo + i * K + i)), "+=", div(num(coef), d)));
    }
    return out;
  }

  /** Transforms: constrained values and log-Jacobians (prologue) and their chain rule (epilogue). */
  private emitParams(): { pro: JsStmt[]; epi: JsStmt[][]; copy: JsStmt[] } {
    const pro: JsStmt[] = [];
    const epi: JsStmt[][] = [];
    const copy: JsStmt[] = [];
    this.program.params.forEach((p, pid) => {
      const l = this.layout.params[pid];
      const t = p.transform;
      if (t.kind === "offsetMultiplierCholesky") {
        if (l.xSize === 0) return;
        const r = this.emitOffsetMultiplierCholesky(pid, t);
        pro.push(...r.pro);
        epi.push(r.epi);
        const j = this.fresh("i");
        copy.push(forS(j, num(0), num(l.xSize), [assign(idx(id("out"), add(id(j), num(l.xOff))), "=", idx(id("X"), add(id(j), num(l.xOff))))]));
        return;
      }
      if (t.kind === "choleskyCorr" || t.kind === "ordered" || t.kind === "positiveOrdered" || t.kind === "simplex") {
        // Vector transforms run through src/transforms: constrain adds log|J|, backward applies Jᵀ and ∇log|J|.
        const size = p.shape.kind === "choleskyCorr" ? p.shape.k : l.xSize;
        const obj = VECTOR_TRANSFORMS[t.kind];
        if (l.xSize === 0) return;
        if (l.uSize === 0) {
          // choleskyCorr with K = 1 and simplex with one element are the constant [1].
          pro.push(assign(idx(id("X"), num(l.xOff)), "=", num(1)), assign(idx(id("GX"), num(l.xOff)), "=", num(0)));
        } else {
          const T = (m: string, ...args: JsExpr[]): JsExpr => call({ t: "member", obj: id(obj), prop: m }, ...args);
          pro.push(assign(id("lp"), "+=", T("constrain", id("theta"), num(l.uOff), id("X"), num(l.xOff), num(size))));
          const j = this.fresh("i");
          pro.push(forS(j, num(0), num(l.xSize), [assign(idx(id("GX"), add(id(j), num(l.xOff))), "=", num(0))]));
          const j2 = this.fresh("i");
          epi.push([
            forS(j2, num(0), num(l.uSize), [assign(idx(id("grad"), add(id(j2), num(l.uOff))), "=", num(0))]),
            { t: "expr", e: T("backward", id("theta"), num(l.uOff), id("X"), num(l.xOff), id("GX"), num(l.xOff), id("grad"), num(l.uOff), num(size)) },
          ]);
        }
        const j3 = this.fresh("i");
        copy.push(forS(j3, num(0), num(l.xSize), [assign(idx(id("out"), add(id(j3), num(l.xOff))), "=", idx(id("X"), add(id(j3), num(l.xOff))))]));
        return;
      }
      const scalar = p.shape.kind === "scalar";
      const n = l.xSize;
      const L = this.newLoop(scalar ? 1 : n);
      const B = this.newLoop(scalar ? 1 : n);
      const u = this.bind(L, false, idx(id("theta"), add(L.i, num(l.uOff))));
      const ub = this.bind(B, false, idx(id("theta"), add(B.i, num(l.uOff))));
      const gtarget = scalar ? id(`gs${pid}`) : idx(id("GX"), add(B.i, num(l.xOff)));
      const g = this.bind(B, false, gtarget);
      let x: JsExpr;
      let gu: JsExpr;
      switch (t.kind) {
        case "identity":
          x = u;
          gu = g;
          break;
        case "lower": {
          const lbs = boundValues(t.lb, n, p.name);
          const lb = this.constants(lbs);
          const e = this.bind(L, false, mathCall("exp", u));
          x = add(lb(L.i), e);
          L.body.push(assign(id("lp"), "+=", u));
          // With the bound 0 (scales) the constrained value already is exp(u), bit for bit: the
          // backward pass reads it instead of calling exp again.
          const kept = scalar ? id(`s${pid}`) : idx(id("X"), add(B.i, num(l.xOff)));
          gu = add(mul(g, lbs.every((b) => b === 0) ? kept : mathCall("exp", ub)), num(1));
          break;
        }
        case "upper": {
          const ubv = this.constants(boundValues(t.ub, n, p.name));
          const e = this.bind(L, false, mathCall("exp", u));
          x = sub(ubv(L.i), e);
          L.body.push(assign(id("lp"), "+=", u));
          gu = add(neg(mul(g, mathCall("exp", ub))), num(1));
          break;
        }
        case "interval": {
          const lbs = boundValues(t.lb, n, p.name);
          const ubs = boundValues(t.ub, n, p.name);
          const lb = this.constants(lbs);
          const w = this.constants(lbs.map((l, j) => ubs[j] - l));
          const logW = this.constants(lbs.map((l, j) => Math.log(ubs[j] - l)));
          const e = this.bind(L, false, mathCall("exp", neg(mathCall("abs", u))));
          const q = this.bind(L, false, div(cond(bin(">", u, num(0)), num(1), e), add(num(1), e)));
          x = add(lb(L.i), mul(w(L.i), q));
          L.body.push(assign(id("lp"), "+=", sub(sub(logW(L.i), mathCall("abs", u)), mul(num(2), mathCall("log1p", e)))));
          const eb = this.bind(B, false, mathCall("exp", neg(mathCall("abs", ub))));
          const qb = this.bind(B, false, div(cond(bin(">", ub, num(0)), num(1), eb), add(num(1), eb)));
          gu = add(mul(mul(g, w(B.i)), mul(qb, sub(num(1), qb))), sub(num(1), mul(num(2), qb)));
          break;
        }
        case "offsetMultiplier": {
          const o = this.forward(t.offset, L);
          const m = this.forward(t.multiplier, L);
          this.hoisted(L, m.inv).push(rejectUnless(bin(">", m.v, num(0))));
          x = add(o.v, mul(m.v, u));
          if (m.inv && !L.flat) L.post.push(assign(id("lp"), "+=", mul(num(n), mathCall("log", m.v))));
          else L.body.push(assign(id("lp"), "+=", mathCall("log", m.v)));
          const ob = this.forward(t.offset, B);
          const mb = this.forward(t.multiplier, B);
          gu = mul(g, mb.v);
          this.backprop(ob, g, B, "back");
          this.backprop(mb, this.bind(B, false, add(mul(g, ub), div(num(1), mb.v)), B.back), B, "back");
          break;
        }
      }
      B.back.push(assign(idx(id("grad"), add(B.i, num(l.uOff))), "=", gu));
      if (scalar) {
        L.body.push(constS(`s${pid}`, x), letS(`gs${pid}`, num(0)));
        copy.push(assign(idx(id("out"), num(l.xOff)), "=", id(`s${pid}`)));
      } else {
        L.body.push(assign(idx(id("X"), add(L.i, num(l.xOff))), "=", x), assign(idx(id("GX"), add(L.i, num(l.xOff))), "=", num(0)));
        if (n > 0) {
          const j = this.fresh("i");
          copy.push(forS(j, num(0), num(n), [assign(idx(id("out"), add(id(j), num(l.xOff))), "=", idx(id("X"), add(id(j), num(l.xOff))))]));
        }
      }
      if (n > 0) {
        pro.push(...this.closeLoop(L));
        epi.push(this.closeLoop(B));
      }
    });
    return { pro, epi, copy };
  }

  /**
   * The multivariate offset/multiplier of a matrix parameter (n rows of length k, k unrolled): row i is
   * x_i = mu_i + diag(s) L z_i with z_i the sampler's coordinates, log|J| = n Σ_m (log s_m + log L_mm).
   * Backward, with h = diag(s) ∂/∂x_i: ∂/∂z_i = Lᵀ h, ∂/∂mu_i = ∂/∂x_i, ∂/∂s_m = Σ_i ∂/∂x_im (L z_i)_m
   * + n/s_m, ∂/∂L_mc = Σ_i h_m z_ic (+ n/L_mm on the diagonal). mu, L and s are data or earlier
   * parameters (validated), so their values are final here and their adjoints reach their own
   * transforms' chain rule, which runs after this one.
   */
  private emitOffsetMultiplierCholesky(pid: number, t: Extract<TransformSpec, { kind: "offsetMultiplierCholesky" }>): { pro: JsStmt[]; epi: JsStmt[] } {
    const l = this.layout.params[pid];
    const { rows: n, cols: k } = this.program.params[pid].shape as { rows: number; cols: number };
    const base = (ref: ArrayRef): number => (ref.src === "param" ? this.layout.params[ref.id].xOff : 0);
    const arr = (ref: ArrayRef, grad: boolean): JsExpr => (ref.src === "data" ? id(`D${ref.id}`) : id(grad ? "GX" : "X"));
    const at = (ref: ArrayRef, off: JsExpr, grad = false): JsExpr => idx(arr(ref, grad), add(off, num(base(ref))));
    const muRow = t.mu !== undefined && sourceDims(this.program, t.mu.src, t.mu.id).reduce((a, b) => a * b, 1) !== k;
    // L's lower triangle and the scales, read once per evaluation (before the row loop).
    const hoist = (list: JsStmt[]): { L: JsExpr[][]; s: JsExpr[] } => {
      const bindC = (e: JsExpr): JsExpr => {
        const name = this.fresh("v");
        list.push(constS(name, e));
        return id(name);
      };
      const L = Array.from({ length: k }, (_, m) => Array.from({ length: m + 1 }, (_, c) => bindC(at(t.L, num(m * k + c)))));
      const s = Array.from({ length: k }, (_, m) => (t.scale === undefined ? num(1) : bindC(at(t.scale, num(m)))));
      return { L, s };
    };
    const rowOf = (i: JsExpr, list: JsStmt[]): JsExpr => {
      if (k === 1) return i;
      const name = this.fresh("v");
      list.push(constS(name, mul(i, num(k))));
      return id(name);
    };
    const zOf = (r: JsExpr, list: JsStmt[]): JsExpr[] =>
      Array.from({ length: k }, (_, c) => {
        const name = this.fresh("v");
        list.push(constS(name, idx(id("theta"), add(r, num(l.uOff + c)))));
        return id(name);
      });
    const lz = (L: JsExpr[][], z: JsExpr[], m: number): JsExpr => {
      let v: JsExpr = num(0);
      for (let c = 0; c <= m; c++) v = add(v, mul(L[m][c], z[c]));
      return v;
    };

    const pro: JsStmt[] = [];
    const f = hoist(pro);
    let logDet: JsExpr = num(0);
    for (let m = 0; m < k; m++) {
      const lPos = bin(">", f.L[m][m], num(0));
      pro.push(rejectUnless(t.scale === undefined ? lPos : bin("&&", bin(">", f.s[m], num(0)), lPos)));
      if (t.scale !== undefined) logDet = add(logDet, mathCall("log", f.s[m]));
      logDet = add(logDet, mathCall("log", f.L[m][m]));
    }
    pro.push(assign(id("lp"), "+=", mul(num(n), logDet)));
    const i = this.fresh("i");
    const body: JsStmt[] = [];
    const r = rowOf(id(i), body);
    const z = zOf(r, body);
    for (let m = 0; m < k; m++) {
      const mu = t.mu === undefined ? num(0) : at(t.mu, muRow ? add(r, num(m)) : num(m));
      const xat = idx(id("X"), add(r, num(l.xOff + m)));
      body.push(assign(xat, "=", add(mu, mul(f.s[m], lz(f.L, z, m)))), assign(idx(id("GX"), add(r, num(l.xOff + m))), "=", num(0)));
    }
    pro.push(forS(i, num(0), num(n), body));

    const epi: JsStmt[] = [];
    const b = hoist(epi);
    const lParam = t.L.src === "param";
    const sParam = t.scale !== undefined && t.scale.src === "param";
    const local = (): JsExpr => {
      const name = this.fresh("c");
      epi.push(letS(name, num(0)));
      return id(name);
    };
    const gL = lParam ? Array.from({ length: k }, (_, m) => Array.from({ length: m + 1 }, local)) : [];
    const gs = sParam ? Array.from({ length: k }, local) : [];
    const ib = this.fresh("i");
    const back: JsStmt[] = [];
    const rb = rowOf(id(ib), back);
    const zb = zOf(rb, back);
    const h: JsExpr[] = [];
    for (let m = 0; m < k; m++) {
      const gname = this.fresh("v");
      back.push(constS(gname, idx(id("GX"), add(rb, num(l.xOff + m)))));
      const g = id(gname);
      if (t.mu !== undefined && t.mu.src === "param") back.push(assign(at(t.mu, muRow ? add(rb, num(m)) : num(m), true), "+=", g));
      if (sParam) back.push(assign(gs[m], "+=", mul(g, lz(b.L, zb, m))));
      let hm = g;
      if (t.scale !== undefined) {
        const hname = this.fresh("v");
        back.push(constS(hname, mul(g, b.s[m])));
        hm = id(hname);
      }
      h.push(hm);
      if (lParam) for (let c = 0; c <= m; c++) back.push(assign(gL[m][c], "+=", mul(hm, zb[c])));
    }
    for (let c = 0; c < k; c++) {
      let gz: JsExpr = num(0);
      for (let m = c; m < k; m++) gz = add(gz, mul(h[m], b.L[m][c]));
      back.push(assign(idx(id("grad"), add(rb, num(l.uOff + c))), "=", gz));
    }
    epi.push(forS(ib, num(0), num(n), back));
    for (let m = 0; m < k; m++) {
      if (sParam) epi.push(assign(at(t.scale as ArrayRef, num(m), true), "+=", add(gs[m], div(num(n), b.s[m]))));
      if (lParam) {
        for (let c = 0; c <= m; c++) {
          const g = c === m ? add(gL[m][c], div(num(n), b.L[m][m])) : gL[m][c];
          epi.push(assign(at(t.L, num(m * k + c), true), "+=", g));
        }
      }
    }
    return { pro, epi };
  }

  private emitTparams(): { pro: JsStmt[]; epi: JsStmt[][]; copy: JsStmt[] } {
    const pro: JsStmt[] = [];
    const epi: JsStmt[][] = [];
    const copy: JsStmt[] = [];
    this.program.tparams.forEach((tp, k) => {
      const outOff = this.layout.tparams[k].outOff;
      if (tp.n === 0) {
        const L = this.newLoop(1);
        const node = this.forward(tp.expr, L);
        L.body.push(constS(`t${k}`, node.v), letS(`gt${k}`, num(0)));
        pro.push(...this.closeLoop(L));
        const B: Loop = { ...this.newLoop(1) };
        this.backprop(node, id(`gt${k}`), B, "back");
        epi.push(this.closeLoop(B));
        copy.push(assign(idx(id("out"), num(outOff)), "=", id(`t${k}`)));
        return;
      }
      const L = this.newLoop(tp.n);
      const node = this.forward(tp.expr, L);
      L.body.push(assign(idx(id(`T${k}`), L.i), "=", node.v), assign(idx(id(`GT${k}`), L.i), "=", num(0)));
      pro.push(...this.closeLoop(L));
      const B = this.newLoop(tp.n);
      const nb = this.forward(tp.expr, B);
      this.backprop(nb, this.bind(B, false, idx(id(`GT${k}`), B.i), B.back), B, "back");
      epi.push(this.closeLoop(B));
      const j = this.fresh("i");
      copy.push(forS(j, num(0), num(tp.n), [assign(idx(id("out"), add(id(j), num(outOff))), "=", idx(id(`T${k}`), id(j)))]));
    });
    return { pro, epi, copy };
  }

  emit(): Emitted {
    const params = this.emitParams();
    const tparams = this.emitTparams();
    const body: JsStmt[] = [];
    this.program.statements.forEach((st, k) => {
      body.push(comment(`statement ${k}: ${statementLabel(st)}`));
      switch (st.kind) {
        case "lkjCorrCholesky":
          if (isDataOnly(st.eta)) body.push(...this.emitLkj(st.param, evalExpr(st.eta, 0, this.dataEnv)));
          else body.push(...this.emitLkjParam(st.param, st.eta));
          return;
        case "multiNormalCholesky":
          body.push(...emitMultiNormal(this.program, this.layout, st, this.scratch(3 * st.k)));
          return;
        case "dirichlet":
          body.push(...this.emitDirichlet(st.k, st.y, st.alpha));
          return;
        case "normalNormalMarginal":
          body.push(...emitNormalNormalMarginal(this, st));
          return;
        case "poissonGammaMarginal":
          body.push(...emitPoissonGammaMarginal(this, st));
          return;
        case "betaBinomialMarginal":
          body.push(...emitBetaBinomialMarginal(this, st));
          return;
        case "normalLinearMarginal":
          body.push(...emitNormalLinearMarginal(this, st));
          return;
        case "distribution":
          body.push(...this.emitDistribution(st));
          return;
        case "target":
          body.push(...this.emitTarget(st.n, st.expr));
          return;
      }
    });
    const back = [...tparams.epi.reverse().flat(), ...params.epi.reverse().flat()];
    const logDensity: JsStmt[] = [
      letS("lp", num(this.constant)),
      ...params.pro,
      ...tparams.pro,
      ...body,
      comment("chain rule through transformed parameters and transforms"),
      ...back,
      { t: "return", value: cond(bin("===", id("lp"), id("lp")), id("lp"), NEG_INF) },
    ];
    const constrain: JsStmt[] = [letS("lp", num(0)), ...params.pro, ...tparams.pro, ...params.copy, ...tparams.copy];
    const marginal = this.program.statements.filter(isMarginalStatement);
    let conditional: JsStmt[] | null = null;
    let conditionalSize = 0;
    if (marginal.length > 0) {
      conditional = [letS("lp", num(0)), ...params.pro, ...tparams.pro, ...params.copy, ...tparams.copy];
      conditionalSize = this.layout.outputNames.length;
      for (const st of marginal) {
        conditional.push(comment(`conditionals of the ${statementLabel(st)}`), ...emitMarginalConditional(this, st, conditionalSize));
        conditionalSize += marginalConditionalSize(st);
      }
    }
    let generate: JsStmt[] = [letS("lp", num(0)), ...params.pro, ...tparams.pro];
    let generateError: UserError | undefined;
    let off = 0;
    try {
      for (const g of this.program.generated ?? []) {
        switch (g.kind) {
          case "logLik": {
            const st = this.program.statements[g.statement] as Extract<Statement, { kind: "distribution" | "multiNormalCholesky" }>;
            if (st.kind === "multiNormalCholesky") {
              generate.push(...emitMultiNormalPointwise(this.program, this.layout, st, this.scratch(3 * st.k), off));
            } else {
              generate.push(...this.emitDistribution(st, { outOff: off }));
            }
            off += st.n;
            break;
          }
          case "rng":
            generate.push(...(g.trunc ? this.emitTruncatedRng(g.family, g.n, g.args, g.trunc, off) : this.emitRng(g.family, g.n, g.args, off)));
            off += g.n;
            break;
          case "rngMultiNormalCholesky":
            generate.push(...emitMultiNormalRng(this.program, this.layout, g, this.scratch(g.k), off));
            off += g.n * g.k;
            break;
          case "rngDirichlet":
            generate.push(...this.emitDirichletRng(g.k, g.alpha, off));
            off += g.k;
            break;
        }
      }
    } catch (err) {
      // A program whose generated quantities cannot be compiled still has a usable log density;
      // generate() reports the reason when it is called.
      if (!(err instanceof UserError)) throw err;
      generateError = err;
      generate = [];
    }
    const x = this.layout.xSize;
    const buffers = [
      { name: "X", length: x },
      { name: "GX", length: x },
      ...this.program.tparams.flatMap((tp, k) => (tp.n === 0 ? [] : [{ name: `T${k}`, length: tp.n }, { name: `GT${k}`, length: tp.n }])),
    ];
    return { logDensity, constrain, generate, generateError, conditional, conditionalSize, buffers, extraBuffers: this.extraBuffers };
  }
}

function statementLabel(st: Statement): string {
  switch (st.kind) {
    case "distribution":
      return st.family;
    case "target":
      return "target";
    case "lkjCorrCholesky":
      return "lkj_corr_cholesky";
    case "multiNormalCholesky":
      return "multi_normal_cholesky";
    case "dirichlet":
      return "dirichlet";
    case "normalNormalMarginal":
      return "normal-normal marginal";
    case "poissonGammaMarginal":
      return "poisson-gamma marginal";
    case "betaBinomialMarginal":
      return "beta-binomial marginal";
    case "normalLinearMarginal":
      return "normal-linear marginal";
  }
}

/** log normalising constant of the LKJ(η) density on K×K Cholesky factors of correlation matrices. */
export function lkjConstant(eta: number, K: number): number {
  const Km1 = K - 1;
  let c = Km1 * lgamma(eta + 0.5 * Km1);
  for (let k = 1; k <= Km1; k++) c -= 0.5 * k * Math.log(Math.PI) + lgamma(eta + 0.5 * (Km1 - k));
  return c;
}

function unaryJs(fn: UnaryFn, x: JsExpr): JsExpr {
  switch (fn) {
    case "neg":
      return neg(x);
    case "exp":
    case "log":
    case "log1p":
    case "expm1":
    case "sqrt":
      return mathCall(fn, x);
    case "square":
      return mul(x, x);
    case "invLogit":
      return div(num(1), add(num(1), mathCall("exp", neg(x))));
    case "logInvLogit":
      return neg(call(id("log1pExp"), neg(x)));
    case "log1mInvLogit":
      return neg(call(id("log1pExp"), x));
    case "lgamma":
      return call(id("lgamma"), x);
    case "Phi":
      return call(id("Phi"), x);
  }
}

/** d fn(x)/dx given x and the value v = fn(x). */
function unaryDerivative(fn: UnaryFn, x: JsExpr, v: JsExpr): JsExpr {
  switch (fn) {
    case "neg":
      return num(-1);
    case "exp":
      return v;
    case "log":
      return div(num(1), x);
    case "log1p":
      return div(num(1), add(num(1), x));
    case "expm1":
      return add(v, num(1));
    case "sqrt":
      return div(num(0.5), v);
    case "square":
      return mul(num(2), x);
    case "invLogit":
      return mul(v, sub(num(1), v));
    case "logInvLogit":
      return div(num(1), add(num(1), mathCall("exp", x)));
    case "log1mInvLogit":
      return neg(div(num(1), add(num(1), mathCall("exp", neg(x)))));
    case "lgamma":
      return call(id("digamma"), x);
    case "Phi":
      return mul(num(1 / Math.sqrt(2 * Math.PI)), mathCall("exp", mul(num(-0.5), mul(x, x))));
  }
}
