/**
 * DSL expressions. A `Term` wraps an IR expression with what the DSL knows about it: its length
 * (0 for a scalar, n for a vector evaluated elementwise), its type, and — when it is a plain
 * reference to a named array — where that array lives, so it can be gathered by a group index.
 * Terms never hold user text that reaches generated code: names stay in the builder's tables.
 */
import { UserError } from "../errors.js";
import type { BinaryFn, Expr, Source, UnaryFn } from "../ir/types.js";

export interface ArrayRef {
  readonly src: Source;
  readonly id: number;
  /** A display name for messages. */
  readonly name: string;
  /** For a named matrix: the builder's hidden index slots, through which its columns are gathered. */
  readonly columns?: ColumnIndexer;
}

/**
 * The model builder's side of `col()`: the IR gathers from the flat (row-major) array, so a column is
 * a gather by an int data slot of flat 1-based positions that only the builder, which owns the data
 * tables, can create. The same slot is returned when the same column (and index) is asked again.
 */
export interface ColumnIndexer {
  /**
   * The data slot of the codes r·cols + col + 1 for r < rows (`by` null), or of (by_i − 1)·cols + col + 1
   * for each element of the int data slot `by` (1-based row codes, at most `rows`).
   */
  columnCodes(ref: ArrayRef, rows: number, cols: number, col: number, by: ArrayRef | null): number;
}

/** Where a `col()` term reads: column `col` of the named matrix `ref` (rows × cols). */
interface ColumnOf {
  readonly ref: ArrayRef;
  readonly rows: number;
  readonly cols: number;
  readonly col: number;
}

export type Operand = Term | number;

/**
 * Brand checked instead of `instanceof`, so terms made by another copy of this module (a model file
 * importing the built package while the CLI runs from source) are still recognised.
 */
const TERM = Symbol.for("hbayes.Term");

export function isTerm(x: unknown): x is Term {
  return typeof x === "object" && x !== null && (x as { [TERM]?: boolean })[TERM] === true;
}

export class Term {
  readonly [TERM] = true;
  private exprValue: Expr | null;
  private makeExpr: (() => Expr) | null;

  constructor(
    /** The IR expression, or (for `col()`) a function making it on first use. */
    expr: Expr | (() => Expr),
    /** 0 for a scalar; otherwise the vector length. */
    readonly length: number,
    readonly type: "real" | "int",
    /** Set when this term is exactly a named vector (data, parameter or derived quantity). */
    readonly ref: ArrayRef | null = null,
    /** For a group index: how many groups its 1-based codes run over. */
    readonly groups: number | null = null,
    /** A matrix-shaped value (e.g. a Cholesky factor): elements by `el`, never gathered by group. */
    readonly matrix = false,
    /** Rows × columns of a matrix-shaped named value. */
    readonly dims: readonly [number, number] | null = null,
    /** Set when this term is exactly column `col` of a named matrix (`b.col(1)`), so it can be gathered by group. */
    readonly column: ColumnOf | null = null,
  ) {
    this.exprValue = typeof expr === "function" ? null : expr;
    this.makeExpr = typeof expr === "function" ? expr : null;
  }

  /**
   * The IR expression. A column's is made when first read: `b.col(k)` alone gathers by the hidden
   * slot of the column's positions, but `b.col(k).at(g)` never reads it, and its slot should not
   * exist in the program's data.
   */
  get expr(): Expr {
    if (this.exprValue === null) {
      this.exprValue = (this.makeExpr as () => Expr)();
      this.makeExpr = null;
    }
    return this.exprValue;
  }

  /** Row `r` (0-based) of a named matrix parameter, data matrix or derived matrix: a vector of its columns. */
  row(r: number): Term {
    if (this.ref === null || this.dims === null) throw new UserError(`row(): only a named matrix has rows`);
    const [rows, cols] = this.dims;
    if (!Number.isInteger(r) || r < 0 || r >= rows) throw new UserError(`row(): ${this.ref.name} has rows 0…${rows - 1}, got ${r}`);
    return new Term({ op: "row", src: this.ref.src, id: this.ref.id, row: r }, cols, this.type);
  }

