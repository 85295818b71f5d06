/**
 * Build-time validation of IR programs and their data: slots exist, shapes and index ranges agree,
 * int where int is required, gather codes in range. Run once before compiling; the compiled hot path
 * checks nothing beyond returning -Infinity.
 */
import { UserError } from "../errors.js";
import { CATEGORICAL_FAMILIES, CENSORED_FAMILIES, ORDINAL_FAMILIES, familySignature, type FamilySignature } from "./families.js";
import { everyRef } from "./mapRefs.js";
import type { ArrayRef, BetaBinomialMarginal, Expr, NormalLinearMarginal, NormalNormalMarginal, ParamShape, PoissonGammaMarginal, Program, ProgramData, Source, Statement, TransformSpec } from "./types.js";

/** Number of constrained values of a parameter shape. */
export function shapeSize(shape: ParamShape): number {
  switch (shape.kind) {
    case "scalar":
      return 1;
    case "vector":
      return shape.n;
    case "matrix":
      return shape.rows * shape.cols;
    case "choleskyCorr":
      return shape.k * shape.k;
  }
}

/** Dimensions of a referenced array: [] scalar, [n] vector, [rows, cols] matrix. */
export function sourceDims(program: Program, src: Source, id: number): number[] {
  if (src === "data") return program.data[id].dims;
  if (src === "tparam") return program.tparams[id].n === 0 ? [] : [program.tparams[id].n];
  const shape = program.params[id].shape;
  switch (shape.kind) {
    case "scalar":
      return [];
    case "vector":
      return [shape.n];
    case "matrix":
      return [shape.rows, shape.cols];
    case "choleskyCorr":
      return [shape.k, shape.k];
  }
}

