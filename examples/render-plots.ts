/**
 * Renders the plots each example's README embeds: `npx tsx examples/render-plots.ts [name…]` runs
 * the named examples (all when none are named) one after another with their own seeds and default
 * settings, `threads: 2`, and writes 2–3 standalone SVGs into `examples/<name>/plots/`.
 * The SVGs are committed, so a README shows them without anyone running a sampler.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Fit } from "../src/api/fitResult.js";
import { tableToRecord } from "../src/cli/loadData.js";
import { readCsvText } from "../src/io/readCsvText.js";
import { forestPlot, forestRowsFromDraws, shrinkagePlot, tracePlot, type ForestPlotOptions, type ShrinkageGroup } from "../src/plots/index.js";
import { poolingFromFormula, shrinkageGroups, shrinkagePlotOptions } from "../src/pooling/index.js";
import { EXAMPLES } from "./index.js";
import type { ExampleOutcome } from "./types.js";

/** The settings every example is run with here; everything else is the example's own default. */
const RUN_OPTIONS = Object.freeze({ threads: 2 });

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const readTable = (path: string) => readCsvText(readFileSync(here(path), "utf8"));

/** A CSV's columns by name: `nums` for numbers, `strs` for labels (numbers as text). */
function readColumns(path: string): { nums(name: string): number[]; strs(name: string): string[] } {
  const cols = tableToRecord(readTable(path)) as Record<string, readonly (number | string)[]>;
  const col = (name: string) => {
    const c = cols[name];
    if (!c) throw new Error(`render-plots: ${path} has no column ${name}`);
    return c;
  };
  return { nums: (name) => col(name).map(Number), strs: (name) => col(name).map(String) };
}

const mean = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};
const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

/** The output names of a vector, in order: `ability` → `ability[1]`, `ability[2]`, … */
const elementsOf = (fit: Fit, base: string) => fit.names.filter((n) => n.startsWith(`${base}[`));

/** Forest of the named outputs, each row labelled by `labels[i]` instead of its index. */
function forest(fit: Fit, names: readonly string[], labels: readonly string[] | null, options: ForestPlotOptions): Promise<string> {
  const byName = new Map(names.map((n, i) => [n, labels ? labels[i] : n]));
  return forestPlot(forestRowsFromDraws(fit.draws, names), { label: (n) => byName.get(n) ?? n, ...options });
}

