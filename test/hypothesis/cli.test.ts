import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

// The brms fixture's draws as two chain files in CmdStan's layout (lp__ first, as CmdStan writes it).
const dir = mkdtempSync(join(tmpdir(), "hbayes-hypothesis-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines = readFileSync(new URL("./fixtures/mtcars-draws.csv", import.meta.url), "utf8").trim().split("\n");
const header = `lp__,${lines[0].replace(/"/g, "")}`;
const half = (lines.length - 1) / 2;
for (let c = 0; c < 2; c++) {
  const body = lines.slice(1 + half * c, 1 + half * (c + 1)).map((l) => `0,${l}`);
  writeFileSync(join(dir, `draws-${c + 1}.csv`), `${header}\n${body.join("\n")}\n`);
}
const refs = JSON.parse(readFileSync(new URL("./fixtures/hypothesis-refs.json", import.meta.url), "utf8"));

describe("hbayes hypothesis", () => {
  it("prints brms's table for an --out folder", async () => {
    const r = await runCli(["hypothesis", dir, "wt < 0", "wt + 100 * hp = -3"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Hypothesis Tests for class b:/);
    // brms's print(): 2 decimals.
    const ref = refs.cases[0].rows[0];
    const two = (v: number) => String(Number(v.toFixed(2))).replace(".", "\\.");
    expect(r.out).toMatch(new RegExp(`\\(wt\\) < 0 +${two(ref.Estimate)} +${two(ref["Est.Error"])} +${two(ref["CI.Lower"])} +${two(ref["CI.Upper"])} +${two(ref["Evid.Ratio"])} +${two(ref["Post.Prob"])}`));
    expect(r.out).toMatch(/\(wt\+100\*hp\)-\(-3\) = 0 .* NA +NA +\*/);
  });

  it("--json with --class \"\" and --robust gives the numbers brms gives", async () => {
    const r = await runCli(["hypothesis", dir, "sd_cyl__Intercept > 1", "--class", "", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.hypotheses[0].post_prob).toBeCloseTo(refs.cases[1].rows[0]["Post.Prob"], 12);
    const rob = JSON.parse((await runCli(["hypothesis", dir, "wt < -3", "--alpha", "0.1", "--robust", "--json"])).out);
    expect(rob.hypotheses[0].estimate).toBeCloseTo(refs.cases[2].rows[0].Estimate, 12);
  });

  it("a typo is exit code 1 with a caret, not a stack trace", async () => {
    const r = await runCli(["hypothesis", dir, "wtt < 0"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no parameter 'b_wtt' in the fit \(did you mean 'wt'\?\)/);
    expect(r.err).toMatch(/\n {2}wtt < 0\n {2}\^/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