function sizeOf(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

const UNARY = new Set([
  "neg", "exp", "log", "log1p", "expm1", "sqrt", "square", "invLogit", "logInvLogit", "log1mInvLogit", "lgamma", "Phi",
]);
const BINARY = new Set(["add", "sub", "mul", "div", "pow"]);

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

/** What an expression may see: its context length and which parameters / transformed params exist yet. */
interface Scope {
  program: Program;
  /** Context length (number of indices the expression is evaluated at). */
  n: number;
  /** Parameters with id < maxParam are visible. */
  maxParam: number;
  /** Transformed parameters with id < maxTparam are visible. */
  maxTparam: number;
  where: string;
}

function fail(where: string, msg: string): never {
  throw new UserError(`${where}: ${msg}`);
}

function checkSource(scope: Scope, src: Source, id: number): number[] {
  const { program, where } = scope;
  if (!Number.isInteger(id) || id < 0) fail(where, `${src} id must be a non-negative integer, got ${id}`);
  if (src === "data") {
    if (id >= program.data.length) fail(where, `data slot ${id} does not exist (${program.data.length} slots)`);
  } else if (src === "param") {
    if (id >= scope.maxParam) fail(where, `parameter ${id} is not visible here (only parameters 0..${scope.maxParam - 1})`);
  } else if (src === "tparam") {
    if (id >= scope.maxTparam) fail(where, `transformed parameter ${id} is not visible here`);
  } else {
    fail(where, `source must be data, param or tparam, got ${String(src)}`);
  }
  return sourceDims(program, src, id);
}

/** A `vector` argument (ordinal cutpoints): a `ref` to a whole vector of at least one element. */
function checkVectorArg(e: Expr, scope: Scope): void {
  if (e.op !== "ref") fail(scope.where, `must be a whole vector (a ref to a vector parameter, transformed parameter or data), got ${e.op}`);
  const dims = checkSource(scope, e.src, e.id);
  if (dims.length !== 1 || dims[0] < 1) fail(scope.where, `must be a vector of at least one element, got dims [${dims.join(", ")}]`);
}

/** Returns the expression's type ("int" only for int data refs). */
export function checkExpr(e: Expr, scope: Scope): "real" | "int" {
  const { where, n, program } = scope;
  switch (e.op) {
    case "const":
      if (typeof e.value !== "number") fail(where, `const value must be a number, got ${typeof e.value}`);
      return "real";
    case "ref": {
      const dims = checkSource(scope, e.src, e.id);
      if (dims.length > 1) fail(where, `a matrix must be used through elem, row or dotRow`);
      if (dims.length === 1 && dims[0] !== n) fail(where, `vector of length ${dims[0]} used where length ${n} is expected`);
      return e.src === "data" && program.data[e.id].type === "int" ? "int" : "real";
    }
    case "elem": {
      const dims = checkSource(scope, e.src, e.id);
      if (!Number.isInteger(e.index) || e.index < 0 || e.index >= sizeOf(dims)) {
        fail(where, `element index must be in 0..${sizeOf(dims) - 1}, got ${e.index}`);
      }
      return e.src === "data" && program.data[e.id].type === "int" ? "int" : "real";
    }
    case "row": {
      const dims = checkSource(scope, e.src, e.id);
      if (dims.length !== 2) fail(where, `row needs a matrix`);
      if (!Number.isInteger(e.row) || e.row < 0 || e.row >= dims[0]) fail(where, `row must be in 0..${dims[0] - 1}, got ${e.row}`);
      if (dims[1] !== n) fail(where, `matrix row of length ${dims[1]} used where length ${n} is expected`);
      return e.src === "data" && program.data[e.id].type === "int" ? "int" : "real";
    }
    case "gather": {
      const dims = checkSource(scope, e.src, e.id);
      // A matrix is gathered from its flat row-major values (the DSL's col(): codes (row − 1)·cols + col + 1).
      if (dims.length === 0) fail(where, `gather needs a vector or matrix source`);
      const by = checkSource(scope, "data", e.by);
      if (program.data[e.by].type !== "int" || by.length !== 1) fail(where, `gather index must be an int data vector`);
      if (by[0] !== n) fail(where, `gather index of length ${by[0]} used where length ${n} is expected`);
      return e.src === "data" && program.data[e.id].type === "int" ? "int" : "real";
    }
    case "unary":
      if (!UNARY.has(e.fn)) fail(where, `unknown function ${String(e.fn)}; valid: ${[...UNARY].join(", ")}`);
      checkExpr(e.arg, scope);
      return "real";
    case "binary":
      if (!BINARY.has(e.fn)) fail(where, `unknown operator ${String(e.fn)}; valid: ${[...BINARY].join(", ")}`);
      checkExpr(e.a, scope);
      checkExpr(e.b, scope);
      return "real";
    case "dotRow": {
      const m = checkSource(scope, "data", e.matrix);
      if (m.length !== 2 || program.data[e.matrix].type !== "real") fail(where, `dotRow needs a real data matrix`);
      if (m[0] !== n) fail(where, `dotRow matrix has ${m[0]} rows where ${n} are expected`);
      const v = checkSource(scope, e.src, e.id);
      if (v.length !== 1 || v[0] !== m[1]) fail(where, `dotRow vector must have length ${m[1]}`);
      return "real";
    }
    case "sum":
      if (!isCount(e.n)) fail(where, `sum length must be a non-negative integer, got ${e.n}`);
      checkExpr(e.arg, { ...scope, n: e.n, where: `${where} (inside sum)` });
      return "real";
    default:
      return fail(where, `unknown expression op ${String((e as { op: unknown }).op)}`);
  }
}

/**
 * The bound of each of `size` elements (a number applies to all); throws unless every value is finite
 * and an array has one value per element.
 */
export function boundValues(b: unknown, size: number, where: string): number[] {
  if (Array.isArray(b)) {
    if (b.length !== size) fail(where, `needs one value per element (${size}), got ${b.length}`);
    b.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) fail(where, `must be finite, got ${String(v)} at element ${j + 1}`);
    });
    return b as number[];
  }
  if (typeof b !== "number" || !Number.isFinite(b)) fail(where, `must be finite, got ${String(b)}`);
  return new Array<number>(size).fill(b as number);
}

