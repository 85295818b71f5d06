/**
 * The test oracle: a slow, obviously-correct evaluator of the same IR. Every value is a node on a
 * scalar reverse-mode tape (one object per operation — far too slow for sampling, which is why the
 * compiler exists), densities are written from their textbook formulas with primitive operations, and
 * the gradient comes from the primitives' derivatives alone, independently of the compiler's
 * hand-derived partials.
 */
import type { ArrayRef, Expr, Program, ProgramData, Source } from "../ir/types.js";
import { sourceDims } from "../ir/validate.js";
import { computeLayout } from "./layout.js";
import { need, OutOfSupport, Tape, type Node } from "./tape.js";
import { censoredLp, truncationLp } from "./referenceCensored.js";
import { familyLpdf, dirichletOnTape, multiNormalRowOnTape, ordinalOnTape } from "./referenceFamilies.js";
import { CATEGORICAL_FAMILIES, ORDINAL_FAMILIES } from "../ir/families.js";
import { categoricalOnTape } from "./referenceCategorical.js";
import { betaBinomialMarginalOnTape, normalLinearMarginalOnTape, normalNormalMarginalOnTape, poissonGammaMarginalOnTape } from "./referenceMarginal.js";

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

/** Stan's ordered (x₁ = u₁) and positive_ordered (x₁ = exp u₁) transforms: x_k = x_{k−1} + exp(u_k). */
function orderedOnTape(t: Tape, u: Node[], n: number, positive: boolean): { x: Node[]; logJ: Node } {
  const x: Node[] = [];
  let logJ = t.c(0);
  for (let k = 0; k < n; k++) {
    if (k === 0) x.push(positive ? t.unary("exp", u[0]) : u[0]);
    else x.push(t.add(x[k - 1], t.unary("exp", u[k])));
    if (k > 0 || positive) logJ = t.add(logJ, u[k]);
  }
  return { x, logJ };
}

/**
 * Stan's stick-breaking simplex (Reference Manual ≤ 2.36): z_k = logit⁻¹(u_k − log(K − k)) (k 1-based),
 * x_k = z_k · stick, stick −= x_k, x_K = stick; log|J| = Σ log z_k + log(1 − z_k) + log stick_k.
 */
function simplexOnTape(t: Tape, u: Node[], n: number): { x: Node[]; logJ: Node } {
  const x: Node[] = [];
  let logJ = t.c(0);
  let stick = t.c(1);
  for (let k = 0; k < n - 1; k++) {
    const z = t.unary("invLogit", t.sub(u[k], t.c(Math.log(n - 1 - k))));
    const xk = t.mul(stick, z);
    logJ = t.add(logJ, t.add(t.add(t.unary("log", z), t.unary("log", t.sub(t.c(1), z))), t.unary("log", stick)));
    x.push(xk);
    stick = t.sub(stick, xk);
  }
  x.push(stick);
  return { x, logJ };
}

/**
 * The multivariate offset/multiplier written out: row i is mu_i + diag(s) L z_i (the lower triangle of
 * L), log|J| = n Σ_m log(s_m L_mm); mu absent is 0, s absent is 1.
 */
function offsetMultiplierCholeskyOnTape(
  s: State,
  u: Node[],
  shape: { rows: number; cols: number },
  tr: { mu?: ArrayRef; L: ArrayRef; scale?: ArrayRef },
): { x: Node[]; logJ: Node } {
  const t = s.tape;
  const { rows: n, cols: k } = shape;
  const muSize = tr.mu === undefined ? 0 : sourceDims(s.program, tr.mu.src, tr.mu.id).reduce((a, b) => a * b, 1);
  const L = (m: number, c: number): Node => get(s, tr.L.src, tr.L.id, m * k + c);
  const sc = (m: number): Node => (tr.scale === undefined ? t.c(1) : get(s, tr.scale.src, tr.scale.id, m));
  let logJ = t.c(0);
  for (let m = 0; m < k; m++) {
    need(sc(m).v > 0 && L(m, m).v > 0);
    logJ = t.add(logJ, t.mul(t.c(n), t.unary("log", t.mul(sc(m), L(m, m)))));
  }
  const x: Node[] = [];
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      let v = t.c(0);
      for (let c = 0; c <= m; c++) v = t.add(v, t.mul(L(m, c), u[i * k + c]));
      const mu = tr.mu === undefined ? t.c(0) : get(s, tr.mu.src, tr.mu.id, (muSize === k ? 0 : i * k) + m);
      x.push(t.add(mu, t.mul(sc(m), v)));
    }
  }
  return { x, logJ };
}

