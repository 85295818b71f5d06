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
/** A bound: one number for every element, or one per element (length = the parameter's size). */
export type Bound = number | number[];

export type TransformSpec =
  | { kind: "identity" }
  | { kind: "lower"; lb: Bound }
  | { kind: "upper"; ub: Bound }
  | { kind: "interval"; lb: Bound; ub: Bound }
  | { kind: "offsetMultiplier"; offset: Expr; multiplier: Expr }
  /**
   * Matrices only (n rows of length k): the multivariate offset/multiplier. The sampler moves z (n·k
   * free values) and row i of the parameter is `mu_i + diag(scale) · L · z_i`, log|J| = n Σ_m log(scale_m L_mm):
   * a parameter with prior multi_normal_cholesky(mu, diag(scale) L) is then sampled non-centred while
   * its prior statement stays as written. `mu` (absent: 0; k or n·k values), `L` (k·k, lower triangle
   * read) and `scale` (absent: 1; k values) are arrays of data or of earlier parameters, as in the
   * `multiNormalCholesky` statement.
   */
  | { kind: "offsetMultiplierCholesky"; mu?: ArrayRef; L: ArrayRef; scale?: ArrayRef }
  | { kind: "choleskyCorr" }
  /** Vectors only: Stan's `ordered`, `positive_ordered` and `simplex` (n − 1 free coordinates) transforms. */
  | { kind: "ordered" }
  | { kind: "positiveOrdered" }
  | { kind: "simplex" };

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

/**
 * A whole array (data, a non-scalar parameter, or a vector transformed parameter) read as rows of
 * length k, row-major: an array of k values is one row shared by every statement row, an array of
 * n·k values gives row i its own values.
 */
export interface ArrayRef {
  src: Source;
  id: number;
}

export type Statement =
  /**
   * `target += sum_{i < n} w(i) * family_lpdf(lhs(i) | args(i)...)`; Stan family names (`normal`,
   * `poisson_log`). `weights` (absent: all 1) is a real data slot of n finite values ≥ 0 (brms's
   * `weights()`); `cens` replaces row i's log density by a log CDF / CCDF (brms's `cens()`); `trunc`
   * subtracts the log probability of the row's truncation interval (brms's `trunc()`).
   */
  | { kind: "distribution"; family: string; n: number; lhs: Expr; args: Expr[]; weights?: number; cens?: Censoring; trunc?: Truncation }
  /** `target += sum_{i < n} expr(i)`. */
  | { kind: "target"; n: number; expr: Expr }
  /** `target += lkj_corr_cholesky_lpdf(L | eta)` for a choleskyCorr parameter; eta may depend on parameters. */
  | { kind: "lkjCorrCholesky"; param: number; eta: Expr }
  /**
   * `target += Σ_{i<n} multi_normal_cholesky_lpdf(y_i | mu_i, diag(scale) · L)`: rows of length k.
   * `y` has n·k values (k when n = 1); `mu` k or n·k values, absent for a zero mean; `L` k·k values
   * (a choleskyCorr parameter or a data matrix; only its lower triangle is read); `scale` k values,
   * absent for unit scales. The covariance is diag(scale) L Lᵀ diag(scale).
   */
  | { kind: "multiNormalCholesky"; n: number; k: number; y: ArrayRef; mu?: ArrayRef; L: ArrayRef; scale?: ArrayRef }
  /** `target += dirichlet_lpdf(y | alpha)`; `y` and `alpha` are expressions in a context of length k. */
  | { kind: "dirichlet"; k: number; y: Expr; alpha: Expr }
  | NormalNormalMarginal
  | PoissonGammaMarginal
  | BetaBinomialMarginal
  | NormalLinearMarginal;

/**
 * Censored rows of a `distribution` statement, brms's coding: `code` is an int data slot of n values,
 * 0 (observed: log density), 1 (right-censored at y: log CCDF), −1 (left-censored at y: log CDF) or 2
 * (interval-censored in (y, upper]: log(CDF(upper) − CDF(y))). `upper` is a real data slot of n values,
 * read on interval rows only (required when a code is 2). The outcome must be data; only the families
 * of `CENSORED_FAMILIES` (src/ir/families.ts) have the CDFs.
 */
export interface Censoring {
  code: number;
  upper?: number;
}

/**
 * Truncated rows of a `distribution` statement (brms's `trunc(lb, ub)`): real data slots of n finite
 * bounds, at least one present. Row i's log density (or censored log probability) is reduced by
 * log P(lb ≤ Y ≤ ub) as brms writes it: continuous families `_lccdf(lb)`, `_lcdf(ub)` or
 * `log_diff_exp(_lcdf(ub), _lcdf(lb))`; integer families (poisson_log, binomial_logit) use lb − 1 in
 * place of lb, so a count equal to lb keeps its mass. The normaliser is not multiplied by the weight
 * (brms: `target += w[n] * lpmf(...) - lccdf(...)`). A bound outside the family's support (lb ≤ 0 of a
 * positive family, ub ≥ N of a binomial) cuts nothing. Families: `CENSORED_FAMILIES`.
 */
export interface Truncation {
  lower?: number;
  upper?: number;
}