/** Checks the program's structure; throws a UserError naming the offending part. */
export function validateProgram(program: Program): void {
  const all = { program, maxParam: program.params.length, maxTparam: program.tparams.length };
  program.data.forEach((d, k) => {
    const where = `data slot ${k}`;
    if (d.type !== "real" && d.type !== "int") fail(where, `type must be real or int, got ${String(d.type)}`);
    if (!Array.isArray(d.dims) || d.dims.length > 2 || !d.dims.every(isCount)) fail(where, `dims must be [], [n] or [rows, cols]`);
  });
  program.params.forEach((p, k) => {
    const where = `parameter ${k}`;
    const s = p.shape;
    if (s.kind === "vector" && !isCount(s.n)) fail(where, `vector length must be a non-negative integer`);
    if (s.kind === "matrix" && !(isCount(s.rows) && isCount(s.cols))) fail(where, `matrix dims must be non-negative integers`);
    if (s.kind === "choleskyCorr" && !(isCount(s.k) && s.k >= 1)) fail(where, `choleskyCorr size must be a positive integer`);
    if (!["scalar", "vector", "matrix", "choleskyCorr"].includes(s.kind)) fail(where, `unknown shape ${String(s.kind)}`);
    const t = p.transform;
    if ((s.kind === "choleskyCorr") !== (t.kind === "choleskyCorr")) fail(where, `choleskyCorr shape and transform go together`);
    switch (t.kind) {
      case "identity":
      case "choleskyCorr":
        break;
      case "ordered":
      case "positiveOrdered":
        if (s.kind !== "vector") fail(where, `${t.kind} applies to vectors`);
        break;
      case "simplex":
        if (s.kind !== "vector" || s.n < 1) fail(where, `simplex applies to vectors of length at least 1`);
        break;
      case "lower":
        boundValues(t.lb, shapeSize(s), `${where} lower bound`);
        break;
      case "upper":
        boundValues(t.ub, shapeSize(s), `${where} upper bound`);
        break;
      case "interval": {
        const lb = boundValues(t.lb, shapeSize(s), `${where} lower bound`);
        const ub = boundValues(t.ub, shapeSize(s), `${where} upper bound`);
        lb.forEach((l, j) => {
          if (!(l < ub[j])) fail(where, `interval needs lb < ub, got ${l}, ${ub[j]}${lb.length > 1 ? ` at element ${j + 1}` : ""}`);
        });
        break;
      }
      case "offsetMultiplier": {
        const scope = { ...all, n: shapeSize(s), maxParam: k, maxTparam: 0, where: `${where} offset/multiplier` };
        if (s.kind === "matrix") fail(where, `offset/multiplier applies to scalars and vectors`);
        checkExpr(t.offset, scope);
        checkExpr(t.multiplier, scope);
        break;
      }
      case "offsetMultiplierCholesky":
        checkOffsetMultiplierCholesky(program, k, t, where);
        break;
      default:
        fail(where, `unknown transform ${String((t as { kind: unknown }).kind)}`);
    }
  });
  program.tparams.forEach((tp, k) => {
    if (!isCount(tp.n)) fail(`transformed parameter ${k}`, `n must be a non-negative integer`);
    checkExpr(tp.expr, { ...all, n: tp.n === 0 ? 1 : tp.n, maxTparam: k, where: `transformed parameter ${k}` });
  });
  program.statements.forEach((st, k) => {
    const where = `statement ${k}`;
    if (st.kind === "lkjCorrCholesky") {
      if (!(st.param >= 0 && st.param < program.params.length) || program.params[st.param].shape.kind !== "choleskyCorr") {
        fail(where, `lkjCorrCholesky needs a choleskyCorr parameter`);
      }
      checkExpr(st.eta, { ...all, n: 1, where: `${where} eta` });
      return;
    }
    if (st.kind === "multiNormalCholesky") {
      checkMultiNormal(program, st, where);
      return;
    }
    if (st.kind === "dirichlet") {
      if (!(isCount(st.k) && st.k >= 1)) fail(where, `dirichlet size k must be a positive integer, got ${st.k}`);
      checkExpr(st.y, { ...all, n: st.k, where: `${where} y` });
      checkExpr(st.alpha, { ...all, n: st.k, where: `${where} alpha` });
      return;
    }
    if (st.kind === "normalNormalMarginal") {
      checkNormalNormalMarginal(program, st, all, where);
      return;
    }
    if (st.kind === "poissonGammaMarginal") {
      checkPoissonGammaMarginal(program, st, all, where);
      return;
    }
    if (st.kind === "betaBinomialMarginal") {
      checkBetaBinomialMarginal(program, st, all, where);
      return;
    }
    if (st.kind === "normalLinearMarginal") {
      checkNormalLinearMarginal(program, st, all, where);
      return;
    }
    if (!isCount(st.n)) fail(where, `n must be a non-negative integer, got ${st.n}`);
    const scope = { ...all, n: st.n, where };
    if (st.kind === "target") {
      checkExpr(st.expr, scope);
      return;
    }
    if (st.kind !== "distribution") fail(where, `unknown statement kind ${String((st as { kind: unknown }).kind)}`);
    const sig = familySignature(st.family);
    if (!sig) fail(where, `unknown distribution family ${String(st.family)}`);
    if (!argCountFits(sig, st.args.length)) fail(where, `${st.family} takes ${sig.args.length}${sig.variadic ? " or more" : ""} arguments (${sig.args.join(", ")}), got ${st.args.length}`);
    const lhsType = checkExpr(st.lhs, scope);
    if (sig.lhs === "int" && (lhsType !== "int" || !isDataOnly(st.lhs))) fail(where, `${st.family} needs an int data outcome`);
    st.args.forEach((a, j) => {
      if (sig.argTypes[j] === "vector") return checkVectorArg(a, { ...scope, where: `${where} argument ${sig.args[j]}` });
      const t = checkExpr(a, { ...scope, where: `${where} argument ${sig.args[j]}` });
      if (sig.argTypes[j] === "int" && (t !== "int" || !isDataOnly(a))) fail(where, `${st.family} argument ${sig.args[j]} must be int data`);
    });
    checkWeightsAndCens(program, st, where);
  });
  (program.generated ?? []).forEach((g, k) => {
    const where = `generated ${k}`;
    if (g.kind === "logLik") {
      const st = program.statements[g.statement];
      if (!st || (st.kind !== "distribution" && st.kind !== "multiNormalCholesky")) {
        fail(where, `logLik needs a distribution or multiNormalCholesky statement`);
      }
      return;
    }
    if (g.kind === "rngMultiNormalCholesky") {
      checkMultiNormal(program, g, where);
      return;
    }
    if (g.kind === "rngDirichlet") {
      if (!(isCount(g.k) && g.k >= 1)) fail(where, `dirichlet size k must be a positive integer, got ${g.k}`);
      checkExpr(g.alpha, { ...all, n: g.k, where: `${where} alpha` });
      return;
    }
    const sig = familySignature(g.family);
    if (!sig) fail(where, `unknown distribution family ${String(g.family)}`);
    if (g.trunc !== undefined) {
      if (!CENSORED_FAMILIES.includes(g.family)) fail(where, `${g.family} draws cannot be truncated; truncation is available for ${CENSORED_FAMILIES.join(", ")}`);
      if (g.trunc.lower !== undefined) checkRowSlot(program, g.trunc.lower, "real", g.n, where, "trunc lower");
      if (g.trunc.upper !== undefined) checkRowSlot(program, g.trunc.upper, "real", g.n, where, "trunc upper");
    }
    if (!argCountFits(sig, g.args.length)) fail(where, `${g.family} takes ${sig.args.length}${sig.variadic ? " or more" : ""} arguments`);
    g.args.forEach((a, j) => (sig.argTypes[j] === "vector" ? checkVectorArg(a, { ...all, n: g.n, where }) : checkExpr(a, { ...all, n: g.n, where })));
  });
}