/** Element j of a bound (a number applies to every element). */
const at = (b: number | number[], j: number): number => (Array.isArray(b) ? b[j] : b);

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
    if (tr.kind === "offsetMultiplierCholesky") {
      const r = offsetMultiplierCholeskyOnTape(s, inputs.slice(l.uOff, l.uOff + l.uSize), p.shape as { rows: number; cols: number }, tr);
      lp = tape.add(lp, r.logJ);
      s.params[k] = r.x;
      return;
    }
    if (tr.kind === "ordered" || tr.kind === "positiveOrdered" || tr.kind === "simplex") {
      const r = (tr.kind === "simplex" ? simplexOnTape : orderedOnTape)(tape, inputs.slice(l.uOff, l.uOff + l.uSize), l.xSize, tr.kind === "positiveOrdered");
      lp = tape.add(lp, r.logJ);
      s.params[k] = r.x;
      return;
    }
    for (let j = 0; j < l.xSize; j++) {
      const u = inputs[l.uOff + j];
      switch (tr.kind) {
        case "identity":
          xs.push(u);
          break;
        case "lower":
          xs.push(tape.add(tape.c(at(tr.lb, j)), tape.unary("exp", u)));
          lp = tape.add(lp, u);
          break;
        case "upper":
          xs.push(tape.sub(tape.c(at(tr.ub, j)), tape.unary("exp", u)));
          lp = tape.add(lp, u);
          break;
        case "interval": {
          const lb = at(tr.lb, j);
          const ub = at(tr.ub, j);
          xs.push(tape.add(tape.c(lb), tape.mul(tape.c(ub - lb), tape.unary("invLogit", u))));
          const logJ = tape.add(tape.unary("logInvLogit", u), tape.unary("log1mInvLogit", u));
          lp = tape.add(lp, tape.add(tape.c(Math.log(ub - lb)), logJ));
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
        default:
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
    } else if (st.kind === "distribution" && CATEGORICAL_FAMILIES.includes(st.family)) {
      for (let i = 0; i < st.n; i++) lp = tape.add(lp, categoricalOnTape(tape, evalNode(st.lhs, i, s).v, st.args.map((a) => evalNode(a, i, s))));
    } else if (st.kind === "distribution" && ORDINAL_FAMILIES.includes(st.family)) {
      const cut = st.args[1] as Extract<Expr, { op: "ref" }>;
      const c = Array.from({ length: sourceDims(program, cut.src, cut.id)[0] }, (_, j) => get(s, cut.src, cut.id, j));
      for (let i = 0; i < st.n; i++) lp = tape.add(lp, ordinalOnTape(tape, st.family, evalNode(st.lhs, i, s).v, evalNode(st.args[0], i, s), c));
    } else if (st.kind === "distribution") {
      for (let i = 0; i < st.n; i++) {
        const y = evalNode(st.lhs, i, s);
        const args = st.args.map((a) => evalNode(a, i, s));
        const row = st.cens
          ? censoredLp(tape, st.family, data[st.cens.code][i], y, tape.c(st.cens.upper === undefined ? 0 : data[st.cens.upper][i]), args)
          : familyLpdf(tape, st.family, y, args);
        const weighted = st.weights === undefined ? row : tape.mul(tape.c(data[st.weights][i]), row);
        // brms: the truncation's normaliser is not weighted.
        lp = tape.add(lp, st.trunc ? tape.sub(weighted, truncationLp(tape, st.family, st.trunc, data, i, args)) : weighted);
      }
    } else if (st.kind === "lkjCorrCholesky") {
      // LKJ(η) on a Cholesky factor, from Lewandowski, Kurowicka & Joe (2009): the density of
      // Ω = LLᵀ is ∝ det(Ω)^(η−1) = Π L_ii^(2η−2), times the Jacobian Π_{i≥2} L_ii^(K−i) of Ω → L.
      const K = (program.params[st.param].shape as { k: number }).k;
      const eta = evalNode(st.eta, 0, s);
      need(eta.v > 0);
      const lgE = (shift: number) => tape.unary("lgamma", tape.add(eta, tape.c(shift)));
      let c = tape.mul(tape.c(K - 1), lgE(0.5 * (K - 1)));
      for (let k = 1; k < K; k++) c = tape.sub(c, tape.add(tape.c(0.5 * k * Math.log(Math.PI)), lgE(0.5 * (K - 1 - k))));
      lp = tape.add(lp, c);
      const L = s.params[st.param];
      for (let i = 1; i < K; i++) {
        const coef = tape.add(tape.c(K - (i + 1) - 2), tape.mul(tape.c(2), eta));
        lp = tape.add(lp, tape.mul(coef, tape.unary("log", L[i * K + i])));
      }
    } else if (st.kind === "multiNormalCholesky") {
      const { n, k } = st;
      const rowOf = (ref: ArrayRef | undefined, i: number, fill: number): Node[] => {
        if (!ref) return Array.from({ length: k }, () => tape.c(fill));
        const size = sourceDims(program, ref.src, ref.id).reduce((a, b) => a * b, 1);
        const base = size === k ? 0 : i * k;
        return Array.from({ length: k }, (_, j) => get(s, ref.src, ref.id, base + j));
      };
      const L = Array.from({ length: k * k }, (_, r) => get(s, st.L.src, st.L.id, r));
      for (let i = 0; i < n; i++) {
        lp = tape.add(lp, multiNormalRowOnTape(tape, rowOf(st.y, i, 0), rowOf(st.mu, i, 0), L, rowOf(st.scale, i, 1)));
      }
    } else if (st.kind === "normalNormalMarginal") {
      const r = Array.from({ length: st.n }, (_, i) => (st.eta ? tape.sub(evalNode(st.y, i, s), evalNode(st.eta, i, s)) : evalNode(st.y, i, s)));
      const sigma = Array.from({ length: st.n }, (_, i) => evalNode(st.sigma, i, s));
      const mu = Array.from({ length: st.J }, (_, j) => evalNode(st.mu, j, s));
      const tau = Array.from({ length: st.J }, (_, j) => evalNode(st.tau, j, s));
      const group = Array.from(data[st.group], (c) => c - 1);
      lp = tape.add(lp, normalNormalMarginalOnTape(tape, r, sigma, group, mu, tau));
    } else if (st.kind === "poissonGammaMarginal") {
      const shape = Array.from({ length: st.J }, (_, j) => evalNode(st.shape, j, s));
      const rate = Array.from({ length: st.J }, (_, j) => evalNode(st.rate, j, s));
      lp = tape.add(lp, poissonGammaMarginalOnTape(tape, data[st.y], data[st.t], shape, rate));
    } else if (st.kind === "betaBinomialMarginal") {
      const a = Array.from({ length: st.J }, (_, j) => evalNode(st.a, j, s));
      const b = Array.from({ length: st.J }, (_, j) => evalNode(st.b, j, s));
      lp = tape.add(lp, betaBinomialMarginalOnTape(tape, data[st.y], data[st.n], a, b));
    } else if (st.kind === "normalLinearMarginal") {
      const mu = Array.from({ length: st.J }, (_, j) => evalNode(st.mu, j, s));
      const tau = Array.from({ length: st.J }, (_, j) => evalNode(st.tau, j, s));
      const beta = st.beta.map((e) => evalNode(e, 0, s));
      lp = tape.add(lp, normalLinearMarginalOnTape(tape, st.n, data[st.stats], data[st.centre], evalNode(st.sigma, 0, s), beta, mu, tau));
    } else {
      const y = Array.from({ length: st.k }, (_, j) => evalNode(st.y, j, s));
      const alpha = Array.from({ length: st.k }, (_, j) => evalNode(st.alpha, j, s));
      lp = tape.add(lp, dirichletOnTape(tape, y, alpha));
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
