/**
 * The page's conditional effects and Bayes R² after a formula fit (web/src/effectsPanel.ts), in
 * Chromium: a numeric × factor model shows Bayes R² and one figure per default effect (x, g, x:g),
 * each a rendered src/plots SVG, and nothing fails to draw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResultsPage, loaded, runToResults, startFormulaPages, type FormulaPageEnv } from "./support/formulaPage.js";

let env: FormulaPageEnv;

beforeAll(async () => {
  env = await startFormulaPages();
}, 180_000);

afterAll(async () => {
  await env?.close();
});

/** 40 rows: y = 1 + 0.8 x + shift by group f, with a fixed wiggle; f has three levels. */
function csv(): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const x = (i % 8) - 3.5 + i / 50;
    const f = ["lo", "mid", "hi"][i % 3];
    const y = 1 + 0.8 * x + (i % 3) * 0.9 + Math.sin(i * 1.3) * 1.5;
    return `${y.toFixed(4)},${x.toFixed(2)},${f},s${(i % 5) + 1}`;
  });
  return `y,x,f,g\n${rows.join("\n")}\n`;
}

describe("web app: conditional effects and Bayes R²", () => {
  it("a formula fit shows Bayes R² and one conditional-effects figure per default effect", async () => {
    const o = await loaded(env, "toy.csv", csv(), "y ~ x * f + (1 | g)");
    try {
      await runToResults(o.page);
      await expectResultsPage(o);
      const panel = o.page.getByTestId("effects-panel");
      await panel.waitFor();
      // Signal variance ≈ 0.64 · var(x) + group shifts ≈ 4 against wiggle variance ≈ 1.1: R² clearly between 0.5 and 0.95.
      const r2 = (await o.page.getByTestId("bayes-r2").textContent()) ?? "";
      const m = /^Bayes R² (0\.\d{3}) \(est\. error 0\.\d{3}; 95 % interval 0\.\d{3} – 0\.\d{3}\)/.exec(r2);
      expect(m, r2).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0.5);
      expect(Number(m![1])).toBeLessThan(0.95);
      await expect(o.page.getByTestId("effects-plot").count()).resolves.toBe(3);
      const titles = await o.page.locator("[data-testid=effects-plot] svg").evaluateAll((svgs) => svgs.map((s) => s.getAttribute("aria-label")));
      expect(titles).toEqual(["Conditional effect of x", "Conditional effect of f", "Conditional effect of x:f"]);
      await expect(o.page.locator("[data-testid=effects-plot] svg.hb-effects").count()).resolves.toBe(3);
    } finally {
      await o.context.close();
    }
  }, 180_000);
});
