// Dense-matter equation of state: pressure P against energy density ε on a grid of K segments.
// In each segment the squared sound speed c_s² = dP/dε is constant, so P is piecewise linear:
//   P_k = P_0 + Σ_{j ≤ k} c_s²_j Δε_j           (increasing by construction: every c_s² > 0)
// Causality demands c_s² < 1 (c = 1); thermodynamic stability demands c_s² > 0.
//   data level:       y_m ~ Normal(A_m · P, sd_m)               (noisy pressure averages over density windows)
//   process level:    log c_s²_k − log c_s²_{k−1} ~ Normal(0, tau) (a random walk: neighbouring segments alike)
//                     log c_s²_1 ~ Normal(log 0.1, 1.5)
//   hyperprior level: tau ~ Normal⁺(0, 1), P_0 ~ Normal⁺(2.5, 0.5) MeV/fm³ (nuclear theory at saturation)
// The causal model bounds c_s² to (0, 1); the unconstrained comparison keeps only c_s² > 0 and is
// otherwise the same. As with glycan-structures' ordering, the bound truncates the random-walk prior
// without renormalising it.
import { log, model, normal, type Model } from "../../src/model/index.js";

/** Energy density grid (MeV/fm³): saturation ε₀ = 150, then K = 8 segments of 150 up to 1350. */
export const EPS = [150, 300, 450, 600, 750, 900, 1050, 1200, 1350] as const;
export const K = EPS.length - 1;
/** The node whose pressure is reported: ε = 600 MeV/fm³, about four times saturation density. */
export const REF_NODE = 3;

/** Δε_k, one per segment. */
export const segmentWidths = (): number[] => EPS.slice(1).map((e, k) => e - EPS[k]);

/** (K + 1) × K cumulative sums: (C · v)_i = Σ_{k < i} v_k, so P = P_0 + C · (c_s² Δε). */
export const cumulativeMatrix = (): number[][] =>
  Array.from({ length: K + 1 }, (_, i) => Array.from({ length: K }, (_, k) => (k < i ? 1 : 0)));

/** (K − 1) × K first differences: (D v)_k = v_{k+1} − v_k. */
export const firstDifferences = (): number[][] =>
  Array.from({ length: K - 1 }, (_, k) => Array.from({ length: K }, (_, j) => (j === k + 1 ? 1 : j === k ? -1 : 0)));

/**
 * The row of A for a measurement of the mean pressure over [EPS[from], EPS[to]]. P is linear in
 * each segment, so its mean over whole segments is exactly the trapezoid rule on the nodes.
 */
export function windowRow(from: number, to: number): number[] {
  const row = new Array<number>(EPS.length).fill(0);
  const span = EPS[to] - EPS[from];
  for (let k = from; k < to; k++) {
    const w = (EPS[k + 1] - EPS[k]) / (2 * span);
    row[k] += w;
    row[k + 1] += w;
  }
  return row;
}

export function eosModel(causal: boolean): Model {
  return model(causal ? "eos_causal" : "eos_unconstrained", ({ data, param, derived, sample, target, observe }) => {
    const y = data.reals("y");
    const sd = data.reals("sd", { lower: 0 });
    const deps = data.reals("deps", { lower: 0, length: K });
    const A = data.matrix("A");
    const C = data.matrix("C");
    const D = data.matrix("D");
    const tau = param("tau", normal(0, 1), { lower: 0 });
    const p0 = param("p0", normal(2.5, 0.5), { lower: 0 });
    // Flat on the declared support; the prior is stated on log c_s² below, plus its Jacobian.
    const cs2 = param("cs2", null, causal ? { size: K, lower: 0, upper: 1 } : { size: K, lower: 0 });
    const logCs2 = derived("log_cs2", log(cs2));
    target(logCs2.neg().sum()); // log |d log c / d c| = −log c, so the random walk is a density on c_s²
    sample(logCs2.el(0), normal(Math.log(0.1), 1.5));
    sample(D.mul(logCs2), normal(0, tau));
    const dP = derived("dP", cs2.mul(deps));
    const P = derived("P", C.mul(dP).add(p0));
    observe(y, normal(A.mul(P), sd));
  });
}
