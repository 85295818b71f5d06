import { beforeAll, describe, expect, it } from "vitest";
import { fitMultivariateModel, type MultivariateModel } from "../../src/api/multivariateFit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { variableIndex, type Draws } from "../../src/posterior/draws.js";
import { multivariatePredict } from "../../src/predict/multivariate.js";
import { multivariateFromSaved, saveMultivariateModel } from "../../src/predict/multivariateSaved.js";

const gauss = readCsvFile(new URL("../slow/multivariate/fixtures/mvgauss.csv", import.meta.url).pathname);
const pois = readCsvFile(new URL("../slow/multivariate/fixtures/mvpois.csv", import.meta.url).pathname);
const SETTINGS = { chains: 1, warmup: 200, draws: 100, seed: 4, threads: 1 };

const at = (d: Draws, name: string, s: number): number => d.data[variableIndex(d, name) * d.chains * d.draws + s];
const col = (data: ReturnType<typeof readCsvFile>, name: string): Float64Array => {
  const c = data.columns[name];
  return Float64Array.from(c.values as ArrayLike<number>, Number);
};
const text = (data: ReturnType<typeof readCsvFile>, name: string): string[] => Array.from(data.columns[name].values as ArrayLike<unknown>, String);

describe("multivariatePredict: gaussian responses with rescor", () => {
  let fit: Fit;
  let model: MultivariateModel;
  beforeAll(async () => {
    ({ fit, model } = await fitMultivariateModel({ formula: "mvbind(y1, y2) ~ x + (1 | p | g)", data: gauss }, SETTINGS));
  });
  const x = col(gauss, "x");
  const g = text(gauss, "g");
  const y = [col(gauss, "y1"), col(gauss, "y2")];

  it("epred is each response's b_Intercept + b_x·x + r_g[level], draws × (rows · responses)", () => {
    const e = multivariatePredict(fit.draws, model.design, "epred");
    expect(e.responses).toEqual(["y1", "y2"]);
    expect(e.observations).toBe(300 * 2);
    for (const s of [0, 57, 99]) {
      for (const i of [0, 131, 299]) {
        ["y1", "y2"].forEach((r, k) => {
          const want = at(fit.draws, `b_${r}_Intercept`, s) + at(fit.draws, `b_${r}_x`, s) * x[i] + at(fit.draws, `r_g__${r}[${g[i]},Intercept]`, s);
          expect(e.data[(s * 300 + i) * 2 + k]).toBeCloseTo(want, 10);
        });
      }
    }
  });

  it("log_lik is the bivariate normal's joint density per row", () => {
    const ll = multivariatePredict(fit.draws, model.design, "log_lik");
    const e = multivariatePredict(fit.draws, model.design, "epred");
    expect(ll.observations).toBe(300);
    for (const s of [3, 88]) {
      const s1 = at(fit.draws, "sigma_y1", s);
      const s2 = at(fit.draws, "sigma_y2", s);
      const rho = at(fit.draws, "rescor__y1__y2", s);
      for (const i of [0, 77, 250]) {
        const z1 = (y[0][i] - e.data[(s * 300 + i) * 2]) / s1;
        const z2 = (y[1][i] - e.data[(s * 300 + i) * 2 + 1]) / s2;
        const want = -Math.log(2 * Math.PI * s1 * s2 * Math.sqrt(1 - rho * rho)) - (z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (2 * (1 - rho * rho));
        expect(ll.data[s * 300 + i]).toBeCloseTo(want, 10);
      }
    }
  });

  it("predict draws residuals correlated as rescor", () => {
    const p = multivariatePredict(fit.draws, model.design, "predict", undefined, { seed: 9 });
    const e = multivariatePredict(fit.draws, model.design, "epred");
    // Standardised residuals pooled over 100 draws × 300 rows: their correlation estimates the mean rescor
    // with sd ≈ (1 − ρ²)/√30000 ≈ 0.005 plus the rescor draws' own spread (sd ≈ 0.05, averaged); 0.03 is ~5 sd.
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    let rho = 0;
    for (let s = 0; s < 100; s++) {
      rho += at(fit.draws, "rescor__y1__y2", s) / 100;
      for (let i = 0; i < 300; i++) {
        const a = (p.data[(s * 300 + i) * 2] - e.data[(s * 300 + i) * 2]) / at(fit.draws, "sigma_y1", s);
        const b = (p.data[(s * 300 + i) * 2 + 1] - e.data[(s * 300 + i) * 2 + 1]) / at(fit.draws, "sigma_y2", s);
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
      }
    }
    expect(Math.abs(sxy / Math.sqrt(sxx * syy) - rho)).toBeLessThan(0.03);
  });

  it("model.json round trip: predictions for new data equal the in-memory model's", () => {
    const saved = JSON.parse(JSON.stringify(saveMultivariateModel("mvbind(y1, y2) ~ x + (1 | p | g)", model.design, [], "mvgauss.csv")));
    const nd = { x: [0.3, -1], g: ["g05", "g11"], y1: [1, 2], y2: [0, -1] };
    for (const type of ["epred", "log_lik"] as const) {
      expect(Array.from(multivariatePredict(fit.draws, multivariateFromSaved(saved), type, nd).data)).toEqual(Array.from(multivariatePredict(fit.draws, model.design, type, nd).data));
    }
  });

  it("new data for fitted levels; new levels of a shared-ID term are refused", () => {
    const nd = { x: [0, 1], g: ["g01", "g02"] };
    const e = multivariatePredict(fit.draws, model.design, "epred", nd);
    expect(e.observations).toBe(4);
    const s = 10;
    expect(e.data[s * 4 + 3]).toBeCloseTo(at(fit.draws, "b_y2_Intercept", s) + at(fit.draws, "b_y2_x", s) + at(fit.draws, "r_g__y2[g02,Intercept]", s), 10);
    expect(() => multivariatePredict(fit.draws, model.design, "epred", { x: [0], g: ["new"] }, { allowNewLevels: true })).toThrow(/new levels of group terms shared across responses/);
  });
});

describe("multivariatePredict: gaussian responses without rescor", () => {
  it("draw independent residuals per response (each response its own random stream)", async () => {
    const { fit, model } = await fitMultivariateModel({ formula: "bf(y1 ~ x) + bf(y2 ~ x) + set_rescor(FALSE)", data: gauss }, SETTINGS);
    const p = multivariatePredict(fit.draws, model.design, "predict", undefined, { seed: 3 });
    const e = multivariatePredict(fit.draws, model.design, "epred");
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let t = 0; t < p.data.length; t += 2) {
      const a = p.data[t] - e.data[t];
      const b = p.data[t + 1] - e.data[t + 1];
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    // 30000 independent pairs: the sample correlation has sd ≈ 1/√30000 ≈ 0.006; 0.03 is 5 sd.
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThan(0.03);
  });
});

describe("multivariatePredict: a poisson and a gaussian response without rescor", () => {
  it("log_lik is the sum of the responses' own log densities; new levels per response are drawn", async () => {
    const { fit, model } = await fitMultivariateModel({ formula: "bf(count ~ x + (1 | g), family = poisson) + bf(y ~ x) + set_rescor(FALSE)", data: pois }, SETTINGS);
    const ll = multivariatePredict(fit.draws, model.design, "log_lik");
    const e = multivariatePredict(fit.draws, model.design, "epred");
    const count = col(pois, "count");
    const y = col(pois, "y");
    const lgammaInt = (k: number): number => {
      let s = 0;
      for (let j = 2; j < k; j++) s += Math.log(j);
      return s;
    };
    for (const s of [5, 60]) {
      const sigma = at(fit.draws, "sigma_y", s);
      for (const i of [2, 190]) {
        const mu = e.data[(s * 300 + i) * 2];
        const m2 = e.data[(s * 300 + i) * 2 + 1];
        const want = count[i] * Math.log(mu) - mu - lgammaInt(count[i] + 1) - 0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * ((y[i] - m2) / sigma) ** 2;
        expect(ll.data[s * 300 + i]).toBeCloseTo(want, 9);
      }
    }
    const nl = multivariatePredict(fit.draws, model.design, "epred", { x: [0], g: ["brand-new"] }, { allowNewLevels: true, seed: 2 });
    expect(nl.observations).toBe(2);
    expect(Array.from(nl.data).every(Number.isFinite)).toBe(true);
  });
});
