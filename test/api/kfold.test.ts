// brms's kfold(): K refits, each scoring the rows it did not see.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kfold, kfoldCompare, subsetRows } from "../../src/api/kfold.js";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import { runCli } from "../support/runCli.js";

const sleep = readCsvFile("data/sleepstudy.csv");
const SMALL = { chains: 2, warmup: 300, draws: 300, seed: 1 } as const;

describe("kfold", () => {
  it("random folds: near-equal sizes, every row scored once, the same split for the same seed", async () => {
    const a = await kfold({ formula: "Reaction ~ Days", data: sleep }, { K: 4, fit: SMALL });
    const sizes = [1, 2, 3, 4].map((k) => a.foldOfRow.filter((f) => f === k).length);
    expect(sizes.reduce((x, y) => x + y)).toBe(180);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(a.pointwise.every(Number.isFinite)).toBe(true);
    expect(a.elpd_kfold).toBeCloseTo(a.pointwise.reduce((x, y) => x + y), 9);
    expect(a.kfoldic).toBe(-2 * a.elpd_kfold);
    expect(a.divergences).toHaveLength(5);
    const b = await kfold({ formula: "Reaction ~ Days", data: sleep }, { K: 4, fit: SMALL });
    expect(Array.from(b.foldOfRow)).toEqual(Array.from(a.foldOfRow));
    expect(b.elpd_kfold).toBe(a.elpd_kfold);
  });

  it("grouped folds hold out whole subjects, and predicting a new subject is harder than a new day of a known one", async () => {
    const input = { formula: "Reaction ~ Days + (1 | Subject)", data: sleep };
    const g = await kfold(input, { K: 6, folds: "grouped", group: "Subject", fit: SMALL });
    const subj = (sleep.columns.Subject.values as ArrayLike<unknown>);
    const foldOf = new Map<string, number>();
    g.foldOfRow.forEach((f, i) => {
      const s = String(subj[g.dataRows[i]]);
      expect(foldOf.get(s) ?? f).toBe(f);
      foldOf.set(s, f);
    });
    expect(new Set(foldOf.values()).size).toBe(6);
    const r = await kfold(input, { K: 6, fit: SMALL });
    // sleepstudy's subjects differ by ~37 ms in intercept: a new subject costs far more than a new day of a known one
    // (seed 1: −967 against −886, standard errors 11 and 14; the rows are the same, so the difference is far outside noise).
    expect(r.elpd_kfold - g.elpd_kfold).toBeGreaterThan(40);
  });

  it("takes brms's fold vector, and says what is wrong with bad input", async () => {
    const ids = Array.from({ length: 180 }, (_, i) => (i % 3) + 1);
    const f = await kfold({ formula: "Reaction ~ Days", data: sleep }, { foldIds: ids, fit: SMALL });
    expect(f.K).toBe(3);
    expect(f.folds).toBe("given");
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep }, { foldIds: ids.map(() => 1) })).rejects.toThrow(/single fold/);
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep }, { folds: "grouped" })).rejects.toThrow(/grouped folds need the group column/);
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep }, { folds: "grouped", group: "Subjekt" })).rejects.toThrow(/no column 'Subjekt'/);
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep }, { K: 40, folds: "grouped", group: "Subject" })).rejects.toThrow(/K = 40 folds for 18 levels/);
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep }, { K: 1 })).rejects.toThrow(/K must be a whole number ≥ 2/);
    await expect(kfold({ formula: "Reaction ~ Days", data: sleep, priors: ["b ~ normal(0, 5)"], samplePrior: "only" }, { K: 3 })).rejects.toThrow(/prior-only model never sees the data/);
  });

  it("subsetRows keeps the data's shape: a CSV table or a record of columns", () => {
    const t = subsetRows(sleep, [2, 0]) as typeof sleep;
    expect(t.nRows).toBe(2);
    expect(Array.from(t.columns.Days.values as Float64Array)).toEqual([2, 0]);
    expect(subsetRows({ x: [1, 2, 3], g: ["a", "b", "c"] }, [2])).toEqual({ x: [3], g: ["c"] });
  });
});

