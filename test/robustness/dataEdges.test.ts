/**
 * Data edge cases through the CLI (`main([...])` with temp files) and `fitFormulaModel`: each gives
 * the result or the message written here. Sampler settings are small: these tests are about what
 * hbayes says, not about the posterior.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFormulaModel, fitFormulaModel } from "../../src/api/formulaFit.js";
import { compileModel } from "../../src/compiler/compile.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { runCli, tempDir, tempFile } from "./support/cli.js";

const QUICK = ["--chains", "2", "--warmup", "150", "--draws", "150", "--threads", "1", "--seed", "1"];
const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("\n");

async function fitCsv(csv: string | Uint8Array, formula: string, extra: string[] = []) {
  return runCli(["fit", "--data", tempFile("data.csv", csv), "--formula", formula, ...QUICK, ...extra]);
}

describe("hbayes fit on awkward files", () => {
  it("an empty file: exit 1, says a header is expected", async () => {
    const r = await fitCsv("", "y ~ 1");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\.csv: the CSV file is empty: expected a header row naming the columns/);
  });

  it("a header only: exit 1, says there are zero data rows", async () => {
    const r = await fitCsv("y,g\n", "y ~ 1");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has a header \(2 columns\) but zero data rows/);
  });

  it("duplicate column names: exit 1, names the column and both positions", async () => {
    const r = await fitCsv("y,y\n1,2\n3,4\n", "y ~ 1");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the column name 'y' appears twice in the header \(columns 1 and 2\)/);
  });

  it("Windows line endings and a UTF-8 BOM read like a plain file (same draws)", async () => {
    const plain = `y,x\n${rows(12, (i) => `${(i * 7) % 5},${i}`)}\n`;
    const windows = `\uFEFF${plain.replace(/\n/g, "\r\n")}`;
    const a = await fitCsv(plain, "y ~ x", ["--json"]);
    const b = await fitCsv(windows, "y ~ x", ["--json"]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).parameters).toEqual(JSON.parse(a.stdout).parameters);
  });

  it("names with spaces, quotes and non-Latin letters: `log radon`, größe, 県, and a quoted header", async () => {
    const csv = `"log radon",größe,県,"say ""hi"""\n${rows(18, (i) => `${(i * 3) % 7},${i / 10},${"東西南"[i % 3]},${i % 2}`)}\n`;
    const r = await fitCsv(csv, '`log radon` ~ größe + `say "hi"` + (1 | 県)', ["--json"]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const names = JSON.parse(r.stdout).parameters.map((p: { name: string }) => p.name);
    expect(names).toContain("b_größe");
    expect(names).toContain("sd_県__Intercept");
    expect(names).toContain("r_県[東,Intercept]");
  });

  it("a numeric column with one stray string: fits, and warns that it became a factor", async () => {
    const r = await fitCsv(`y,x\n${rows(10, (i) => `${i % 4},${i === 4 ? "abc" : i}`)}\n`, "y ~ x");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: column 'x' is read as text \(a factor\) because row 5 has 'abc', though 9 of its 10 values are numbers/);
  });

  it("NA, NaN, null and empty cells are missing: the rows are dropped and counted", async () => {
    const csv = `y,x\n${rows(12, (i) => `${i < 4 ? ["NA", "NaN", "null", ""][i] : i % 5},${i}`)}\n`;
    const r = await fitCsv(csv, "y ~ x");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: dropped 4 rows with missing values in y/);
  });

  it("Inf in the response: exit 1, names the column and row", async () => {
    const r = await fitCsv(`y,x\n${rows(10, (i) => `${i === 3 ? "Inf" : i},${i}`)}\n`, "y ~ x");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/family gaussian: the response 'y' must be finite, but row 4 has Inf/);
  });

  it("-0 is the number zero", async () => {
    const t = readCsvText("y\n-0\n1\n");
    expect(t.columns.y.kind).toBe("numeric");
    const r = await fitCsv(`y,x\n${rows(10, (i) => `${i === 3 ? "-0" : i},${i}`)}\n`, "y ~ x");
    expect(r.code).toBe(0);
  });

  it("1e308 in a gaussian response: exit 1 with a message about overflow, not a crash", async () => {
    const r = await fitCsv(`y,x\n${rows(10, (i) => `${i === 3 ? "1e308" : i},${i}`)}\n`, "y ~ x");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a data value is so large that it overflows \(a value like 1e308 squared is infinite: rescale the data\)/);
  });

  it("counts above 2^31 - 1 (poisson): exit 1 naming the row, not a wrapped-around negative count", async () => {
    const r = await fitCsv(`y,x\n${rows(5, (i) => `${2 ** 31 + i},${i}`)}\n`, "y ~ x", ["--family", "poisson"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the response 'y' must be a count \(a non-negative whole number up to 2147483647\), but row 1 has 2147483648/);
    expect(r.stderr).not.toMatch(/-2147483648/);
  });
});

describe("fitFormulaModel on awkward groups and responses", () => {
  const quick = { chains: 2, warmup: 150, draws: 150, threads: 1, seed: 3 } as const;

  it("a group with one observation gets its r_ effect (shrunk, with a wide interval)", async () => {
    const data = { y: [1, 2, 1.5, 3, 2.5, 2, 8], g: ["a", "a", "a", "b", "b", "b", "lonely"] };
    const { fit } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", data }, quick);
    expect(fit.names).toContain("r_g[lonely,Intercept]");
    expect(fit.get("r_g[lonely,Intercept]").every(Number.isFinite)).toBe(true);
  });

  it("a group with all-zero counts (poisson) keeps a finite, negative r_ effect", async () => {
    const data = { y: [0, 0, 0, 0, 3, 5, 4, 2, 6, 3], g: ["zero", "zero", "zero", "zero", "a", "a", "a", "b", "b", "b"] };
    const { fit } = await fitFormulaModel({ formula: "y ~ 1 + (1 | g)", family: "poisson", data }, quick);
    const r = fit.get("r_g[zero,Intercept]");
    expect(r.every(Number.isFinite)).toBe(true);
    // The zero group's rate is below the others': its effect's posterior mean is negative.
    expect(r.reduce((a, b) => a + b, 0) / r.length).toBeLessThan(0);
  });

  it("a constant response: sigma goes toward 0 but the fit completes with finite draws", async () => {
    const data = { y: new Array(12).fill(3), x: Array.from({ length: 12 }, (_, i) => i) };
    const { fit } = await fitFormulaModel({ formula: "y ~ x", data }, quick);
    expect(fit.get("sigma").every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(fit.get("b_Intercept").every(Number.isFinite)).toBe(true);
  });

  it("a response column that is text: UserError naming the column", () => {
    expect(() => buildFormulaModel({ formula: "y ~ 1", data: { y: ["a", "b", "a"] }, family: "poisson" })).toThrow(UserError);
  });
});

describe("a factor with 100,000 levels", () => {
  it("builds, compiles and evaluates one gradient in bounded time and memory", () => {
    // 200 000 rows, 100 000 levels. A full fit works too (measured: ~350 MB RSS, but NUTS at tree
    // depth 10 over 100 003 dimensions takes minutes; see test/slow/robustness).
    const n = 200_000;
    const y = new Float64Array(n);
    const g: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = ((i * 7919) % 13) / 3;
      g[i] = `L${i % 100_000}`;
    }
    const t0 = performance.now();
    const m = buildFormulaModel({ formula: "y ~ 1 + (1 | g)", data: { y, g } });
    const c = compileModel(m.built.program, m.built.data);
    const grad = new Float64Array(c.dim);
    const lp = c.logDensityGradient(new Float64Array(c.dim).fill(0.1), grad);
    const seconds = (performance.now() - t0) / 1000;
    expect(c.dim).toBe(100_003);
    expect(Number.isFinite(lp)).toBe(true);
    // Measured ≈ 1–2 s on 2 cores; 20 s means something became quadratic in the number of levels.
    expect(seconds).toBeLessThan(20);
  });
});

describe("hbayes fit --out after an ordinary run writes every chain", () => {
  it("draws-1.csv and draws-2.csv and a summary without warnings about stopping", async () => {
    const out = tempDir();
    const r = await runCli(["fit", "--data", tempFile("d.csv", `y,x\n${rows(12, (i) => `${(i * 7) % 5},${i}`)}\n`), "--formula", "y ~ x", ...QUICK, "--out", out]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(s.warnings.join("\n")).not.toMatch(/stopped early/);
    expect(readFileSync(join(out, "draws-2.csv"), "utf8")).toMatch(/^lp__|\nlp__/);
  });
});
