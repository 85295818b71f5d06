// The scout's dilemma: predict each player's rest-of-season average from 45 early at-bats.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { tableToRecord } from "../../src/cli/loadData.js";
import type { ExampleOutcome } from "../types.js";
import baseball from "./model.js";

const dataPath = fileURLToPath(new URL("../../data/bball1970.csv", import.meta.url));

export const title = "Baseball batting: Efron & Morris's 18 players (partial vs no vs complete pooling)";

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const data = tableToRecord(readCsvText(readFileSync(dataPath, "utf8"))) as Record<string, number[] & string[]>;
  const result = await fit(baseball, data, { seed: 1970, ...options });
  const players = data.Player as string[];
  const hits = data.Hits as number[];
  const ab = data.AB as number[];
  const rest = (data.RemainingHits as number[]).map((h, i) => h / (data.RemainingAB as number[])[i]);
  const invLogit = (x: number) => 1 / (1 + Math.exp(-x));
  const ability = result.get("ability", "elements");
  const partial = ability.map((a) => a.reduce((s, v) => s + invLogit(v), 0) / a.length);
  const none = hits.map((h, i) => h / ab[i]);
  const league = hits.reduce((s, h) => s + h, 0) / ab.reduce((s, n) => s + n, 0);
  const sse = (est: number[]) => est.reduce((s, e, i) => s + (e - rest[i]) ** 2, 0);
  const errors = { partial_pooling: sse(partial), no_pooling: sse(none), complete_pooling: sse(none.map(() => league)) };
  const lines = players.map(
    (p, i) => `  ${p.padEnd(12)} early ${none[i].toFixed(3)}  partial pooling ${partial[i].toFixed(3)}  rest of season ${rest[i].toFixed(3)}`,
  );
  return {
    fit: result,
    numbers: errors,
    conclusion: [
      "Early average vs partially pooled estimate vs what each player actually hit for the rest of 1970:",
      ...lines,
      `Squared error against the rest of the season: partial pooling ${errors.partial_pooling.toFixed(4)}, ` +
        `no pooling ${errors.no_pooling.toFixed(4)}, complete pooling ${errors.complete_pooling.toFixed(4)}.`,
      `Shrinking each player toward the league (${league.toFixed(3)}) predicts the rest of the season ` +
        `${(errors.no_pooling / errors.partial_pooling).toFixed(1)}× better than taking the early averages at face value.`,
    ].join("\n"),
  };
}
