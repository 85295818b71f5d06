/**
 * A small L-BFGS minimiser (Nocedal & Wright 2006, alg. 7.4/7.5) for the handful of hyperparameters
 * of the plug-in fits, with central-difference gradients: the objectives here (Laplace marginal
 * likelihoods) are smooth but their analytic gradients need the derivative of every group's mode,
 * and a few dozen evaluations of an O(n) function cost nothing next to the MCMC fits they accompany.
 */

export interface LbfgsOptions {
  /** Stop when max |∂f/∂x_k| · max(1, |x_k|) falls below this (default 1e-8). */
  readonly gradTol?: number;
  readonly maxIterations?: number;
  /** Remembered (s, y) pairs (default 7). */
  readonly memory?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Central differences with steps 1e-5 · max(1, |x_k|): ~1e-10 relative accuracy for smooth f. */
export function numericGradient(f: (x: Float64Array) => number, x: Float64Array, out: Float64Array): void {
  const xx = Float64Array.from(x);
  for (let k = 0; k < x.length; k++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[k]));
    xx[k] = x[k] + h;
    const up = f(xx);
    xx[k] = x[k] - h;
    const down = f(xx);
    xx[k] = x[k];
    out[k] = (up - down) / (2 * h);
  }
}

export function minimizeLbfgs(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const { gradTol = 1e-8, maxIterations = 500, memory = 7 } = options;
  const d = x0.length;
  let x = Float64Array.from(x0);
  let fx = f(x);
  if (!Number.isFinite(fx)) throw new RangeError(`minimizeLbfgs: the objective must be finite at the start, got ${fx}`);
  let g = new Float64Array(d);
  numericGradient(f, x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const dir = new Float64Array(d);
  let stalled = 0;
  const scaledGradMax = (grad: Float64Array, at: Float64Array) => {
    let m = 0;
    for (let k = 0; k < d; k++) m = Math.max(m, Math.abs(grad[k]) * Math.max(1, Math.abs(at[k])));
    return m;
  };
  for (let iter = 0; iter < maxIterations; iter++) {
    if (scaledGradMax(g, x) < gradTol) return { x, f: fx, iterations: iter, converged: true };
    // Two-loop recursion: dir = −H g.
    for (let k = 0; k < d; k++) dir[k] = -g[k];
    for (let j = S.length - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(S[j], dir);
      for (let k = 0; k < d; k++) dir[k] -= alpha[j] * Y[j][k];
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let k = 0; k < d; k++) dir[k] *= gamma;
    }
    for (let j = 0; j < S.length; j++) {
      const beta = rho[j] * dot(Y[j], dir);
      for (let k = 0; k < d; k++) dir[k] += S[j][k] * (alpha[j] - beta);
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let k = 0; k < d; k++) dir[k] = -g[k];
      slope = dot(g, dir);
    }
    // Backtracking (Armijo) line search; the first step of a steepest-descent start is kept ≤ 1 per coordinate.
    let step = 1;
    if (S.length === 0) {
      let m = 0;
      for (let k = 0; k < d; k++) m = Math.max(m, Math.abs(dir[k]));
      if (m > 1) step = 1 / m;
    }
    const xNew = new Float64Array(d);
    let fNew = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let k = 0; k < d; k++) xNew[k] = x[k] + step * dir[k];
      fNew = f(xNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return { x, f: fx, iterations: iter, converged: scaledGradMax(g, x) < 1e3 * gradTol };
    const gNew = new Float64Array(d);
    numericGradient(f, xNew, gNew);
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let k = 0; k < d; k++) {
      s[k] = xNew[k] - x[k];
      y[k] = gNew[k] - g[k];
    }
    const sy = dot(s, y);
    // Keep the pair only under positive curvature, so the implied inverse Hessian stays positive definite.
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const change = fx - fNew;
    x = xNew;
    fx = fNew;
    g = gNew;
    // No progress beyond rounding for several steps: the gradient is as small as the differences can tell.
    stalled = change <= 1e-13 * Math.max(1, Math.abs(fx)) ? stalled + 1 : 0;
    if (stalled >= 5) return { x, f: fx, iterations: iter + 1, converged: scaledGradMax(g, x) < 1e3 * gradTol };
  }
  return { x, f: fx, iterations: maxIterations, converged: scaledGradMax(g, x) < gradTol };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}
