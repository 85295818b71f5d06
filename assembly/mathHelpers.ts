// The scalar runtime helpers lgamma, digamma, Phi and lbeta (src/math/) in WebAssembly: the same
// operations in the same order as their JavaScript, exp/log/log1p from fdlibm.ts (Math's bits), so
// each gives the JavaScript function's bits. scripts/build-wasm.mjs builds this entry file into
// src/compiler/wasm/mathHelpers.wasm.ts; compiled log densities import these exports (a wasm-to-wasm
// call, no JavaScript transition) in place of the JavaScript functions. Only the reflection branches
// (lgamma for x ≤ −½, digamma for x ≤ 0) call back into JavaScript, for sinPi / cotPi, whose
// Math.sin / Math.cos this module does not have. Comments on the methods are in the .ts sources.
import { fdExp, fdLog, fdLog1p } from "./fdlibm";

@external("hb", "sinPi")
declare function jsSinPi(x: f64): f64;

@external("hb", "cotPi")
declare function jsCotPi(x: f64): f64;

const LOG_PI: f64 = 1.1447298858494002;
const HALF_LOG_2PI: f64 = 0.9189385332046728;
const INV_SQRT_2PI: f64 = 0.3989422804014327;
const PI: f64 = 3.141592653589793;

/** Number.isInteger: finite and whole. */
@inline function isInteger(x: f64): bool {
  return x - x == 0 && floor<f64>(x) == x;
}

// ---- lgammaStirlingDiff.ts ----

function lgammaStirlingDiff(x: f64): f64 {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1.0 / 12 +
      r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))))
  );
}

const STIRLING_DIFF_USEFUL: f64 = 10;

// ---- lgamma.ts ----

const LGAMMA_2_SERIES: StaticArray<f64> = [
  0.42278433509846713, 0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986,
  0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939,
  9.945751278180853e-5, -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6, 4.374866789907488e-6,
  -2.039215753801366e-6, 9.55141213040742e-7, -4.492469198764566e-7, 2.1207184805554665e-7,
  -1.0043224823968099e-7, 4.7698101693639804e-8, -2.2711094608943164e-8, 1.0838659214896955e-8,
  -5.183475041970047e-9, 2.4836745438024785e-9, -1.1921401405860912e-9, 5.731367241678862e-10,
  -2.7595228851242334e-10, 1.330476437424449e-10,
];

function tail2(z: f64): f64 {
  let s: f64 = 0;
  for (let k = LGAMMA_2_SERIES.length - 1; k >= 1; k--) s = (s + unchecked(LGAMMA_2_SERIES[k])) * z;
  return s * z;
}

function lgamma2Plus(z: f64): f64 {
  return unchecked(LGAMMA_2_SERIES[0]) * z + tail2(z);
}

function lgamma1Plus(z: f64): f64 {
  return (unchecked(LGAMMA_2_SERIES[0]) - 1) * z + tail2(z) + (z - fdLog1p(z));
}

const STIRLING_FROM: f64 = 13;

export function lgamma(x: f64): f64 {
  if (x != x) return NaN;
  if (x == Infinity) return Infinity;
  if (x <= 0) {
    if (isInteger(x)) return Infinity;
    if (x > -0.5) return lgamma1Plus(x) - fdLog(-x);
    return LOG_PI - fdLog(abs<f64>(jsSinPi(x))) - lgamma(1 - x);
  }
  if (x < 0.5) return lgamma1Plus(x) - fdLog(x);
  if (x <= 1.5) return lgamma1Plus(x - 1);
  if (x <= 2.5) return lgamma2Plus(x - 2);
  if (x < STIRLING_FROM) {
    let prod: f64 = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma2Plus(y - 2) + fdLog(prod);
  }
  const lx = fdLog(x);
  return x * (lx - 1) - 0.5 * lx + HALF_LOG_2PI + lgammaStirlingDiff(x);
}

// ---- digamma.ts ----

const ROOT_HI: f64 = 1.4616321449683622;
const ROOT_LO: f64 = 9.549995429965697e-17;

