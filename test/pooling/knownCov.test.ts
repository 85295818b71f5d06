import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { poolingFromFormula } from "../../src/pooling/poolingFromFormula.js";
import { pooledGroup } from "../../src/pooling/variants.js";
import { buildFormulaModel } from "../../src/api/formulaFit.js";

const data = () => readCsvFile(new URL("../knownCov/fixtures/phylo.csv", import.meta.url).pathname);

describe("pooling refuses gr(g, cov = A)", () => {
  it("with a caret at the matrix's name, before asking for the matrix", async () => {
    const e = await poolingFromFormula("y ~ x + (1 | gr(species, cov = A))", data()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    const m = (e as Error).message;
    expect(m).toMatch(/pooling: gr\(species, cov = A\) is not supported by the pooling comparison/);
    expect(m).not.toMatch(/was not given/);
    // The caret sits under the matrix's name in the echoed formula.
    const lines = m.split("\n");
    expect(lines.at(-1)!.indexOf("^")).toBe(lines.at(-2)!.indexOf("A))"));
  });
  it("a formula that does not parse still gets the formula front end's own message", async () => {
    const e = await poolingFromFormula("y ~ x + (1 | species", data()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).not.toMatch(/pooling: gr/);
  });
});

describe("pooledGroup refuses specs whose groups are not independent intercepts in spec.groups", () => {
  it("gr(g, cov = A) (a built spec, as the web page has it) and a non-linear spec", () => {
    const A = { levels: ["a", "b", "c"], values: [[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]] };
    const d = { y: [1, 2, 3, 2, 1, 3], x: [0.1, 0.5, 0.9, 0.2, 0.4, 0.8], g: ["a", "b", "c", "a", "b", "c"] };
    const cov = buildFormulaModel({ formula: "y ~ x + (1 | gr(g, cov = A))", data: d, data2: { A } });
    expect(() => pooledGroup(cov.spec)).toThrow(/pooling: gr\(g, cov = A\) group terms are not supported by the pooling comparison/);
    const nl = buildFormulaModel({ formula: "y ~ a * exp(-b * x)", nlpars: { a: "1 + (1 | g)", b: "1" }, data: d, priors: ["normal(2, 1), nlpar = a", "normal(1, 1), nlpar = b, lb = 0"] });
    expect(() => pooledGroup(nl.spec)).toThrow(/pooling: non-linear formulas \(nl = TRUE\) are not supported/);
  });
});
