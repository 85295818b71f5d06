import type { Fit } from "../src/api/fitResult.js";

/** What an example's `run()` returns: the fit, its key numbers, and the conclusion in words. */
export interface ExampleOutcome {
  readonly fit: Fit;
  readonly numbers: Readonly<Record<string, number>>;
  readonly conclusion: string;
}
