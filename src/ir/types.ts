/**
 * The hbayes log-density IR: small, typed, plain data (structured-cloneable), so a Worker can receive
 * `(program, data)` and compile it itself. Names live only in `name` fields, which the compiler uses
 * for output names and error messages and never puts into generated code. See README.md.
 */

/** Where a referenced array lives. Ids are positions in `Program.data`, `.params`, `.tparams`. */
export type Source = "data" | "param" | "tparam";

export type UnaryFn =
  | "neg"
  | "exp"
  | "log"
  | "log1p"
  | "expm1"
  | "sqrt"
  | "square"
  | "invLogit"
  | "logInvLogit"
  | "log1mInvLogit"
  | "lgamma"
  | "Phi";

export type BinaryFn = "add" | "sub" | "mul" | "div" | "pow";

/**
 * An expression is evaluated at each index `i` of its context (a statement's range, a transformed
 * parameter's elements, a transform's elements, or a `sum`'s range). Scalars broadcast.
 */
export type Expr =
  | { op: "const"; value: number }
  /** A scalar, or element `i` of a vector (data, parameter or transformed parameter). */
  | { op: "ref"; src: Source; id: number }
  /** Element `index` (0-based, row-major for matrices) of an array: a scalar. */
  | { op: "elem"; src: Source; id: number; index: number }
  /** Element `i` of row `row` (0-based) of a matrix: `A[row, i]`. */
  | { op: "row"; src: Source; id: number; row: number }
  /** The gather `a[by[i]]`; `by` is an int data vector of 1-based codes (Stan's convention). */
  | { op: "gather"; src: Source; id: number; by: number }
  | { op: "unary"; fn: UnaryFn; arg: Expr }
  | { op: "binary"; fn: BinaryFn; a: Expr; b: Expr }
  /** Row `i` of a real data matrix times a vector of matching length: `X[i,:] · v` (the GLM core). */
  | { op: "dotRow"; matrix: number; src: Source; id: number }
  /** `sum_{j < n} arg(j)`: a scalar; `arg` is evaluated in its own context of length `n`. */
  | { op: "sum"; n: number; arg: Expr };

/** A data slot: a real or int scalar (`dims: []`), vector (`[n]`) or row-major matrix (`[rows, cols]`). */
export interface DataSlot {
  name: string;
  type: "real" | "int";
  dims: number[];
}

export type ParamShape =
  | { kind: "scalar" }
  | { kind: "vector"; n: number }
  | { kind: "matrix"; rows: number; cols: number }
  /** Cholesky factor of a K × K correlation matrix (its transform is fixed). */
  | { kind: "choleskyCorr"; k: number };

/**
 * How the sampler's unconstrained coordinates map to the parameter's values. Offset and multiplier
 * are expressions (evaluated per element, may use earlier parameters): the sampler moves z and the
 * model sees `offset + multiplier * z`, with log|J| = sum log(multiplier) (Stan's semantics).
 */
export type TransformSpec =
  | { kind: "identity" }
  | { kind: "lower"; lb: number }
  | { kind: "upper"; ub: number }
  | { kind: "interval"; lb: number; ub: number }
  | { kind: "offsetMultiplier"; offset: Expr; multiplier: Expr }
  | { kind: "choleskyCorr" };

export interface ParamBlock {
  name: string;
  shape: ParamShape;
  transform: TransformSpec;
}

/** A named deterministic quantity (scalar or vector), reported in the output after the parameters. */
export interface TransformedParam {
  name: string;
  /** 0 for a scalar, otherwise the vector length. */
  n: number;
  expr: Expr;
}

export type Statement =
  /** `target += sum_{i < n} family_lpdf(lhs(i) | args(i)...)`; Stan family names (`normal`, `poisson_log`). */
  | { kind: "distribution"; family: string; n: number; lhs: Expr; args: Expr[] }
  /** `target += sum_{i < n} expr(i)`. */
  | { kind: "target"; n: number; expr: Expr }
  /** `target += lkj_corr_cholesky_lpdf(L | eta)` for a choleskyCorr parameter. */
  | { kind: "lkjCorrCholesky"; param: number; eta: Expr };

/**
 * Generated quantities, evaluated per draw by `generate(rng, theta, out)`: posterior-predictive draws
 * (`rng`) and per-observation log-likelihood (`logLik`) of a distribution statement.
 */
export type Generated =
  | { kind: "rng"; name: string; family: string; n: number; args: Expr[] }
  | { kind: "logLik"; name: string; statement: number };

export interface Program {
  data: DataSlot[];
  params: ParamBlock[];
  tparams: TransformedParam[];
  statements: Statement[];
  generated?: Generated[];
}

/** Data values, one per slot of `Program.data`, in slot order (scalars as length-1 arrays). */
export type ProgramData = ReadonlyArray<Float64Array | Int32Array>;
