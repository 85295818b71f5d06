/**
 * The test oracle: a slow, obviously-correct evaluator of the same IR. Every value is a node on a
 * scalar reverse-mode tape (one object per operation — far too slow for sampling, which is why the
 * compiler exists), densities are written from their textbook formulas with primitive operations, and
 * the gradient comes from the primitives' derivatives alone, independently of the compiler's
 * hand-derived partials.
 */
import type { Expr, Program, ProgramData, Source } from "../ir/types.js";
import { sourceDims } from "../ir/validate.js";
import { computeLayout } from "./layout.js";
import { digamma } from "../math/digamma.js";
import { lgamma } from "../math/lgamma.js";
import { Phi } from "./shim/math.js";

interface Node {
  v: number;
  /** Parents and the local partials d(this)/d(parent). */
  p: Node[];
  d: number[];
  adj: number;
}

/** Thrown inside an evaluation when a value leaves its support; caught at the top as -Infinity. */
class OutOfSupport extends Error {}

class Tape {
  readonly nodes: Node[] = [];
  node(v: number, p: Node[] = [], d: number[] = []): Node {
    const n = { v, p, d, adj: 0 };
    this.nodes.push(n);
    return n;
  }
  c(v: number): Node {
    return this.node(v);
  }
  add(a: Node, b: Node): Node {
    return this.node(a.v + b.v, [a, b], [1, 1]);
  }
  sub(a: Node, b: Node): Node {
    return this.node(a.v - b.v, [a, b], [1, -1]);
  }
  mul(a: Node, b: Node): Node {
    return this.node(a.v * b.v, [a, b], [b.v, a.v]);
  }
  div(a: Node, b: Node): Node {
    return this.node(a.v / b.v, [a, b], [1 / b.v, -a.v / (b.v * b.v)]);
  }
  pow(a: Node, b: Node): Node {
    const v = Math.pow(a.v, b.v);
    return this.node(v, [a, b], [b.v * Math.pow(a.v, b.v - 1), v * Math.log(a.v)]);
  }
  unary(fn: string, a: Node): Node {
    const x = a.v;
    switch (fn) {
      case "neg":
        return this.node(-x, [a], [-1]);
      case "exp":
        return this.node(Math.exp(x), [a], [Math.exp(x)]);
      case "log":
        return this.node(Math.log(x), [a], [1 / x]);
      case "log1p":
        return this.node(Math.log1p(x), [a], [1 / (1 + x)]);
      case "expm1":
        return this.node(Math.expm1(x), [a], [Math.exp(x)]);
      case "sqrt":
        return this.node(Math.sqrt(x), [a], [0.5 / Math.sqrt(x)]);
      case "square":
        return this.node(x * x, [a], [2 * x]);
      case "invLogit": {
        const s = 1 / (1 + Math.exp(-x));
        return this.node(s, [a], [s * (1 - s)]);
      }
      case "logInvLogit":
        // log(1/(1+e^-x)) = -log1p(e^-x), written for both signs without overflow.
        return this.node(x > 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)), [a], [1 / (1 + Math.exp(x))]);
      case "log1mInvLogit":
        return this.node(x > 0 ? -x - Math.log1p(Math.exp(-x)) : -Math.log1p(Math.exp(x)), [a], [-1 / (1 + Math.exp(-x))]);
      case "lgamma":
        return this.node(lgamma(x), [a], [digamma(x)]);
      case "Phi":
        return this.node(Phi(x), [a], [Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)]);
    }
    throw new Error(`reference: unknown function ${fn}`);
  }
  backward(out: Node): void {
    out.adj = 1;
    for (let k = this.nodes.length - 1; k >= 0; k--) {
      const n = this.nodes[k];
      if (n.adj === 0) continue;
      for (let j = 0; j < n.p.length; j++) n.p[j].adj += n.adj * n.d[j];
    }
  }
}

interface State {
  tape: Tape;
  program: Program;
  data: ProgramData;
  params: Node[][];
  tparams: Node[][];
}

