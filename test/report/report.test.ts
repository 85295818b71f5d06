import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_CSS, groupFamilies, renderReport, type ReportInput } from "../../src/report/index.js";
import { createDraws, SAMPLER_VARIABLES } from "../../src/posterior/draws.js";
import { checkWellFormed, countClass, hasInjectedMarkup, HOSTILE, markItems } from "../plots/support/wellFormed.js";
import { exampleReportInput, rowsFromDraws } from "./support/exampleReport.js";
import { syntheticDraws } from "../plots/support/synthetic.js";

const input = exampleReportInput(10, 200);
let html = "";
beforeAll(async () => {
  html = await renderReport(input);
});

describe("renderReport", () => {
  it("renderReport(input) is one well-formed HTML document with no scripts and no network references", async () => {
    const tags = checkWellFormed(html, true);
    expect(tags.html).toBe(1);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/url\(|@import|@font-face/);
    expect(html).toContain("Content-Security-Policy");
    expect(hasInjectedMarkup(html)).toBe(false);
  });

  it("renderReport contains every summary row and flags R-hat and ESS problems", async () => {
    for (const r of input.rows) expect(html).toContain(`<th scope="row">${r.name}</th>`);
    expect((html.match(/<th scope="row">/g) ?? []).length).toBe(input.rows.length);
    // sd_county__Intercept has R-hat 1.02 and bulk ESS 310 < 100 · 4 chains in the example input.
    expect(html).toContain('<td class="num bad">1.02</td>');
    expect(html).toContain('<td class="num bad">310</td>');
  });

  it("renderReport shows trace and rank plots for each population-level parameter, a forest plot, the shrinkage plot and the PPC", async () => {
    const population = ["b_Intercept", "b_floor", "sd_county__Intercept", "sigma"];
    expect(countClass(html, "hb-trace")).toBe(population.length);
    expect(countClass(html, "hb-rank")).toBe(population.length);
    for (const p of population) expect(html).toContain(`aria-label="Trace of ${p}"`);
    expect(countClass(html, "hb-forest")).toBe(1);
    expect(html).toContain('aria-label="r_county[·,Intercept]"');
    expect(countClass(html, "hb-shrinkage")).toBe(1);
    expect(countClass(html, "hb-ppc")).toBe(1);
    expect((html.match(/<svg /g) ?? []).length).toBe(2 * population.length + 3);
    expect(html).not.toContain("xmlns=");
  });

  it("renderReport shows settings, timing, diagnostics and each warning in a highlighted box", async () => {
    expect(html).toContain('<div class="box warn" role="alert">');
    for (const w of input.warnings) expect(html).toContain(`<li>${w}</li>`);
    expect(html).toContain("<dt>adapt_delta</dt><dd>0.8</dd>");
    expect(html).toContain("<dt>sampling</dt><dd>1.00 s</dd>");
    expect(html).toContain("<dt>divergences</dt><dd>1</dd>");
    expect(html).toContain("<dt>E-BFMI per chain</dt><dd>0.98, 1.02, 0.95, 1.10</dd>");
    const ok = await renderReport({ ...input, warnings: [] });
    expect(ok).toContain('<div class="box ok" role="status">');
  });

  it("renderReport collapses long group-level tables and caps population plots at 12", async () => {
    const big = exampleReportInput(85, 100);
    const out = await renderReport(big);
    checkWellFormed(out, true);
    expect(out).toContain("<details><summary>Group-level parameters (85)</summary>");
    expect(out).toContain('<details open=""><summary>Population-level parameters (4)</summary>');
    expect(markItems(out, "pt")).toBe(85);

    const many = syntheticDraws({ chains: 2, draws: 50, params: Array.from({ length: 15 }, (_, i) => ({ name: `beta${i}`, mean: 0, sd: 1 })) });
    const capped = await renderReport({ ...input, draws: many, rows: rowsFromDraws(many), groups: undefined, ppc: undefined });
    expect(countClass(capped, "hb-trace")).toBe(12);
    expect(capped).toContain("Showing the first 12 of 15 population-level parameters.");
  });

  it("renderReport without groups, PPC, timing, diagnostics or model text leaves those sections out", async () => {
    const minimal = await renderReport({ ...input, groups: undefined, ppc: undefined, timing: undefined, diagnostics: undefined, modelText: undefined });
    checkWellFormed(minimal, true);
    expect(minimal).not.toContain("hb-shrinkage");
    expect(minimal).not.toContain("hb-ppc");
    expect(minimal).not.toContain("<h2>Model</h2>");
    expect(minimal).not.toContain("<h3>Timing</h3>");
  });

  it("renderReport handles draws with no model variables and an empty table", async () => {
    const d = createDraws([...SAMPLER_VARIABLES], 1, 10);
    const out = await renderReport({ ...input, draws: d, rows: [], groups: undefined, ppc: undefined });
    checkWellFormed(out, true);
    expect(out).toContain("No parameters to summarise.");
  });

  it("renderReport escapes every user string: title, model, settings, warnings, names, levels, labels", async () => {
    for (const s of HOSTILE) {
      const d = syntheticDraws({ chains: 2, draws: 40, params: [{ name: s, mean: 0, sd: 1 }, { name: `r_g[${s},Intercept]`, mean: 0, sd: 1 }] });
      const hostile: ReportInput = {
        ...input,
        title: s,
        modelText: s,
        settings: { ...input.settings, [`k${HOSTILE.indexOf(s)}`]: s },
        warnings: [s],
        draws: d,
        rows: rowsFromDraws(d),
        groups: { groups: [{ label: s, n: 3, noPooling: 1, partialPooling: 0.5 }], xLabel: s, title: s },
        // A small PPC: the density curves are the costly part of a report, and escaping does not depend on their number.
        ppc: { observed: input.ppc!.observed.subarray(0, 50), replicates: input.ppc!.replicates.slice(0, 3), xLabel: s },
      };
      const out = await renderReport(hostile);
      checkWellFormed(out, true);
      expect(hasInjectedMarkup(out)).toBe(false);
      expect(out).not.toMatch(/<script|<img/i);
    }
  });

  it("renderReport checks its closed option sets", async () => {
    await expect(renderReport({ ...input, ppc: { ...input.ppc!, kind: "violin" as never } })).rejects.toThrow(
      "renderReport: ppc.kind must be one of density, bars, got violin",
    );
  });

  it("REPORT_CSS has no characters the escaper would change (they would break the stylesheet)", () => {
    expect(REPORT_CSS).not.toMatch(/[<>&]/);
  });

  it("groupFamilies gathers brms and Stan names into families with their varying index as the label", () => {
    const fams = groupFamilies(["b_Intercept", "r_county[A,Intercept]", "r_county[A,floor]", "r_county[B,Intercept]", "theta[1]", "theta[2]", "r_x[a,b,c]", "lp__"]);
    expect(fams.map((f) => [f.key, f.labels])).toEqual([
      ["r_county[·,Intercept]", ["A", "B"]],
      ["r_county[·,floor]", ["A"]],
      ["theta", ["theta[1]", "theta[2]"]],
      ["r_x[·,c]", ["a,b"]],
    ]);
  });
});
