import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { forestPlot } from "../../src/plots/index.js";

// A small plot pinned byte for byte, so layout changes show up in review. After an intended change,
// regenerate with UPDATE_GOLDEN=1 npx vitest run test/plots/golden.test.ts and look at the diff.
const file = new URL("./fixtures/forest-golden.svg", import.meta.url);

describe("golden SVG", () => {
  it("forestPlot of three rows renders exactly the stored SVG", () => {
    const svg = forestPlot(
      [
        { name: "theta[1]", mean: 6.2, q5: -2.1, q25: 2.5, q50: 5.9, q75: 9.6, q95: 16.3 },
        { name: "theta[2]", mean: 4.9, q5: -3.4, q25: 1.6, q50: 4.9, q75: 8.2, q95: 13.4 },
        { name: "tau", mean: 3.6, q5: 0.24, q25: 1.2, q50: 2.7, q75: 5.1, q95: 10.1 },
      ],
      { title: "Eight schools", reference: 0, point: "mean" },
    );
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, svg);
    expect(svg).toBe(readFileSync(file, "utf8"));
  });
});
