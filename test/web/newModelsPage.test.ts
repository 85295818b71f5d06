/**
 * This session's formula models fitted through the page in Chromium: categorical (levels box, a PPC
 * caption that claims no order, R² refused in words), a non-linear formula (refused in words without
 * its required priors, then fitted with the keyed brms priors), gr(g, cov = A) (the missing matrix
 * named, then uploaded through the second file input) and a multivariate mvbind() fit (summary and PPC
 * per response). Short fits (2 chains × 200 + 200) on 24–40 rows: these check what the page shows, not
 * the posterior, which test/categorical, test/nonlinear, test/knownCov and test/multivariate check
 * against brms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { loaded as open, ppcCaption, runToResults, startFormulaPages, type FormulaPageEnv } from "./support/formulaPage.js";

let env: FormulaPageEnv;
const loaded = (fileName: string, csv: string, formula: string, family?: string) => open(env, fileName, csv, formula, family);

beforeAll(async () => {
  env = await startFormulaPages();
});

afterAll(async () => {
  await env?.close();
});

/** A fixed wiggle in [0, 1) instead of random noise: the files are the same on every run. */
const wiggle = (i: number, k: number) => (((Math.sin(i * 12.9898 + k * 78.233) * 43758.5453) % 1) + 1) % 1;

/** 40 rows: y decays in x, y2 rises, c a category, g one of four groups. */
function csv(): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const x = (i % 10) / 2;
    const y = 3 * Math.exp(-0.4 * x) + 0.2 * (wiggle(i, 1) - 0.5) + 0.1 * (i % 4);
    const y2 = 0.5 * x + wiggle(i, 4);
    const c = ["lo", "mid", "hi"][Math.floor(wiggle(i, 3) * 3)];
    return `${y.toFixed(3)},${y2.toFixed(3)},${x},${c},g${i % 4}`;
  });
  return `y,y2,x,c,g\n${rows.join("\n")}\n`;
}

const A_CSV = `"","g0","g1","g2","g3"\n"g0",1,0.5,0.25,0\n"g1",0.5,1,0.5,0.25\n"g2",0.25,0.5,1,0.5\n"g3",0,0.25,0.5,1\n`;

/** The error box's text once it shows. */
async function errorText(page: Page): Promise<string> {
  await page.getByTestId("error").waitFor({ state: "visible", timeout: 30_000 });
  return (await page.getByTestId("error").textContent()) ?? "";
}

