// A linear inverse problem: recover a 1-D profile m from blurred, noisy data d = G m + noise.
//   data level:       d ~ Normal(G m, sigma)                   (sigma known: the instrument's noise)
//   process level:    D m ~ Normal(0, s)                        (second differences: smoothness)
//                     m ~ Normal(0, 10)                         (a weak anchor for D's null space: lines)
//   hyperprior level: s ~ Normal⁺(0, 1)                         (smoothness sd, sampled, not tuned)
import { model, normal } from "../../src/model/index.js";

/** Precision of the weak Normal(0, 10) anchor, used by the fixed-λ comparison too. */
export const ANCHOR_PRECISION = 1 / 100;

export default model("geophysical_inversion", ({ data, param, sample, observe }) => {
  const d = data.reals("d");
  const sigma = data.real("sigma", { lower: 0 });
  const G = data.matrix("G");
  const D = data.matrix("D");
  const s = param("s", normal(0, 1), { lower: 0 });
  const m = param("m", normal(0, 10), { size: G.cols });
  sample(D.mul(m), normal(0, s));
  observe(d, normal(G.mul(m), sigma));
});
