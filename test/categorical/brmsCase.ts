// This folder's brms case (fixtures/brms-summaries.json) for the shared comparison in test/support/brmsCase.ts.
import { brmsCases } from "../support/brmsCase.js";

export const { compareWithBrms } = brmsCases(new URL("./fixtures/brms-summaries.json", import.meta.url));
export { failures } from "../support/brmsCase.js";