const ROOT_SERIES: StaticArray<f64> = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652, 0.10782405069126237,
  -0.07219956125645471, 0.04880428816414311, -0.03316112647484736, 0.022597648232218104, -0.01542476590494896,
  0.010538791616612175, -0.007204534386356869, 0.004926781395729853, -0.003369801655439328, 0.002305126326734928,
  -0.0015769367714301972, 0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602,
  -0.0003454680251063077, 0.00023635601564027053, -0.00016170622091974803,
];
const ROOT_RADIUS: f64 = 0.2;
const ASYMPTOTIC_FROM: f64 = 10;

export function digamma(x: f64): f64 {
  if (x != x || x == -Infinity) return NaN;
  if (x == Infinity) return Infinity;
  if (x <= 0) {
    if (isInteger(x)) return NaN;
    return digamma(1 - x) - PI * jsCotPi(x);
  }
  const h = x - ROOT_HI - ROOT_LO;
  if (abs<f64>(h) <= ROOT_RADIUS) {
    let s: f64 = 0;
    for (let k = ROOT_SERIES.length - 1; k >= 0; k--) s = (s + unchecked(ROOT_SERIES[k])) * h;
    return s;
  }
  let acc: f64 = 0;
  while (x < ASYMPTOTIC_FROM) {
    acc -= 1 / x;
    x += 1;
  }
  const r2 = 1 / (x * x);
  const series =
    r2 *
    (1.0 / 12 -
      r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 * (1.0 / 132 - r2 * (691.0 / 32760 - r2 * (1.0 / 12)))))));
  return acc + fdLog(x) - 0.5 / x - series;
}

// ---- normalTail.ts and Phi.ts ----

function stdNormalPdf(x: f64): f64 {
  const xh = trunc<f64>(x * 16) / 16;
  const del = (x - xh) * (x + xh);
  return INV_SQRT_2PI * fdExp(-0.5 * xh * xh) * fdExp(-0.5 * del);
}

const MILLS_ASYMPTOTIC: f64 = 1e8;

function millsRatio(z: f64): f64 {
  if (z > MILLS_ASYMPTOTIC) return 1 / z;
  const tiny: f64 = 1e-300;
  const z2 = z * z;
  let f = z2 + 1;
  let c = f;
  let d: f64 = 0;
  for (let j = 1; j < 200; j++) {
    const a = -(<f64>(2 * j - 1) * <f64>(2 * j));
    const b = z2 + <f64>(4 * j) + 1;
    d = b + a * d;
    if (d == 0) d = tiny;
    c = b + a / c;
    if (c == 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (abs<f64>(delta - 1) < 1e-16) break;
  }
  return z / f;
}

const PHI_SERIES_LIMIT: f64 = 2;

function phiSeries(x: f64): f64 {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= x2 / <f64>(2 * n + 1);
    sum += term;
    if (abs<f64>(term) < 1e-17 * abs<f64>(sum)) break;
  }
  return sum;
}

export function Phi(x: f64): f64 {
  if (x != x) return NaN;
  if (x < -PHI_SERIES_LIMIT) {
    if (x < -40) return 0;
    return stdNormalPdf(x) * millsRatio(-x);
  }
  if (x <= PHI_SERIES_LIMIT) return 0.5 + stdNormalPdf(x) * phiSeries(x);
  if (x > 40) return 1;
  return 1 - stdNormalPdf(x) * millsRatio(x);
}

// ---- lbeta.ts ----

export function lbeta(a: f64, b: f64): f64 {
  if (a != a || b != b) return NaN;
  const x = min<f64>(a, b);
  const y = max<f64>(a, b);
  if (x < 0) return NaN;
  if (x == 0) return Infinity;
  if (y == Infinity) return -Infinity;
  if (y < STIRLING_DIFF_USEFUL) return lgamma(x) + lgamma(y) - lgamma(x + y);
  const xOverXy = x / (x + y);
  if (x < STIRLING_DIFF_USEFUL) {
    const stirlingDiff = lgammaStirlingDiff(y) - lgammaStirlingDiff(x + y);
    const stirling = (y - 0.5) * fdLog1p(-xOverXy) + x * (1 - fdLog(x + y));
    return stirling + lgamma(x) + stirlingDiff;
  }
  const stirlingDiff = lgammaStirlingDiff(x) + lgammaStirlingDiff(y) - lgammaStirlingDiff(x + y);
  const stirling = (x - 0.5) * fdLog(xOverXy) + y * fdLog1p(-xOverXy) + HALF_LOG_2PI - 0.5 * fdLog(y);
  return stirling + stirlingDiff;
}
