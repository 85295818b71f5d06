/**
 * Data declarations for DSL models. Each call reads one field of the user's data object, checks it
 * (type, length, bounds, integer-ness) with an error naming the field and the first bad element,
 * and returns a `Term` bound to a new IR data slot.
 */
import { UserError } from "../errors.js";
import type { DataSlot } from "../ir/types.js";
import { Term, type ArrayRef, type ColumnIndexer } from "./term.js";

export interface RealOptions {
  readonly lower?: number;
  readonly upper?: number;
  /** Required length (vectors). */
  readonly length?: number;
}

export interface IndexOptions {
  /** Number of groups the 1-based codes run over (default: the largest code). */
  readonly groups?: number;
  readonly length?: number;
}

/** A real data matrix (rows × cols); `mul(v)` is the vector of row–vector dot products. */
export class MatrixTerm {
  /** This matrix as a named term (for `row(r)`, `el(k)` and as multiNormalCholesky's L or outcome). */
  get term(): Term {
    const ref = { src: "data" as const, id: this.id, name: this.name, ...(this.columns ? { columns: this.columns } : {}) };
    return new Term({ op: "ref", src: "data", id: this.id }, this.rows * this.cols, "real", ref, null, true, [this.rows, this.cols]);
  }

  constructor(
    readonly id: number,
    readonly rows: number,
    readonly cols: number,
    readonly name: string,
    /** The declarer's hidden index slots, for `term.col(k)`. */
    private readonly columns?: ColumnIndexer,
  ) {}

  /** `X · v`: one value per row. `v` must be a named parameter or derived vector of length `cols`. */
  mul(v: Term): Term {
    if (v.ref === null || v.ref.src === "data" || v.length !== this.cols) {
      throw new UserError(
        `matrix ${this.name}: mul() needs a named parameter or derived vector of length ${this.cols}` +
          (v.length !== this.cols ? `, got length ${v.length}` : ""),
      );
    }
    return new Term({ op: "dotRow", matrix: this.id, src: v.ref.src, id: v.ref.id }, this.rows, "real");
  }
}

/** Collects the data slots of one model as its build function declares them. */
export class DataDeclarer implements ColumnIndexer {
  readonly slots: DataSlot[] = [];
  readonly values: (Float64Array | Int32Array)[] = [];
  /** Labels of factor levels, by data slot id (for output names). */
  readonly levels = new Map<number, readonly string[]>();
  /** Hidden index slots of matrix columns (`col()`), by what they index: one slot per column and index. */
  private readonly hidden = new Map<string, number>();

  constructor(private readonly source: Readonly<Record<string, unknown>>) {}

  private field(name: string): unknown {
    if (!Object.prototype.hasOwnProperty.call(this.source, name)) {
      const known = Object.keys(this.source);
      throw new UserError(
        `data: the model needs a field "${name}", which the data do not have` +
          (known.length > 0 ? ` (fields: ${known.slice(0, 20).join(", ")})` : ""),
      );
    }
    return this.source[name];
  }

  private add(name: string, type: "real" | "int", dims: number[], values: Float64Array | Int32Array): number {
    const taken = this.slots.findIndex((s) => s.name === name);
    if (taken >= 0 && this.isHidden(taken)) {
      throw new UserError(`data: "${name}" is the name of an index hbayes made for a matrix column (col()); rename that data field`);
    }
    if (taken >= 0) throw new UserError(`data: "${name}" is declared twice`);
    this.slots.push({ name, type, dims });
    this.values.push(values);
    return this.slots.length - 1;
  }

  private isHidden(slot: number): boolean {
    for (const id of this.hidden.values()) if (id === slot) return true;
    return false;
  }

