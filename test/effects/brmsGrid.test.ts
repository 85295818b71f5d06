// Grids and held values of conditional_effects do not depend on the draws: they are checked exactly
// against brms (to the 15 significant digits the fixture keeps) with fixed draws, in the default suite.
// The estimates themselves are compared with brms's within Monte Carlo error in test/slow/effects.
import { describe, expect, it } from "vitest";
import { conditionalEffectsFromDraws } from "../../src/effects/index.js";
import { buildDesign } from "../../src/formula/design.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { BRMS_REFS, dataPath, effectList } from "./brmsRefs.js";
import { fixedDraws } from "./support.js";

// jsonlite wrote 15 significant digits; R's mean accumulates in long double, so a mean near 0
// (zBase, zAge: standardised, |mean| ~ 1e-17) agrees to the data's scale × 1e-14, not relatively.
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(b), scale);

describe.each(Object.entries(BRMS_REFS))("conditional_effects grid of %s equals brms's", (name, ref) => {
  const data = readCsvFile(dataPath(ref));
  const design = buildDesign(ref.formula, data, { family: ref.family });
  const draws = fixedDraws(design, () => 0.5, 1, 2);
  for (const [method, key] of [["epred", "posterior_epred"], ["predict", "posterior_predict"]] as const) {
    const refs = ref[key];
    if (!refs) continue;
    it(`${method}: the default effects, their grids and held values`, () => {
      const ours = conditionalEffectsFromDraws(draws, design, data, { method });
      expect(ours.map((e) => e.name)).toEqual(Object.keys(refs));
      for (const e of ours) {
        const b = refs[e.name];
        expect(e.effects).toEqual(effectList(b));
        expect(e.n).toBe(b.estimate.length);
        for (const c of e.columns) {
          const want = b.grid[c.name];
          if (c.kind === "factor") expect(c.values).toEqual(want);
          else {
            const scale = Math.max(...want.map((v) => Math.abs(v as number)));
            want.forEach((v, i) => expect(close(c.values[i], v as number, scale), `${name} ${e.name} ${c.name}[${i}]`).toBe(true));
          }
        }
        // brms's held values: every predictor not plotted (its frame also has the response and NA group columns).
        const held = Object.fromEntries(Object.entries(b.conditions).filter(([k, v]) => v !== null && k !== design.encoding.parsed.response?.label && !k.includes("(")));
        expect(Object.keys(e.conditions).sort()).toEqual(Object.keys(held).sort());
        for (const [k, v] of Object.entries(held)) {
          if (typeof v === "number") expect(close(e.conditions[k] as number, v, 1), `${name} ${e.name} held ${k}`).toBe(true);
          else expect(e.conditions[k]).toBe(v);
        }
      }
    });
  }
});
