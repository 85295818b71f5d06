import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { poolingFromFormula } from "../../src/pooling/poolingFromFormula.js";

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
