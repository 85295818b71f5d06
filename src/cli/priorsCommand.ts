/** `hbayes priors`: the priors a formula model will use — brms's defaults, refined by --prior. */
import { buildDesign } from "../formula/design.js";
import { priorTable } from "../formula/priors.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import { readKnownCovOptions } from "./knownCovFile.js";

export interface PriorsCliOptions {
  data: string;
  formula: string;
  family: string;
  levels?: string[];
  prior: string[];
  json?: boolean;
  /** `--cov A=A.csv`: checks the matrices of gr(g, cov = A) as a fit would (the table does not need them). */
  cov?: string[];
}

export function priorsCommand(o: PriorsCliOptions): void {
  const design = withDataNotes(loadDataTable(o.data), (data) => buildDesign(o.formula, data, { family: o.family, ...(o.levels ? { levels: o.levels } : {}), ...(o.cov && o.cov.length > 0 ? { data2: readKnownCovOptions(o.cov) } : {}) }));
  const rows = priorTable(design, o.prior);
  if (o.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  // Non-linear models add brms's nlpar, lb and ub columns.
  const nl = rows.some((r) => r.nlpar !== undefined);
  const head = ["prior", "class", "coef", "group", ...(nl ? ["nlpar", "lb", "ub"] : []), "source"];
  const cells = rows.map((r) => [r.prior, r.class, r.coef, r.group, ...(nl ? [r.nlpar ?? "", r.lb ?? "", r.ub ?? ""] : []), r.source]);
  const all = [head, ...cells];
  const widths = head.map((_, j) => Math.max(...all.map((r) => String(r[j]).length)));
  process.stdout.write(`${all.map((r) => r.map((c, j) => String(c).padEnd(widths[j])).join("  ").trimEnd()).join("\n")}\n`);
}