function get(s: State, src: Source, id: number, k: number): Node {
  if (src === "data") return s.tape.c(s.data[id][k]);
  return (src === "param" ? s.params : s.tparams)[id][k];
}

function evalNode(e: Expr, i: number, s: State): Node {
  const t = s.tape;
  switch (e.op) {
    case "const":
      return t.c(e.value);
    case "ref":
      return get(s, e.src, e.id, sourceDims(s.program, e.src, e.id).length === 0 ? 0 : i);
    case "elem":
      return get(s, e.src, e.id, e.index);
    case "row":
      return get(s, e.src, e.id, e.row * sourceDims(s.program, e.src, e.id)[1] + i);
    case "gather":
      return get(s, e.src, e.id, s.data[e.by][i] - 1);
    case "unary":
      return t.unary(e.fn, evalNode(e.arg, i, s));
    case "binary": {
      const a = evalNode(e.a, i, s);
      const b = evalNode(e.b, i, s);
      return e.fn === "add" ? t.add(a, b) : e.fn === "sub" ? t.sub(a, b) : e.fn === "mul" ? t.mul(a, b) : e.fn === "div" ? t.div(a, b) : t.pow(a, b);
    }
    case "dotRow": {
      const K = s.program.data[e.matrix].dims[1];
      let acc = t.c(0);
      for (let k = 0; k < K; k++) acc = t.add(acc, t.mul(t.c(s.data[e.matrix][i * K + k]), get(s, e.src, e.id, k)));
      return acc;
    }
    case "sum": {
      let acc = t.c(0);
      for (let j = 0; j < e.n; j++) acc = t.add(acc, evalNode(e.arg, j, s));
      return acc;
    }
  }
}

function need(ok: boolean): void {
  if (!ok) throw new OutOfSupport();
}

/** Textbook log densities on the tape. `a` holds the arguments in signature order. */
function familyLpdf(t: Tape, family: string, y: Node, a: Node[]): Node {
  const c = (v: number) => t.c(v);
  const log = (x: Node) => t.unary("log", x);
  const lg = (x: Node) => t.unary("lgamma", x);
  const sq = (x: Node) => t.unary("square", x);
  switch (family) {
    case "normal": {
      need(a[1].v > 0);
      const z = t.div(t.sub(y, a[0]), a[1]);
      return t.sub(t.sub(t.mul(c(-0.5), sq(z)), log(a[1])), c(0.5 * Math.log(2 * Math.PI)));
    }
    case "student_t": {
      const [nu, mu, sigma] = a;
      need(nu.v > 0 && sigma.v > 0);
      const z = t.div(t.sub(y, mu), sigma);
      const half = t.div(t.add(nu, c(1)), c(2));
      const norm = t.sub(t.sub(lg(half), lg(t.div(nu, c(2)))), t.mul(c(0.5), log(t.mul(nu, c(Math.PI)))));
      return t.sub(t.sub(norm, log(sigma)), t.mul(half, log(t.add(c(1), t.div(sq(z), nu)))));
    }
    case "cauchy": {
      need(a[1].v > 0);
      const z = t.div(t.sub(y, a[0]), a[1]);
      return t.sub(t.sub(c(-Math.log(Math.PI)), log(a[1])), log(t.add(c(1), sq(z))));
    }
    case "lognormal": {
      need(y.v > 0 && a[1].v > 0);
      const z = t.div(t.sub(log(y), a[0]), a[1]);
      return t.sub(t.sub(t.sub(t.mul(c(-0.5), sq(z)), log(a[1])), c(0.5 * Math.log(2 * Math.PI))), log(y));
    }
    case "exponential":
      need(a[0].v > 0 && y.v >= 0);
      return t.sub(log(a[0]), t.mul(a[0], y));
    case "gamma": {
      const [al, be] = a;
      need(al.v > 0 && be.v > 0 && y.v >= 0);
      return t.sub(t.add(t.sub(t.mul(al, log(be)), lg(al)), t.mul(t.sub(al, c(1)), log(y))), t.mul(be, y));
    }
    case "poisson":
      need(a[0].v > 0);
      return t.sub(t.sub(t.mul(y, log(a[0])), a[0]), lg(t.add(y, c(1))));
    case "poisson_log":
      return t.sub(t.sub(t.mul(y, a[0]), t.unary("exp", a[0])), lg(t.add(y, c(1))));
    case "bernoulli_logit":
      return t.add(t.mul(y, t.unary("logInvLogit", a[0])), t.mul(t.sub(c(1), y), t.unary("log1mInvLogit", a[0])));
    case "binomial_logit": {
      const [N, al] = a;
      const lchoose = t.sub(t.sub(lg(t.add(N, c(1))), lg(t.add(y, c(1)))), lg(t.add(t.sub(N, y), c(1))));
      return t.add(t.add(lchoose, t.mul(y, t.unary("logInvLogit", al))), t.mul(t.sub(N, y), t.unary("log1mInvLogit", al)));
    }
    case "neg_binomial_2_log": {
      const [eta, phi] = a;
      need(phi.v > 0);
      const lmp = log(t.add(t.unary("exp", eta), phi));
      const norm = t.sub(t.sub(lg(t.add(y, phi)), lg(t.add(y, c(1)))), lg(phi));
      return t.add(t.add(norm, t.mul(y, t.sub(eta, lmp))), t.mul(phi, t.sub(log(phi), lmp)));
    }
  }
  throw new Error(`reference: unknown family ${family}`);
}

