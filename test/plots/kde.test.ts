import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { bandwidthNrd0, kdeOnGrid } from "../../src/plots/index.js";

interface Ref {
  name: string;
  x: number[];
  bw: number;
  from: number;
  to: number;
  y: number[];
}
// Made by fixtures/make-refs.R (R's bw.nrd0 and density(x, bw, from, to, n = 256)).
const refs: Ref[] = JSON.parse(readFileSync(new URL("./fixtures/kde-refs.json", import.meta.url), "utf8"));

describe("kde", () => {
  it("bandwidthNrd0 equals R's bw.nrd0, fallbacks included (1e-12 relative: same formula, rounding only)", () => {
    for (const r of refs) {
      const bw = bandwidthNrd0(Float64Array.from(r.x));
      expect(Math.abs(bw - r.bw) / r.bw, r.name).toBeLessThan(1e-12);
    }
    expect(bandwidthNrd0(Float64Array.from([1]))).toBeNaN();
  });

  it("kdeOnGrid matches R's density() to 1 % of the peak (both approximate the exact sum; R by FFT on 512 bins)", () => {
    for (const r of refs) {
      const y = kdeOnGrid(Float64Array.from(r.x), r.bw, r.from, r.to, 256);
      const peak = Math.max(...r.y);
      let worst = 0;
      for (let i = 0; i < 256; i++) worst = Math.max(worst, Math.abs(y[i] - r.y[i]));
      expect(worst / peak, r.name).toBeLessThan(0.01);
    }
  });

  it("kdeOnGrid agrees with the exact kernel sum to 0.5 % of the peak and integrates to ~1", () => {
    const r = refs.find((q) => q.name === "mixture300")!;
    const y = kdeOnGrid(Float64Array.from(r.x), r.bw, r.from, r.to, 256);
    const delta = (r.to - r.from) / 255;
    let area = 0;
    let worst = 0;
    let peak = 0;
    for (let g = 0; g < 256; g++) {
      const at = r.from + g * delta;
      let s = 0;
      for (const v of r.x) s += Math.exp(-0.5 * ((at - v) / r.bw) ** 2);
      const exact = s / (r.x.length * r.bw * Math.sqrt(2 * Math.PI));
      worst = Math.max(worst, Math.abs(exact - y[g]));
      peak = Math.max(peak, exact);
      area += y[g] * delta;
    }
    // Linear binning errs by O((δ/bw)²) ≈ 1e-3 here; the ±3 bw grid loses ~0.3 % of the mass at the ends.
    expect(worst / peak).toBeLessThan(0.005);
    expect(area).toBeGreaterThan(0.99);
    expect(area).toBeLessThan(1.001);
  });

  it("kdeOnGrid returns zeros for no finite data or a degenerate grid", () => {
    expect(Array.from(kdeOnGrid(Float64Array.from([NaN]), 1, 0, 1, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(kdeOnGrid(Float64Array.from([1]), 0, 0, 1, 3))).toEqual([0, 0, 0]);
  });
});
