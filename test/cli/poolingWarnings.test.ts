// Found in the 2026-11-29 user sweep (bench/qa/): `hbayes pooling` on brms's epilepsy model
// (count ~ zAge + zBase * Trt + (1 | patient)) printed no-pooling estimates of 6e5 with 90 %
// intervals [0.0001, 1.6e4] and shrinkage 1.00 for every patient, with no warning: the patient-level
// predictors are collinear with the per-patient intercepts of the no-pooling model, whose chains
// never converged, and the command printed none of the three fits' sampler warnings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-pooling-warn-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hbayes pooling", () => {
  it("warns when a predictor is constant within groups, and prints the fits' own sampler warnings", async () => {
    // 10 patients × 4 visits, age constant per patient; counts from a fixed pattern (no RNG needed).
    const lines = ["count,age,patient"];
    for (let j = 0; j < 10; j++) for (let v = 0; v < 4; v++) lines.push(`${(j * 3 + v * 2) % 7},${20 + 3 * j},p${j}`);
    const csv = join(dir, "d.csv");
    writeFileSync(csv, `${lines.join("\n")}\n`);
    const out = join(dir, "out");
    const r = await runCli(["pooling", "--data", csv, "--formula", "count ~ age + (1 | patient)", "--family", "poisson", "--chains", "2", "--warmup", "200", "--draws", "200", "--threads", "1", "--seed", "2", "--out", out]);
    expect(r.code).toBe(0);
    // The saved report carries them too.
    expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(/no pooling: age is constant within every patient/);
    expect(r.err).toMatch(/warning: no pooling: age is constant within every patient/);
    // src/pooling leaves age out of the no-pooling model (it is not identified there), so that fit is
    // proper: its R-hat, if warned at all with 2 × 200 draws, is sampling noise (< 1.1), not the
    // improper model's drift that used to be the only sign of it.
    expect(r.err).toMatch(/the no-pooling model leaves it out/);
    const rhat = r.err.match(/warning: no pooling: R-hat above 1\.01 .*?\(worst: \S+ ([0-9.]+)/);
    expect(rhat === null || Number(rhat[1]) < 1.1).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "pooling.json"), "utf8")).notes).toEqual([expect.stringMatching(/^no pooling: age is constant within every patient/)]);
  }, 60_000);
});
