import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hbayes fit --out names the draws files it wrote", () => {
  it("one chain: draws-1.csv, not draws-1..1.csv", async () => {
    const out = join(dir, "one");
    const r = await runCli(["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ floor", "--out", out, "--chains", "1", "--warmup", "100", "--draws", "100", "--threads", "1", "--seed", "3"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${out}/draws-1.csv,`);
    expect(r.err).not.toContain("draws-1..");
    expect(readdirSync(out)).toContain("draws-1.csv");
  });
});
