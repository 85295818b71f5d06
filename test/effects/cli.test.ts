import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bayesR2FromDraws, conditionalEffectsFromDraws, looR2FromDraws } from "../../src/effects/index.js";
import { buildDesign } from "../../src/formula/design.js";
import { readCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { runCli } from "../support/runCli.js";

const epilepsyCsv = new URL("../../bench/qa/data/epilepsy.csv", import.meta.url).pathname;
const FORMULA = "count ~ zAge + zBase * factor(Trt) + (1 | patient)";
let dir: string;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hbayes-effects-"));
  dir = join(root, "fit");
  const fit = await runCli(["fit", "--data", epilepsyCsv, "--formula", FORMULA, "--family", "poisson", "--chains", "2", "--warmup", "150", "--draws", "150", "--threads", "1", "--seed", "5", "--json", "--out", dir]);
  expect(fit.code).toBe(0);
}, 120_000);

function library() {
  const { draws } = readCmdStanCsvFiles([join(dir, "draws-1.csv"), join(dir, "draws-2.csv")]);
  const data = readCsvFile(epilepsyCsv);
  const design = buildDesign(FORMULA, data, { family: "poisson" });
  return { draws, data, design };
}

describe("hbayes effects", () => {
  it("prints brms's long table, equal to the library's effects from the same draws (round-trip numbers)", async () => {
    const r = await runCli(["effects", dir]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n").map((l) => l.split(","));
    expect(lines[0]).toEqual(["effect", "effect1__", "effect2__", "estimate__", "se__", "lower__", "upper__"]);
    const { draws, data, design } = library();
    const effects = conditionalEffectsFromDraws(draws, design, data, { seed: 5 });
    expect(lines.length - 1).toBe(effects.reduce((n, e) => n + e.n, 0));
    const zbTrt = lines.filter((l) => l[0] === "zBase:Trt");
    const e = effects.find((x) => x.name === "zBase:Trt")!;
    expect(zbTrt.length).toBe(e.n);
    zbTrt.forEach((l, i) => {
      expect(Number(l[1])).toBe((e.columns[0].values as Float64Array)[i]);
      expect(l[2]).toBe((e.columns[1].values as string[])[i]);
      expect(l.slice(3).map(Number)).toEqual([e.estimate[i], e.se[i], e.lower[i], e.upper[i]]);
    });
    expect(r.err).toMatch(/zAge: 100 grid points; held at zBase = .*, Trt = 0/);
  });

  it("--effects, --method predict, --csv FILE and --json", async () => {
    const csv = join(root, "effects.csv");
    const r = await runCli(["effects", dir, "--effects", "Trt", "--method", "predict", "--csv", csv]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const rows = readFileSync(csv, "utf8").trim().split("\n");
    expect(rows.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["Trt,0", "Trt,1"]);
    const j = await runCli(["effects", dir, "--effects", "zAge", "--json", "--resolution", "7"]);
    const parsed = JSON.parse(j.out);
    expect(parsed.effects[0].effect).toBe("zAge");
    expect(parsed.effects[0].grid.zAge).toHaveLength(7);
    expect(Object.keys(parsed.effects[0].conditions)).toEqual(["zBase", "Trt"]);
  });

  it("--conditions sets the predictors not plotted (brms's conditions), as the library's option does", async () => {
    const r = await runCli(["effects", dir, "--effects", "zAge", "--conditions", "zBase=1,Trt=1"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/zAge: 100 grid points; held at zBase = 1, Trt = 1/);
    const { draws, data, design } = library();
    const [e] = conditionalEffectsFromDraws(draws, design, data, { effects: ["zAge"], conditions: { zBase: 1, Trt: "1" }, seed: 5 });
    const first = r.out.trim().split("\n")[1].split(",");
    expect(Number(first[3])).toBe(e.estimate[0]);
    const bad = await runCli(["effects", dir, "--conditions", "zBase"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/expected name=value pairs/);
  });

  it("bad input exits 1 with a clear message", async () => {
    const unknown = await runCli(["effects", dir, "--effects", "age"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/'age' is not a predictor of the model; available: zAge, zBase, Trt/);
    const group = await runCli(["effects", dir, "--effects", "patient"]);
    expect(group.err).toMatch(/patient is a grouping factor/);
    const missing = await runCli(["effects", join(root, "nope")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);
    const other = join(root, "other.csv");
    writeFileSync(other, "count,zAge,zBase,Trt,patient\n1,0,0,0,1\n2,1,1,1,2\n");
    const wrong = await runCli(["r2", dir, "--data", other]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/the data the model was fitted to/);
  });
});

describe("report.html of a formula fit", () => {
  const sections = (html: string) => ({
    effects: (html.match(/class="hb-plot hb-effects"/g) ?? []).length,
    heading: html.includes("<h2>Conditional effects</h2>"),
    r2: /<h3>Bayes R²<\/h3>/.test(html),
  });
  it("fit --out and hbayes report both add the conditional effects (one figure per default effect) and Bayes R²", async () => {
    expect(sections(readFileSync(join(dir, "report.html"), "utf8"))).toEqual({ effects: 4, heading: true, r2: true });
    const again = join(root, "again.html");
    expect((await runCli(["report", dir, "--out", again])).code).toBe(0);
    expect(sections(readFileSync(again, "utf8"))).toEqual({ effects: 4, heading: true, r2: true });
  });
});

describe("hbayes r2", () => {
  it("prints brms's bayes_R2 table, equal to the library's", async () => {
    const r = await runCli(["r2", dir]);
    expect(r.code).toBe(0);
    const { draws, design } = library();
    const lib = bayesR2FromDraws(draws, design);
    const [header, row] = r.out.trim().split("\n").map((l) => l.trim().split(/\s+/));
    expect(header).toEqual(["Estimate", "Est.Error", "Q2.5", "Q97.5"]);
    expect(row).toEqual(["R2", ...[lib.estimate, lib.error, lib.q2_5, lib.q97_5].map((v) => v.toFixed(3))]);
    const j = JSON.parse((await runCli(["r2", dir, "--json"])).out);
    expect(j).toEqual({ schema: "hbayes-bayes-r2/1", estimate: lib.estimate, error: lib.error, q2_5: lib.q2_5, q97_5: lib.q97_5, draws: 300 });
  });

  it("--loo adds brms's loo_R2 row, seeded by the fit's seed, equal to the library's", async () => {
    const r = await runCli(["r2", dir, "--loo", "--json"]);
    expect(r.code).toBe(0);
    const { draws, design } = library();
    const lib = looR2FromDraws(draws, design, 5);
    expect(JSON.parse(r.out).loo_R2).toEqual({ estimate: lib.estimate, error: lib.error, q2_5: lib.q2_5, q97_5: lib.q97_5 });
    // Out-of-sample R² is below the in-sample one.
    expect(lib.estimate).toBeLessThan(bayesR2FromDraws(draws, design).estimate);
    const table = (await runCli(["r2", dir, "--loo"])).out.trim().split("\n");
    expect(table[2]).toMatch(/^loo_R2\s+0\.\d{3}/);
  });
});
