/**
 * `hbayes pooling` summarises its partial-pooling fit once (src/cli/poolingCommand.ts): the report's
 * table and the warnings share it, through poolingFitWarnings' `summaries`.
 */
import { describe, expect, it } from "vitest";
import { summarizeFit } from "../../src/api/fitSummary.js";
import { poolingFitWarnings } from "../../src/cli/poolingWarnings.js";
import { poolingFromFormula } from "../../src/pooling/poolingFromFormula.js";
import { readCsv } from "./specs.js";
import { SHORT } from "./simulate.js";

describe("poolingFitWarnings(fits, notes, summaries)", () => {
  it("takes a fit's warnings from the summary given for it, and summarises the others", async () => {
    const d = readCsv("bball1970.csv");
    const data = { Player: d.Player, Hits: d.Hits.map(Number), AB: d.AB.map(Number) };
    const r = await poolingFromFormula("Hits | trials(AB) ~ 1 + (1 | Player)", data, "binomial", { ...SHORT, seed: 5, loo: false });
    const own = summarizeFit(r.fits.partial_pooling);
    const given = { ...own, warnings: ["the caller's summary"] };
    const ws = poolingFitWarnings(r.fits, ["a note"], { partial_pooling: given });
    expect(ws[0]).toBe("a note");
    expect(ws).toContain("partial pooling: the caller's summary");
    expect(ws.filter((w) => w.startsWith("partial pooling: "))).toEqual(["partial pooling: the caller's summary"]);
    // Without it the same fits give their own warnings.
    const plain = poolingFitWarnings(r.fits, ["a note"]);
    expect(plain.filter((w) => w.startsWith("partial pooling: "))).toEqual(own.warnings.map((w) => `partial pooling: ${w}`));
  }, 60_000);
});
