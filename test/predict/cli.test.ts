import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { runCli } from "../support/runCli.js";
import { readCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { predictFromDraws, summarizePredictions } from "../../src/predict/index.js";
import { RADON_FORMULA, radonData } from "./fits.js";

async function run(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runCli(argv);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

const parseCsv = (text: string) => text.trim().split("\n").map((l) => l.split(","));

let dir: string;
let newCsv: string;
const radonCsv = new URL("../../data/radon_mn.csv", import.meta.url).pathname;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "hbayes-predict-"));
  dir = join(root, "fit");
  newCsv = join(root, "new.csv");
  // Row 3 has a missing predictor: it is left out and the others keep their data row numbers.
  writeFileSync(newCsv, "floor,county\n0,c01\n1,NEWC\nNA,c02\n0,c70\n");
  const fit = await run(["fit", "--data", radonCsv, "--formula", RADON_FORMULA, "--chains", "2", "--warmup", "200", "--draws", "200", "--threads", "1", "--seed", "7", "--json", "--out", dir]);
  expect(fit.code).toBe(0);
});

describe("hbayes predict (end to end from hbayes fit --out)", () => {
  it("fit --out writes model.json beside the draws", () => {
    expect(existsSync(join(dir, "model.json"))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("draws-"))).toHaveLength(2);
  });

  it("an unseen level without --new-levels exits 1 naming the level and the flag", async () => {
    const r = await run(["predict", dir, "--data", newCsv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/level 'NEWC' of county/);
    expect(r.stderr).toMatch(/--new-levels/);
  });

  it("the summary equals the library's predictions from the same draws and a design rebuilt from the training data", async () => {
    const r = await run(["predict", dir, "--data", newCsv, "--new-levels"]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["row", "mean", "sd", "q5", "q50", "q95"]);
    expect(rows.slice(1).map((c) => c[0])).toEqual(["1", "2", "4"]);
    const { draws } = readCmdStanCsvFiles([join(dir, "draws-1.csv"), join(dir, "draws-2.csv")]);
    const design = buildFormulaModel({ formula: RADON_FORMULA, data: radonData() }).design;
    const nd = { floor: [0, 1, null, 0], county: ["c01", "NEWC", "c02", "c70"] };
    const expected = summarizePredictions(predictFromDraws(draws, design, "epred", nd, { allowNewLevels: true, seed: 7 }));
    // Draws and numbers are written round-trip exact, so the match is exact.
    expected.forEach((e, i) => expect(rows[i + 1].slice(1).map(Number)).toEqual([e.mean, e.sd, e.q5, e.q50, e.q95]));
    // The new county is the widest.
    expect(Number(rows[2][2])).toBeGreaterThan(Math.max(Number(rows[1][2]), Number(rows[3][2])));
  });

  it("--draws --type predict prints every draw: one line per draw, one column per row", async () => {
    const r = await run(["predict", dir, "--data", newCsv, "--new-levels", "--type", "predict", "--draws", "--seed", "3"]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["chain", "draw", "row_1", "row_2", "row_4"]);
    expect(rows).toHaveLength(1 + 400);
    expect(rows[201].slice(0, 2)).toEqual(["2", "1"]);
    const again = await run(["predict", dir, "--data", newCsv, "--new-levels", "--type", "predict", "--draws", "--seed", "3"]);
    expect(again.stdout).toBe(r.stdout);
  });

  it("a folder without model.json is an error that says what predict reads", async () => {
    const empty = mkdtempSync(join(tmpdir(), "hbayes-predict-empty-"));
    const r = await run(["predict", empty, "--data", newCsv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no model\.json.*formula fit/);
  });
});