describe("web app: categorical, non-linear, gr(cov) and multivariate formulas", () => {
  it("categorical with the levels box: brms's mu<label> names, a PPC caption claiming no order, R² refused in words", async () => {
    const o = await loaded("cat.csv", csv(), "c ~ x + (1 | g)", "categorical");
    try {
      await o.page.getByTestId("levels-input").fill("mid, lo, hi");
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_mulo_Intercept", "b_muhi_Intercept", "b_mulo_x", "b_muhi_x", "sd_g__mulo_Intercept"]));
      const caption = (await ppcCaption(o.page)) ?? "";
      expect(caption).toContain("Categories (unordered: the axis only numbers them; mid is the reference): 1 = mid, 2 = lo, 3 = hi.");
      expect(caption).not.toMatch(/lowest/);
      await expect(o.page.getByTestId("effects-panel").textContent()).resolves.toMatch(/R² is not defined for the categorical family/);
      await expect(o.page.getByTestId("bayes-r2").count()).resolves.toBe(0);
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.toMatch(/family must be one of .*, got categorical/);
      // brms's coef() per category: each category's intercept and slope plus its group effect.
      await expect(o.page.locator("[data-testid=coef-table][data-group=g] th.coef-name").allTextContents()).resolves.toEqual(expect.arrayContaining(["mulo_Intercept", "muhi_x"]));
      await expect(o.page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("non-linear: no false syntax error, the missing priors refused in words, then fitted with keyed nlpar priors", async () => {
    const o = await loaded("nl.csv", csv(), "bf(y ~ a * exp(-b * x), a ~ 1 + (1 | g), b ~ 1, nl = TRUE)");
    try {
      // The live check runs 250 ms after typing stops; the distributional reading used to refuse 'a ~ …'.
      await o.page.waitForTimeout(500);
      await expect(o.page.getByTestId("error").isHidden()).resolves.toBe(true);
      await o.page.getByTestId("run").click();
      expect(await errorText(o.page)).toMatch(/a non-linear model needs a prior on every coefficient of its parameters, as brms requires; b_a_Intercept has none: add e.g. 'normal\(0, 5\), nlpar = a' in the priors box/);
      await o.page.getByTestId("prior-input").fill("normal(3, 2), nlpar = a, lb = 0\nnormal(0.5, 0.5), nlpar = b, lb = 0");
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_a_Intercept", "b_b_Intercept", "sd_g__a_Intercept", "sigma"]));
      await expect(o.page.getByTestId("ppc-plot").count()).resolves.toBe(1);
      await expect(o.page.getByTestId("bayes-r2").count()).resolves.toBe(1);
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.toMatch(/non-linear formulas \(nl = TRUE\) are not supported by the pooling comparison/);
      await expect(o.page.locator("#results .figures > .not-available").count()).resolves.toBe(0);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("gr(g, cov = A): the missing matrix named, then the uploaded A.csv used", async () => {
    const o = await loaded("cov.csv", csv(), "y ~ x + (1 | gr(g, cov = A))");
    try {
      await o.page.getByTestId("run").click();
      expect(await errorText(o.page)).toMatch(/gr\(…, cov = A\) needs the covariance matrix 'A': load it as A\.csv/);
      await o.page.getByTestId("cov-input").setInputFiles({ name: "A.csv", mimeType: "text/csv", buffer: Buffer.from(A_CSV) });
      // The file is read asynchronously: wait for its line before reading the list.
      await o.page.locator("[data-testid=cov-list] li[data-cov=A]").waitFor({ timeout: 10_000 });
      await expect(o.page.getByTestId("cov-list").textContent()).resolves.toBe("A: 4 × 4 from A.csv");
      const names = await runToResults(o.page);
      expect(names).toEqual(expect.arrayContaining(["b_Intercept", "b_x", "sd_g__Intercept", "sigma", "r_g[g0,Intercept]"]));
      await expect(o.page.getByTestId("error").isHidden()).resolves.toBe(true);
      await expect(o.page.getByTestId("ppc-plot").count()).resolves.toBe(1);
      await expect(o.page.getByTestId("pooling-unavailable").textContent()).resolves.toMatch(/gr\(g, cov = A\) group terms are not supported by the pooling comparison/);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it("mvbind(y, y2) ~ x + (1 | p | g): a summary and a PPC per response, what is unavailable said in words", async () => {
    const o = await loaded("mv.csv", csv(), "mvbind(y, y2) ~ x + (1 | p | g)");
    try {
      await o.page.getByTestId("run").click();
      await o.page.getByTestId("summary-y").waitFor({ timeout: 60_000 });
      const rowsOf = (id: string) => o.page.getByTestId(id).locator("tr[data-param]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-param") ?? ""));
      expect(await rowsOf("summary-y")).toEqual(expect.arrayContaining(["b_y_Intercept", "b_y_x", "sigma_y", "sd_g__y_Intercept"]));
      expect(await rowsOf("summary-y2")).toEqual(expect.arrayContaining(["b_y2_Intercept", "b_y2_x", "sigma_y2", "sd_g__y2_Intercept"]));
      expect(await rowsOf("summary-shared")).toEqual(expect.arrayContaining(["rescor__y__y2", "cor_g__y_Intercept__y2_Intercept"]));
      await expect(o.page.locator("figure[data-response] [data-testid=ppc-plot]").count()).resolves.toBe(2);
      await expect(o.page.getByTestId("mv-unavailable").textContent()).resolves.toMatch(/Not available for multivariate models in the page yet/);
      await expect(o.page.locator("#results .figures > .not-available:not([data-testid=mv-unavailable])").count()).resolves.toBe(0);
      expect(o.pageErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});
