/** `--cov A=A.csv` (repeatable) → brms's data2 of known covariance matrices. */
import { readFileSync } from "node:fs";
import { UserError } from "../errors.js";
import type { KnownCovariances, KnownCovariance } from "../formula/knownCov.js";
import { knownCovFromCsv } from "../formula/knownCovCsv.js";

export function readKnownCovOptions(specs: readonly string[]): KnownCovariances {
  const out: Record<string, KnownCovariance> = {};
  for (const s of specs) {
    const eq = s.indexOf("=");
    const name = s.slice(0, eq).trim();
    const file = s.slice(eq + 1).trim();
    if (eq < 0 || !/^[A-Za-z.][A-Za-z0-9._]*$/.test(name) || file === "") throw new UserError(`--cov: expected name=file.csv (e.g. --cov A=A.csv), got '${s}'`);
    if (out[name]) throw new UserError(`--cov: the matrix '${name}' is given twice`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new UserError(`--cov ${name}: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    out[name] = knownCovFromCsv(name, text, file);
  }
  return out;
}
