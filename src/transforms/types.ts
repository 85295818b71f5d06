/**
 * A constraining transform: a bijection from unconstrained reals to a constrained set, with its
 * log|Jacobian|, as the Stan Reference Manual ("Constraint transforms") defines them. Everything
 * works on offsets into Float64Arrays so the compiler can call it on slices of one parameter
 * vector without allocating.
 *
 * Support conventions (shared by every transform):
 * - Supports are closed: a value on the boundary (x = lb, a zero simplex element, a zero Cholesky
 *   diagonal) is accepted by `inSupport` and `unconstrain`, which maps it to an infinite
 *   unconstrained coordinate, as Stan's `*_free` functions do. `constrain` reaches the boundary
 *   exactly when exp underflows at large |u|, so `inSupport(constrain(u))` holds for every finite u.
 * - `tol` applies only to equality constraints (simplex sum, unit row norms, unit diagonal,
 *   symmetry) and defaults to Stan's CONSTRAINT_TOLERANCE 1e-8. Inequalities are checked exactly.
 * - `unconstrain` throws a `DomainError` exactly when `inSupport(x)` (default tol) is false.
 * - NaN is never in the support.
 */
export interface Transform {
  readonly name: string;
  /** n = the declared size (vector length; K for K×K matrices). */
  unconstrainedSize(n: number): number;
  /** e.g. simplex K → K, choleskyFactorCorr K → K*K (row-major). */
  constrainedSize(n: number): number;
  /** Writes x = constrain(u) and returns log|J|. */
  constrain(u: Float64Array, uOff: number, x: Float64Array, xOff: number, n: number): number;
  /** Writes u with constrain(u) = x; throws a DomainError naming the problem if x is outside the support. */
  unconstrain(x: Float64Array, xOff: number, u: Float64Array, uOff: number, n: number): void;
  /** Reverse mode: gu[guOff..] += Jᵀ · gx[gxOff..] + ∇_u log|J|. x must hold constrain(u). */
  backward(
    u: Float64Array,
    uOff: number,
    x: Float64Array,
    xOff: number,
    gx: Float64Array,
    gxOff: number,
    gu: Float64Array,
    guOff: number,
    n: number,
  ): void;
  inSupport(x: Float64Array, xOff: number, n: number, tol?: number): boolean;
}

/** Stan's CONSTRAINT_TOLERANCE, used for equality constraints. */
export const CONSTRAINT_TOLERANCE = 1e-8;