/**
 * Stan's cholesky_factor_corr transform written out on the tape: z = tanh(u) (canonical partial
 * correlations, row-major over the strictly lower triangle), L_ij = z_ij √w_ij, L_ii = √w_ii,
 * w_i1 = 1, w_i,j+1 = w_ij (1 − z_ij²); log|J| = Σ log(1 − z_ij²) + ½ Σ_{j ≥ 2} log w_ij.
 */
function choleskyCorrOnTape(t: Tape, u: Node[], K: number): { x: Node[]; logJ: Node } {
  const x: Node[] = Array.from({ length: K * K }, () => t.c(0));
  let logJ = t.c(0);
  let p = 0;
  x[0] = t.c(1);
  for (let i = 1; i < K; i++) {
    let w = t.c(1);
    for (let j = 0; j < i; j++) {
      const e2 = t.unary("exp", t.mul(t.c(2), u[p++]));
      const z = t.div(t.sub(e2, t.c(1)), t.add(e2, t.c(1)));
      if (j > 0) logJ = t.add(logJ, t.mul(t.c(0.5), t.unary("log", w)));
      x[i * K + j] = t.mul(z, t.unary("sqrt", w));
      const oneMinus = t.sub(t.c(1), t.unary("square", z));
      logJ = t.add(logJ, t.unary("log", oneMinus));
      w = t.mul(w, oneMinus);
    }
    x[i * K + i] = t.unary("sqrt", w);
  }
  return { x, logJ };
}

