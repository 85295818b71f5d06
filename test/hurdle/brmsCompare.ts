// This folder's brms cases (fixtures/brms-summaries.json, with their simulated data beside them) for the
// shared comparison in test/support/brmsCase.ts.
import { brmsCases } from "../support/brmsCase.js";

export const { compareWithBrms } = brmsCases(new URL("./fixtures/brms-summaries.json", import.meta.url), { dataBeside: true });
export const HURDLE_DATA = new URL("./fixtures/hurdle-data.csv", import.meta.url).pathname;
