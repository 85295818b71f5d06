import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";

// src/plots and src/report run unchanged in a browser: no Node modules, no Buffer/process, no DOM,
// and nothing random (plots are pure functions of their inputs).
describe("src/plots and src/report browser safety", () => {
  for (const area of ["plots", "report"]) {
    it(`src/${area} imports no Node modules and uses no Node or DOM globals or Math.random`, () => {
      const dir = new URL(`../../src/${area}/`, import.meta.url);
      const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
      expect(files.length).toBeGreaterThan(3);
      for (const f of files) {
        const src = readFileSync(new URL(f, dir), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
        expect({ f, node: /from "node:|from "(fs|path|os|url)"|\bBuffer\b|\bprocess\./.test(src) }).toEqual({ f, node: false });
        expect({ f, dom: /\bdocument\.|\bwindow\.|Math\.random|Date\.now|new Date\(/.test(src) }).toEqual({ f, dom: false });
      }
    });
  }
});
