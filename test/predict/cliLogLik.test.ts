// hbayes predict --type log_lik: brms's log_lik(fit, newdata) from a fit's --out folder, the new rows
// scored with their own response, cens() codes and weights, through model.json's saved design.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFormulaModel } from "../../src/api/formulaFit.js";
import { readCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { logLikFromDraws, summarizePredictions } from "../../src/predict/index.js";
import { runCli } from "../support/runCli.js";

const FORMULA = "y | cens(cens) + weights(w) ~ x";
const root = mkdtempSync(join(tmpdir(), "hbayes-loglik-"));
const dir = join(root, "fit");
const trainCsv = join(root, "train.csv");
const newCsv = join(root, "new.csv");
const parseCsv = (text: string) => text.trim().split("\n").map((l) => l.split(","));

beforeAll(async () => {
  const rows = ["y,cens,w,x"];
  for (let i = 0; i < 30; i++) rows.push(`${(i * 7) % 9},${i % 5 === 0 ? "right" : "none"},${1 + (i % 3) / 2},${((i % 6) - 2.5) / 2}`);
  writeFileSync(trainCsv, `${rows.join("\n")}\n`);
  writeFileSync(newCsv, "y,cens,w,x\n3,none,1,0\n3,right,1,0\n3,none,2,0\n0,left,0.5,1\n");
  const fit = await runCli(["fit", "--data", trainCsv, "--formula", FORMULA, "--family", "poisson", "--chains", "2", "--warmup", "150", "--draws", "150", "--threads", "1", "--seed", "3", "--json", "--out", dir]);
  expect(fit.code).toBe(0);
});

describe("hbayes predict --type log_lik", () => {
  it("equals the library's log_lik of the same rows from the same draws; a row's weight and code are its own", async () => {
    const r = await runCli(["predict", dir, "--data", newCsv, "--type", "log_lik", "--draws"]);
    expect(r.code).toBe(0);
    const lines = parseCsv(r.out);
    expect(lines[0]).toEqual(["chain", "draw", "row_1", "row_2", "row_3", "row_4"]);
    const { draws } = readCmdStanCsvFiles([join(dir, "draws-1.csv"), join(dir, "draws-2.csv")]);
    const design = buildFormulaModel({ formula: FORMULA, family: "poisson", data: readCsvFile(trainCsv) }).design;
    const ll = logLikFromDraws(draws, design, readCsvFile(newCsv));
    // Draws are written round-trip exact, so the match is exact.
    for (let s = 0; s < ll.draws; s++) expect(lines[s + 1].slice(2).map(Number)).toEqual(Array.from(ll.data.subarray(s * 4, s * 4 + 4)));
    for (let s = 0; s < ll.draws; s++) {
      const [plain, right, doubled] = ll.data.subarray(s * 4, s * 4 + 3);
      expect(doubled).toBe(2 * plain);
      expect(right).toBeLessThan(0);
      expect(right).not.toBe(plain);
    }
    const summary = await runCli(["predict", dir, "--data", newCsv, "--type", "log_lik"]);
    expect(parseCsv(summary.out)[1].slice(1).map(Number)[0]).toBe(summarizePredictions(ll)[0].mean);
  });

  it("new data without the weights column exit 1 naming it", async () => {
    const bad = join(root, "noweights.csv");
    writeFileSync(bad, "y,cens,x\n3,none,0\n");
    const r = await runCli(["predict", dir, "--data", bad, "--type", "log_lik"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/weights\(\) reads column 'w'/);
    // The other types need no response, codes or weights.
    expect((await runCli(["predict", dir, "--data", bad, "--type", "epred"])).code).toBe(0);
  });
});