/** A variadic signature's last argument may repeat. */
function argCountFits(sig: FamilySignature, count: number): boolean {
  return sig.variadic ? count >= sig.args.length : count === sig.args.length;
}

/** A data slot of one value per statement row, of the given type. */
function checkRowSlot(program: Program, slot: unknown, type: "real" | "int", n: number, where: string, what: string): void {
  const ds = typeof slot === "number" && Number.isInteger(slot) ? program.data[slot] : undefined;
  if (!ds || ds.type !== type || sizeOf(ds.dims) !== n || ds.dims.length !== 1) fail(where, `${what} must be a ${type} data vector of ${n} values`);
}

function checkWeightsAndCens(program: Program, st: Extract<Statement, { kind: "distribution" }>, where: string): void {
  if (st.weights !== undefined) checkRowSlot(program, st.weights, "real", st.n, where, "weights");
  // The ordinal emitter (emitOrdinal.ts) has no weighted form yet.
  if (st.weights !== undefined && (ORDINAL_FAMILIES.includes(st.family) || CATEGORICAL_FAMILIES.includes(st.family))) fail(where, `${st.family} statements cannot be weighted yet`);
  if (st.trunc !== undefined) {
    // Truncation reuses the censored templates' CDFs, so the same families.
    if (!CENSORED_FAMILIES.includes(st.family)) fail(where, `${st.family} cannot be truncated; truncation is available for ${CENSORED_FAMILIES.join(", ")}`);
    if (!isDataOnly(st.lhs)) fail(where, `a truncated outcome must be data`);
    if (st.trunc.lower === undefined && st.trunc.upper === undefined) fail(where, `trunc needs a lower or an upper bound`);
    if (st.trunc.lower !== undefined) checkRowSlot(program, st.trunc.lower, "real", st.n, where, "trunc lower");
    if (st.trunc.upper !== undefined) checkRowSlot(program, st.trunc.upper, "real", st.n, where, "trunc upper");
  }
  if (st.cens === undefined) return;
  if (!CENSORED_FAMILIES.includes(st.family)) fail(where, `${st.family} cannot be censored; censoring is available for ${CENSORED_FAMILIES.join(", ")}`);
  if (!isDataOnly(st.lhs)) fail(where, `a censored outcome must be data`);
  checkRowSlot(program, st.cens.code, "int", st.n, where, "cens code");
  if (st.cens.upper !== undefined) checkRowSlot(program, st.cens.upper, "real", st.n, where, "cens upper");
}

