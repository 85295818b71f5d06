// The CSV reader's notes (a ';' file read as R's read.csv2, with ',' decimals) reach the user when the
// command then fails on that data: "the response holds text (e.g. '0.231')" alone does not say why.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-datanotes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// ';'-separated with '.' decimals: read.csv2 reads y as text, and so does hbayes.
const semi = join(dir, "semi.csv");
writeFileSync(semi, "y;x\n0.231;1\n1.5;2\n2.25;3\n0.75;4\n");
const NOTE = "';'-separated, not comma-separated";

describe("CSV reading notes on a failing command", () => {
  it("fit, priors and pooling print the ';' note before the error it explains", async () => {
    const quick = ["--chains", "1", "--warmup", "20", "--draws", "20"];
    const runs: [string, string[]][] = [
      ["fit", ["--formula", "y ~ x", ...quick]],
      ["priors", ["--formula", "y ~ x"]],
      ["pooling", ["--formula", "y ~ 1 + (1 | x)", ...quick]],
    ];
    for (const [cmd, args] of runs) {
      const r = await runCli([cmd, "--data", semi, ...args]);
      expect(r.code, cmd).not.toBe(0);
      expect(r.err, cmd).toContain("holds text (e.g. '0.231')");
      expect(r.err, cmd).toContain(NOTE);
    }
  });
});