/** How many rows each label has. */
function countLevels(labels: readonly string[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
  return n;
}

/** Levels as `data.factor` codes them: sorted by code unit. */
const sortedLevels = (labels: readonly string[]) => [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Shrinkage of Poisson rates with exposure (pumps, rna-pausing): each unit's own rate
 * count / exposure against the posterior mean of its rate; the dashed line is alpha/beta.
 */
function rateShrinkage(fit: Fit, labels: readonly string[], counts: readonly number[], time: readonly number[], xLabel: string, title: string): Promise<string> {
  const lambda = fit.get("lambda", "elements").map(mean);
  const alpha = fit.get("alpha");
  const beta = fit.get("beta");
  const groups: ShrinkageGroup[] = labels.map((label, i) => ({ label, n: time[i], noPooling: counts[i] / time[i], partialPooling: lambda[i] }));
  return shrinkagePlot(groups, { populationMean: mean(alpha.map((a, k) => a / beta[k])), xLabel, title });
}

/** A plot file; `svg` is a promise because vega renders asynchronously. */
type Plot = { readonly file: string; readonly svg: Promise<string> };
type Renderer = (outcome: ExampleOutcome) => Promise<Plot[]>;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  async baseball({ fit }) {
    const d = readColumns("../data/bball1970.csv");
    const ability = fit.get("ability", "elements");
    const mu = fit.get("mu");
    const [players, ab, hits] = [d.strs("Player"), d.nums("AB"), d.nums("Hits")];
    const groups: ShrinkageGroup[] = players.map((label, i) => ({
      label,
      n: ab[i],
      noPooling: hits[i] / ab[i],
      partialPooling: mean(ability[i].map(invLogit)),
    }));
    return [
      { file: "trace-sigma.svg", svg: tracePlot(fit.draws, "sigma") },
      { file: "forest-ability.svg", svg: forest(fit, elementsOf(fit, "ability"), players, { sort: "descending", title: "Each player's ability (logit of batting average)" }) },
      {
        file: "shrinkage.svg",
        svg: shrinkagePlot(groups, { populationMean: mean(mu.map(invLogit)), xLabel: "batting average", title: "Early average (top) → partially pooled estimate (bottom)" }),
      },
    ];
  },

  async pumps({ fit }) {
    const d = readColumns("../data/pumps.csv");
    const labels = d.strs("pump").map((p) => `pump ${p}`);
    return [
      { file: "trace-alpha.svg", svg: tracePlot(fit.draws, "alpha") },
      { file: "forest-lambda.svg", svg: forest(fit, elementsOf(fit, "lambda"), labels, { title: "Failure rate of each pump (per 1000 hours)" }) },
      {
        file: "shrinkage.svg",
        svg: rateShrinkage(fit, labels, d.nums("failures"), d.nums("time"), "failures per 1000 hours (point area: hours observed)", "Own rate failures/time (top) → posterior mean rate (bottom)"),
      },
    ];
  },

  async radon({ fit }) {
    const d = readColumns("../data/radon_mn.csv");
    const counties = sortedLevels(d.strs("county"));
    const a = fit.get("a", "elements").map(mean);
    const b = mean(fit.get("b"));
    // A county's own intercept: its mean log radon with the floor effect taken out (b at its
    // posterior mean), the quantity a[county] estimates with pooling.
    const own = new Map<string, { s: number; n: number }>();
    const [logRadon, floor] = [d.nums("log_radon"), d.nums("floor")];
    d.strs("county").forEach((c, i) => {
      const o = own.get(c) ?? { s: 0, n: 0 };
      o.s += logRadon[i] - b * floor[i];
      o.n += 1;
      own.set(c, o);
    });
    const groups: ShrinkageGroup[] = counties.map((c, j) => {
      const o = own.get(c) as { s: number; n: number };
      return { label: c, n: o.n, noPooling: o.s / o.n, partialPooling: a[j] };
    });
    return [
      { file: "trace-sigma_a.svg", svg: tracePlot(fit.draws, "sigma_a") },
      { file: "forest-a.svg", svg: forest(fit, elementsOf(fit, "a"), counties, { sort: "ascending", title: "County intercepts a[county] (log radon, basement)" }) },
      {
        file: "shrinkage.svg",
        svg: shrinkagePlot(groups, {
          populationMean: mean(fit.get("mu_a")),
          xLabel: "county intercept, log radon (point area: homes measured)",
          title: "County's own floor-adjusted mean (top) → partially pooled a[county] (bottom)",
        }),
      },
    ];
  },

  async "rna-pausing"({ fit }) {
    const d = readColumns("./rna-pausing/data.csv");
    return [
      { file: "trace-alpha.svg", svg: tracePlot(fit.draws, "alpha") },
      { file: "forest-lambda.svg", svg: forest(fit, elementsOf(fit, "lambda"), d.strs("molecule"), { sort: "ascending", title: "Pause rate of each molecule (per second)" }) },
      {
        file: "shrinkage.svg",
        svg: rateShrinkage(fit, d.strs("molecule"), d.nums("pauses"), d.nums("time"), "pauses per second (point area: seconds watched)", "Own rate pauses/time (top) → posterior mean rate (bottom)"),
      },
    ];
  },

  async "vaccine-platforms"({ fit }) {
    const ex = await import("./vaccine-platforms/example.js");
    return [
      { file: "trace-sd_platform.svg", svg: tracePlot(fit.draws, "sd_platform__Intercept") },
      { file: "forest-r_platform.svg", svg: forest(fit, elementsOf(fit, "r_platform"), null, { reference: 0, title: "Platform effects r_platform (log titre, vs the overall mean)" }) },
      await formulaShrinkage("./vaccine-platforms/data.csv", ex.FORMULA, ex.PRIORS, 611, { adaptDelta: 0.95 }),
    ];
  },

  async "cells-in-tissues"({ fit }) {
    const names = [...elementsOf(fit, "r_organism"), ...elementsOf(fit, "r_organism:tissue")];
    return [
      { file: "trace-sd_organism.svg", svg: tracePlot(fit.draws, "sd_organism__Intercept") },
      { file: "trace-sd_organism_tissue.svg", svg: tracePlot(fit.draws, "sd_organism:tissue__Intercept") },
      { file: "forest-effects.svg", svg: forest(fit, names, null, { reference: 0, title: "Organism effects, then tissue-within-organism effects" }) },
    ];
  },

  async "quant-genetics"({ fit }) {
    const ex = await import("./quant-genetics/example.js");
    return [
      { file: "trace-sd_sire.svg", svg: tracePlot(fit.draws, "sd_sire__Intercept") },
      { file: "forest-r_sire.svg", svg: forest(fit, elementsOf(fit, "r_sire"), null, { reference: 0, title: "Sire effects r_sire (weight, vs the overall mean)" }) },
      await formulaShrinkage("./quant-genetics/data.csv", ex.FORMULA, ex.PRIORS, 1918, { adaptDelta: 0.95 }),
    ];
  },

  async "toxicity-ssd"({ fit }) {
    const d = readColumns("./toxicity-ssd/data.csv");
    const [bySpecies, y] = [d.strs("species"), d.nums("log10_ec50")];
    const species = sortedLevels(bySpecies);
    const n = countLevels(bySpecies);
    const own = species.map((s) => mean(y.filter((_, i) => bySpecies[i] === s)));
    const a = fit.get("a", "elements").map(mean);
    const groups: ShrinkageGroup[] = species.map((label, j) => ({ label, n: n.get(label) as number, noPooling: own[j], partialPooling: a[j] }));
    return [
      { file: "trace-sigma_species.svg", svg: tracePlot(fit.draws, "sigma_species") },
      {
        file: "forest-species.svg",
        svg: forest(fit, [...elementsOf(fit, "a"), "mu", "log10_hc5"], [...species, "mu (mean species)", "log10 HC5"], {
          title: "Species mean log10 EC50, the distribution's mean and its 5 % quantile",
          xLabel: "log10 EC50 (µg/L)",
        }),
      },
      {
        file: "shrinkage.svg",
        svg: shrinkagePlot(groups, {
          populationMean: mean(fit.get("mu")),
          xLabel: "log10 EC50 (point area: tests per species)",
          title: "Species' own mean (top) → partially pooled a[species] (bottom)",
        }),
      },
    ];
  },

  async "climate-model-errors"({ fit }) {
    const sds = fit.names.filter((n) => n.startsWith("sd_") || n === "sigma");
    return [
      { file: "trace-sd_model.svg", svg: tracePlot(fit.draws, "sd_model__Intercept") },
      { file: "forest-sd.svg", svg: forest(fit, sds, null, { title: "Variance components: sd of each source of spread (°C)" }) },
      {
        file: "forest-effects.svg",
        svg: forest(fit, [...elementsOf(fit, "r_model"), ...elementsOf(fit, "r_scenario")], null, { reference: 0, title: "Model effects and scenario effects (°C, vs the overall mean)" }),
      },
    ];
  },

  async "glycan-structures"({ fit }) {
    const samples = fit.names.filter((n) => /^x_\d+\[/.test(n));
    const labels = samples.map((n) => n.replace(/^x_(\d+)\[(\d+)\]$/, (_, s, k) => `sample ${s} · step ${k}`));
    return [
      { file: "trace-tau.svg", svg: tracePlot(fit.draws, "tau") },
      { file: "forest-x.svg", svg: forest(fit, samples, labels, { title: "Cumulative abundance per sample and step (ordered fit, pmol)" }) },
    ];
  },

  async "geophysical-inversion"({ fit }) {
    return [
      { file: "trace-s.svg", svg: tracePlot(fit.draws, "s") },
      { file: "forest-m.svg", svg: forest(fit, elementsOf(fit, "m"), null, { title: "Recovered model m[1…60], top to bottom" }) },
    ];
  },

  async "neutron-star-eos"({ fit }) {
    return [
      { file: "trace-tau.svg", svg: tracePlot(fit.draws, "tau") },
      { file: "forest-cs2.svg", svg: forest(fit, elementsOf(fit, "cs2"), null, { reference: 1, title: "Speed of sound squared per density segment (causal fit; c_s² = 1 is light)" }) },
    ];
  },
};

/**
 * The shrinkage plot of a formula example with one varying intercept: `poolingFromFormula` fits no,
 * complete and partial pooling with the example's priors and seed; LOO is skipped (not plotted).
 */
async function formulaShrinkage(
  dataPath: string,
  formula: string,
  priors: readonly string[],
  seed: number,
  extra: { adaptDelta?: number },
): Promise<Plot> {
  const result = await poolingFromFormula(formula, readTable(dataPath), "gaussian", { ...RUN_OPTIONS, ...extra, seed, priors, loo: false });
  return { file: "shrinkage.svg", svg: shrinkagePlot(shrinkageGroups(result), { ...shrinkagePlotOptions(result), title: "No pooling (top) → partial pooling (bottom)" }) };
}

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((n) => !EXAMPLES.some((e) => e.name === n));
  if (unknown.length > 0) throw new Error(`render-plots: unknown example ${unknown.join(", ")}; examples are ${EXAMPLES.map((e) => e.name).join(", ")}`);
  for (const entry of EXAMPLES) {
    if (names.length > 0 && !names.includes(entry.name)) continue;
    const render = RENDERERS[entry.name];
    if (!render) throw new Error(`render-plots: no plots defined for example ${entry.name}`);
    const t0 = performance.now();
    const outcome = await (await entry.load()).run(RUN_OPTIONS);
    const plots = await render(outcome);
    const dir = here(`./${entry.name}/plots`);
    mkdirSync(dir, { recursive: true });
    const svgs = await Promise.all(plots.map((p) => p.svg));
    plots.forEach((p, i) => writeFileSync(`${dir}/${p.file}`, svgs[i]));
    const kb = plots.map((p, i) => `${p.file} ${(svgs[i].length / 1024).toFixed(0)} kB`).join(", ");
    console.log(`${entry.name}: ${kb} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