/**
 * An ArrayRef must name an array (data, a non-scalar parameter, a vector transformed parameter) whose
 * size is one of `sizes`. Returns its size.
 */
function checkArrayRef(program: Program, ref: ArrayRef, sizes: number[], where: string): number {
  const scope: Scope = { program, n: 0, maxParam: program.params.length, maxTparam: program.tparams.length, where };
  if (!ref || typeof ref !== "object") fail(where, `expected an array reference { src, id }`);
  const dims = checkSource(scope, ref.src, ref.id);
  if (ref.src === "param" && program.params[ref.id].shape.kind === "scalar") fail(where, `a scalar parameter cannot be read as an array`);
  if (ref.src === "tparam" && program.tparams[ref.id].n === 0) fail(where, `a scalar transformed parameter cannot be read as an array`);
  const size = sizeOf(dims);
  if (!sizes.includes(size)) fail(where, `array of ${size} values where ${[...new Set(sizes)].join(" or ")} are expected`);
  return size;
}

function checkMultiNormal(
  program: Program,
  st: { n: number; k: number; y?: ArrayRef; mu?: ArrayRef; L: ArrayRef; scale?: ArrayRef },
  where: string,
): void {
  if (!isCount(st.n)) fail(where, `n must be a non-negative integer, got ${st.n}`);
  if (!(isCount(st.k) && st.k >= 1)) fail(where, `k must be a positive integer, got ${st.k}`);
  const { n, k } = st;
  if (st.y !== undefined) checkArrayRef(program, st.y, [n * k], `${where} y`);
  if (st.mu !== undefined) checkArrayRef(program, st.mu, [k, n * k], `${where} mu`);
  checkArrayRef(program, st.L, [k * k], `${where} L`);
  if (st.L.src === "param" && program.params[st.L.id].shape.kind === "vector") fail(`${where} L`, `L must be a matrix`);
  if (st.scale !== undefined) checkArrayRef(program, st.scale, [k], `${where} scale`);
}

/**
 * The multivariate offset/multiplier of parameter `pid`: a matrix of n rows of length k whose mu, L and
 * scale are arrays (sized as a multiNormalCholesky statement's) of data or of parameters declared before
 * it: the transform runs with the parameters, before any transformed parameter exists.
 */
function checkOffsetMultiplierCholesky(program: Program, pid: number, t: Extract<TransformSpec, { kind: "offsetMultiplierCholesky" }>, where: string): void {
  const s = program.params[pid].shape;
  if (s.kind !== "matrix" || s.cols < 1) fail(where, `offsetMultiplierCholesky applies to matrices (rows of length k ≥ 1)`);
  const { rows: n, cols: k } = s;
  const refs: [string, ArrayRef | undefined, number[]][] = [["mu", t.mu, [k, n * k]], ["L", t.L, [k * k]], ["scale", t.scale, [k]]];
  for (const [what, ref, sizes] of refs) {
    if (ref === undefined) {
      if (what === "L") fail(where, `offsetMultiplierCholesky needs L`);
      continue;
    }
    if (ref.src !== "data" && !(ref.src === "param" && ref.id < pid)) fail(`${where} ${what}`, `must read data or an earlier parameter, got ${ref.src} ${ref.id}`);
    checkArrayRef(program, ref, sizes, `${where} ${what}`);
  }
  if (t.L.src === "param" && program.params[t.L.id].shape.kind === "vector") fail(`${where} L`, `L must be a matrix`);
}

