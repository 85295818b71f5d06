/**
 * Running mean and (co)variance by Welford's update, and Stan's regularisation of the estimate
 * toward 1e-3 (shrinkage weight 5 / (n + 5)), which keeps a short window's metric well conditioned.
 */
export interface WelfordState {
  readonly dim: number;
  readonly dense: boolean;
  n: number;
  readonly mean: Float64Array;
  /** Sum of squared deviations: length dim (diag) or dim × dim row-major (dense). */
  readonly m2: Float64Array;
  readonly delta: Float64Array;
}

// A class, not an object literal: V8 deoptimised welfordAdd each time a new chain evaluated the
// literal again (a new map for the same shape); one constructor keeps one map for every chain.
class Welford implements WelfordState {
  n = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly delta: Float64Array;

  constructor(
    readonly dim: number,
    readonly dense: boolean,
  ) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dense ? dim * dim : dim);
    this.delta = new Float64Array(dim);
  }
}

export function welfordInit(dim: number, dense: boolean): WelfordState {
  return new Welford(dim, dense);
}

export function welfordReset(w: WelfordState): void {
  w.n = 0;
  w.mean.fill(0);
  w.m2.fill(0);
}

export function welfordAdd(w: WelfordState, x: Float64Array): void {
  w.n++;
  const n = w.dim;
  const { mean, m2, delta } = w;
  for (let i = 0; i < n; i++) {
    delta[i] = x[i] - mean[i];
    mean[i] += delta[i] / w.n;
  }
  if (!w.dense) {
    for (let i = 0; i < n; i++) m2[i] += delta[i] * (x[i] - mean[i]);
    return;
  }
  for (let i = 0; i < n; i++) {
    const di = x[i] - mean[i];
    for (let j = 0; j < n; j++) m2[i * n + j] += di * delta[j];
  }
}

/**
 * Writes the regularised inverse metric: (n/(n+5))·S + 1e-3·(5/(n+5))·I, where S is the sample
 * (co)variance with n − 1 in the denominator, as Stan's var_adaptation / covar_adaptation.
 */
export function welfordRegularised(w: WelfordState, out: Float64Array): void {
  const n = w.n;
  const dim = w.dim;
  const scale = n / ((n + 5) * (n - 1));
  const shrink = 1e-3 * (5 / (n + 5));
  if (!w.dense) {
    for (let i = 0; i < dim; i++) out[i] = scale * w.m2[i] + shrink;
    return;
  }
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      // Symmetrise: the Welford outer-product update is symmetric only up to rounding.
      const s = 0.5 * (w.m2[i * dim + j] + w.m2[j * dim + i]);
      out[i * dim + j] = scale * s + (i === j ? shrink : 0);
    }
  }
}
