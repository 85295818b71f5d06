/** `hbayes priors`: the priors a formula model will use — brms's defaults, refined by --prior. */
import { buildDesign } from "../formula/design.js";
import { priorTable } from "../formula/priors.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import { readKnownCovOptions } from "./knownCovFile.js";
import { isMultivariateFormula } from "../formula/multivariate.js";
import { buildMultivariateDesign, multivariatePriorTable } from "../formula/multivariateDesign.js";

/** A multivariate model's table: brms's resp column after group. */
function printTable(rows: readonly { prior: string; class: string; coef: string; group: string; resp: string; source: string }[], json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const all = [["prior", "class", "coef", "group", "resp", "source"], ...rows.map((r) => [r.prior, r.class, r.coef, r.group, r.resp, r.source])];
  const widths = all[0].map((_, j) => Math.max(...all.map((r) => r[j].length)));
  process.stdout.write(`${all.map((r) => r.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd()).join("\n")}\n`);
}

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
  if (isMultivariateFormula(o.formula)) return printTable(withDataNotes(loadDataTable(o.data), (data) => multivariatePriorTable(buildMultivariateDesign(o.formula, data, { family: o.family, priors: o.prior }), o.prior)), o.json);
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