  /**
   * Column `k` (0-based) of a named matrix parameter, data matrix (`X.term`) or Cholesky factor: a
   * vector with one element per row, which can be gathered by group (`b.col(1).at(g)` reads
   * b[g_i, 1]) like a named vector, or read one row at a time with `el(j)`.
   */
  col(k: number): Term {
    if (this.ref === null || this.dims === null) {
      throw new UserError(`col(): only a named matrix has columns${this.ref !== null ? `; ${this.ref.name} is not a matrix` : ""}`);
    }
    const [rows, cols] = this.dims;
    if (!Number.isInteger(k) || k < 0 || k >= cols) throw new UserError(`col(): ${this.ref.name} has columns 0…${cols - 1}, got ${k}`);
    const indexer = this.ref.columns;
    if (indexer === undefined) throw new UserError(`col(): ${this.ref.name} was not declared by this model's builder`);
    const ref = this.ref;
    const column: ColumnOf = { ref, rows, cols, col: k };
    const gather = (): Expr => ({ op: "gather", src: ref.src, id: ref.id, by: indexer.columnCodes(ref, rows, cols, k, null) });
    return new Term(gather, rows, this.type, null, null, false, null, column);
  }

  add(other: Operand): Term {
    return binary("add", this, other);
  }
  sub(other: Operand): Term {
    return binary("sub", this, other);
  }
  mul(other: Operand): Term {
    return binary("mul", this, other);
  }
  div(other: Operand): Term {
    return binary("div", this, other);
  }
  pow(other: Operand): Term {
    return binary("pow", this, other);
  }
  neg(): Term {
    return unary("neg", this);
  }

  /**
   * The gather `this[index[i]]`: one value per element of `index`, a vector of 1-based group codes
   * (`data.index(...)` or `data.factor(...)`). This term must be a named vector (a parameter,
   * data vector or `derived` quantity) with one element per group, or a matrix's column `m.col(k)`
   * with one row per group.
   */
  at(index: Term): Term {
    if (index.groups === null || index.ref === null || index.ref.src !== "data") {
      throw new UserError(`at(): the index must be a group index declared with data.index(...) or data.factor(...)`);
    }
    const c = this.column;
    if (c !== null) {
      // b.col(k).at(g) reads b[g_i, k]: one gather by the flat positions (g_i − 1)·cols + k + 1.
      if (index.groups > c.rows) {
        throw new UserError(`at(): ${index.ref.name} has codes up to ${index.groups} but ${c.ref.name} has only ${c.rows} rows`);
      }
      const by = (c.ref.columns as ColumnIndexer).columnCodes(c.ref, c.rows, c.cols, c.col, index.ref);
      return new Term({ op: "gather", src: c.ref.src, id: c.ref.id, by }, index.length, this.type);
    }
    if (this.ref !== null && this.matrix) {
      throw new UserError(`at(): ${this.ref.name} is a matrix; gather one of its columns by group with ${this.ref.name}.col(k).at(index)`);
    }
    if (this.ref === null || this.length === 0) {
      throw new UserError(
        `at(): only a named vector can be indexed by group; give the expression a name with derived(name, expr) first`,
      );
    }
    if (index.groups > this.length) {
      throw new UserError(
        `at(): ${index.ref.name} has codes up to ${index.groups} but ${this.ref.name} has only ${this.length} elements`,
      );
    }
    return new Term({ op: "gather", src: this.ref.src, id: this.ref.id, by: index.ref.id }, index.length, this.type);
  }

