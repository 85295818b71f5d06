import { describe, expect, it } from "vitest";
import { gridGoldenMax } from "../../src/math/gridGoldenMax.js";

describe("gridGoldenMax", () => {
  it("finds an interior maximum to the requested width", () => {
    const r = gridGoldenMax((x) => -((x - 1.3) ** 2) + 2, -5, 5, 50, 1e-10);
    // Near a smooth peak f changes by (Δx)², so comparisons of f resolve x only to ~√ε ≈ 1.5e-8.
    expect(Math.abs(r.x - 1.3)).toBeLessThan(1e-7);
    expect(r.fx).toBeCloseTo(2, 12);
  });

  it("takes the global peak of a two-peaked function from the grid, not a local one", () => {
    const f = (x: number) => Math.exp(-((x + 2) ** 2)) + 2 * Math.exp(-((x - 3) ** 2) / 0.5);
    expect(Math.abs(gridGoldenMax(f, -6, 6, 100, 1e-10).x - 3)).toBeLessThan(1e-3);
  });

  it("a maximum at the edge of the range ends at the edge", () => {
    expect(gridGoldenMax((x) => x, 0, 1, 10, 1e-12).x).toBeGreaterThan(1 - 1e-9);
  });

  it("rejects an empty range or a tiny grid", () => {
    expect(() => gridGoldenMax((x) => x, 1, 1, 10, 1e-6)).toThrow(/lo < hi/);
    expect(() => gridGoldenMax((x) => x, 0, 1, 2, 1e-6)).toThrow(/grid/);
  });
});
