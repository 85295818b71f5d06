/**
 * Test harness page (not part of the app): the library's own `fit`, called exactly as from Node —
 * no createWorker, threads: 1, so its chains run on this thread with no worker target — in the
 * browser's JavaScript engine. The app's draws are compared with these bit for bit: same engine,
 * same Math.* rounding, different path (the app's bundled workers loading a marginal plan).
 */
import { fit, fitProgram } from "../../../../src/api/fit.js";
import type { Fit } from "../../../../src/api/fitResult.js";
import { formatCmdStanCsv } from "../../../../src/io/writeCmdStanCsv.js";
import type { Model } from "../../../../src/model/model.js";
import baseballModel from "../../../../examples/baseball/model.js";
import radonModel from "../../../../examples/radon/model.js";
import eightSchoolsModel from "../../../../web/src/models/eightSchools.js";
import { loadCsv, tableToRecord } from "../../../../web/src/data.js";
import { formulaModel } from "../../../../web/src/formula.js";
import { mathProbe } from "../mathProbe.js";

const MODELS: Readonly<Record<string, Model>> = { eight_schools: eightSchoolsModel, radon: radonModel, baseball: baseballModel };

export interface ReferenceRequest {
  /** A built-in example's DSL model by name, or "formula" (then `formula` and `family` are used). */
  readonly model: string;
  readonly formula?: string;
  readonly family?: string;
  readonly csv: string;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
}

/** The fit as the app makes it (web/src/run.ts: runModel / runProgram), with threads: 1 and no createWorker. */
async function referenceFit(req: ReferenceRequest): Promise<Fit> {
  const table = loadCsv(`${req.model}.csv`, req.csv).table;
  const settings = { chains: req.chains, warmup: req.warmup, draws: req.draws, seed: req.seed, threads: 1 };
  if (req.model === "formula") return fitProgram(formulaModel(req.formula ?? "", req.family ?? "", [], table).program, settings);
  const model = MODELS[req.model];
  if (model === undefined) throw new Error(`reference: no model ${req.model}`);
  return fit(model, tableToRecord(table), { ...settings, generated: true });
}

/** One CmdStan CSV text per chain, written as the app's download button writes them (main.ts). */
async function referenceCsvs(req: ReferenceRequest): Promise<string[]> {
  const f = await referenceFit(req);
  const r = f.result;
  return Array.from({ length: req.chains }, (_, c) =>
    formatCmdStanCsv(f.draws, {
      model: req.model,
      seed: r.settings.seed,
      chain: c,
      settings: { numWarmup: r.settings.warmup, thin: r.settings.thin, delta: r.settings.adaptDelta, maxDepth: r.settings.maxTreeDepth, metric: r.settings.metric === "dense" ? "dense_e" : "diag_e" },
    }),
  );
}

Object.assign(globalThis, { hbayesReference: referenceCsvs, hbayesMathProbe: mathProbe });