  /**
   * The int slot of flat 1-based positions that gathers column `col` of the rows × cols matrix `ref`
   * (row-major): r·cols + col + 1 for every row r, or (by_i − 1)·cols + col + 1 for every code of the
   * group index `by`. Named `<matrix>.col<k>__` / `<matrix>.col<k>.<index>__` (k 1-based), never a
   * name a model declares; asked again for the same column and index, the same slot.
   */
  columnCodes(ref: ArrayRef, rows: number, cols: number, col: number, by: ArrayRef | null): number {
    const key = `${ref.src}:${ref.id}:${col}:${by === null ? "" : by.id}`;
    const known = this.hidden.get(key);
    if (known !== undefined) return known;
    let codes: Int32Array;
    if (by === null) codes = Int32Array.from({ length: rows }, (_, r) => r * cols + col + 1);
    else {
      const g = this.values[by.id];
      codes = new Int32Array(g.length);
      for (let i = 0; i < g.length; i++) {
        // Term.at checked the index's declared groups against rows; this guards a slot declared otherwise.
        if (!(g[i] >= 1 && g[i] <= rows)) throw new UserError(`at(): ${by.name} has code ${g[i]} at element ${i + 1}, but ${ref.name} has rows 1…${rows}`);
        codes[i] = (g[i] - 1) * cols + col + 1;
      }
    }
    const base = `${ref.name}.col${col + 1}${by === null ? "" : `.${by.name}`}`;
    let name = `${base}__`;
    for (let k = 2; this.slots.some((s) => s.name === name); k++) name = `${base}.${k}__`;
    this.slots.push({ name, type: "int", dims: [codes.length] });
    this.values.push(codes);
    const id = this.slots.length - 1;
    this.hidden.set(key, id);
    return id;
  }

  /** A real scalar. */
  real(name: string, opts: RealOptions = {}): Term {
    const v = this.field(name);
    const x = scalarNumber(name, v);
    checkBounds(name, [x], opts, false);
    const id = this.add(name, "real", [], Float64Array.of(x));
    return new Term({ op: "ref", src: "data", id }, 0, "real", { src: "data", id, name });
  }

  /** An integer scalar (e.g. a count of groups). */
  int(name: string, opts: RealOptions = {}): Term {
    const x = scalarNumber(name, this.field(name));
    if (!Number.isInteger(x)) throw new UserError(`data "${name}": must be an integer, got ${x}`);
    checkBounds(name, [x], opts, false);
    const id = this.add(name, "int", [], Int32Array.of(x));
    return new Term({ op: "ref", src: "data", id }, 0, "int", { src: "data", id, name });
  }

  /** A vector of reals. */
  reals(name: string, opts: RealOptions = {}): Term {
    const xs = numberArray(name, this.field(name), opts.length);
    checkBounds(name, xs, opts, true);
    const id = this.add(name, "real", [xs.length], Float64Array.from(xs));
    return new Term({ op: "ref", src: "data", id }, xs.length, "real", { src: "data", id, name });
  }

  /** A vector of integers (counts, trials, 0/1 outcomes). */
  ints(name: string, opts: RealOptions = {}): Term {
    const xs = numberArray(name, this.field(name), opts.length);
    const bad = xs.findIndex((x) => !Number.isInteger(x) || Math.abs(x) > 2147483647);
    if (bad >= 0) {
      throw new UserError(
        `data "${name}": element ${bad + 1} is ${xs[bad]}, which is not an integer` +
          (Number.isInteger(xs[bad]) ? " that fits in 32 bits" : ""),
      );
    }
    checkBounds(name, xs, opts, true);
    const id = this.add(name, "int", [xs.length], Int32Array.from(xs));
    return new Term({ op: "ref", src: "data", id }, xs.length, "int", { src: "data", id, name });
  }

