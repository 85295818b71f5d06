// The DSL's zero-inflated and hurdle constructors: the compiled log density is the sum of the
// distribution functions (src/distributions, checked against mpmath there), and a hierarchical
// zero-inflated model fits, predicts and gives pointwise log-likelihoods.
import { describe, expect, it } from "vitest";
import { fit } from "../../src/api/fit.js";
import { compileModel } from "../../src/compiler/compile.js";
import {
  hurdleNegBinomial2LogLpmf,
  hurdlePoissonLogLpmf,
  normalLpdf,
  zeroInflatedNegBinomial2LogLpmf,
  zeroInflatedPoissonLogLpmf,
} from "../../src/distributions/index.js";
import { beta, buildModel, exponential, hurdleNegBinomial2Log, hurdlePoissonLog, model, normal, zeroInflatedNegBinomial2Log, zeroInflatedPoissonLog } from "../../src/model/index.js";
import { logLikDsl, posteriorPredictDsl } from "../../src/predict/index.js";
import { createRng } from "../../src/random/rng.js";
import { zeroInflatedPoissonRng } from "../../src/random/index.js";
import { mean, sd } from "../support/moments.js";

const Y = [0, 0, 3, 1, 0, 7, 2, 0, 0, 5];
const X = [0.1, -0.4, 0.8, 0.3, -1.2, 1.5, 0.2, -0.3, 0.0, 1.1];

/** One count model per family: y ~ family(a + b·x, [phi,] p) with a, b ~ normal(0, 2), phi ~ exponential(1), p ~ beta(2, 2). */
function regression(kind: "zip" | "zinb" | "hp" | "hnb") {
  return model(kind, ({ data, param, observe }) => {
    const y = data.ints("y", { lower: 0 });
    const x = data.reals("x");
    const a = param("a", normal(0, 2));
    const b = param("b", normal(0, 2));
    const p = param("p", beta(2, 2), { lower: 0, upper: 1 });
    const eta = a.add(b.mul(x));
    if (kind === "zip") observe(y, zeroInflatedPoissonLog(eta, p));
    else if (kind === "hp") observe(y, hurdlePoissonLog(eta, p));
    else {
      const phi = param("phi", exponential(1), { lower: 0 });
      observe(y, kind === "zinb" ? zeroInflatedNegBinomial2Log(eta, phi, p) : hurdleNegBinomial2Log(eta, phi, p));
    }
  });
}

const betaLog = (v: number, a: number, b: number) => (a - 1) * Math.log(v) + (b - 1) * Math.log(1 - v) - Math.log(1 / 6); // B(2, 2) = 1/6

describe("DSL zero-inflated and hurdle families", () => {
  it.each(["zip", "zinb", "hp", "hnb"] as const)("%s: the compiled log density is the distribution functions' sum", (kind) => {
    const b = buildModel(regression(kind), { y: Y, x: X });
    const c = compileModel(b.program, b.data);
    const u = Float64Array.of(0.4, 0.7, -0.3, 0.25).subarray(0, c.dim);
    const a = u[0];
    const slope = u[1];
    // p on (0, 1): logit transform, Jacobian p(1 − p); phi on (0, ∞): exp, Jacobian phi.
    const p = 1 / (1 + Math.exp(-u[2]));
    let expected = normalLpdf(a, 0, 2) + normalLpdf(slope, 0, 2) + betaLog(p, 2, 2) + Math.log(p * (1 - p));
    const phi = c.dim === 4 ? Math.exp(u[3]) : NaN;
    if (c.dim === 4) expected += -phi + u[3];
    for (let i = 0; i < Y.length; i++) {
      const eta = a + slope * X[i];
      expected +=
        kind === "zip"
          ? zeroInflatedPoissonLogLpmf(Y[i], eta, p)
          : kind === "hp"
            ? hurdlePoissonLogLpmf(Y[i], eta, p)
            : kind === "zinb"
              ? zeroInflatedNegBinomial2LogLpmf(Y[i], eta, phi, p)
              : hurdleNegBinomial2LogLpmf(Y[i], eta, phi, p);
    }
    // Tolerance: the compiled code and the distribution functions sum the same terms in other orders.
    expect(c.logDensityGradient(u, new Float64Array(c.dim))).toBeCloseTo(expected, 9);
  });

  it("a hierarchical zero-inflated Poisson model recovers zi and the population mean; predictions and log-lik per row", async () => {
    // 12 groups × 30 rows, log λ_j ~ N(1, 0.5), zi = 0.3: enough data that the posterior is
    // concentrated (sd of zi ≈ 0.03), so 4 posterior sds is a check that can fail.
    const rng = createRng(11, 0);
    const J = 12;
    const y: number[] = [];
    const g: number[] = [];
    for (let j = 0; j < J; j++) {
      const lam = Math.exp(1 + 0.5 * rng.normal());
      for (let i = 0; i < 30; i++) {
        y.push(zeroInflatedPoissonRng(rng, lam, 0.3));
        g.push(j + 1);
      }
    }
    const m = model("zip_groups", ({ data, param, observe }) => {
      const yy = data.ints("y", { lower: 0 });
      const grp = data.index("g");
      const mu = param("mu", normal(0, 2));
      const tau = param("tau", exponential(1), { lower: 0 });
      const eta = param("eta", normal(mu, tau), { size: grp.groups ?? 0 });
      const zi = param("zi", beta(1, 1), { lower: 0, upper: 1 });
      observe(yy, zeroInflatedPoissonLog(eta.at(grp), zi));
    });
    const f = await fit(m, { y, g }, { chains: 2, warmup: 300, draws: 300, seed: 5, threads: 1 });
    const zi = f.get("zi");
    const mu = f.get("mu");
    expect(Math.abs(mean(zi) - 0.3)).toBeLessThan(4 * sd(zi));
    expect(Math.abs(mean(mu) - 1)).toBeLessThan(4 * sd(mu) + 0.3); // + the 12 simulated groups' own spread of their mean (0.5 / √12 ≈ 0.15, 2×)
    const yRep = posteriorPredictDsl(f);
    expect([yRep.draws, yRep.observations]).toEqual([600, y.length]);
    expect(yRep.data.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    // Replicated zeros: about zi + (1 − zi)·e^(−λ) of the rows, as observed.
    const zerosObs = y.filter((v) => v === 0).length / y.length;
    const zerosRep = yRep.data.reduce((s, v) => s + (v === 0 ? 1 : 0), 0) / yRep.data.length;
    expect(Math.abs(zerosRep - zerosObs)).toBeLessThan(0.05);
    const ll = logLikDsl(f);
    expect([ll.draws, ll.observations]).toEqual([600, y.length]);
    expect(ll.data.every((v) => Number.isFinite(v) && v <= 0)).toBe(true);
  });
});
