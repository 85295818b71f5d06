/** GlmmSpecs for the pooling tests, built by hand from the CSVs in data/ (the formula layer is not needed). */
import { readFileSync } from "node:fs";
import type { GlmmSpec, PriorSpec } from "../../src/glmm/types.js";

const DATA = new URL("../../data/", import.meta.url);

/** A small CSV reader for the shipped files (no quoted commas in them). */
export function readCsv(file: string): Record<string, string[]> {
  const lines = readFileSync(new URL(file, DATA), "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const cols: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, [] as string[]]));
  for (const line of lines.slice(1)) line.split(",").forEach((v, k) => cols[header[k]].push(v.replace(/"/g, "")));
  return cols;
}

const EMPTY_X = { names: [], values: new Float64Array(0), means: new Float64Array(0), priors: [] };

/** y ~ 1 + (1 | group) with the given family, one row per observation, groups labelled by `levels`. */
export function interceptSpec(args: {
  family: GlmmSpec["family"];
  y: ArrayLike<number>;
  groupOf: ArrayLike<number>;
  levels: readonly string[];
  trials?: ArrayLike<number>;
  se?: ArrayLike<number>;
  offset?: ArrayLike<number>;
  interceptPrior?: PriorSpec;
  sdPrior?: PriorSpec;
  groupName?: string;
}): GlmmSpec {
  const n = args.y.length;
  return {
    family: args.family,
    n,
    y: Float64Array.from(args.y),
    trials: args.trials ? Float64Array.from(args.trials) : undefined,
    se: args.se ? Float64Array.from(args.se) : undefined,
    offset: args.offset ? Float64Array.from(args.offset) : undefined,
    intercept: { prior: args.interceptPrior ?? { family: "normal", args: [0, 5] } },
    X: EMPTY_X,
    groups: [
      {
        name: args.groupName ?? "g",
        levels: args.levels,
        index: Int32Array.from(args.groupOf),
        terms: ["Intercept"],
        Z: [new Float64Array(n).fill(1)],
        correlated: false,
        sdPriors: [args.sdPrior ?? { family: "normal", args: [0, 1] }],
        corPrior: { family: "lkj", args: [1] },
      },
    ],
    auxPriors: args.family === "gaussian" && !args.se ? { sigma: { family: "normal", args: [0, 5] } } : args.family === "negbinomial" ? { shape: { family: "gamma", args: [0.01, 0.01] } } : {},
  };
}

/** Efron–Morris 1970: Hits of 45 AB per player, binomial with logit link (rstanarm's pool-binomial vignette). */
export function baseball(): { spec: GlmmSpec; players: string[]; remainingAverage: Float64Array } {
  const d = readCsv("bball1970.csv");
  const players = d.Player;
  const spec = interceptSpec({
    family: "binomial",
    y: d.Hits.map(Number),
    trials: d.AB.map(Number),
    groupOf: players.map((_, j) => j + 1),
    levels: players,
    // brms-like weakly informative priors on the logit scale.
    interceptPrior: { family: "normal", args: [-1, 1.5] },
    sdPrior: { family: "normal", args: [0, 1] },
    groupName: "Player",
  });
  const remainingAverage = Float64Array.from(players, (_, j) => Number(d.RemainingHits[j]) / Number(d.RemainingAB[j]));
  return { spec, players, remainingAverage };
}
