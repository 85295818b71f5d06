// `hbayes report DIR` on a formula fit's --out folder: the same five plots as `fit --out` wrote,
// the shrinkage plot and the predictive check redrawn from the saved draws and model.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "hbayes-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quick = ["--chains", "2", "--warmup", "200", "--draws", "200", "--threads", "1", "--seed", "4"];
const KINDS = ["trace", "rank", "forest", "shrinkage", "ppc"];

/** The SVG of one plot kind in a report. */
function plot(html: string, kind: string): string {
  const at = html.indexOf(`class="hb-plot hb-${kind}"`);
  if (at < 0) return "";
  const start = html.lastIndexOf("<svg", at);
  return html.slice(start, html.indexOf("</svg>", at) + 6);
}

describe("hbayes report DIR", () => {
  const out = join(dir, "eight");
  const fitted = runCli(["fit", "--data", "data/eight_schools.csv", "--formula", "y | se(sigma) ~ 1 + (1 | school)", "--out", out, ...quick]);

  it("rebuilds a formula fit's report with all five plots; shrinkage and ppc are the ones fit --out drew", async () => {
    expect((await fitted).code).toBe(0);
    const first = readFileSync(join(out, "report.html"), "utf8");
    rmSync(join(out, "report.html"));
    const r = await runCli(["report", out]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const kind of KINDS) expect(plot(html, kind), kind).not.toBe("");
    // Same draws (written round-trip), same design, same seed: the same pictures.
    expect(plot(html, "shrinkage")).toBe(plot(first, "shrinkage"));
    expect(plot(html, "ppc")).toBe(plot(first, "ppc"));
  });

  it("without its training data the report has the three draw plots and says why not the other two", async () => {
    await fitted;
    const json = JSON.parse(readFileSync(join(out, "model.json"), "utf8"));
    writeFileSync(join(out, "model.json"), JSON.stringify({ ...json, data: join(dir, "gone.csv") }));
    const r = await runCli(["report", out, "--out", join(dir, "r2.html")]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/no shrinkage plot or predictive check: the training data .*gone\.csv/);
    const html = readFileSync(join(dir, "r2.html"), "utf8");
    expect(KINDS.map((k) => plot(html, k) !== "")).toEqual([true, true, true, false, false]);
  });
});
