import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userError } from "../support/userError.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

// Found in the 2026-11-29 user sweep (bench/qa/): a ';'-separated export from Excel, or a .tsv file,
// was read as one column and the user was told about a ragged row or an unknown formula column.
describe("readCsvText with another separator", () => {
  it("reads a ';'-separated file as R's read.csv2 does (',' decimals) and says so, instead of reporting a ragged row", () => {
    const t = readCsvText("count;zAge;patient\n5;0,42;1\n3;-0,26;2\n");
    expect(t.names).toEqual(["count", "zAge", "patient"]);
    expect(t.columns.zAge).toMatchObject({ kind: "numeric" });
    expect(Array.from((t.columns.zAge as { values: Float64Array }).values)).toEqual([0.42, -0.26]);
    expect(t.warnings[0]).toMatch(/';'-separated, not comma-separated: read it that way, with ',' as the decimal mark \(R's read.csv2\)/);
  });

  it("in such a file a number written with '.' is text, as in R", () => {
    const t = readCsvText("y;x\n1,5;2.5\n2,5;3.5\n");
    expect(t.columns.y).toMatchObject({ kind: "numeric" });
    expect(t.columns.x).toMatchObject({ kind: "string" });
  });

  it("reads a tab-separated file even when no row has a comma, and says so", () => {
    const t = readCsvText("y\tx\n1.5\t2\n3\t4\n");
    expect(t.names).toEqual(["y", "x"]);
    expect(Array.from((t.columns.y as { values: Float64Array }).values)).toEqual([1.5, 3]);
    expect(t.warnings[0]).toMatch(/tab-separated/);
  });

  it("still reads a one-column file; a delimiter or decimal mark given is used as given", () => {
    expect(readCsvText("y\n1\n2\n").names).toEqual(["y"]);
    expect(readCsvText("a;b\n1;2\n", { delimiter: ";" }).warnings).toEqual([]);
    expect(Array.from((readCsvText("a;b\n1.5;2\n", { delimiter: ";", decimal: "." }).columns.a as { values: Float64Array }).values)).toEqual([1.5]);
    expect(userError(() => readCsvText("a,b\n1,2\n", { decimal: "," }))).toMatch(/cannot be both the decimal mark and the separator/);
  });
});

describe("readCsvFile", () => {
  it("reads a .tsv file as tab-separated", () => {
    const dir = mkdtempSync(join(tmpdir(), "hbayes-tsv-"));
    try {
      const path = join(dir, "d.tsv");
      writeFileSync(path, "y\tx\n1\t2\n3\t4\n");
      const t = readCsvFile(path);
      expect(t.names).toEqual(["y", "x"]);
      expect(t.nRows).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