describe("kfoldCompare", () => {
  it("pairs pointwise differences, best first; refuses results on different folds", async () => {
    const input = (formula: string) => ({ formula, data: sleep });
    const a = await kfold(input("Reaction ~ Days"), { K: 3, fit: SMALL });
    const b = await kfold(input("Reaction ~ 1"), { K: 3, fit: SMALL });
    const [best, other] = kfoldCompare(b, a);
    expect(best.model).toBe(1);
    expect(other.elpd_diff).toBeCloseTo(b.elpd_kfold - a.elpd_kfold, 9);
    const d = Array.from(b.pointwise, (v, i) => v - a.pointwise[i]);
    const m = d.reduce((x, y) => x + y) / d.length;
    expect(other.se_diff).toBeCloseTo(Math.sqrt(d.length * d.reduce((x, y) => x + (y - m) ** 2, 0) / (d.length - 1)), 9);
    const c = await kfold(input("Reaction ~ Days"), { K: 3, fit: { ...SMALL, seed: 2 } });
    expect(() => kfoldCompare(a, c)).toThrow(/not cross-validated on the same rows in the same folds/);
  });
});

describe("kfold against brms 2.18 (radon, whole counties held out)", () => {
  const file = new URL("./fixtures/radon-kfold-refs.json", import.meta.url);
  it("elpd_kfold and p_kfold within Monte Carlo error of brms's on the same folds", async () => {
    const ref = JSON.parse(readFileSync(file, "utf8")) as { folds: number[]; elpd_kfold: number; se_elpd_kfold: number; p_kfold: number; pointwise: number[] };
    const r = await kfold({ formula: "log_radon ~ floor + (1 | county)", data: readCsvFile("data/radon_mn.csv") }, { foldIds: ref.folds, newLevels: "gaussian", fit: { seed: 1 } });
    expect(Math.abs(r.se_elpd_kfold - ref.se_elpd_kfold)).toBeLessThan(0.5);
    // Each side carries Monte Carlo error from its own 5 + 1 fits: brms −1108.34; hbayes −1108.36 (seed 1) and
    // −1107.13 (seed 2), worst pointwise difference 0.11 and 0.14.
    expect(Math.abs(r.elpd_kfold - ref.elpd_kfold)).toBeLessThan(3);
    expect(Math.abs(r.p_kfold - ref.p_kfold)).toBeLessThan(3);
    let worst = 0;
    r.pointwise.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ref.pointwise[i]))));
    expect(worst).toBeLessThan(0.25);
  });
});

describe("hbayes kfold", () => {
  it("prints loo's table; --json has the estimates, folds and pointwise elpd", async () => {
    const args = ["kfold", "--data", "data/sleepstudy.csv", "--formula", "Reaction ~ Days + (1 | Subject)", "--k", "3", "--folds", "grouped", "--group", "Subject", "--chains", "2", "--warmup", "200", "--draws", "200"];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Based on 3-fold cross-validation \(grouped by Subject/);
    expect(r.out).toMatch(/\nelpd_kfold +-\d+\.\d +\d+\.\d\n/);
    const j = JSON.parse((await runCli([...args, "--json"])).out);
    expect(j.K).toBe(3);
    expect(j.fold).toHaveLength(180);
    expect(j.pointwise).toHaveLength(180);
    // Two formulas: cross-validated on the same folds and compared as loo_compare does.
    const two = await runCli(["kfold", "--data", "data/sleepstudy.csv", "--formula", "Reaction ~ Days + (1 | Subject)", "--formula", "Reaction ~ Days", "--k", "3", "--chains", "2", "--warmup", "200", "--draws", "200", "--json"]);
    expect(two.code).toBe(0);
    const doc = JSON.parse(two.out);
    expect(doc.models).toHaveLength(2);
    expect(doc.comparison[0]).toMatchObject({ model: "Reaction ~ Days + (1 | Subject)", elpd_diff: 0, se_diff: 0 });
    expect(doc.comparison[1].elpd_diff).toBeCloseTo(doc.models[1].elpd_kfold - doc.models[0].elpd_kfold, 9);
    expect(doc.comparison[1].se_diff).toBeGreaterThan(0);
    const bad = await runCli(["kfold", "--data", "data/sleepstudy.csv", "--formula", "Reaction ~ Days", "--folds", "grouped"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/grouped folds need the group column/);
  });
});