function checkNormalNormalMarginal(program: Program, st: NormalNormalMarginal, all: Omit<Scope, "n" | "where">, where: string): void {
  if (!isCount(st.n)) fail(where, `n must be a non-negative integer, got ${st.n}`);
  if (!(isCount(st.J) && st.J >= 1)) fail(where, `J must be a positive integer, got ${st.J}`);
  const by = checkSource({ ...all, n: st.n, where: `${where} group` }, "data", st.group);
  if (program.data[st.group].type !== "int" || by.length !== 1 || by[0] !== st.n) fail(`${where} group`, `must be an int data vector of length ${st.n}`);
  checkExpr(st.y, { ...all, n: st.n, where: `${where} y` });
  if (st.eta !== undefined) checkExpr(st.eta, { ...all, n: st.n, where: `${where} eta` });
  checkExpr(st.sigma, { ...all, n: st.n, where: `${where} sigma` });
  checkExpr(st.mu, { ...all, n: st.J, where: `${where} mu` });
  checkExpr(st.tau, { ...all, n: st.J, where: `${where} tau` });
}

function checkPoissonGammaMarginal(program: Program, st: PoissonGammaMarginal, all: Omit<Scope, "n" | "where">, where: string): void {
  if (!(isCount(st.J) && st.J >= 1)) fail(where, `J must be a positive integer, got ${st.J}`);
  const y = checkSource({ ...all, n: st.J, where: `${where} y` }, "data", st.y);
  if (program.data[st.y].type !== "int" || y.length !== 1 || y[0] !== st.J) fail(`${where} y`, `must be an int data vector of length ${st.J}`);
  const t = checkSource({ ...all, n: st.J, where: `${where} t` }, "data", st.t);
  if (program.data[st.t].type !== "real" || t.length !== 1 || t[0] !== st.J) fail(`${where} t`, `must be a real data vector of length ${st.J}`);
  checkExpr(st.shape, { ...all, n: st.J, where: `${where} shape` });
  checkExpr(st.rate, { ...all, n: st.J, where: `${where} rate` });
}

function checkBetaBinomialMarginal(program: Program, st: BetaBinomialMarginal, all: Omit<Scope, "n" | "where">, where: string): void {
  if (!(isCount(st.J) && st.J >= 1)) fail(where, `J must be a positive integer, got ${st.J}`);
  for (const [role, slot] of [["y", st.y], ["n", st.n]] as const) {
    const dims = checkSource({ ...all, n: st.J, where: `${where} ${role}` }, "data", slot);
    if (program.data[slot].type !== "int" || dims.length !== 1 || dims[0] !== st.J) fail(`${where} ${role}`, `must be an int data vector of length ${st.J}`);
  }
  checkExpr(st.a, { ...all, n: st.J, where: `${where} a` });
  checkExpr(st.b, { ...all, n: st.J, where: `${where} b` });
}

/** Columns of a normalLinearMarginal statistics row: n_j, Sy, Syy, Sx_1..K, Sxy_1..K, Sxx_11..KK. */
export function normalLinearStatsWidth(K: number): number {
  return 3 + 2 * K + K * K;
}

function checkNormalLinearMarginal(program: Program, st: NormalLinearMarginal, all: Omit<Scope, "n" | "where">, where: string): void {
  if (!(isCount(st.J) && st.J >= 1)) fail(where, `J must be a positive integer, got ${st.J}`);
  if (!isCount(st.n)) fail(where, `n must be a non-negative integer, got ${st.n}`);
  if (!isCount(st.K)) fail(where, `K must be a non-negative integer, got ${st.K}`);
  if (!Array.isArray(st.beta) || st.beta.length !== st.K) fail(`${where} beta`, `must hold K = ${st.K} coefficients, got ${Array.isArray(st.beta) ? st.beta.length : typeof st.beta}`);
  const width = normalLinearStatsWidth(st.K);
  const stats = checkSource({ ...all, n: st.J, where: `${where} stats` }, "data", st.stats);
  if (program.data[st.stats].type !== "real" || stats.length !== 2 || stats[0] !== st.J || stats[1] !== width) fail(`${where} stats`, `must be a real data matrix ${st.J} × ${width}`);
  const centre = checkSource({ ...all, n: st.K + 1, where: `${where} centre` }, "data", st.centre);
  if (program.data[st.centre].type !== "real" || centre.length !== 1 || centre[0] !== st.K + 1) fail(`${where} centre`, `must be a real data vector of length ${st.K + 1}`);
  checkExpr(st.mu, { ...all, n: st.J, where: `${where} mu` });
  checkExpr(st.tau, { ...all, n: st.J, where: `${where} tau` });
  checkExpr(st.sigma, { ...all, n: 1, where: `${where} sigma` });
  st.beta.forEach((e, k) => checkExpr(e, { ...all, n: 1, where: `${where} beta[${k}]` }));
}

