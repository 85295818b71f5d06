// exp, log and log1p with the bits of JavaScript's Math.exp, Math.log and Math.log1p in V8 (Node 20):
// V8's ports of fdlibm (FreeBSD msun e_exp.c, e_log.c, s_log1p.c), the same arithmetic in the same
// order. AssemblyScript's own Math gives other bits. Only + − × ÷, comparisons and word access;
// binaryen keeps IEEE semantics (no reassociation). Used by the wasm builds of the scalar helpers
// (mathHelpers.ts) and copied into compiled log densities (fdlibmModule.ts), on engines whose Math is
// fdlibm (src/compiler/wasm/engineMath.ts); test/compiler/wasm/fdlibm.test.ts compares them with
// Math.* on edge cases and seeded random arguments. The core and the draws module import the
// engine's Math instead (host.ts says why).
//
// The coefficients are the published fdlibm ones (hex words beside each).

const LN2_HI: f64 = 6.93147180369123816490e-01; // 3FE62E42 FEE00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
const TWO54: f64 = 1.80143985094819840000e16; // 43500000 00000000

// exp: reduce x = k·ln2 + r with |r| ≤ ln2/2, r = hi − lo; exp(r) from a degree-5 Remez fit of
// r(e^r+1)/(e^r−1); scale by 2^k.
const EXP_P1: f64 = 1.66666666666666019037e-01; // 3FC55555 5555553E
const EXP_P2: f64 = -2.77777777770155933842e-03; // BF66C16C 16BEBD93
const EXP_P3: f64 = 6.61375632143793436117e-05; // 3F11566A AF25DE2C
const EXP_P4: f64 = -1.65339022054652515390e-06; // BEBBBD41 C5D26BF1
const EXP_P5: f64 = 4.13813679705723846039e-08; // 3E663769 72BEA4D0
const O_THRESHOLD: f64 = 7.09782712893383973096e02; // 40862E42 FEFA39EF
const U_THRESHOLD: f64 = -7.45133219101941108420e02; // C0874910 D52D3051
const INV_LN2: f64 = 1.44269504088896338700; // 3FF71547 652B82FE
const TWO_M1000: f64 = 9.33263618503218878990e-302; // 2^-1000
const TWO_1023: f64 = 8.988465674311579539e307; // 2^1023
const HUGE: f64 = 1.0e300;
const E: f64 = 2.718281828459045; // 4005BF0A 8B145769

@inline function highWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >>> 32);
}

@inline function lowWord(x: f64): u32 {
  return <u32>reinterpret<u64>(x);
}

@inline function withHighWord(x: f64, hi: i32): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & 0xffffffff) | (<u64>(<u32>hi) << 32));
}

@inline function fromHighWord(hi: i32): f64 {
  return reinterpret<f64>(<u64>(<u32>hi) << 32);
}

export function fdExp(x: f64): f64 {
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // exp(±∞) = ∞, 0
    }
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWO_M1000 * TWO_M1000;
  }
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      // |x| < 1.5·ln2; V8 returns the correctly rounded e for x = 1.
      if (x == 1.0) return E;
      if (xsb == 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
      } else {
        hi = x - -LN2_HI;
        lo = -LN2_LO;
      }
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI; // exact: t·LN2_HI has trailing zeros
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    if (HUGE + x > 1.0) return 1.0 + x;
  }
  const t = x * x;
  const twopk = k >= -1021 ? fromHighWord(0x3ff00000 + (k << 20)) : fromHighWord(0x3ff00000 + ((k + 1000) << 20));
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * twopk;
  }
  return y * twopk * TWO_M1000;
}

// log and log1p: x = 2^k·(1+f) with √2/2 < 1+f < √2, s = f/(2+f), log(1+f) = 2s + s·R(s²) with a
// degree-14 (in s) Remez fit R; k·ln2 added in two parts (k·LN2_HI exact for |k| < 2000).
const LG1: f64 = 6.666666666666735130e-01; // 3FE55555 55555593
const LG2: f64 = 3.999999999940941908e-01; // 3FD99999 9997FA04
const LG3: f64 = 2.857142874366239149e-01; // 3FD24924 94229359
const LG4: f64 = 2.222219843214978396e-01; // 3FCC71C5 1D8E78AF
const LG5: f64 = 1.818357216161805012e-01; // 3FC74664 96CB03DE
const LG6: f64 = 1.531383769920937332e-01; // 3FC39A09 D078C69F
const LG7: f64 = 1.479819860511658591e-01; // 3FC2F112 DF3E5244

export function fdLog(x: f64): f64 {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // x or x/2 into [√2/2, √2)
  k += i >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 ≤ f < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}

export function fdLog1p(x: f64): f64 {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k: i32 = 1;
  let f: f64 = 0;
  let c: f64 = 0;
  let hu: i32 = 0;
  if (hx < 0x3fda827a) {
    // 1+x < √2
    if (ax >= 0x3ff00000) {
      // x ≤ −1
      if (x == -1.0) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (TWO54 + x > 0 && ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= <i32>0xbfd2bec4) {
      // √2/2 ≤ 1+x < √2: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k != 0) {
    let u: f64;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the rounding error of 1+x, carried as c/u
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  const dk = <f64>k;
  if (hu == 0) {
    // |f| < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      c += dk * LN2_LO;
      return dk * LN2_HI + c;
    }
    const r = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - r;
    return dk * LN2_HI - ((r - (dk * LN2_LO + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + r));
  return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + (dk * LN2_LO + c))) - f);
}