/**
 * Gaussian varying intercepts integrated out: y_i = eta_i + a_{g(i)} + ε_i with a_j ~ normal(mu_j, tau_j)
 * and ε_i ~ normal(0, sigma_i), so `target += Σ_j multi_normal_lpdf(y_[j] | eta_[j] + mu_j, diag(sigma_[j]²)
 * + tau_j² 11ᵀ)` over the rows of each group j (full density, constants included). `y`, `eta` (absent: 0)
 * and `sigma` are expressions over the n rows (sigma a scalar or one per row, as in se() models); `mu`
 * and `tau` over the J groups (or scalars); `group` is an int data slot of n 1-based codes in 1..J.
 * Compiled in O(n + J) through Sherman–Morrison; a group without rows contributes 0.
 */
export interface NormalNormalMarginal {
  kind: "normalNormalMarginal";
  n: number;
  J: number;
  group: number;
  y: Expr;
  eta?: Expr;
  sigma: Expr;
  mu: Expr;
  tau: Expr;
}

/**
 * Gamma-distributed Poisson rates integrated out, from per-group totals: with λ_j ~ gamma(shape_j, rate_j),
 * `target += Σ_j log ∫ gamma_pdf(λ | shape_j, rate_j) λ^Y_j e^(−λ T_j) dλ`
 * `= Σ_j [shape_j log rate_j + lgamma(shape_j + Y_j) − lgamma(shape_j) − (shape_j + Y_j) log(rate_j + T_j)]`.
 * For y_i ~ Poisson(λ_g(i) t_i), Y_j = Σ y_i and T_j = Σ t_i over group j, this is the marginal log
 * likelihood less its data-only part Σ_i (y_i log t_i − log y_i!), which the caller adds. `y` is an int
 * data slot of J totals ≥ 0, `t` a real data slot of J exposures ≥ 0; `shape` and `rate` are expressions
 * over the J groups (or scalars).
 */
export interface PoissonGammaMarginal {
  kind: "poissonGammaMarginal";
  J: number;
  y: number;
  t: number;
  shape: Expr;
  rate: Expr;
}

/**
 * Beta-distributed binomial probabilities integrated out, from per-group totals: with p_j ~ beta(a_j, b_j),
 * `target += Σ_j log ∫ beta_pdf(p | a_j, b_j) p^Y_j (1 − p)^(N_j − Y_j) dp`
 * `= Σ_j lbeta(a_j + Y_j, b_j + N_j − Y_j) − lbeta(a_j, b_j)`. For y_i ~ binomial(n_i, p_g(i)),
 * Y_j = Σ y_i and N_j = Σ n_i over group j, this is the marginal log likelihood less its data-only part
 * Σ_i log C(n_i, y_i), which the caller adds. `y` and `n` are int data slots of J totals, 0 ≤ Y_j ≤ N_j;
 * `a` and `b` are expressions over the J groups (or scalars).
 */
export interface BetaBinomialMarginal {
  kind: "betaBinomialMarginal";
  J: number;
  y: number;
  n: number;
  a: Expr;
  b: Expr;
}

/**
 * Gaussian varying intercepts integrated out when η is linear, η_i = Σ_k x_ik β_k, and one σ serves
 * every row, from per-group sufficient statistics (src/marginal/normalLinear.ts): the density of
 * `normalNormalMarginal` with y − offset in place of y, O(J K²) per evaluation. `stats` is a real data
 * matrix J × (3 + 2K + K²), row j = (n_j, Sy, Syy, Sx_1..K, Sxy_1..K, Sxx_11..KK), sums of the rows'
 * y − xβ₀ − c and x over group j; `centre` a real data vector of K + 1 values (β₀, then c), the reference
 * fit the sums are taken about (so y far from 0 does not cancel). `n` is the number of rows; `mu` and
 * `tau` are expressions over the J groups (or scalars), `sigma` and each of the K `beta` scalars.
 */
export interface NormalLinearMarginal {
  kind: "normalLinearMarginal";
  n: number;
  J: number;
  K: number;
  stats: number;
  centre: number;
  mu: Expr;
  tau: Expr;
  sigma: Expr;
  beta: Expr[];
}

/**
 * Generated quantities, evaluated per draw by `generate(rng, theta, out)`: posterior-predictive draws
 * (`rng`) and per-observation log-likelihood (`logLik`) of a distribution statement.
 */
export type Generated =
  /** `trunc`: draws from the family truncated to each row's bounds (a truncated likelihood's replicates). */
  | { kind: "rng"; name: string; family: string; n: number; args: Expr[]; trunc?: Truncation }
  /** Per-observation log-likelihood of a `distribution` statement (n values) or per row of a `multiNormalCholesky` one. */
  | { kind: "logLik"; name: string; statement: number }
  /** n draws of a k-vector from multi_normal_cholesky(mu_i, diag(scale) · L), n·k values row-major (Stan's `y_rep[i, j]`). */
  | { kind: "rngMultiNormalCholesky"; name: string; n: number; k: number; mu?: ArrayRef; L: ArrayRef; scale?: ArrayRef }
  /** One simplex of length k from dirichlet(alpha), alpha an expression in a context of length k. */
  | { kind: "rngDirichlet"; name: string; k: number; alpha: Expr };

export interface Program {
  data: DataSlot[];
  params: ParamBlock[];
  tparams: TransformedParam[];
  statements: Statement[];
  generated?: Generated[];
}

/** Data values, one per slot of `Program.data`, in slot order (scalars as length-1 arrays). */
export type ProgramData = ReadonlyArray<Float64Array | Int32Array>;