function evaluate(program: Program, data: ProgramData, theta: Float64Array): { tape: Tape; lp: Node; inputs: Node[] } {
  const tape = new Tape();
  const layout = computeLayout(program);
  const inputs = Array.from(theta, (v) => tape.node(v));
  const s: State = { tape, program, data, params: [], tparams: [] };
  let lp = tape.c(0);
  program.params.forEach((p, k) => {
    const l = layout.params[k];
    const tr = p.transform;
    const xs: Node[] = [];
    for (let j = 0; j < l.xSize; j++) {
      const u = inputs[l.uOff + j];
      switch (tr.kind) {
        case "identity":
          xs.push(u);
          break;
        case "lower":
          xs.push(tape.add(tape.c(tr.lb), tape.unary("exp", u)));
          lp = tape.add(lp, u);
          break;
        case "upper":
          xs.push(tape.sub(tape.c(tr.ub), tape.unary("exp", u)));
          lp = tape.add(lp, u);
          break;
        case "interval": {
          xs.push(tape.add(tape.c(tr.lb), tape.mul(tape.c(tr.ub - tr.lb), tape.unary("invLogit", u))));
          const logJ = tape.add(tape.unary("logInvLogit", u), tape.unary("log1mInvLogit", u));
          lp = tape.add(lp, tape.add(tape.c(Math.log(tr.ub - tr.lb)), logJ));
          break;
        }
        case "offsetMultiplier": {
          s.params[k] = xs;
          const o = evalNode(tr.offset, j, s);
          const m = evalNode(tr.multiplier, j, s);
          need(m.v > 0);
          xs.push(tape.add(o, tape.mul(m, u)));
          lp = tape.add(lp, tape.unary("log", m));
          break;
        }
        case "choleskyCorr":
          break;
      }
    }
    if (tr.kind === "choleskyCorr") {
      const r = choleskyCorrOnTape(tape, inputs.slice(l.uOff, l.uOff + l.uSize), (p.shape as { k: number }).k);
      lp = tape.add(lp, r.logJ);
      s.params[k] = r.x;
      return;
    }
    s.params[k] = xs;
  });
  program.tparams.forEach((tp, k) => {
    s.tparams[k] = Array.from({ length: Math.max(1, tp.n) }, (_, j) => evalNode(tp.expr, j, s));
  });
  for (const st of program.statements) {
    if (st.kind === "target") {
      for (let i = 0; i < st.n; i++) lp = tape.add(lp, evalNode(st.expr, i, s));
    } else if (st.kind === "distribution") {
      for (let i = 0; i < st.n; i++) {
        const y = evalNode(st.lhs, i, s);
        const args = st.args.map((a) => evalNode(a, i, s));
        lp = tape.add(lp, familyLpdf(tape, st.family, y, args));
      }
    } else {
      // LKJ(η) on a Cholesky factor, from Lewandowski, Kurowicka & Joe (2009): the density of
      // Ω = LLᵀ is ∝ det(Ω)^(η−1) = Π L_ii^(2η−2), times the Jacobian Π_{i≥2} L_ii^(K−i) of Ω → L.
      const K = (program.params[st.param].shape as { k: number }).k;
      const eta = st.eta.op === "const" ? st.eta.value : (data[(st.eta as { id: number }).id][0] as number);
      need(eta > 0);
      let c = (K - 1) * lgamma(eta + 0.5 * (K - 1));
      for (let k = 1; k < K; k++) c -= 0.5 * k * Math.log(Math.PI) + lgamma(eta + 0.5 * (K - 1 - k));
      lp = tape.add(lp, tape.c(c));
      const L = s.params[st.param];
      for (let i = 1; i < K; i++) {
        lp = tape.add(lp, tape.mul(tape.c(K - (i + 1) + 2 * eta - 2), tape.unary("log", L[i * K + i])));
      }
    }
  }
  return { tape, lp, inputs };
}

/** Log density at the unconstrained point (with log-Jacobians); -Infinity outside the support. */
export function referenceLogDensity(program: Program, data: ProgramData, theta: Float64Array): number {
  try {
    return evaluate(program, data, theta).lp.v;
  } catch (err) {
    if (err instanceof OutOfSupport) return -Infinity;
    throw err;
  }
}

/** Log density and its gradient by reverse mode on the tape. */
export function referenceGradient(program: Program, data: ProgramData, theta: Float64Array): { value: number; grad: Float64Array } {
  try {
    const { tape, lp, inputs } = evaluate(program, data, theta);
    tape.backward(lp);
    return { value: lp.v, grad: Float64Array.from(inputs, (n) => n.adj) };
  } catch (err) {
    if (err instanceof OutOfSupport) return { value: -Infinity, grad: new Float64Array(theta.length) };
    throw err;
  }
}
