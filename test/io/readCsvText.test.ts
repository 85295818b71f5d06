import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { userError } from "../support/userError.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { requireNumeric, type NumericColumn, type StringColumn } from "../../src/io/dataTable.js";

describe("readCsvText", () => {
  it("reads numeric and string columns, quoted fields, BOM and CRLF", () => {
    const t = readCsvText('\uFEFFcounty,"log radon",floor\r\n"ST, LOUIS",1.5,0\r\nAITKIN,"-0.25",1\r\n');
    expect(t.names).toEqual(["county", "log radon", "floor"]);
    expect(t.nRows).toBe(2);
    expect(t.columns.county).toEqual({ kind: "string", values: ["ST, LOUIS", "AITKIN"], missing: 0 });
    expect(Array.from((t.columns["log radon"] as NumericColumn).values)).toEqual([1.5, -0.25]);
    expect(t.columns.floor.kind).toBe("numeric");
    expect(Array.from(t.lines!)).toEqual([2, 3]);
  });

  it("accepts the number spellings R's read.csv does (1e308, -0, .5, 1., +3, whitespace, Inf)", () => {
    const t = readCsvText("a\n1e308\n-0\n.5\n1.\n+3\n 7 \nInf\n-inf\nInfinity\n");
    const a = t.columns.a as NumericColumn;
    expect(a.kind).toBe("numeric");
    expect(Array.from(a.values)).toEqual([1e308, -0, 0.5, 1, 3, 7, Infinity, -Infinity, Infinity]);
    expect(Object.is(a.values[1], -0)).toBe(true);
    expect(a.infinite).toBe(3);
    expect(t.warnings).toEqual([expect.stringContaining("column 'a' has 3 infinite values (first in row 7)")]);
  });

  it("treats NA, empty, NaN and null as missing (NaN in numeric columns, null in string columns)", () => {
    const t = readCsvText("x,g\nNA,a\n,NA\nNaN,b\nnull,\n2,c\n");
    const x = t.columns.x as NumericColumn;
    expect(x.kind).toBe("numeric");
    expect(x.missing).toBe(4);
    expect(Array.from(x.values).map((v) => (Number.isNaN(v) ? "NaN" : v))).toEqual(["NaN", "NaN", "NaN", "NaN", 2]);
    expect(t.columns.g).toEqual({ kind: "string", values: ["a", null, "b", null, "c"], missing: 2 });
  });

  it("reads hexadecimal, decimal commas and a bare exponent as text, not numbers", () => {
    for (const cell of ["0x1A", '"1,5"', "1e", "1_000", "TRUE"]) {
      expect(readCsvText(`a\n1\n${cell}\n`).columns.a.kind).toBe("string");
    }
  });

  it("keeps integers beyond 2^53 as text and says so, instead of rounding them", () => {
    const t = readCsvText("id,y\n9007199254740993,1\n12,2\n");
    expect(t.columns.id).toEqual({ kind: "string", values: ["9007199254740993", "12"], missing: 0 });
    expect(t.warnings[0]).toContain("row 1 has 9007199254740993, an integer too large to store exactly");
    // 2^53 itself and 1e20 written out are exact doubles: numbers.
    const ok = readCsvText("a\n9007199254740992\n100000000000000000000\n").columns.a as NumericColumn;
    expect(Array.from(ok.values)).toEqual([2 ** 53, 1e20]);
    expect(userError(() => requireNumeric(t, "id", "model"))).toBe(
      "model: column 'id' must be numeric: row 1 has 9007199254740993 (line 2 of the file), an integer too large to store exactly (beyond 2^53); if it is a measurement write it in scientific notation, if it is an identifier use it as a grouping label",
    );
  });

  it("skips blank lines and accepts ; and tab delimiters", () => {
    expect(readCsvText("a,b\n\n1,2\n\n3,4\n").nRows).toBe(2);
    expect(Array.from((readCsvText("a;b\n1,5;2\n", { delimiter: ";" }).columns.b as NumericColumn).values)).toEqual([2]);
    expect(readCsvText("a\tb\n1\tx\n", { delimiter: "\t" }).columns.b.kind).toBe("string");
    expect(userError(() => readCsvText("a\n1\n", { delimiter: "|" as ";" }))).toContain('delimiter must be one of ",", ";", "\\t"');
  });

  it("keeps columns named like Object.prototype members as ordinary columns", () => {
    const t = readCsvText("constructor,__proto__,toString\n1,2,3\n");
    expect(t.names).toEqual(["constructor", "__proto__", "toString"]);
    expect(Object.getPrototypeOf(t.columns)).toBe(null);
    expect(Array.from((t.columns.__proto__ as NumericColumn).values)).toEqual([2]);
    expect(userError(() => requireNumeric(readCsvText("a\n1\n"), "constructor", "m"))).toContain("no column named 'constructor'");
  });

  it("errors: empty file, header only, ragged row, duplicate and empty names, bad quoting", () => {
    expect(userError(() => readCsvText(""))).toContain("the CSV file is empty");
    expect(userError(() => readCsvText("\uFEFF\r\n\r\n"))).toContain("the CSV file is empty");
    expect(userError(() => readCsvText("a,b,c\n"))).toBe(
      "the CSV file has a header (3 columns) but zero data rows: add at least one row of data",
    );
    const rows = ["a,b,c,d,e", ...Array.from({ length: 16 }, () => "1,2,3,4,5"), "1,2,3,4", "1,2,3,4,5"].join("\n");
    expect(userError(() => readCsvText(rows))).toMatch(/^row 17 has 4 fields, the header has 5 \(line 18 of the file\)/);
    expect(userError(() => readCsvText("a,b,a\n1,2,3\n"))).toContain("the column name 'a' appears twice in the header (columns 1 and 3)");
    expect(userError(() => readCsvText('"",x\n1,2\n'))).toContain("column 1 has an empty name in the header");
    expect(userError(() => readCsvText("x, \n1,2\n"))).toContain("column 2 has an empty name");
    expect(userError(() => readCsvText('a,b\n1,"open\n'))).toMatch(
      /^could not read the CSV \(line 2 of the file\): a quoted field is never closed \(the file ends inside quotes\)/,
    );
    expect(userError(() => readCsvText(42 as unknown as string))).toBe("readCsvText: text must be a string, got number");
  });

  it("counts lines across quoted CRLF newlines once", () => {
    const t = readCsvText('a,b\r\n1,"two\r\nlines"\r\n2,x\r\n3\r\n'.replace("3\r\n", "3,y\r\n"));
    expect(Array.from(t.lines!)).toEqual([3, 4, 5]);
    expect((t.columns.b as StringColumn).values[0]).toBe("two\nlines");
  });

  it("parses without Node's global Buffer (csv-parse's browser build carries its own)", () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    delete g.Buffer;
    try {
      expect(readCsvText("a,b\n1,x\n").nRows).toBe(1);
    } finally {
      g.Buffer = saved;
    }
  });

  it("reads the shipped radon data: 919 rows, county is text, the rest numeric", () => {
    const t = readCsvFile(new URL("../../data/radon_mn.csv", import.meta.url).pathname);
    expect(t.nRows).toBe(919);
    expect(t.names.map((n) => t.columns[n].kind)).toEqual(["numeric", "numeric", "string", "numeric"]);
    expect(readFileSync(new URL("../../data/radon_mn.csv", import.meta.url), "utf8").split("\n")[0]).toContain("county");
    expect(userError(() => readCsvFile("/nonexistent/radon.csv"))).toContain("cannot read the data file '/nonexistent/radon.csv' (ENOENT)");
  });
});

describe("requireNumeric", () => {
  it("returns the values of a numeric column (NaN = missing)", () => {
    const t = readCsvText("floor,y\n0,1\nNA,2\n");
    expect(Array.from(requireNumeric(t, "y", "m"))).toEqual([1, 2]);
    expect(Number.isNaN(requireNumeric(t, "floor", "m")[1])).toBe(true);
  });

  it("names the first non-number: column 'floor' must be numeric: row 12 has 'basement'", () => {
    const lines = ["floor", ...Array.from({ length: 11 }, (_, i) => String(i % 2)), "basement", "NA", "attic"];
    const msg = userError(() => requireNumeric(readCsvText(lines.join("\n")), "floor", "radon model"));
    expect(msg).toBe(
      "radon model: column 'floor' must be numeric: row 12 has 'basement' (line 13 of the file); fix that value, or write NA if it is missing",
    );
  });

  it("lists the columns when the name is unknown", () => {
    expect(userError(() => requireNumeric(readCsvText("a,b\n1,2\n"), "c", "formula"))).toBe(
      "formula: there is no column named 'c' in the data; the columns are 'a', 'b'",
    );
  });
});
