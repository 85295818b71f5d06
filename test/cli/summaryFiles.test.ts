// Found in the 2026-11-29 user sweep (bench/qa/): `hbayes summary out/fit/summary.json` answered
// "line 2 has 2 fields, the header has 1: the file may be truncated or corrupted".
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvFiles } from "../../src/cli/summaryCommand.js";
import { UserError } from "../../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-summary-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("csvFiles", () => {
  it("refuses a file that is not a .csv, pointing at its folder instead of calling it corrupted", () => {
    const json = join(dir, "summary.json");
    writeFileSync(json, '{\n  "schema_version": 1\n}\n');
    expect(() => csvFiles([json])).toThrow(UserError);
    expect(() => csvFiles([json])).toThrow(/not a draws CSV file.*give the folder/);
  });

  it("still takes .csv files and folders", () => {
    const csv = join(dir, "draws-1.csv");
    writeFileSync(csv, "lp__\n1\n");
    expect(csvFiles([csv])).toEqual([csv]);
    expect(csvFiles([dir])).toEqual([csv]);
  });
});
