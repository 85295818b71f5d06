/**
 * No user text reaches generated code, end to end through the CLI: hostile column names, factor
 * levels, formula and prior text go through `main([...])`, the fit must be right (the same numbers
 * as with plain names) and nothing in the text may run. The compiler-level check of the same rule
 * is test/compiler/security.test.ts.
 */
import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { brmsRename } from "../../src/formula/index.js";
import { runCli, tempFile } from "./support/cli.js";

const MARK = "/tmp/hbayes-pwned-robustness";
const g = globalThis as { __pwned?: number };

// Each a JavaScript payload if pasted into source; a CSV cell quotes it with doubled inner quotes.
const EVIL_COLUMN = `x"); globalThis.__pwned = 1; require("fs").writeFileSync("${MARK}", "1"); ("`;
const EVIL_GROUP = "g`${globalThis.__pwned = 2}`";
const EVIL_LEVELS = [`'}); globalThis.__pwned = 3; ({'`, `*/ require("child_process").execSync("touch ${MARK}") /*`, "${globalThis.__pwned = 4}"];
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
// A name containing a backtick cannot be written in a formula (backticks quote names), so the
// hostile group name EVIL_GROUP only appears as a data column in the second test.

function dataCsv(names: { y: string; x: string; g: string }, levels: readonly string[]): string {
  const rows = [[names.y, names.x, names.g].map(csvCell).join(",")];
  for (let i = 0; i < 24; i++) rows.push([String(((i * 7) % 9) / 2 + (i % 3)), String((i % 5) - 2), csvCell(levels[i % 3])].join(","));
  return `${rows.join("\n")}\n`;
}

describe("hbayes fit with hostile names, levels, formulas and priors", () => {
  it("fits the same numbers as with plain names and runs none of the text", async () => {
    delete g.__pwned;
    rmSync(MARK, { force: true });
    const common = ["--chains", "2", "--warmup", "200", "--draws", "200", "--threads", "2", "--seed", "9", "--json"];
    const plain = await runCli([
      "fit", "--data", tempFile("plain.csv", dataCsv({ y: "y", x: "x", g: "grp" }, ["a", "b", "c"])),
      "--formula", "y ~ x + (1 | grp)", "--prior", "b ~ normal(0, 5)", ...common,
    ]);
    const evilY = "y'); process.exit(3); ('";
    const evil = await runCli([
      "fit", "--data", tempFile("evil.csv", dataCsv({ y: evilY, x: EVIL_COLUMN, g: "grp" }, EVIL_LEVELS)),
      "--formula", `\`${evilY}\` ~ \`${EVIL_COLUMN}\` + (1 | grp)`, "--prior", `b ~ normal(0, 5)`, ...common,
    ]);
    expect(plain.code).toBe(0);
    expect(evil.code).toBe(0);
    expect(g.__pwned).toBeUndefined();
    expect(existsSync(MARK)).toBe(false);
    const p = JSON.parse(plain.stdout).parameters as { name: string; mean: number }[];
    const e = JSON.parse(evil.stdout).parameters as { name: string; mean: number }[];
    // Same data, same seed, and the hostile levels collate in the same order as a, b, c: the draws
    // are identical and only the names differ (to 10 digits, i.e. bit-for-bit up to printing).
    // brms's renaming (brmsRename) strips the punctuation from coefficient names, as brms does.
    const bEvil = `b_${brmsRename(EVIL_COLUMN)}`;
    expect(e.map((r) => r.name)).toContain(bEvil);
    expect(e.map((r) => r.name)).toContain(`r_grp[${EVIL_LEVELS[0]},Intercept]`);
    const byName = (rows: { name: string; mean: number }[], n: string) => rows.find((r) => r.name === n)?.mean;
    expect(byName(e, "b_Intercept")).toBeCloseTo(byName(p, "b_Intercept") as number, 10);
    expect(byName(e, bEvil)).toBeCloseTo(byName(p, "b_x") as number, 10);
    expect(byName(e, "sigma")).toBeCloseTo(byName(p, "sigma") as number, 10);
  }, 60_000);

  it("hostile prior strings and group names are rejected as UserErrors (exit 1), never run", async () => {
    delete g.__pwned;
    const data = tempFile("d.csv", dataCsv({ y: "y", x: "x", g: EVIL_GROUP }, ["a", "b", "c"]));
    const priors = [
      `b ~ normal(0, 5)); globalThis.__pwned = 5; (`,
      "sd[`${globalThis.__pwned = 6}`] ~ exponential(1)",
      `b ~ require("child_process")`,
      "sigma ~ normal(0, 1e999)",
    ];
    for (const prior of priors) {
      const r = await runCli(["fit", "--data", data, "--formula", "y ~ x + (1 | x)", "--prior", prior, "--chains", "1", "--warmup", "20", "--draws", "20", "--threads", "1"]);
      expect(r.code, prior).toBe(1);
      expect(r.stderr, prior).toMatch(/^error: /);
    }
    expect(g.__pwned).toBeUndefined();
    expect(existsSync(MARK)).toBe(false);
  }, 60_000);
});