  /**
   * One element of a named vector or matrix parameter, data or derived quantity, by its 0-based
   * position (row-major for matrices: `L.el(r * K + c)`); the output names stay 1-based (`L[2,1]`).
   */
  el(k: number): Term {
    const c = this.column;
    if (c !== null) {
      if (!Number.isInteger(k) || k < 0 || k >= c.rows) throw new UserError(`el(): column ${c.col} of ${c.ref.name} has rows 0…${c.rows - 1}, got ${k}`);
      return new Term({ op: "elem", src: c.ref.src, id: c.ref.id, index: k * c.cols + c.col }, 0, this.type);
    }
    if (this.ref === null || this.length === 0) throw new UserError(`el(): only a named vector or matrix has elements`);
    if (!Number.isInteger(k) || k < 0 || k >= this.length) {
      throw new UserError(`el(): ${this.ref.name} has ${this.length} elements (0-based positions 0…${this.length - 1}), got ${k}`);
    }
    return new Term({ op: "elem", src: this.ref.src, id: this.ref.id, index: k }, 0, this.type);
  }

  /** Σ over the elements (a scalar). */
  sum(): Term {
    if (this.length === 0) return this;
    return new Term({ op: "sum", n: this.length, arg: this.expr }, 0, this.type);
  }
}

export function lift(x: Operand, where: string): Term {
  if (isTerm(x)) return x;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new UserError(`${where}: expected a number or a model term, got ${describe(x)}`);
  }
  return new Term({ op: "const", value: x }, 0, Number.isInteger(x) ? "int" : "real");
}

function describe(x: unknown): string {
  if (typeof x === "number") return String(x);
  if (Array.isArray(x)) return "an array (declare it with data.reals/ints first)";
  return typeof x;
}

/** The common length of elementwise operands: scalars broadcast, vectors must agree. */
export function broadcastLength(where: string, terms: readonly Term[]): number {
  let n = 0;
  for (const t of terms) {
    if (t.length === 0) continue;
    if (n === 0) n = t.length;
    else if (t.length !== n) throw new UserError(`${where}: vectors of lengths ${n} and ${t.length} cannot be combined elementwise`);
  }
  return n;
}

function binary(fn: BinaryFn, a: Operand, b: Operand): Term {
  const ta = lift(a, fn);
  const tb = lift(b, fn);
  const n = broadcastLength(fn, [ta, tb]);
  const type = ta.type === "int" && tb.type === "int" && (fn === "add" || fn === "sub" || fn === "mul") ? "int" : "real";
  return new Term({ op: "binary", fn, a: ta.expr, b: tb.expr }, n, type);
}

function unary(fn: UnaryFn, a: Operand): Term {
  const t = lift(a, fn);
  return new Term({ op: "unary", fn, arg: t.expr }, t.length, fn === "neg" ? t.type : "real");
}

export const add = (a: Operand, b: Operand): Term => binary("add", a, b);
export const sub = (a: Operand, b: Operand): Term => binary("sub", a, b);
export const mul = (a: Operand, b: Operand): Term => binary("mul", a, b);
export const div = (a: Operand, b: Operand): Term => binary("div", a, b);
export const pow = (a: Operand, b: Operand): Term => binary("pow", a, b);
export const exp = (a: Operand): Term => unary("exp", a);
export const log = (a: Operand): Term => unary("log", a);
export const log1p = (a: Operand): Term => unary("log1p", a);
export const expm1 = (a: Operand): Term => unary("expm1", a);
export const sqrt = (a: Operand): Term => unary("sqrt", a);
export const square = (a: Operand): Term => unary("square", a);
export const invLogit = (a: Operand): Term => unary("invLogit", a);
export const logInvLogit = (a: Operand): Term => unary("logInvLogit", a);
export const log1mInvLogit = (a: Operand): Term => unary("log1mInvLogit", a);
export const lgamma = (a: Operand): Term => unary("lgamma", a);
export const Phi = (a: Operand): Term => unary("Phi", a);
export const sum = (a: Term): Term => a.sum();