/** True when an expression depends on no parameter. */
export function isDataOnly(e: Expr): boolean {
  return everyRef(e, (r) => r.src === "data");
}

/** Checks data values against the program: one array per slot, right type and length, gather codes in range. */
export function validateData(program: Program, data: ProgramData): void {
  if (data.length !== program.data.length) throw new UserError(`data: expected ${program.data.length} slots, got ${data.length}`);
  program.data.forEach((slot, k) => {
    const v = data[k];
    const size = sizeOf(slot.dims);
    const want = slot.type === "int" ? Int32Array : Float64Array;
    if (!(v instanceof want)) throw new UserError(`data slot ${k} (${slot.name}): expected ${want.name}`);
    if (v.length !== size) throw new UserError(`data slot ${k} (${slot.name}): expected ${size} values, got ${v.length}`);
  });
  const checkGathers = (e: Expr): void => {
    if (e.op === "gather") {
      const limit = sizeOf(sourceDims(program, e.src, e.id));
      const by = data[e.by];
      for (let i = 0; i < by.length; i++) {
        if (!(by[i] >= 1 && by[i] <= limit)) {
          throw new UserError(`data slot ${e.by} (${program.data[e.by].name}): index ${i + 1} is ${by[i]}, must be in 1..${limit}`);
        }
      }
    }
    if (e.op === "unary") checkGathers(e.arg);
    if (e.op === "binary") {
      checkGathers(e.a);
      checkGathers(e.b);
    }
    if (e.op === "sum") checkGathers(e.arg);
  };
  for (const p of program.params) {
    if (p.transform.kind === "offsetMultiplier") {
      checkGathers(p.transform.offset);
      checkGathers(p.transform.multiplier);
    }
  }
  for (const tp of program.tparams) checkGathers(tp.expr);
  for (const st of program.statements) {
    if (st.kind === "distribution") {
      [st.lhs, ...st.args].forEach(checkGathers);
      checkWeightsAndCensData(program, data, st);
    } else if (st.kind === "target") checkGathers(st.expr);
    else if (st.kind === "lkjCorrCholesky") checkGathers(st.eta);
    else if (st.kind === "dirichlet") [st.y, st.alpha].forEach(checkGathers);
    else if (st.kind === "normalNormalMarginal") {
      [st.y, st.eta, st.sigma, st.mu, st.tau].forEach((e) => e && checkGathers(e));
      const codes = data[st.group];
      for (let i = 0; i < codes.length; i++) {
        if (!(codes[i] >= 1 && codes[i] <= st.J)) {
          throw new UserError(`data slot ${st.group} (${program.data[st.group].name}): index ${i + 1} is ${codes[i]}, must be in 1..${st.J}`);
        }
      }
    } else if (st.kind === "poissonGammaMarginal") {
      [st.shape, st.rate].forEach(checkGathers);
      // Totals of counts and of exposures: a negative one has no Poisson–Gamma marginal.
      for (const slot of [st.y, st.t]) {
        const v = data[slot];
        for (let j = 0; j < v.length; j++) {
          if (!(v[j] >= 0 && v[j] < Infinity)) throw new UserError(`data slot ${slot} (${program.data[slot].name}): index ${j + 1} is ${v[j]}, must be finite and non-negative`);
        }
      }
    } else if (st.kind === "normalLinearMarginal") {
      [st.mu, st.tau, st.sigma, ...st.beta].forEach(checkGathers);
      // Group sizes: a negative or fractional count has no density (the sums themselves may be anything).
      const stats = data[st.stats];
      const width = normalLinearStatsWidth(st.K);
      for (let j = 0; j < st.J; j++) {
        const nj = stats[j * width];
        if (!(Number.isInteger(nj) && nj >= 0)) throw new UserError(`data slot ${st.stats} (${program.data[st.stats].name}): group ${j + 1} has ${nj} rows, must be a non-negative integer`);
      }
    } else if (st.kind === "betaBinomialMarginal") {
      [st.a, st.b].forEach(checkGathers);
      const y = data[st.y];
      const n = data[st.n];
      for (let j = 0; j < y.length; j++) {
        if (!(y[j] >= 0 && y[j] <= n[j])) {
          throw new UserError(`data slots ${st.y}, ${st.n} (${program.data[st.y].name}, ${program.data[st.n].name}): index ${j + 1} has ${y[j]} successes in ${n[j]} trials`);
        }
      }
    }
  }
  for (const g of program.generated ?? []) {
    if (g.kind === "rng") g.args.forEach(checkGathers);
    else if (g.kind === "rngDirichlet") checkGathers(g.alpha);
  }
}

