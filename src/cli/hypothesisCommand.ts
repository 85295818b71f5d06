/**
 * `hbayes hypothesis DIR "floor < 0" …`: brms's hypothesis() on the draws of an `--out` folder or of
 * CmdStan CSV files.
 */
import { formatHypotheses, hypothesis, type HypothesisScope } from "../hypothesis/hypothesis.js";
import { readCmdStanCsvFiles } from "../io/cmdStanFiles.js";
import { csvFiles } from "./summaryCommand.js";

export interface HypothesisCliOptions {
  readonly class: string;
  readonly alpha: number;
  readonly robust?: boolean;
  readonly scope: HypothesisScope;
  readonly group?: string;
  readonly json?: boolean;
}

export function hypothesisCommand(dir: string, hypotheses: readonly string[], opts: HypothesisCliOptions): void {
  const paths = dir.split(",").filter((p) => p !== "");
  const { draws } = readCmdStanCsvFiles(csvFiles(paths));
  const result = hypothesis(draws, hypotheses, { class: opts.class, alpha: opts.alpha, robust: opts.robust === true, scope: opts.scope, ...(opts.group !== undefined ? { group: opts.group } : {}) });
  if (opts.json) {
    // NA (a point hypothesis's evidence ratio and probability) is null in JSON.
    const na = (v: number): number | null => (Number.isNaN(v) ? null : v === Infinity ? null : v);
    const rows = result.rows.map((r) => ({
      ...(r.group !== undefined ? { group: r.group } : {}),
      hypothesis: r.hypothesis,
      estimate: r.estimate,
      est_error: r.estError,
      ci_lower: r.ciLower,
      ci_upper: r.ciUpper,
      evid_ratio: na(r.evidRatio),
      evid_ratio_infinite: r.evidRatio === Infinity,
      post_prob: na(r.postProb),
      star: r.star,
    }));
    process.stdout.write(`${JSON.stringify({ class: result.class, alpha: result.alpha, robust: result.robust, hypotheses: rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatHypotheses(result)}\n`);
}
