// Test targets for the sampler core's WebAssembly gradient path (test/inference/wasm/): Gaussians
// whose log density and gradient a test also writes in JavaScript with the same operations.
// kind 0: standard normal in `dim` dimensions, log p = −½ Σ θᵢ² (summed in index order).
// kind 1: a 2-D Gaussian with precision [[a, b], [b, c]], log p = −½ (a x² + 2 b x y + c y²).
// kind 2: standard normal, but NaN where θ₀ > 1 (the NaN → −∞ rule).

let dim: i32 = 0;
let kind: i32 = 0;
let pa: f64 = 0;
let pb: f64 = 0;
let pc: f64 = 0;

export function setup(d: i32, k: i32, a: f64, b: f64, c: f64): void {
  dim = d;
  kind = k;
  pa = a;
  pb = b;
  pc = c;
}

export function logDensityGradient(theta: usize, grad: usize): f64 {
  if (kind == 1) {
    const x = load<f64>(theta);
    const y = load<f64>(theta, 8);
    const gx = pa * x + pb * y;
    const gy = pb * x + pc * y;
    store<f64>(grad, -gx);
    store<f64>(grad, -gy, 8);
    return -0.5 * (x * gx + y * gy);
  }
  let s: f64 = 0;
  for (let i = 0; i < dim; i++) {
    const t = load<f64>(theta + (<usize>i << 3));
    s += t * t;
    store<f64>(grad + (<usize>i << 3), -t);
  }
  if (kind == 2 && load<f64>(theta) > 1) return NaN;
  return -0.5 * s;
}
