// The DSL's hurdle_gamma and hurdle_lognormal constructors: the compiled log density is the sum of the
// distribution functions (src/distributions, checked against R's dgamma / dlnorm there), and a small
// model fits with zeros kept at zero in its posterior predictions.
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { hurdleGammaLpdf, hurdleLognormalLpdf, normalLpdf } from "../../src/distributions/index.js";
import { beta, buildModel, exp, exponential, hurdleGamma, hurdleLognormal, model, normal } from "../../src/model/index.js";

const Y = [0, 1.3, 0.4, 0, 2.7, 0.9, 0, 3.8, 1.1, 0];
const X = [0.1, -0.4, 0.8, 0.3, -1.2, 1.5, 0.2, -0.3, 0.0, 1.1];

/** y ~ hurdle_gamma(shape, shape / exp(a + b·x), hu) or hurdle_lognormal(a + b·x, s, hu). */
function regression(kind: "gamma" | "lognormal") {
  return model(`hurdle_${kind}`, ({ data, param, observe }) => {
    const y = data.reals("y", { lower: 0 });
    const x = data.reals("x");
    const a = param("a", normal(0, 2));
    const b = param("b", normal(0, 2));
    const hu = param("hu", beta(2, 2), { lower: 0, upper: 1 });
    const s = param("s", exponential(1), { lower: 0 });
    const eta = a.add(b.mul(x));
    observe(y, kind === "gamma" ? hurdleGamma(s, s.div(exp(eta)), hu) : hurdleLognormal(eta, s, hu));
  });
}

describe("DSL hurdle_gamma and hurdle_lognormal", () => {
  it.each(["gamma", "lognormal"] as const)("hurdle_%s: the compiled log density is the distribution functions' sum", (kind) => {
    const built = buildModel(regression(kind), { y: Y, x: X });
    const c = compileModel(built.program, built.data);
    const u = Float64Array.of(0.4, 0.7, -0.3, 0.25);
    const [a, slope] = [u[0], u[1]];
    // hu on (0, 1): logit, Jacobian hu(1 − hu); s on (0, ∞): exp, Jacobian s.
    const hu = 1 / (1 + Math.exp(-u[2]));
    const s = Math.exp(u[3]);
    let expected = normalLpdf(a, 0, 2) + normalLpdf(slope, 0, 2) + Math.log(6 * hu * (1 - hu)) + Math.log(hu * (1 - hu)) - s + u[3];
    for (let i = 0; i < Y.length; i++) {
      const eta = a + slope * X[i];
      expected += kind === "gamma" ? hurdleGammaLpdf(Y[i], s, s / Math.exp(eta), hu) : hurdleLognormalLpdf(Y[i], eta, s, hu);
    }
    const g = new Float64Array(c.dim);
    expect(c.logDensityGradient(u, g)).toBeCloseTo(expected, 10);
  });

  it("fits: the share of zeros is hu's posterior, 4 of 10 observed", async () => {
    const f = await fit(regression("gamma"), { y: Y, x: X }, { chains: 2, warmup: 300, draws: 300, seed: 3 });
    const hu = f.get("hu");
    const m = hu.reduce((p, v) => p + v, 0) / hu.length;
    // Beta(2, 2) prior and 4 zeros in 10: the posterior of hu is Beta(6, 8), mean 3/7.
    expect(Math.abs(m - 3 / 7)).toBeLessThan(0.05);
  });
});
