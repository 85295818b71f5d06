/**
 * Seeded fuzzing with a modest budget (a few seconds); the long run is test/slow/robustness. The
 * formula parser alone is fuzzed in test/formula/parse.test.ts and the CSV / JSON / CmdStan readers
 * alone in test/io/fuzz.test.ts; these properties cover what those do not: prior strings, the design
 * and model builder on grammar-made formulas and random data, and the loaders feeding the builder.
 */
import { describe, expect, it } from "vitest";
import { designProperties, FuzzFailure, loaderProperties, onlyGoodUserErrors, priorProperties } from "./support/fuzzProps.js";

const RUNS = 300;

describe("fuzz: nothing but UserError, in bounded time, with a message that says what and where", () => {
  it("parsePrior on mutated and random prior strings", () => priorProperties(RUNS, 101).parse());
  it("resolvePriors on prior statements naming classes, groups and coefficients that may not exist", () => priorProperties(RUNS, 101).resolve());
  it("buildFormulaModel on grammar-made formulas × families over awkward columns", () => designProperties(RUNS, 202).formulas());
  it("buildFormulaModel on random data tables (NaN, ±Inf, 1e308, -0, counts > 2^31, text)", () => designProperties(RUNS, 202).data());
  it("readCsvText → buildFormulaModel on mutated CSV text", () => loaderProperties(RUNS, 303).csvToModel());
  it("readJsonData on random and mutated JSON", () => loaderProperties(RUNS, 303).json());

  it("the checker itself fails on a TypeError, a message without a place, and a slow case (the properties can fail)", () => {
    expect(() => onlyGoodUserErrors(() => (null as unknown as { a: number }).a, "typeerror")).toThrow(FuzzFailure);
    expect(() => onlyGoodUserErrors(() => { throw new Error("boom"); }, "plain")).toThrow(FuzzFailure);
    expect(() => onlyGoodUserErrors(() => { throw new (class extends Error { override name = "UserError"; })("x"); }, "fake")).toThrow(FuzzFailure);
  });
});