  /** 1-based group codes (Stan's convention), e.g. `county` with values 1…85. */
  index(name: string, opts: IndexOptions = {}): Term {
    const xs = numberArray(name, this.field(name), opts.length);
    let max = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (!Number.isInteger(x) || x < 1) {
        throw new UserError(`data "${name}": element ${i + 1} is ${x}; group codes must be integers starting at 1`);
      }
      if (x > max) max = x;
    }
    const groups = opts.groups ?? max;
    if (max > groups) {
      throw new UserError(`data "${name}": code ${max} is larger than the ${groups} groups declared`);
    }
    const id = this.add(name, "int", [xs.length], Int32Array.from(xs));
    return new Term({ op: "ref", src: "data", id }, xs.length, "int", { src: "data", id, name }, groups);
  }

  /**
   * A grouping variable given as labels (strings or numbers): levels are sorted (numbers numerically,
   * strings by code unit) and coded 1…K. Returns the index term and the level labels.
   */
  factor(name: string): { index: Term; levels: readonly string[] } {
    const raw = this.field(name);
    if (!Array.isArray(raw) || raw.length === 0) throw new UserError(`data "${name}": expected a non-empty array of labels`);
    const labels = raw.map((v, i) => {
      if (typeof v === "string") return v;
      if (typeof v === "number" && Number.isFinite(v)) return String(v);
      throw new UserError(`data "${name}": element ${i + 1} is ${JSON.stringify(v)}; labels must be strings or numbers`);
    });
    const numeric = raw.every((v) => typeof v === "number");
    const levels = [...new Set(labels)].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const code = new Map(levels.map((l, k) => [l, k + 1]));
    const codes = Int32Array.from(labels, (l) => code.get(l) as number);
    const id = this.add(name, "int", [codes.length], codes);
    this.levels.set(id, levels);
    return { index: new Term({ op: "ref", src: "data", id }, codes.length, "int", { src: "data", id, name }, levels.length), levels };
  }

  /** A real matrix given as an array of rows. */
  matrix(name: string, opts: { rows?: number; cols?: number } = {}): MatrixTerm {
    const raw = this.field(name);
    if (!Array.isArray(raw) || raw.length === 0 || !raw.every(Array.isArray)) {
      throw new UserError(`data "${name}": expected a matrix as a non-empty array of rows`);
    }
    const rows = raw.length;
    const cols = (raw[0] as unknown[]).length;
    if (opts.rows !== undefined && rows !== opts.rows) throw new UserError(`data "${name}": expected ${opts.rows} rows, got ${rows}`);
    if (opts.cols !== undefined && cols !== opts.cols) throw new UserError(`data "${name}": expected ${opts.cols} columns, got ${cols}`);
    const values = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const row = raw[r] as unknown[];
      if (row.length !== cols) throw new UserError(`data "${name}": row ${r + 1} has ${row.length} columns, row 1 has ${cols}`);
      for (let c = 0; c < cols; c++) {
        const x = row[c];
        if (typeof x !== "number" || !Number.isFinite(x)) {
          throw new UserError(`data "${name}": element [${r + 1},${c + 1}] is ${JSON.stringify(x)}, not a finite number`);
        }
        values[r * cols + c] = x;
      }
    }
    const id = this.add(name, "real", [rows, cols], values);
    return new MatrixTerm(id, rows, cols, name, this);
  }
}

function scalarNumber(name: string, v: unknown): number {
  const x = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new UserError(`data "${name}": expected a finite number, got ${JSON.stringify(x)}`);
  }
  return x;
}

function numberArray(name: string, v: unknown, length: number | undefined): number[] {
  let xs: unknown[];
  if (Array.isArray(v)) xs = v;
  else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) xs = Array.from(v as unknown as ArrayLike<number>);
  else throw new UserError(`data "${name}": expected an array of numbers, got ${v === null ? "null" : typeof v}`);
  if (xs.length === 0) throw new UserError(`data "${name}": the array is empty`);
  if (length !== undefined && xs.length !== length) {
    throw new UserError(`data "${name}": expected ${length} values, got ${xs.length}`);
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new UserError(`data "${name}": element ${i + 1} is ${JSON.stringify(x) ?? String(x)}, not a finite number`);
    }
  }
  return xs as number[];
}

function checkBounds(name: string, xs: readonly number[], opts: RealOptions, vector: boolean): void {
  for (let i = 0; i < xs.length; i++) {
    const where = vector ? `element ${i + 1}` : "the value";
    if (opts.lower !== undefined && xs[i] < opts.lower) {
      throw new UserError(`data "${name}": ${where} is ${xs[i]}, below the lower bound ${opts.lower}`);
    }
    if (opts.upper !== undefined && xs[i] > opts.upper) {
      throw new UserError(`data "${name}": ${where} is ${xs[i]}, above the upper bound ${opts.upper}`);
    }
  }
}
