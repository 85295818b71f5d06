import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userError } from "../support/userError.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";

// Found in the 2026-11-29 user sweep (bench/qa/): a ';'-separated export from Excel, or a .tsv file,
// was read as one column and the user was told about a ragged row or an unknown formula column.
describe("readCsvText with the wrong separator", () => {
  it("says a ';'-separated file is ';'-separated instead of reporting a ragged row", () => {
    const msg = userError(() => readCsvText("count;zAge;patient\n5;0,42;1\n3;0,26;2\n"));
    expect(msg).toContain("';'");
    expect(msg).toContain("separated");
    expect(msg).not.toContain("row 1 has");
  });

  it("says a tab-separated file is tab-separated even when no row has a comma", () => {
    const msg = userError(() => readCsvText("y\tx\n1\t2\n3\t4\n"));
    expect(msg).toContain("tab");
  });

  it("still reads a one-column file and ';' files when the delimiter is given", () => {
    expect(readCsvText("y\n1\n2\n").names).toEqual(["y"]);
    expect(readCsvText("a;b\n1;2\n", { delimiter: ";" }).names).toEqual(["a", "b"]);
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
