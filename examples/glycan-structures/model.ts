// Glycan processing: cumulative abundances along a biosynthetic pathway, one vector per sample.
// x[s][k] is the abundance (pmol) of molecules of sample s that have passed processing step k or any
// later one; step k+1 can only act on molecules that passed step k, so x[s][k+1] ≤ x[s][k]. Listed
// from the last step to the first, the vector is increasing: a positiveOrdered parameter.
//   data level:       y_{s,k,r} ~ Normal(x[s][k], sigma)                (replicate LC-MS measurements)
//   process level:    x[s] ~ Normal(mu, tau) elementwise, x[s] positiveOrdered  (samples partially pooled)
//   hyperprior level: mu ~ Normal(10, 10) positiveOrdered, tau ~ Normal⁺(0, 5), sigma ~ Normal⁺(0, 5)
// The unconstrained variant drops the ordering (x and mu only positive) and is otherwise the same.
import { model, normal, type Model } from "../../src/model/index.js";

/** The pathway, last step first (so the true abundances increase along this list). */
export const STEPS = ["sialylated", "galactosylated", "complex", "hybrid"] as const;

export function glycanModel(constrained: boolean, samples: number): Model {
  return model(constrained ? "glycan_ordered" : "glycan_unconstrained", ({ data, param, observe }) => {
    const K = STEPS.length;
    const vec = constrained ? ({ size: K, constraint: "positiveOrdered" } as const) : ({ size: K, lower: 0 } as const);
    const mu = param("mu", normal(10, 10), vec);
    const tau = param("tau", normal(0, 5), { lower: 0 });
    const sigma = param("sigma", normal(0, 5), { lower: 0 });
    for (let s = 1; s <= samples; s++) {
      // The normal density is not renormalised over the ordered region; like Stan's ordered vectors
      // with a normal prior, the ordering acts as a truncation whose constant depends weakly on mu, tau.
      const x = param(`x_${s}`, normal(mu, tau), vec);
      const y = data.reals(`y_${s}`);
      const step = data.index(`step_${s}`, { groups: K });
      observe(y, normal(x.at(step), sigma));
    }
  });
}
