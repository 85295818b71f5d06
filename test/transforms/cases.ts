/** The transform instances every property test runs over, with the free constrained coordinates of each. */
import {
  choleskyFactorCorr,
  choleskyFactorCov,
  corrMatrix,
  covMatrix,
  identity,
  interval,
  lowerBound,
  offsetMultiplier,
  ordered,
  positiveOrdered,
  simplex,
  upperBound,
  type Transform,
} from "../../src/transforms/index.js";

export interface Case {
  readonly t: Transform;
  readonly n: number;
  /** Indices into x of the coordinates that x is a bijection onto (the rest are determined by them). */
  readonly free: readonly number[];
  /** Whether constrain(u) stays in the support for any finite u (false only for covMatrix; see its docs). */
  readonly supportAtExtremes: boolean;
  /** Scale of the "moderate" random u (default 2) and round-trip tolerance (default 1e-12), with why. */
  readonly scale?: number;
  readonly roundTripTol?: number;
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Strictly lower (strict = true) or lower-with-diagonal entries of a row-major K×K matrix. */
function lower(k: number, strict: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < (strict ? i : i + 1); j++) out.push(i * k + j);
  return out;
}

function elementwise(t: Transform, n: number): Case {
  return { t, n, free: all(n), supportAtExtremes: true };
}

export const CASES: readonly Case[] = [
  elementwise(identity, 3),
  elementwise(lowerBound(0), 4),
  elementwise(lowerBound(-2.5), 3),
  elementwise(upperBound(1.5), 3),
  elementwise(interval(0, 1), 4),
  elementwise(interval(-1, 3), 3),
  // x = 100 + 0.5·logit⁻¹(u) carries only ~|x|·eps = 2e-14 absolute precision, so u comes back to
  // 2e-14 / |dx/du| ≈ 2e-11 at |u| ≈ 6 (the representation's conditioning, not the transform's).
  { ...elementwise(interval(100, 100.5), 2), roundTripTol: 1e-10 },
  elementwise(offsetMultiplier(2, 0.5), 3),
  elementwise(ordered, 5),
  elementwise(ordered, 1),
  elementwise(positiveOrdered, 4),
  { t: simplex, n: 1, free: [], supportAtExtremes: true },
  { t: simplex, n: 2, free: [0], supportAtExtremes: true },
  { t: simplex, n: 6, free: all(5), supportAtExtremes: true },
  { t: choleskyFactorCorr, n: 1, free: [], supportAtExtremes: true },
  { t: choleskyFactorCorr, n: 2, free: lower(2, true), supportAtExtremes: true },
  { t: choleskyFactorCorr, n: 5, free: lower(5, true), supportAtExtremes: true },
  { t: choleskyFactorCov, n: 3, free: lower(3, false), supportAtExtremes: true },
  { t: corrMatrix, n: 1, free: [], supportAtExtremes: false },
  // Ω stores z = tanh(u) but not √(1 − z²) (its diagonal is 1), so u comes back only to
  // ~eps/(1 − |z|): ~1e-12 at |u| ≈ 5 and ~1e-7 when partial correlations compound (K = 4,
  // u ~ N(0, 2²), measured). The representation's conditioning; with u ~ N(0, 1) it holds to 1e-12.
  { t: corrMatrix, n: 2, free: lower(2, true), supportAtExtremes: false, scale: 1 },
  { t: corrMatrix, n: 4, free: lower(4, true), supportAtExtremes: false, scale: 1 },
  { t: covMatrix, n: 1, free: lower(1, false), supportAtExtremes: false },
  // With u ~ N(0, 2²), Σ = L Lᵀ reaches condition numbers where its double-precision entries only
  // determine L to ~1e-7 (measured); with N(0, 1) the round trip holds to ~6e-13.
  { t: covMatrix, n: 4, free: lower(4, false), supportAtExtremes: false, scale: 1 },
];

export function label(c: Case): string {
  return `${c.t.name}[${c.n}]`;
}

/** u drawn as scale·N(0, 1) into a fresh array with `pad` leading slots (to exercise offsets). */
export function randomU(rng: { normal(): number }, size: number, scale: number, pad = 0): Float64Array {
  const u = new Float64Array(pad + size);
  for (let i = 0; i < size; i++) u[pad + i] = scale * rng.normal();
  return u;
}
