/** The example gallery: `hbayes example <name>` runs one; `hbayes example --list` lists them. */
import type { FitOptions } from "../src/api/fit.js";
import type { ExampleOutcome } from "./types.js";

export interface ExampleEntry {
  readonly name: string;
  readonly load: () => Promise<{ title: string; run(options?: FitOptions): Promise<ExampleOutcome> }>;
}

export const EXAMPLES: readonly ExampleEntry[] = [
  { name: "baseball", load: () => import("./baseball/example.js") },
  { name: "pumps", load: () => import("./pumps/example.js") },
  { name: "radon", load: () => import("./radon/example.js") },
  { name: "rna-pausing", load: () => import("./rna-pausing/example.js") },
  { name: "vaccine-platforms", load: () => import("./vaccine-platforms/example.js") },
  { name: "cells-in-tissues", load: () => import("./cells-in-tissues/example.js") },
  { name: "quant-genetics", load: () => import("./quant-genetics/example.js") },
  { name: "toxicity-ssd", load: () => import("./toxicity-ssd/example.js") },
  { name: "climate-model-errors", load: () => import("./climate-model-errors/example.js") },
  { name: "glycan-structures", load: () => import("./glycan-structures/example.js") },
  { name: "geophysical-inversion", load: () => import("./geophysical-inversion/example.js") },
  { name: "neutron-star-eos", load: () => import("./neutron-star-eos/example.js") },
];
