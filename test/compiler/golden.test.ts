import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { GOLDEN } from "./golden/programs.js";

const here = fileURLToPath(new URL("./golden/", import.meta.url));

describe("compileModel emitted source (golden)", () => {
  for (const [name, build] of Object.entries(GOLDEN)) {
    it(`source of ${name} is unchanged`, () => {
      const { program, data } = build();
      expect(compileModel(program, data).source).toBe(readFileSync(`${here}${name}.js.txt`, "utf8"));
    });
  }
});
