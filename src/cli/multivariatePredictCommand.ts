/**
 * `hbayes predict DIR --data new.csv` for a multivariate fit (DIR/model.json of schema
 * hbayes-multivariate-model/1): per row and response mean, sd, q5, q50, q95 (log_lik: one joint value per
 * row), or every draw with --draws (columns row_3[y1], row_3[y2], …).
 */
import { UserError } from "../errors.js";
import { formatRoundTrip } from "../io/formatNumber.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import { multivariatePredict } from "../predict/multivariate.js";
import { multivariateFromSaved } from "../predict/multivariateSaved.js";
import { summarizePredictions } from "../predict/summary.js";
import { loadDataTable, withDataNotes } from "./loadData.js";
import type { PredictCliOptions } from "./predictCommand.js";
import { csvFiles } from "./summaryCommand.js";

export function predictMultivariateCommand(dir: string, saved: unknown, o: PredictCliOptions): void {
  const mv = multivariateFromSaved(saved);
  const { chains, draws } = readCmdStanCsvFiles(csvFiles([dir]));
  const fitSeed = Number(chains[0]?.config["random.seed"] ?? chains[0]?.config["seed"]);
  const seed = o.seed ?? (Number.isFinite(fitSeed) ? fitSeed : undefined);
  const table = loadDataTable(o.data);
  let m: ReturnType<typeof multivariatePredict>;
  try {
    m = withDataNotes(table, (data) => multivariatePredict(draws, mv, o.type, data, { allowNewLevels: o.newLevels === true, newLevels: o.newLevelsMethod, ...(seed !== undefined ? { seed } : {}) }));
  } catch (e) {
    if (e instanceof UserError && !o.newLevels && e.message.includes("allow_new_levels")) throw new UserError(`${e.message} (on the command line: --new-levels)`);
    throw e;
  }
  const K = m.responses.length;
  const lines: string[] = [];
  const label = (r: number, k: number): string => (K === 1 ? `row_${r + 1}` : `row_${r + 1}[${m.responses[k]}]`);
  if (o.draws) {
    lines.push(["chain", "draw", ...Array.from(m.rows, (r) => m.responses.map((_, k) => label(r, k))).flat()].join(","));
    for (let s = 0; s < m.draws; s++) {
      const c = m.chainIds[s];
      const cells = [String(c), String(s - (c - 1) * draws.draws + 1)];
      for (let i = 0; i < m.observations; i++) cells.push(formatRoundTrip(m.data[s * m.observations + i]));
      lines.push(cells.join(","));
    }
  } else {
    lines.push("row,response,mean,sd,q5,q50,q95");
    summarizePredictions(m).forEach((r, j) => lines.push([String(m.rows[Math.floor(j / K)] + 1), m.responses[j % K], ...[r.mean, r.sd, r.q5, r.q50, r.q95].map(formatRoundTrip)].join(",")));
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  if (m.rows.length < table.nRows) process.stderr.write(`note: ${table.nRows - m.rows.length} row(s) of ${o.data} have missing predictors and were left out; 'row' is the data row number\n`);
  process.stderr.write(`${o.type} for ${m.rows.length} row(s) × ${K === 1 ? "the joint density" : `${K} responses`} from ${m.draws} draws (${draws.chains} chains)\n`);
}
