import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { forestSpec } from "../../src/plots/index.js";

// A small spec pinned byte for byte, so changes to what a plot shows show up in review. The spec,
// not the SVG, is pinned: the SVG also depends on vega's version and text estimates. After an
// intended change, regenerate with UPDATE_GOLDEN=1 npx vitest run test/plots/golden.test.ts and look at the diff.
const file = new URL("./fixtures/forest-golden.vl.json", import.meta.url);

describe("golden spec", () => {
  it("forestSpec of three rows is exactly the stored Vega-Lite spec", () => {
    const spec = forestSpec(
      [
        { name: "theta[1]", mean: 6.2, q5: -2.1, q25: 2.5, q50: 5.9, q75: 9.6, q95: 16.3 },
        { name: "theta[2]", mean: 4.9, q5: -3.4, q25: 1.6, q50: 4.9, q75: 8.2, q95: 13.4 },
        { name: "tau", mean: 3.6, q5: 0.24, q25: 1.2, q50: 2.7, q75: 5.1, q95: 10.1 },
      ],
      { title: "Eight schools", reference: 0, point: "mean" },
    );
    const text = JSON.stringify(spec, null, 1) + "\n";
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, "utf8"));
  });
});