/**
 * Truncation bounds finite, lb < ub (brms: "Truncation bounds are invalid: lb >= ub"), and a data outcome
 * inside [lb, ub] (brms: "Some responses are outside of the truncation bounds"; here the row is named).
 * A censored row's outcome is checked the same way (brms checks Y alone).
 */
function checkTruncData(program: Program, data: ProgramData, st: Extract<Statement, { kind: "distribution" }>, name: (slot: number) => string): void {
  const t = st.trunc as { lower?: number; upper?: number };
  const lo = t.lower === undefined ? null : data[t.lower];
  const hi = t.upper === undefined ? null : data[t.upper];
  const y = st.lhs.op === "ref" && st.lhs.src === "data" ? data[st.lhs.id] : null;
  for (let i = 0; i < st.n; i++) {
    if (lo && !Number.isFinite(lo[i])) throw new UserError(`${name(t.lower as number)}: lower truncation bound ${i + 1} is ${lo[i]}, must be finite`);
    if (hi && !Number.isFinite(hi[i])) throw new UserError(`${name(t.upper as number)}: upper truncation bound ${i + 1} is ${hi[i]}, must be finite`);
    if (lo && hi && !(lo[i] < hi[i])) throw new UserError(`${name(t.lower as number)}: truncation bounds of row ${i + 1} are invalid: lb ${lo[i]} >= ub ${hi[i]}`);
    if (y && ((lo && y[i] < lo[i]) || (hi && y[i] > hi[i]))) {
      throw new UserError(`row ${i + 1}: the response ${y[i]} is outside its truncation bounds [${lo ? lo[i] : "-Inf"}, ${hi ? hi[i] : "Inf"}]`);
    }
  }
}

/**
 * Weights finite and ≥ 0 (brms allows 0: the row drops out); censoring codes in −1..2, and on interval
 * rows an upper bound above the outcome (brms: "Left censor points must be smaller than right censor points").
 */
function checkWeightsAndCensData(program: Program, data: ProgramData, st: Extract<Statement, { kind: "distribution" }>): void {
  const name = (slot: number) => `data slot ${slot} (${program.data[slot].name})`;
  if (st.weights !== undefined) {
    const w = data[st.weights];
    for (let i = 0; i < w.length; i++) if (!(w[i] >= 0 && w[i] < Infinity)) throw new UserError(`${name(st.weights)}: weight ${i + 1} is ${w[i]}, must be finite and non-negative`);
  }
  if (st.trunc !== undefined) checkTruncData(program, data, st, name);
  if (st.cens === undefined) return;
  const code = data[st.cens.code];
  const upper = st.cens.upper === undefined ? null : data[st.cens.upper];
  for (let i = 0; i < code.length; i++) {
    const k = code[i];
    if (!(k === -1 || k === 0 || k === 1 || k === 2)) throw new UserError(`${name(st.cens.code)}: censoring code ${i + 1} is ${k}, must be -1 (left), 0 (none), 1 (right) or 2 (interval)`);
    if (k !== 2) continue;
    if (!upper) throw new UserError(`${name(st.cens.code)}: row ${i + 1} is interval-censored but the statement has no upper bounds`);
    // The outcome of a formula model is a data slot: compare there (other data-only outcomes are not evaluated here).
    const y = st.lhs.op === "ref" && st.lhs.src === "data" ? data[st.lhs.id][i] : -Infinity;
    if (!(upper[i] > y && upper[i] < Infinity)) {
      throw new UserError(`${name(st.cens.upper as number)}: upper bound ${i + 1} is ${upper[i]}, must be finite and above the outcome ${y}`);
    }
  }
}
