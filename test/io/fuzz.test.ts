import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { requireNumeric } from "../../src/io/dataTable.js";
import { readJsonData } from "../../src/io/readJsonData.js";
import { readCmdStanCsv } from "../../src/io/readCmdStanCsv.js";

/** Runs f; anything thrown must be a UserError (never a TypeError or a csv-parse CsvError). */
function onlyUserErrors(f: () => void): boolean {
  try {
    f();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  return true;
}

const VALID = 'county,y,floor\r\n"ST, LOUIS",1.5,0\r\nAITKIN,NA,1\r\n"say ""hi""",-Inf,\r\n';
// Characters that matter to a CSV parser, plus ordinary ones and a BOM.
const CSV_CHARS = fc.constantFrom(",", '"', "\n", "\r", ";", "\t", " ", "a", "1", ".", "e", "-", "N", "A", "\uFEFF", "é");

/** Deletes, inserts or replaces one character of `text`. */
const mutated = fc
  .array(fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "replace"), CSV_CHARS), { minLength: 1, maxLength: 6 })
  .map((edits) => {
    let s = VALID;
    for (const [pos, op, ch] of edits) {
      const i = pos % (s.length + 1);
      s = op === "delete" ? s.slice(0, i) + s.slice(i + 1) : op === "insert" ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
    }
    return s;
  });

// Seeded so a failure reproduces; 300 runs per property keeps this file well under a second.
const RUNS = { seed: 20240607, numRuns: 300 };

describe("fuzz: malformed input throws only UserError", () => {
  it("readCsvText on random text made of CSV-significant characters", () => {
    fc.assert(fc.property(fc.string({ unit: CSV_CHARS, maxLength: 60 }), (s) => onlyUserErrors(() => readCsvText(s))), RUNS);
  });

  it("readCsvText (and requireNumeric on every column) on mutated valid CSV", () => {
    fc.assert(
      fc.property(mutated, (s) =>
        onlyUserErrors(() => {
          const t = readCsvText(s);
          for (const name of t.names) onlyUserErrors(() => requireNumeric(t, name, "fuzz"));
        }),
      ),
      RUNS,
    );
  });

  it("readCsvText on arbitrary unicode strings", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => onlyUserErrors(() => readCsvText(s))), RUNS);
  });

  it("readJsonData on arbitrary JSON values and broken JSON text", () => {
    fc.assert(fc.property(fc.json(), (s) => onlyUserErrors(() => readJsonData(s))), RUNS);
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => onlyUserErrors(() => readJsonData(`{"y": [${s}]}`))), RUNS);
  });

  it("readCmdStanCsv on mutated CmdStan text", () => {
    const base = "# model = m\nlp__,accept_stat__,theta.1\n# Adaptation terminated\n# Step size = 0.5\n# Diagonal elements of inverse mass matrix:\n# 1\n-1,0.9,0.1\n-2,0.8,inf\n";
    const edits = fc.array(fc.tuple(fc.nat(), CSV_CHARS), { maxLength: 4 });
    fc.assert(
      fc.property(edits, (es) => {
        let s = base;
        for (const [pos, ch] of es) s = s.slice(0, pos % s.length) + ch + s.slice((pos % s.length) + 1);
        return onlyUserErrors(() => readCmdStanCsv(s));
      }),
      RUNS,
    );
  });

  it("the mutation generator can produce errors at all (the property is not vacuous)", () => {
    let errors = 0;
    fc.assert(
      fc.property(mutated, (s) => {
        try {
          readCsvText(s);
        } catch {
          errors++;
        }
        return true;
      }),
      RUNS,
    );
    expect(errors).toBeGreaterThan(10);
  });
});
